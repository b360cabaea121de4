import PhoenixCore

extension ConformanceCheck {
    /// Resources made or removed in the backend behind the driver's back.
    static let discovery: [ConformanceCheck] = [
        ConformanceCheck("discovers-external-resources", "A resource made directly in the backend shows up in list (once) and get.",
                         requires: { capabilities, configuration in
            if !capabilities.discoversExternalResources { return "the driver declares discoversExternalResources = false" }
            if configuration.hooks.createExternal == nil { return "no createExternal backend hook was given" }
            return nil
        }) { context in
            guard let createExternal = context.configuration.hooks.createExternal else { return nil }
            let name = await context.newName()
            let handle = try await context.succeed("the createExternal hook") { try await createExternal(name) }
            await context.tracker.trackExternal(handle)
            let entries = try await context.list().filter { $0.handle == handle }
            try context.check(entries.count == 1, "list holds the external resource '\(name)' \(entries.count) times")
            try context.check(entries[0].name == name, "list names the external resource '\(entries[0].name)', made as '\(name)'")
            let fetched = try await context.get(handle)
            if let difference = context.difference(entries[0], fetched) {
                throw CheckFailure("get differs from list for the external resource: \(difference)")
            }
            return nil
        },
        ConformanceCheck("external-removal-disappears", "A resource removed directly in the backend disappears from list.",
                         requires: { capabilities, configuration in
            if !capabilities.discoversExternalResources { return "the driver declares discoversExternalResources = false" }
            if configuration.hooks.removeExternal == nil { return "no removeExternal backend hook was given" }
            return Needs.reason(capabilities)
        }) { context in
            guard let removeExternal = context.configuration.hooks.removeExternal else { return nil }
            let resource = try await context.createResource()
            try context.check(try await context.list().contains { $0.handle == resource.handle }, "list does not show '\(resource.name)'")
            try await context.succeed("the removeExternal hook") { try await removeExternal(resource.handle) }
            await context.tracker.forget(resource.handle)
            try context.check(!(try await context.list()).contains { $0.handle == resource.handle },
                              "list still shows '\(resource.name)' after it was removed in the backend")
            return nil
        },
    ]
}
