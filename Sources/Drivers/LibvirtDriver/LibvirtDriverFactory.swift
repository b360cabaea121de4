public import PhoenixCore

/// Builds libvirt drivers for the `vms` kind.
public enum LibvirtDriverFactory {
    /// The factory `phoenixd` registers under the name `libvirt`.
    ///
    /// Options: `uri` (default `qemu:///system`), `domain_type` (`kvm`/`qemu`), `storage_pool`
    /// (default `default`), `shutdown_grace_s` (default 30), `default_memory_mb` (default 512),
    /// `default_vcpus` (default 1). Unknown options are an `invalidConfig` error.
    public static let factory = DriverFactory(
        name: "libvirt", kinds: [.vms],
        summary: "Virtual machines through libvirt (QEMU/KVM, or test:/// for the in-process test driver)."
    ) { context in
        try await make(context)
    }

    /// Builds a driver and opens its connection.
    /// - Throws: `invalidConfig` for bad options; `backendUnavailable` when libvirt cannot
    ///   be reached at startup is logged, not thrown, so the API can come up and report 503s.
    public static func make(_ context: DriverContext) async throws -> LibvirtDriver {
        guard context.kind == .vms else {
            throw PhoenixError(.invalidConfig, "The libvirt driver serves vms only, not \(context.kind.rawValue).",
                               field: context.options.path)
        }
        let options = try LibvirtOptions(context.options, stateDirectory: context.stateDirectory)
        let driver = LibvirtDriver(options: options, log: context.log.labelled("libvirt"))
        do {
            try await driver.connection.open()
        } catch let error as PhoenixError where error.code == .backendUnavailable {
            context.log.warning("libvirt at \(options.uri) is not reachable yet: \(error.message)")
        }
        return driver
    }
}
