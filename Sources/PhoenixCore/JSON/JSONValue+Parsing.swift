import Foundation

extension JSONValue: Decodable {
    /// Decodes any JSON value, keeping integers apart from other numbers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses a complete JSON document.
    /// - Throws: `PhoenixError` with code `invalidJSON` when the bytes are not one JSON value.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw PhoenixError(.invalidJSON, "The body is not valid JSON.", underlying: error)
        }
    }

    /// Parses a complete JSON document from a string.
    /// - Throws: `PhoenixError` with code `invalidJSON`.
    public static func parse(_ text: String) throws -> JSONValue {
        try parse(Array(text.utf8))
    }
}
