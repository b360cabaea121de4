import Foundation
import LXCBackend
import PhoenixCore

/// The forking operations, run inside the single-threaded helper process.
enum HelperOperations {
    static func run(_ request: HelperRequest) throws(PhoenixError) {
        let container = try LXCContainer(name: request.name, lxcpath: request.lxcpath)
        switch request.verb {
        case .create:
            guard !container.isDefined else {
                throw PhoenixError(.conflict, "Container \(request.name) already exists.")
            }
            try container.setConfigItems(request.config.map { ($0.key, $0.value) })
            if let source = request.rootfsSource {
                try container.create(template: nil)
                try populateRootfs(of: container, from: source)
            } else {
                try container.create(template: request.template ?? "busybox")
            }
        case .start:
            guard container.isDefined else { throw PhoenixError.notFound("Container \(request.name)") }
            if container.state == "RUNNING" { return }
            try container.start()
        case .clone:
            guard let sourceName = request.source else {
                throw PhoenixError(.internalError, "clone needs --source.")
            }
            let source = try LXCContainer(name: sourceName, lxcpath: request.lxcpath)
            guard source.isDefined else { throw PhoenixError.notFound("Container \(sourceName)") }
            guard source.state == "STOPPED" else {
                throw PhoenixError(.conflict, "Container \(sourceName) must be stopped to be cloned.")
            }
            let clone = try source.clone(to: request.name, lxcpath: request.lxcpath)
            try clone.setConfigItems(request.config.map { ($0.key, $0.value) })
            try clone.saveConfig()
        case .destroy:
            guard container.isDefined else { throw PhoenixError.notFound("Container \(request.name)") }
            try container.destroy()
        }
    }

    /// Copies a rootfs directory or unpacks a tarball into the new container's rootfs.
    private static func populateRootfs(of container: LXCContainer, from source: String) throws(PhoenixError) {
        let rootfs = container.directory + "/rootfs"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw PhoenixError.notFound("The rootfs source \(source)")
        }
        let arguments = isDirectory.boolValue ? ["-a", "--", source + "/.", rootfs + "/"]
                                              : ["-xpf", source, "-C", rootfs]
        let program = isDirectory.boolValue ? "/bin/cp" : "/bin/tar"
        let outcome = try ChildProcess.run(program, arguments: arguments, outputFile: "/dev/null", timeout: 600)
        guard outcome == .exited(0) else {
            throw PhoenixError(.backendFailure, "Could not copy the rootfs from \(source) (\(outcome)).")
        }
        // The busybox template writes these itself; a bare rootfs needs the common mounts.
        // create() without a template leaves lxc.rootfs.path unset, which would mean the
        // host's own root; point it at the copied tree explicitly.
        try container.setConfigItems([("lxc.rootfs.path", "dir:" + rootfs),
                                      ("lxc.include", "/usr/share/lxc/config/common.conf"),
                                      ("lxc.mount.auto", "cgroup:mixed proc:mixed sys:mixed"),
                                      ("lxc.uts.name", container.name)])
        try container.saveConfig()
    }

    static func writeResult(_ value: JSONValue, to path: String) {
        let text = JSONWriter().string(value) + "\n"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}
