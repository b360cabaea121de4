import PhoenixCore

extension ConformanceCheck {
    /// The status transitions a client can request, each checked from its start status.
    static let transitions: [ConformanceCheck] = [
        transition(from: .stopped, to: .running),
        transition(from: .running, to: .stopped),
        transition(from: .running, to: .paused),
        transition(from: .paused, to: .running),
        transition(from: .paused, to: .stopped),
        ConformanceCheck("transition-stopped-to-paused-is-invalid", "stopped → paused fails with invalid_transition and changes nothing.",
                         requires: Needs.resources(update: true)) { context in
            let resource = try await context.createResource()
            try await context.expectError(.invalidTransition, "update from stopped to paused") { [driver = context.driver] in
                try await driver.update(handle: resource.handle, change: ResourceChange(status: .paused))
            }
            try await context.expectUnchanged(resource, after: "the refused transition")
            return nil
        },
    ]

    /// The check of `from → to`: with the action declared it must land in `to`; without it,
    /// it must fail with `unsupported` and leave the resource as it was.
    static func transition(from: ResourceStatus, to: ResourceStatus) -> ConformanceCheck {
        // `needed` only throws for pairs not listed above.
        let action = (try? LifecycleAction.needed(from: from, to: to)) ?? .start
        let summary = "\(from.rawValue) → \(to.rawValue) lands in \(to.rawValue) when '\(action.rawValue)' is declared, else fails with unsupported and changes nothing."
        return ConformanceCheck("transition-\(from.rawValue)-to-\(to.rawValue)", summary, requires: { capabilities, _ in
            Needs.reason(capabilities, update: true, actions: Needs.actions(toReach: from))
                .map { "needs a \(from.rawValue) resource, but \($0)" }
        }) { context in
            let resource = try await context.createResource(in: from)
            let change = ResourceChange(status: to)
            let what = "update from \(from.rawValue) to \(to.rawValue)"
            guard context.capabilities.actions.contains(action) else {
                try await context.expectError(.unsupported, "\(what) ('\(action.rawValue)' not declared)") { [driver = context.driver] in
                    try await driver.update(handle: resource.handle, change: change)
                }
                try await context.expectUnchanged(resource, after: "the undeclared '\(action.rawValue)'")
                return "undeclared '\(action.rawValue)' refused"
            }
            let returned = try await context.update(resource.handle, change, what)
            let transitional: ResourceStatus = to == .stopped ? .stopping : .starting
            try context.check(returned.status == to || returned.status == transitional,
                              "\(what) returned status \(returned.status.rawValue)")
            let settled = try await context.settle(resource.handle, to: to)
            var expected = resource
            expected.status = to
            if let difference = context.difference(expected, settled) {
                throw CheckFailure("after \(what), the resource also changed: \(difference)")
            }
            return nil
        }
    }
}
