/// Serialises `JSONValue`s compactly and deterministically.
///
/// Object members are written in the order `keyOrder` gives first, then the rest sorted,
/// so every resource starts with `id`, `name`, `status` exactly as the seed's example.
///
/// It writes every list response, so it works on bytes: strings that need no escaping
/// (nearly all) are copied in one piece, integers are formatted without a temporary
/// `String`, and members are sorted without building a key array per object.
public struct JSONWriter: Sendable {
    /// Keys written first, in this order, when an object has them.
    public var keyOrder: [String]

    /// Creates a writer; `keyOrder` defaults to the resource order `id`, `name`, `status`.
    public init(keyOrder: [String] = JSONWriter.defaultKeyOrder) {
        self.keyOrder = keyOrder
    }

    /// `id`, `name`, `status`; one shared array, so `JSONWriter()` allocates nothing.
    public static let defaultKeyOrder = ["id", "name", "status"]

    /// The JSON text of `value` as UTF-8 bytes.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    /// Appends the JSON text of `value` to `out`.
    func append(_ value: JSONValue, to out: inout [UInt8]) {
        write(value, into: &out)
    }

    /// The JSON text of `value`.
    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    private func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): Self.writeInteger(number, into: &out)
        case .double(let number):
            out.append(contentsOf: (number.isFinite ? "\(number)" : "null").utf8)
        case .string(let text): Self.writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            writeObject(members, into: &out)
        }
    }

    private func writeObject(_ members: [String: JSONValue], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        var leading = 0
        for key in keyOrder {
            guard let value = members[key] else { continue }
            writeMember(key, value, first: &first, into: &out)
            leading += 1
        }
        if members.count > leading {
            var rest: [(key: String, value: JSONValue)] = []
            rest.reserveCapacity(members.count - leading)
            for member in members where !keyOrder.contains(member.key) {
                rest.append(member)
            }
            rest.sort { $0.key < $1.key }
            for member in rest {
                writeMember(member.key, member.value, first: &first, into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private func writeMember(_ key: String, _ value: JSONValue, first: inout Bool, into out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        Self.writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        write(value, into: &out)
    }

    /// Decimal digits of `number`, written straight into `out`.
    private static func writeInteger(_ number: Int, into out: inout [UInt8]) {
        if number < 0 { out.append(UInt8(ascii: "-")) }
        // magnitude is UInt, so Int.min needs no special case.
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes ≥ 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &digits) { buffer in
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: buffer[index...])
        }
    }

    /// `text` as a JSON string literal; runs without escapes are copied whole.
    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                appendEscape(of: byte, into: &out)
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(of byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case 0x0A: out.append(contentsOf: #"\n"#.utf8)
        case 0x0D: out.append(contentsOf: #"\r"#.utf8)
        case 0x09: out.append(contentsOf: #"\t"#.utf8)
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(contentsOf: #"\u00"#.utf8)
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}
