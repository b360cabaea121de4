public import PhoenixCore
import Foundation

/// The `lxc` driver's configuration options, checked once when the driver is built.
public struct LXCDriverOptions: Sendable, Hashable {
    /// How new containers get a network.
    public enum Network: Sendable, Hashable {
        /// `lxc.net.0.type = empty`: loopback only (the default; no bridge is needed).
        case empty
        /// A veth pair whose host end joins this bridge.
        case bridge(String)
    }

    /// Every option name, for `rejectUnknown` and the docs.
    public static let known: Set<String> = [
        "lxcpath", "template", "local_rootfs", "clone_from", "bridge", "shutdown_grace_s",
        "default_cpus", "default_memory_mb", "helper_path", "helper_timeout_s", "log_level",
    ]

    /// Where containers live (`lxc -P`).
    public var lxcpath: String
    /// The template for new containers that name neither `template` nor `clone_from`.
    public var template: String
    /// The rootfs directory or tarball used by the `local` template.
    public var localRootfs: String?
    /// The container (API name or LXC name) new containers are cloned from by default.
    public var cloneFrom: String?
    /// The network of new containers.
    public var network: Network
    /// Seconds a clean shutdown may take before the container is killed.
    public var shutdownGrace: Int
    /// CPU limit for new containers made from a template when the request has none.
    public var defaultCPUs: Int?
    /// Memory limit for new containers made from a template when the request has none.
    public var defaultMemoryMB: Int?
    /// The `phoenix-lxc-helper` executable.
    public var helperPath: String
    /// Seconds after which a helper (create, start, clone, destroy) is killed.
    public var helperTimeout: Int
    /// liblxc's log level (`ERROR`, `WARN`, `INFO`, `DEBUG`, `TRACE`).
    public var logLevel: String
    /// The JSON path of the options object in the config, for later errors.
    public var path: String

    /// The templates the driver can create from offline.
    public static let templates = ["busybox", "local"]

    /// Reads and checks the options.
    /// - Throws: `PhoenixError` `invalidConfig` naming the offending option.
    public init(_ options: DriverOptions) throws {
        try options.rejectUnknown(Self.known)
        path = options.path
        lxcpath = try Self.absolutePath(options, "lxcpath") ?? "/var/lib/lxc"
        template = try options.string("template", default: "busybox")!
        guard Self.templates.contains(template) else {
            throw options.error("template", "Option 'template' must be one of: \(Self.templates.joined(separator: ", ")).")
        }
        localRootfs = try Self.absolutePath(options, "local_rootfs")
        if template == "local", localRootfs == nil {
            throw options.error("local_rootfs", "The 'local' template needs option 'local_rootfs'.")
        }
        cloneFrom = try options.string("clone_from")
        if let cloneFrom, !NameRule.isValid(cloneFrom) {
            throw options.error("clone_from", "Option 'clone_from' must match \(NameRule.pattern).")
        }
        if let bridge = try options.string("bridge") {
            guard Self.isInterfaceName(bridge) else {
                throw options.error("bridge", "Option 'bridge' must be an interface name (1-15 of A-Z a-z 0-9 _ . -).")
            }
            network = .bridge(bridge)
        } else {
            network = .empty
        }
        shutdownGrace = try Self.int(options, "shutdown_grace_s", 0...3600) ?? 10
        defaultCPUs = try Self.int(options, "default_cpus", LXCFields.cpuRange)
        defaultMemoryMB = try Self.int(options, "default_memory_mb", LXCFields.memoryRange)
        helperPath = try Self.absolutePath(options, "helper_path") ?? Self.helperNextToExecutable()
        helperTimeout = try Self.int(options, "helper_timeout_s", 1...3600) ?? 300
        logLevel = try options.string("log_level", default: "WARN")!.uppercased()
        guard ["ERROR", "WARN", "NOTICE", "INFO", "DEBUG", "TRACE"].contains(logLevel) else {
            throw options.error("log_level", "Option 'log_level' must be ERROR, WARN, NOTICE, INFO, DEBUG or TRACE.")
        }
    }

    /// `phoenix-lxc-helper` in the directory of the running executable (phoenixd, or the
    /// test runner, which SwiftPM builds next to it).
    static func helperNextToExecutable() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("phoenix-lxc-helper").path
    }

    private static func absolutePath(_ options: DriverOptions, _ key: String) throws -> String? {
        guard let path = try options.string(key) else { return nil }
        do {
            try FieldSpec.ValueType.absolutePath.validate(.string(path), path: key)
        } catch {
            throw options.error(key, "Option '\(key)' must be an absolute path without '..' or control characters.")
        }
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    private static func int(_ options: DriverOptions, _ key: String, _ range: ClosedRange<Int>) throws -> Int? {
        guard let value = try options.int(key) else { return nil }
        guard range.contains(value) else {
            throw options.error(key, "Option '\(key)' must be between \(range.lowerBound) and \(range.upperBound).")
        }
        return value
    }

    private static func isInterfaceName(_ name: String) -> Bool {
        (1...15).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }
}
