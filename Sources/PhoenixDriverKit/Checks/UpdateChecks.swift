import PhoenixCore

extension ConformanceCheck {
    /// Field changes, renames and no-op updates.
    static let updates: [ConformanceCheck] = [
        ConformanceCheck("update-mutable-field", "Changing a mutable field is reported by update and get; nothing else changes.",
                         requires: { capabilities, _ in
            Needs.reason(capabilities, update: true)
                ?? (capabilities.fields.contains { $0.access == .mutable } ? nil : "the driver declares no mutable fields")
        }) { context in
            let created = try await context.createResource()
            let mutable = context.capabilities.fields.filter { $0.access == .mutable }
            // Prefer numbers and flags: changing a command or path is more disruptive on a real host.
            let ordered = mutable.filter { !Self.isTextual($0.type) } + mutable.filter { Self.isTextual($0.type) }
            guard let field = ordered.first(where: { SampleValues.alternative($0.type, to: created.fields[$0.name], field: $0.name) != nil }),
                  let value = SampleValues.alternative(field.type, to: created.fields[field.name], field: field.name) else {
                throw CheckSkip("no mutable field has a second value the suite can generate")
            }
            let updated = try await context.update(created.handle, ResourceChange(fields: [field.name: value]),
                                                   "update of '\(field.name)'")
            try context.check(updated.fields[field.name] == value,
                              "update returned '\(field.name)' = \(CheckContext.show(updated.fields[field.name])), requested \(CheckContext.show(value))")
            var expected = created
            expected.fields[field.name] = value
            if let difference = context.difference(expected, try await context.get(created.handle)) {
                throw CheckFailure("after updating '\(field.name)', get reports: \(difference)")
            }
            return "changed '\(field.name)'"
        },
        ConformanceCheck("rename-follows-policy", "Renaming works as the declared rename policy says: never → unsupported, while_stopped → conflict while active.",
                         requires: Needs.resources(update: true)) { context in
            let policy = context.capabilities.rename
            let resource = try await context.createResource()
            if policy == .never {
                let newName = await context.newName()
                try await context.expectError(.unsupported, "rename with policy 'never'") { [driver = context.driver] in
                    try await driver.update(handle: resource.handle, change: ResourceChange(name: newName))
                }
                try await context.expectUnchanged(resource, after: "the refused rename")
                return nil
            }
            let renamed = try await Self.expectRename(resource, context, "rename while stopped")
            guard Needs.reason(context.capabilities, update: true, actions: [.start]) == nil else {
                return "renamed while stopped only; no 'start' action declared"
            }
            let running = try await context.bring(renamed.handle, to: .running)
            if policy == .whileStopped {
                let newName = await context.newName()
                try await context.expectError(.conflict, "rename while running with policy 'while_stopped'") { [driver = context.driver] in
                    try await driver.update(handle: running.handle, change: ResourceChange(name: newName))
                }
                try await context.expectUnchanged(running, after: "the refused rename")
            } else {
                try await Self.expectRename(running, context, "rename while running")
            }
            return nil
        },
        ConformanceCheck("update-to-current-state-is-noop", "An update to the current status (or an empty change) succeeds and changes nothing.",
                         requires: Needs.resources(update: true)) { context in
            let resource = try await context.createResource()
            var covered: [String] = []
            for status in [ResourceStatus.stopped, .running, .paused] {
                guard Needs.reason(context.capabilities, update: true, actions: Needs.actions(toReach: status)) == nil else { continue }
                let before = try await context.bring(resource.handle, to: status)
                let returned = try await context.update(before.handle, ResourceChange(status: status),
                                                        "update to the current status \(status.rawValue)")
                if let difference = context.difference(before, returned) {
                    throw CheckFailure("update to the current status \(status.rawValue) returned a changed resource: \(difference)")
                }
                try await context.expectUnchanged(before, after: "an update to the current status \(status.rawValue)")
                _ = try await context.update(before.handle, ResourceChange(), "an empty update")
                try await context.expectUnchanged(before, after: "an empty update")
                covered.append(status.rawValue)
            }
            return covered.count == 3 ? nil : "covered \(covered.joined(separator: ", ")); the other statuses need undeclared actions"
        },
    ]

    static func isTextual(_ type: FieldSpec.ValueType) -> Bool {
        switch type {
        case .text, .absolutePath, .name: true
        default: false
        }
    }

    /// Renames `resource` to a fresh name and checks update, get and list all agree.
    /// The handle may change (drivers whose handle is the backend name); the new one is tracked.
    @discardableResult
    static func expectRename(_ resource: DriverResource, _ context: CheckContext, _ what: String) async throws -> DriverResource {
        let newName = await context.newName()
        let renamed = try await context.update(resource.handle, ResourceChange(name: newName), what)
        await context.tracker.record(renamed)
        try context.check(renamed.name == newName, "\(what) returned name '\(renamed.name)', requested '\(newName)'")
        try context.check(try await context.get(renamed.handle).name == newName, "after \(what), get reports the old name")
        let listed = try await context.list()
        try context.check(listed.contains { $0.handle == renamed.handle && $0.name == newName },
                          "after \(what), list does not show '\(newName)'")
        try context.check(!listed.contains { $0.name == resource.name }, "after \(what), list still shows '\(resource.name)'")
        return renamed
    }
}
