/// Which driver serves a kind, and its options.
public struct DriverSelection: Sendable, Hashable {
    /// The registered driver name, or `"none"` to switch the kind off.
    public var driver: String
    /// The driver's options.
    public var options: [String: JSONValue]

    /// Creates a selection.
    public init(driver: String, options: [String: JSONValue] = [:]) {
        self.driver = driver
        self.options = options
    }
}
