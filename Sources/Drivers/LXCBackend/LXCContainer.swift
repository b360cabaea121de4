internal import CLXC
public import PhoenixCore
import Glibc

/// One liblxc container object (`struct lxc_container`), used by one blocking call at a
/// time and released when the wrapper goes away.
///
/// Not `Sendable`: liblxc objects carry per-object state (loaded config, error string), so
/// each blocking call makes its own. The operations here do not fork and are safe in the
/// multi-threaded server; the forking ones live in `LXCContainer+Forking.swift`.
public final class LXCContainer {
    let pointer: UnsafeMutablePointer<lxc_container>

    /// Opens the container `name` in `lxcpath` (which need not exist yet).
    /// - Throws: `PhoenixError` `backendFailure` when liblxc cannot allocate it.
    public init(name: String, lxcpath: String) throws(PhoenixError) {
        guard let pointer = lxc_container_new(name, lxcpath) else {
            throw PhoenixError(.backendFailure, "liblxc could not open container \(name) in \(lxcpath).")
        }
        self.pointer = pointer
    }

    init(adopting pointer: UnsafeMutablePointer<lxc_container>) {
        self.pointer = pointer
    }

    deinit {
        _ = lxc_container_put(pointer)
    }

    /// The LXC container name.
    public var name: String { String(cString: pointer.pointee.name) }

    /// Whether the container has a configuration on disk.
    public var isDefined: Bool { pointer.pointee.is_defined(pointer) }

    /// liblxc's state name (`"STOPPED"`, `"RUNNING"`, `"FROZEN"`, ...).
    public var state: String {
        guard let text = pointer.pointee.state(pointer) else { return "UNKNOWN" }
        return String(cString: text)
    }

    /// The host pid of the container's init, when it is running.
    public var initPID: Int32? {
        let pid = pointer.pointee.init_pid(pointer)
        return pid > 0 ? pid : nil
    }

    /// The container's directory (`<lxcpath>/<name>`).
    public var directory: String {
        let base = pointer.pointee.config_path.map { String(cString: $0) } ?? ""
        return base + "/" + name
    }

    /// A configuration value, or `nil` when unset.
    public func configItem(_ key: String) -> String? {
        let needed = pointer.pointee.get_config_item(pointer, key, nil, 0)
        guard needed > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(needed) + 1)
        let written = pointer.pointee.get_config_item(pointer, key, &buffer, Int32(buffer.count))
        guard written > 0 else { return nil }
        // Values of list keys (lxc.cgroup.*) come back with a trailing newline.
        return String(nulTerminated: buffer).trimmingWhitespace()
    }

    /// Replaces configuration values (a `nil` value removes the key) in memory.
    /// Call `saveConfig` to write them.
    /// - Throws: `PhoenixError` `backendFailure` for a key liblxc rejects.
    public func setConfigItems(_ items: [(key: String, value: String?)]) throws(PhoenixError) {
        for item in items {
            // set_config_item appends to list-valued keys (lxc.cgroup.*), so clear first.
            _ = pointer.pointee.clear_config_item(pointer, item.key)
            guard let value = item.value else { continue }
            try lxcCall("set \(item.key) on container \(name)", container: pointer) {
                pointer.pointee.set_config_item(pointer, item.key, value)
            }
        }
    }

    /// Writes the in-memory configuration to the container's config file.
    /// - Throws: `PhoenixError` `backendFailure`.
    public func saveConfig() throws(PhoenixError) {
        try lxcCall("save the configuration of container \(name)", container: pointer) {
            pointer.pointee.save_config(pointer, nil)
        }
    }

    /// A value from the running container's cgroup (`"memory.limit_in_bytes"`), or `nil`.
    public func cgroupItem(_ key: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let written = pointer.pointee.get_cgroup_item(pointer, key, &buffer, Int32(buffer.count))
        guard written > 0 else { return nil }
        return String(nulTerminated: buffer).trimmingWhitespace()
    }

    /// Writes a value into the running container's cgroup.
    /// - Returns: whether the kernel accepted it (a memory limit below current use is refused).
    public func setCgroupItem(_ key: String, _ value: String) -> Bool {
        pointer.pointee.set_cgroup_item(pointer, key, value)
    }

    /// Freezes every process of the container (cgroup freezer); waits until frozen.
    /// - Throws: `PhoenixError` `backendFailure`.
    public func freeze() throws(PhoenixError) {
        try lxcCall("freeze container \(name)", container: pointer) { pointer.pointee.freeze(pointer) }
    }

    /// Thaws a frozen container.
    /// - Throws: `PhoenixError` `backendFailure`.
    public func unfreeze() throws(PhoenixError) {
        try lxcCall("unfreeze container \(name)", container: pointer) { pointer.pointee.unfreeze(pointer) }
    }

    /// Asks init to shut down (the configured halt signal) and waits up to `timeout` seconds.
    /// - Returns: whether the container stopped in time.
    public func shutdown(timeout: Int) -> Bool {
        pointer.pointee.shutdown(pointer, Int32(timeout))
    }

    /// Kills the container through its monitor.
    /// - Throws: `PhoenixError` `backendFailure`.
    public func stop() throws(PhoenixError) {
        try lxcCall("stop container \(name)", container: pointer) { pointer.pointee.stop(pointer) }
    }

    /// Waits up to `timeout` seconds for the container to reach `state`.
    public func wait(for state: String, timeout: Int) -> Bool {
        pointer.pointee.wait(pointer, state, Int32(timeout))
    }
}

extension String {
    init(nulTerminated buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        return String(scalars)
    }
}
