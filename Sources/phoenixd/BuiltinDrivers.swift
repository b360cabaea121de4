import FixtureDriver
import PhoenixCore

/// The one place that registers every built-in driver factory by name, and the embedded
/// default each kind gets when no config names a driver.
enum BuiltinDrivers {
    /// Every driver this build ships.
    static let registry = DriverRegistry([
        FixtureDriver.factory,
    ])

    /// The embedded default: the fixture driver, seeded from `fixtures/seed/default.json`.
    static let embeddedDefault: [ResourceKind: DriverSelection] = [
        .containers: DriverSelection(driver: FixtureDriver.name),
        .vms: DriverSelection(driver: FixtureDriver.name),
        .services: DriverSelection(driver: FixtureDriver.name),
    ]
}
