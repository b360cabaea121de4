import FixtureDriver
import PhoenixCore
import PhoenixDriverKit

extension ConformanceConfiguration {
    /// A configuration for tests: the fixture's backend hooks and short timeouts, so a
    /// hanging check fails the test quickly instead of stalling it.
    static func testing(_ fixture: FixtureDriver, concurrency: Int = 10) -> ConformanceConfiguration {
        ConformanceConfiguration(concurrency: concurrency, operationTimeout: .seconds(10), settleTimeout: .seconds(2),
                                 hooks: ConformanceHooks(createExternal: { name in try await fixture.insertExternal(name: name) },
                                                         removeExternal: { handle in try await fixture.removeExternal(handle: handle) }))
    }
}
