extension FieldSpec.ValueType {
    /// Checks `value` against this type.
    /// - Parameter path: the JSON path of the value, named in the error.
    /// - Throws: `PhoenixError` `invalidField` naming `path`.
    public func validate(_ value: JSONValue, path: String) throws {
        switch self {
        case .integer(let range):
            guard let number = value.intValue else { throw mismatch(path, "an integer", value) }
            guard range.contains(number) else {
                throw PhoenixError.invalidField(path, "'\(path)' must be between \(range.lowerBound) and \(range.upperBound).")
            }
        case .boolean:
            guard value.boolValue != nil else { throw mismatch(path, "a boolean", value) }
        case .text(let maxLength):
            guard let text = value.stringValue else { throw mismatch(path, "a string", value) }
            guard text.utf8.count <= maxLength else {
                throw PhoenixError.invalidField(path, "'\(path)' must be at most \(maxLength) bytes.")
            }
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw PhoenixError.invalidField(path, "'\(path)' must not contain control characters.")
            }
        case .name:
            guard let text = value.stringValue else { throw mismatch(path, "a string", value) }
            try NameRule.validate(text, field: path)
        case .absolutePath:
            guard let text = value.stringValue else { throw mismatch(path, "a string", value) }
            let components = text.split(separator: "/", omittingEmptySubsequences: false)
            guard text.hasPrefix("/"), text.utf8.count <= 4096, !components.contains(".."),
                  !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw PhoenixError.invalidField(path, "'\(path)' must be an absolute path without '..' or control characters.")
            }
        case .choice(let options):
            guard let text = value.stringValue else { throw mismatch(path, "a string", value) }
            guard options.contains(text) else {
                throw PhoenixError.invalidField(path, "'\(path)' must be one of: \(options.joined(separator: ", ")).")
            }
        case .array(let element, let maxCount):
            guard let elements = value.arrayValue else { throw mismatch(path, "an array", value) }
            guard elements.count <= maxCount else {
                throw PhoenixError.invalidField(path, "'\(path)' may have at most \(maxCount) elements.")
            }
            for (index, item) in elements.enumerated() {
                try element.validate(item, path: "\(path)[\(index)]")
            }
        case .object(let specs):
            guard let members = value.objectValue else { throw mismatch(path, "an object", value) }
            _ = try FieldSpec.validateMembers(members, against: specs, pathPrefix: "\(path).", applyDefaults: false)
        }
    }

    private func mismatch(_ path: String, _ expected: String, _ value: JSONValue) -> PhoenixError {
        PhoenixError.invalidField(path, "'\(path)' must be \(expected), not \(value.typeName).")
    }
}

extension FieldSpec {
    /// Validates an object's members against `specs`: unknown members, wrong types, missing
    /// required members. Returns the members with defaults applied when `applyDefaults`.
    /// - Throws: `PhoenixError` `invalidField` naming the first offending path.
    public static func validateMembers(_ members: [String: JSONValue], against specs: [FieldSpec],
                                       pathPrefix: String = "", applyDefaults: Bool) throws -> [String: JSONValue] {
        var result = members
        for key in members.keys.sorted() where !specs.contains(where: { $0.name == key }) {
            throw PhoenixError.invalidField(pathPrefix + key, "Unknown field '\(pathPrefix + key)'.")
        }
        for spec in specs {
            let path = pathPrefix + spec.name
            if let value = members[spec.name] {
                if value == .null, spec.nullable { continue }
                try spec.type.validate(value, path: path)
            } else if spec.required {
                throw PhoenixError.invalidField(path, "'\(path)' is required.")
            } else if applyDefaults, let fallback = spec.defaultValue {
                result[spec.name] = fallback
            }
        }
        return result
    }
}
