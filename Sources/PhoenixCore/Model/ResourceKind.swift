/// The three kinds of resource Phoenix manages; each is one collection under `/api/v1`.
public enum ResourceKind: String, CaseIterable, Sendable, Hashable, Comparable {
    case containers
    case vms
    case services

    /// The singular noun for messages ("container", "VM", "service").
    public var singular: String {
        switch self {
        case .containers: "container"
        case .vms: "VM"
        case .services: "service"
        }
    }

    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
