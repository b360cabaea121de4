public import PhoenixCore

extension LXCDriver {
    /// The `lxc` factory for `phoenixd`'s registry: serves `containers`.
    public static let factory = DriverFactory(
        name: "lxc", kinds: [.containers],
        summary: "LXC system containers through liblxc (forking operations in phoenix-lxc-helper)"
    ) { context in
        try LXCDriver(options: LXCDriverOptions(context.options), kind: context.kind,
                      stateDirectory: context.stateDirectory, log: context.log)
    }
}
