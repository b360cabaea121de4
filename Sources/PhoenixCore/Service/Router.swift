import Foundation

/// Routes every API request: authentication, scope, method, then the controller of the
/// kind; turns every error into an RFC 9457 problem and records mutations in the audit log.
public struct Router: HTTPHandler {
    private let controllers: [ResourceKind: ResourceController]
    let keys: any KeyStore
    private let audit: any AuditSink
    private let log: Log

    /// Creates a router over the controllers of the served kinds (absent kinds are not served).
    public init(controllers: [ResourceKind: ResourceController], keys: any KeyStore, audit: any AuditSink, log: Log = Log()) {
        self.controllers = controllers
        self.keys = keys
        self.audit = audit
        self.log = log
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let route = Route(path: request.path)
        var key: APIKey?
        var response: HTTPResponse
        do {
            key = try authenticate(request, route: route)
            response = try await dispatch(request, route: route, key: key)
        } catch {
            let problem = PhoenixError.wrap(error)
            if problem.code == .internalError || problem.code == .backendFailure {
                log.error("\(request.method) \(request.path): \(problem)")
            }
            response = ProblemMapping.response(for: problem, instance: request.path)
            if problem.code == .unauthorized {
                response.headers.append(("WWW-Authenticate", #"Bearer realm="phoenix""#))
            } else if problem.code == .methodNotAllowed {
                response.headers.append(("Allow", route.allowedMethods.joined(separator: ", ")))
            }
        }
        response.keyID = key?.id
        if request.method != "GET", request.method != "HEAD", route != .health {
            audit.record(AuditEntry(time: Date().formatted(.iso8601), keyID: key?.id, method: request.method,
                                    path: request.path, status: response.status))
        }
        return response
    }

    /// The key of an `/api/v1` request; `nil` for `/healthz`.
    private func authenticate(_ request: HTTPRequest, route: Route) throws -> APIKey? {
        if route == .health { return nil }
        guard let header = request.header("Authorization") else {
            throw PhoenixError(.unauthorized, "Send an API key as 'Authorization: Bearer <key>'.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let key = try keys.authenticate(token: String(parts[1])) else {
            throw PhoenixError(.unauthorized, "The API key is missing, unknown or revoked.")
        }
        return key
    }

    private func dispatch(_ request: HTTPRequest, route: Route, key: APIKey?) async throws -> HTTPResponse {
        switch route {
        case .notFound:
            throw PhoenixError.notFound("The path \(request.path)")
        case .unknownKind(let name):
            throw PhoenixError(.notFound, "There is no collection '\(name)'; collections are containers, vms, services, keys.")
        default: break
        }
        guard route.allowedMethods.contains(request.method) else {
            throw PhoenixError(.methodNotAllowed, "\(request.method) is not allowed on \(request.path).")
        }
        if let key, !key.scope.allows(route.neededScope(for: request.method)) {
            throw PhoenixError(.forbidden, "This key has scope '\(key.scope.rawValue)'; \(request.method) \(request.path) needs '\(route.neededScope(for: request.method).rawValue)'.")
        }
        switch route {
        case .health:
            return .json(["status": "ok"])
        case .collection(let kind):
            let controller = try controller(for: kind)
            if request.method == "GET" { return .json(.array(try await controller.list())) }
            let created = try await controller.create(body: try RequestBody.object(of: request))
            return .json(created.resource, status: 201, headers: [("Location", "\(Route.prefix)/\(kind.rawValue)/\(created.id)")])
        case .item(let kind, let id):
            let controller = try controller(for: kind)
            guard let id else { throw PhoenixError.notFound("\(kind.singular.capitalizedFirst) \(request.path.split(separator: "/").last ?? "")") }
            switch request.method {
            case "GET": return .json(try await controller.get(id: id))
            case "PUT": return .json(try await controller.update(id: id, body: try RequestBody.object(of: request)))
            default:
                try await controller.delete(id: id, force: try RequestBody.flag("force", in: request))
                return HTTPResponse(status: 204)
            }
        case .keys, .key:
            return try manageKeys(request, route: route)
        case .notFound, .unknownKind:
            throw PhoenixError.notFound("The path \(request.path)")
        }
    }

    private func controller(for kind: ResourceKind) throws -> ResourceController {
        guard let controller = controllers[kind] else {
            throw PhoenixError(.kindNotServed, "\(kind.rawValue) are not served on this host (its driver is 'none').")
        }
        return controller
    }
}
