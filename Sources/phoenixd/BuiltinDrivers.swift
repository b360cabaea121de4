import FixtureDriver
import LibvirtDriver
import LXCDriver
import PhoenixCore

/// The one place that registers every built-in driver factory by name, and the embedded
/// default each kind gets when no config names a driver.
enum BuiltinDrivers {
    /// Every driver this build ships.
    static let registry = DriverRegistry([
        FixtureDriver.factory,
        LibvirtDriverFactory.factory,
        LXCDriver.factory,
    ])

    /// The embedded default: the fixture driver, seeded from `fixtures/seed/default.json`,
    /// except `vms`, served by real libvirt code on its in-process test driver
    /// (`test:///default`, no daemon needed).
    static let embeddedDefault: [ResourceKind: DriverSelection] = [
        .containers: DriverSelection(driver: FixtureDriver.name),
        .vms: DriverSelection(driver: "libvirt", options: ["uri": "test:///default"]),
        .services: DriverSelection(driver: FixtureDriver.name),
    ]
}
