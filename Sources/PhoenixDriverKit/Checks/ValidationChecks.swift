import PhoenixCore

extension ConformanceCheck {
    /// Invalid input must be refused with invalid_field before the backend is touched.
    static let validation: [ConformanceCheck] = [
        ConformanceCheck("create-rejects-invalid-name", "Names breaking \(NameRule.pattern) (or holding '..') fail with invalid_field; nothing is created.",
                         requires: Needs.resources()) { context in
            // Most bad names still start with the run prefix, so a driver that wrongly
            // accepts one leaves something the cleanup sweep finds.
            let prefix = context.tracker.runPrefix
            let names = ["", prefix + "Upper", "-" + prefix + "x", "." + prefix + "x", prefix + "a..b", prefix + "has space",
                         prefix + "a/b", prefix + "a_b", prefix + "caf\u{E9}", prefix + String(repeating: "x", count: 64 - prefix.count)]
            for name in names {
                try await context.expectCreateRejected(await context.spec(name: name), .invalidField, "create named \"\(name)\"")
            }
            return nil
        },
        ConformanceCheck("create-rejects-wrong-field-types", "A settable field of the wrong JSON type fails with invalid_field; nothing is created.",
                         requires: requireFields { $0.access != .readOnly }) { context in
            for field in context.capabilities.fields where field.access != .readOnly {
                var fields = context.sampleFields
                let value = SampleValues.wrongType(field.type)
                fields[field.name] = value
                try await context.expectCreateRejected(await context.spec(fields: fields), .invalidField,
                                                       "create with '\(field.name)' = \(CheckContext.show(value))")
            }
            return nil
        },
        ConformanceCheck("create-rejects-unknown-field", "An undeclared field fails with invalid_field; nothing is created.",
                         requires: Needs.resources()) { context in
            var fields = context.sampleFields
            fields["phx_conformance_unknown"] = .string("x")
            try await context.expectCreateRejected(await context.spec(fields: fields), .invalidField,
                                                   "create with the unknown field 'phx_conformance_unknown'")
            return nil
        },
        ConformanceCheck("create-rejects-out-of-range", "A value outside its field's range, length, choices or count fails with invalid_field; nothing is created.",
                         requires: requireFields { $0.access != .readOnly && SampleValues.outOfRange($0.type) != nil }) { context in
            for field in context.capabilities.fields where field.access != .readOnly {
                guard let value = SampleValues.outOfRange(field.type) else { continue }
                var fields = context.sampleFields
                fields[field.name] = value
                try await context.expectCreateRejected(await context.spec(fields: fields), .invalidField,
                                                       "create with out-of-range '\(field.name)'")
            }
            return nil
        },
        ConformanceCheck("create-rejects-missing-required", "Leaving out a required field fails with invalid_field; nothing is created.",
                         requires: requireFields { $0.required }) { context in
            for field in context.capabilities.fields where field.required {
                var fields = context.sampleFields
                fields[field.name] = nil
                try await context.expectCreateRejected(await context.spec(fields: fields), .invalidField,
                                                       "create without '\(field.name)'")
            }
            return nil
        },
        ConformanceCheck("create-rejects-unrequestable-status", "Creating in any status but stopped or running fails with invalid_field; nothing is created.",
                         requires: Needs.resources()) { context in
            for status in ResourceStatus.allCases where status != .stopped && status != .running {
                try await context.expectCreateRejected(await context.spec(status: status), .invalidField,
                                                       "create with status \(status.rawValue)")
            }
            return nil
        },
        ConformanceCheck("update-rejects-invalid-input", "Updates with unknown, ill-typed, create-only or read-only fields or a bad name fail with invalid_field and change nothing.",
                         requires: Needs.resources(update: true)) { context in
            let resource = try await context.createResource()
            var cases: [(String, ResourceChange)] = [("the unknown field 'phx_conformance_unknown'",
                                                      ResourceChange(fields: ["phx_conformance_unknown": .string("x")]))]
            for field in context.capabilities.fields {
                switch field.access {
                case .mutable:
                    cases.append(("'\(field.name)' of the wrong type", ResourceChange(fields: [field.name: SampleValues.wrongType(field.type)])))
                    if let value = SampleValues.outOfRange(field.type) {
                        cases.append(("out-of-range '\(field.name)'", ResourceChange(fields: [field.name: value])))
                    }
                case .createOnly, .readOnly:
                    if let value = SampleValues.alternative(field.type, to: resource.fields[field.name], field: field.name) {
                        cases.append(("a change of \(field.access == .readOnly ? "read-only" : "create-only") '\(field.name)'",
                                      ResourceChange(fields: [field.name: value])))
                    }
                }
            }
            if context.capabilities.rename != .never {
                cases.append(("the invalid name \"Bad Name\"", ResourceChange(name: "Bad Name")))
            }
            for (what, change) in cases {
                try await context.expectError(.invalidField, "update with \(what)") { [driver = context.driver] in
                    try await driver.update(handle: resource.handle, change: change)
                }
                try await context.expectUnchanged(resource, after: "the update with \(what)")
            }
            return nil
        },
    ]

    /// Needs create/delete and at least one field matching `predicate`.
    static func requireFields(_ predicate: @escaping @Sendable (FieldSpec) -> Bool)
        -> @Sendable (DriverCapabilities, ConformanceConfiguration) -> String? {
        { capabilities, _ in
            Needs.reason(capabilities)
                ?? (capabilities.fields.contains(where: predicate) ? nil : "the driver declares no field this applies to")
        }
    }
}
