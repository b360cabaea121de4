internal import CLXC
public import PhoenixCore
import Glibc

/// The liblxc operations that fork the calling process (template scripts, the daemonized
/// monitor, rsync for copies, destroy hooks). They run only in `phoenix-lxc-helper`, a
/// single-threaded process started with `posix_spawn`; calling them elsewhere trips a
/// precondition (see `LXCLibrary.allowForkingOperations`).
extension LXCContainer {
    /// Creates the container's directory, config and rootfs with `template` (or an empty
    /// rootfs directory when `nil`). Config items set before the call are kept.
    /// - Throws: `PhoenixError` `backendFailure`.
    public func create(template: String?, arguments: [String] = []) throws(PhoenixError) {
        LXCLibrary.requireForkingAllowed("create")
        let owned = arguments.map { strdup($0) }
        defer { owned.forEach { free($0) } }
        var argv: [UnsafeMutablePointer<CChar>?] = owned + [nil]
        let flags = phoenix_lxc_create_quiet()
        try lxcCall("create container \(name)", container: pointer) {
            argv.withUnsafeMutableBufferPointer { buffer in
                if let template {
                    return pointer.pointee.create(pointer, template, "dir", nil, flags, buffer.baseAddress)
                }
                return pointer.pointee.create(pointer, nil, "dir", nil, flags, buffer.baseAddress)
            }
        }
    }

    /// Starts the container daemonized (liblxc forks the monitor) and waits until RUNNING.
    /// - Throws: `PhoenixError` `backendFailure`.
    public func start() throws(PhoenixError) {
        LXCLibrary.requireForkingAllowed("start")
        _ = pointer.pointee.want_daemonize(pointer, true)
        // The monitor must not keep the helper's descriptors (its result and log files) open.
        _ = pointer.pointee.want_close_all_fds(pointer, true)
        try lxcCall("start container \(name)", container: pointer) {
            pointer.pointee.start(pointer, 0, nil)
        }
    }

    /// Clones this (stopped) container as `newName` in `lxcpath`: a snapshot where the
    /// backing store allows, a copy otherwise.
    /// - Returns: the new container.
    /// - Throws: `PhoenixError` `backendFailure`.
    public func clone(to newName: String, lxcpath: String) throws(PhoenixError) -> LXCContainer {
        LXCLibrary.requireForkingAllowed("clone")
        var created: UnsafeMutablePointer<lxc_container>?
        let flags = phoenix_lxc_clone_maybe_snapshot()
        try lxcCall("clone container \(name) as \(newName)", container: pointer) {
            created = pointer.pointee.clone(pointer, newName, lxcpath, flags, nil, nil, 0, nil)
            return created != nil
        }
        return LXCContainer(adopting: created!)
    }

    /// Destroys the stopped container: config, directory and rootfs. Runs destroy hooks,
    /// which fork.
    /// - Throws: `PhoenixError` `backendFailure`.
    public func destroy() throws(PhoenixError) {
        LXCLibrary.requireForkingAllowed("destroy")
        try lxcCall("destroy container \(name)", container: pointer) { pointer.pointee.destroy(pointer) }
    }
}
