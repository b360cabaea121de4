extension JSONValue {
    /// Parses a complete JSON document strictly (RFC 8259; duplicate keys are rejected).
    /// - Throws: `PhoenixError` with code `invalidJSON`, saying where parsing stopped.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes)
        do {
            return try parser.document()
        } catch {
            throw PhoenixError(.invalidJSON, "The body is not valid JSON: \(error).")
        }
    }

    /// Parses a complete JSON document from a string.
    /// - Throws: `PhoenixError` with code `invalidJSON`.
    public static func parse(_ text: String) throws -> JSONValue {
        try parse(Array(text.utf8))
    }
}
