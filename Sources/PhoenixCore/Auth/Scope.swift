/// What an API key may do; each scope includes the ones before it.
public enum Scope: String, CaseIterable, Sendable, Hashable, Comparable {
    /// `GET` requests.
    case read
    /// Also `POST`, `PUT`, `DELETE` on resources.
    case write
    /// Also key management.
    case admin

    private var rank: Int { Scope.allCases.firstIndex(of: self)! }

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rank < rhs.rank }

    /// Whether a key with this scope may do what `needed` requires.
    public func allows(_ needed: Scope) -> Bool { self >= needed }
}
