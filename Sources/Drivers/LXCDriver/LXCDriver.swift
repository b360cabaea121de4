public import PhoenixCore
import Foundation
import LXCBackend
import Synchronization

/// Serves `containers` with real LXC system containers through liblxc.
///
/// Fork-free server: liblxc's `create`, `start`, `clone` and `destroy` fork (template
/// scripts, the daemonized monitor, rsync, destroy hooks), so they run in
/// `phoenix-lxc-helper`, started with `posix_spawn`. Everything else (listing, state,
/// config, cgroup limits, freeze, shutdown, stop) calls liblxc in-process on the driver's
/// own threads. Identity: the LXC container name is the Phoenix id (`<lxcpath>/950`), and the
/// API name lives in `<lxcpath>/950/phoenix.json`, so both survive a lost store.
public final class LXCDriver: ResourceDriver {
    /// What this instance supports.
    public let capabilities: DriverCapabilities
    let options: LXCDriverOptions
    let layout: CgroupLayout
    let executor = BlockingExecutor(label: "phoenix.lxc", concurrent: true)
    let helper: HelperRunner
    let locks = KeyedLock()
    let log: Log
    /// Names and handles of creates and renames in progress: reserved so two requests
    /// cannot take the same name, and hidden from `list` until complete.
    let inFlight = Mutex<(names: Set<String>, handles: Set<String>)>(([], []))

    /// Builds a driver; creates `lxcpath` and the driver's state directory if missing.
    /// - Throws: `PhoenixError` `invalidConfig` when the helper is missing or a directory
    ///   cannot be created.
    public init(options: LXCDriverOptions, kind: ResourceKind = .containers, stateDirectory: String,
                log: Log = Log()) throws {
        self.options = options
        self.log = log.labelled("lxc")
        capabilities = LXCFields.capabilities(kind: kind)
        layout = CgroupLayout.detect()
        let own = stateDirectory + "/drivers/lxc"
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(atPath: own + "/run", withIntermediateDirectories: true)
            try fileManager.createDirectory(atPath: options.lxcpath, withIntermediateDirectories: true)
        } catch {
            throw PhoenixError(.invalidConfig, "Cannot create the LXC driver's directories: \(error.localizedDescription)",
                               field: options.path + ".lxcpath", underlying: error)
        }
        guard fileManager.isExecutableFile(atPath: options.helperPath) else {
            throw PhoenixError(.invalidConfig, "The LXC helper \(options.helperPath) is missing or not executable.",
                               field: options.path + ".helper_path")
        }
        // liblxc's log is per process: the first driver's file wins in this process, but
        // each helper logs to this driver's own file (liblxc creates missing parents).
        let lxcLog = LXCLibrary.initializeLog(file: own + "/lxc.log", level: options.logLevel)
        helper = HelperRunner(executable: options.helperPath, lxcLog: own + "/lxc.log", helperLog: own + "/helper.log",
                              runDirectory: own + "/run", timeout: options.helperTimeout)
        self.log.info("liblxc \(LXCLibrary.version), lxcpath \(options.lxcpath), cgroup \(layout.rawValue), log \(lxcLog)")
    }

    /// Every container in the lxcpath whose name is a valid handle, in one pass.
    public func list() async throws -> [DriverResource] {
        let hidden = inFlight.withLock { $0.handles }
        return try await executor.run { [self] in
            try LXCLibrary.allContainers(in: options.lxcpath).compactMap { container in
                hidden.contains(container.name) ? nil : resource(from: container)
            }
        }
    }

    /// One container.
    /// - Throws: `notFound` for an unknown (or malformed) handle.
    public func get(handle: String) async throws -> DriverResource {
        try checkHandle(handle)
        return try await executor.run { [self] in
            let container = try LXCContainer(name: handle, lxcpath: options.lxcpath)
            guard container.isDefined, let found = resource(from: container) else { throw notFound(handle) }
            return found
        }
    }

    /// Handles are LXC names; anything outside the name rule (`/`, `..`, newlines) is
    /// refused before it reaches a path.
    func checkHandle(_ handle: String) throws {
        guard NameRule.isValid(handle) else { throw PhoenixError.notFound("That container") }
    }

    func notFound(_ handle: String) -> PhoenixError {
        PhoenixError.notFound("Container \(handle)")
    }

    /// The API view of a container. Containers whose LXC name breaks the name rule are
    /// skipped (they cannot be addressed safely); a numeric name is the Phoenix id.
    func resource(from container: LXCContainer) -> DriverResource? {
        let handle = container.name
        guard NameRule.isValid(handle) else {
            log.debug("skipping container '\(handle)': its name is not a valid handle")
            return nil
        }
        let status = ContainerStatus.status(forLXCState: container.state)
        let metadata = ContainerMetadata.read(in: container.directory)
        let memory = layout.memoryMB { container.configItem($0) }
        let cpus = layout.cpus { container.configItem($0) }
        var fields: [String: JSONValue] = [
            "cpus": cpus.map(JSONValue.int) ?? .null,
            "memory_mb": memory.map(JSONValue.int) ?? .null,
            "template": metadata?.template.map(JSONValue.string) ?? .null,
            "cloned_from": metadata?.clonedFrom.map(JSONValue.string) ?? .null,
            "ipv4": .array([]),
            "pid": .null,
            "pending_restart": false,
        ]
        if status.isActive, let pid = container.initPID {
            fields["pid"] = .int(Int(pid))
            fields["ipv4"] = .array(IPv4Addresses.of(pid: pid).map(JSONValue.string))
            let matches = layout.liveMatches(memoryMB: memory, cpus: cpus) { container.cgroupItem($0) }
            fields["pending_restart"] = .bool(!matches)
        }
        return DriverResource(handle: handle, id: Self.id(fromHandle: handle), name: metadata?.name ?? handle,
                              status: status, fields: fields)
    }

    /// The Phoenix id a handle encodes: a canonical positive decimal (no leading zeros).
    static func id(fromHandle handle: String) -> Int? {
        guard let number = Int(handle), number > 0, String(number) == handle else { return nil }
        return number
    }
}
