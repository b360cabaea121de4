import PhoenixCore

extension ConformanceCheck {
    /// Parallel creates and updates.
    static let concurrency: [ConformanceCheck] = [
        ConformanceCheck("concurrent-creates", "N parallel creates make N distinct resources; list shows each exactly once, none lost or doubled.",
                         requires: Needs.resources()) { context in
            let count = context.configuration.concurrency
            var specs: [CreateSpec] = []
            for _ in 0..<count { specs.append(await context.spec()) }
            let outcomes = try await withThrowingTaskGroup(of: (CreateSpec, Result<DriverResource, any Error>).self) { group in
                for spec in specs {
                    group.addTask { (spec, try await context.attemptCreate(spec)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let failures = outcomes.compactMap { spec, result in
                if case .failure(let error) = result { "'\(spec.name)': \(CheckContext.describe(error))" } else { nil }
            }
            try context.check(failures.isEmpty, "\(failures.count) of \(count) parallel creates failed, first \(failures.first ?? "")")
            let created = outcomes.compactMap { try? $0.1.get() }
            try context.check(Set(created.map(\.handle)).count == count,
                              "\(count) parallel creates returned \(Set(created.map(\.handle)).count) distinct handles")
            for (spec, result) in outcomes {
                let name = (try? result.get())?.name
                try context.check(name == spec.name, "create '\(spec.name)' returned the name \(CheckContext.show(name))")
            }
            let listed = try await context.list()
            for resource in created {
                let entries = listed.filter { $0.handle == resource.handle }
                try context.check(entries.count == 1,
                                  "after \(count) parallel creates, list holds '\(resource.name)' \(entries.count) times")
            }
            let names = Set(specs.map(\.name))
            let listedOurs = listed.filter { names.contains($0.name) }.count
            try context.check(listedOurs == count, "after \(count) parallel creates, list holds \(listedOurs) of them")
            return "N = \(count)"
        },
        ConformanceCheck("concurrent-updates", "N parallel updates of one resource each succeed (or fail with conflict/invalid_transition) and leave one of the requested states.",
                         requires: { capabilities, _ in
            Needs.reason(capabilities, update: true)
                ?? (capabilities.actions.isSuperset(of: [.start, .stop]) || capabilities.fields.contains { $0.access == .mutable }
                    ? nil : "the driver declares neither start and stop nor a mutable field")
        }) { context in
            let resource = try await context.createResource()
            let count = context.configuration.concurrency
            let byStatus = context.capabilities.actions.isSuperset(of: [.start, .stop])
            var changes: [ResourceChange]
            var fieldName = ""
            if byStatus {
                changes = (0..<count).map { ResourceChange(status: $0.isMultiple(of: 2) ? .running : .stopped) }
            } else {
                guard let field = context.capabilities.fields.first(where: {
                    $0.access == .mutable && SampleValues.alternative($0.type, to: resource.fields[$0.name]) != nil
                }), let first = SampleValues.alternative(field.type, to: resource.fields[field.name], field: field.name) else {
                    throw CheckSkip("no mutable field has a second value the suite can generate")
                }
                fieldName = field.name
                let second = SampleValues.alternative(field.type, to: first, field: field.name) ?? first
                changes = (0..<count).map { ResourceChange(fields: [field.name: $0.isMultiple(of: 2) ? first : second]) }
            }
            let driver = context.driver
            let results = try await withThrowingTaskGroup(of: Result<DriverResource, any Error>.self) { group in
                for change in changes {
                    group.addTask {
                        try await context.attempt("parallel update") { try await driver.update(handle: resource.handle, change: change) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            var succeeded = 0
            for result in results {
                switch result {
                case .success: succeeded += 1
                case .failure(let error as PhoenixError) where error.code == .conflict || error.code == .invalidTransition: break
                case .failure(let error): throw CheckFailure("a parallel update threw \(CheckContext.describe(error))")
                }
            }
            try context.check(succeeded > 0, "none of \(count) parallel updates succeeded")
            if byStatus {
                var final = try await context.get(resource.handle)
                if final.status == .starting { final = try await context.settle(resource.handle, to: .running) }
                if final.status == .stopping { final = try await context.settle(resource.handle, to: .stopped) }
                try context.check(final.status == .running || final.status == .stopped,
                                  "after parallel updates to running and stopped the resource is \(final.status.rawValue)")
            } else {
                let final = try await context.get(resource.handle)
                let requested = Set(changes.compactMap { $0.fields[fieldName] })
                try context.check(final.fields[fieldName].map(requested.contains) ?? false,
                                  "after parallel updates, '\(fieldName)' is \(CheckContext.show(final.fields[fieldName])), which nobody requested")
            }
            return "N = \(count), \(succeeded) succeeded, by \(byStatus ? "status" : "field '\(fieldName)'")"
        },
    ]
}
