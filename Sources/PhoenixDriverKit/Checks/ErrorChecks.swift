import PhoenixCore

extension ConformanceCheck {
    /// Deletes and the protocol's errors: resource_running, not_found, conflict, unsupported.
    static let errors: [ConformanceCheck] = [
        ConformanceCheck("delete-stopped", "Deleting a stopped resource without force succeeds and it leaves list.",
                         requires: Needs.resources()) { context in
            let resource = try await context.createResource()
            try await context.delete(resource.handle, force: false, "delete of a stopped resource")
            try context.check(!(try await context.list()).contains { $0.handle == resource.handle },
                              "list still shows '\(resource.name)' after delete")
            return nil
        },
        ConformanceCheck("delete-running-requires-force", "Deleting a running resource without force fails with resource_running and keeps it; with force it goes.",
                         requires: Needs.resources(update: true, actions: [.start])) { context in
            let resource = try await context.createResource(in: .running)
            try await context.expectError(.resourceRunning, "delete of a running resource without force") { [driver = context.driver] in
                try await driver.delete(handle: resource.handle, force: false)
            }
            try await context.expectUnchanged(resource, after: "the refused delete")
            try await context.delete(resource.handle, force: true, "forced delete of a running resource")
            try context.check(!(try await context.list()).contains { $0.handle == resource.handle },
                              "list still shows '\(resource.name)' after the forced delete")
            return nil
        },
        ConformanceCheck("undeclared-operations-unsupported", "create, update or delete that the capabilities do not declare fails with unsupported.",
                         requires: { capabilities, _ in
            capabilities.canCreate && capabilities.canUpdate && capabilities.canDelete
                ? "the driver declares create, update and delete" : nil
        }) { context in
            let capabilities = context.capabilities
            let driver = context.driver
            // Without delete the suite could not remove what it makes, so it probes with a
            // handle that names nothing instead of creating anything.
            var handle = context.tracker.runPrefix + "no-such-handle"
            if capabilities.canCreate, capabilities.canDelete {
                handle = try await context.createResource().handle
            }
            if !capabilities.canCreate {
                try await context.expectCreateRejected(await context.spec(), .unsupported, "create with canCreate = false")
            }
            if !capabilities.canUpdate {
                let probe = handle
                try await context.expectError(.unsupported, "update with canUpdate = false") {
                    try await driver.update(handle: probe, change: ResourceChange(status: .stopped))
                }
            }
            if !capabilities.canDelete {
                let probe = handle
                try await context.expectError(.unsupported, "delete with canDelete = false") {
                    try await driver.delete(handle: probe, force: false)
                }
            }
            return nil
        },
        ConformanceCheck("not-found-errors", "get, update and delete of a handle the backend does not have fail with not_found.",
                         requires: Needs.resources()) { context in
            let resource = try await context.createResource()
            try await context.delete(resource.handle, force: false, "delete")
            let driver = context.driver
            let handle = resource.handle
            try await context.expectError(.notFound, "get of a deleted handle") { try await driver.get(handle: handle) }
            if context.capabilities.canUpdate {
                let change = context.capabilities.actions.contains(.stop) ? ResourceChange(status: .stopped) : ResourceChange()
                try await context.expectError(.notFound, "update of a deleted handle") {
                    try await driver.update(handle: handle, change: change)
                }
            }
            try await context.expectError(.notFound, "delete of a deleted handle") {
                try await driver.delete(handle: handle, force: true)
            }
            return nil
        },
        ConformanceCheck("create-taken-name-conflicts", "Creating with a name already taken fails with conflict and creates nothing.",
                         requires: Needs.resources()) { context in
            let existing = try await context.createResource()
            try await context.expectCreateRejected(await context.spec(name: existing.name), .conflict,
                                                   "create with the taken name '\(existing.name)'")
            try await context.expectUnchanged(existing, after: "the refused create")
            return nil
        },
        ConformanceCheck("rename-to-taken-name-conflicts", "Renaming to a name already taken fails with conflict and changes nothing.",
                         requires: { capabilities, _ in
            Needs.reason(capabilities, update: true)
                ?? (capabilities.rename == .never ? "the driver declares rename = never" : nil)
        }) { context in
            let first = try await context.createResource()
            let second = try await context.createResource()
            try await context.expectError(.conflict, "rename to the taken name '\(first.name)'") { [driver = context.driver] in
                try await driver.update(handle: second.handle, change: ResourceChange(name: first.name))
            }
            try await context.expectUnchanged(second, after: "the refused rename")
            try await context.expectUnchanged(first, after: "the refused rename")
            return nil
        },
    ]
}
