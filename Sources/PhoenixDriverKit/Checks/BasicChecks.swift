import PhoenixCore

extension ConformanceCheck {
    /// Declarations, create, get, list, and what round-trips through them.
    static let basic: [ConformanceCheck] = [
        ConformanceCheck("capabilities-well-formed",
                         "Field specs have unique names, required fields are settable without a default, defaults fit their type.") { context in
            let capabilities = context.capabilities
            var seen: Set<String> = []
            for spec in capabilities.fields {
                try context.check(seen.insert(spec.name).inserted, "field '\(spec.name)' is declared twice")
                try context.check(!["id", "name", "status"].contains(spec.name),
                                  "field '\(spec.name)' shadows a member every resource has")
                if spec.required {
                    try context.check(spec.access != .readOnly, "field '\(spec.name)' is required but read-only")
                    try context.check(spec.defaultValue == nil, "field '\(spec.name)' is required but has a default")
                }
                if let fallback = spec.defaultValue, !(fallback == .null && spec.nullable) {
                    do { try spec.type.validate(fallback, path: spec.name) } catch {
                        throw CheckFailure("the default of '\(spec.name)' does not fit its type: \(CheckContext.describe(error))")
                    }
                }
            }
            try context.check(capabilities.rename == .never || capabilities.canUpdate,
                              "rename is '\(capabilities.rename.rawValue)' but canUpdate = false")
            return nil
        },
        ConformanceCheck("create-stopped", "create with status stopped returns the resource, stopped, under the requested name.",
                         requires: Needs.resources()) { context in
            let spec = await context.spec()
            let created = try await context.create(spec)
            try context.check(!created.handle.isEmpty, "create returned an empty handle")
            try context.check(created.name == spec.name, "create returned name '\(created.name)', requested '\(spec.name)'")
            try context.check(created.status == .stopped, "create returned status \(created.status.rawValue), requested stopped")
            _ = try await context.settle(created.handle, to: .stopped)
            return nil
        },
        ConformanceCheck("create-running", "create with status running starts the resource; it settles in running.",
                         requires: Needs.resources(actions: [.start])) { context in
            let spec = await context.spec(status: .running)
            let created = try await context.create(spec)
            try context.check(created.status == .running || created.status == .starting,
                              "create returned status \(created.status.rawValue), requested running")
            _ = try await context.settle(created.handle, to: .running)
            return nil
        },
        ConformanceCheck("get-agrees-with-create", "get of a new handle reports what create returned.",
                         requires: Needs.resources()) { context in
            let created = try await context.createResource()
            let fetched = try await context.get(created.handle)
            if let difference = context.difference(created, fetched) {
                throw CheckFailure("get differs from create: \(difference)")
            }
            return nil
        },
        ConformanceCheck("list-agrees-with-get", "list holds each resource exactly once, as get reports it.",
                         requires: Needs.resources()) { context in
            var resources = [try await context.createResource()]
            if Needs.reason(context.capabilities, update: true, actions: [.start]) == nil {
                resources.append(try await context.createResource(in: .running))
            }
            let listed = try await context.list()
            for resource in resources {
                let entries = listed.filter { $0.handle == resource.handle }
                try context.check(entries.count == 1, "list holds '\(resource.name)' \(entries.count) times")
                let fetched = try await context.get(resource.handle)
                if let difference = context.difference(fetched, entries[0]) {
                    throw CheckFailure("list differs from get for '\(resource.name)': \(difference)")
                }
            }
            return resources.count == 1 ? "stopped resource only; no 'start' action declared" : nil
        },
        ConformanceCheck("ids-round-trip", "A driver that records ids reports CreateSpec.id from create, get and list; one that does not reports nil everywhere.",
                         requires: Needs.resources()) { context in
            let spec = await context.spec()
            let created = try await context.create(spec)
            let fetched = try await context.get(created.handle)
            let listed = try await context.list().first { $0.handle == created.handle }
            let reported = [("create", created.id), ("get", fetched.id), ("list", listed?.id)]
            if reported.allSatisfy({ $0.1 == nil }) { return "driver records no ids; nil everywhere" }
            for (source, id) in reported where id != spec.id {
                throw CheckFailure("\(source) reported id \(CheckContext.show(id)), created with \(spec.id)")
            }
            return nil
        },
        ConformanceCheck("names-round-trip", "Names (including 63-character and dotted ones) come back unchanged from create, get and list.",
                         requires: Needs.resources()) { context in
            let base = await context.newName()
            let names = [base, base + ".a-b.c", String((base + String(repeating: "z", count: 63)).prefix(63))]
            for name in names {
                let created = try await context.create(await context.spec(name: name))
                let fetched = try await context.get(created.handle)
                let listed = try await context.list().first { $0.handle == created.handle }
                for (source, reported) in [("create", created.name), ("get", fetched.name), ("list", listed?.name)] {
                    try context.check(reported == name, "\(source) reported name \(CheckContext.show(reported)), created as '\(name)'")
                }
            }
            return nil
        },
        ConformanceCheck("fields-round-trip", "Create fields come back unchanged; every reported field is declared and fits its type.",
                         requires: Needs.resources()) { context in
            let spec = await context.spec()
            let created = try await context.create(spec)
            let fetched = try await context.get(created.handle)
            for (key, value) in spec.fields.sorted(by: { $0.key < $1.key }) {
                try context.check(fetched.fields[key] == value,
                                  "field '\(key)' was created as \(CheckContext.show(value)) but get reports \(CheckContext.show(fetched.fields[key]))")
            }
            for (key, value) in fetched.fields.sorted(by: { $0.key < $1.key }) {
                guard let field = context.capabilities.field(key) else {
                    throw CheckFailure("get reports field '\(key)', which the driver does not declare")
                }
                if value == .null, field.nullable { continue }
                do { try field.type.validate(value, path: key) } catch {
                    throw CheckFailure("reported field '\(key)' does not fit its declared type: \(CheckContext.describe(error))")
                }
            }
            return nil
        },
    ]
}
