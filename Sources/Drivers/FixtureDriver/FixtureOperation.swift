/// The driver operations whose latency and failures the fixture driver can inject.
public enum FixtureOperation: String, CaseIterable, Sendable {
    case list, get, create, update, delete
}
