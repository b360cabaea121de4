extension Router {
    /// `GET/POST /api/v1/keys`, `DELETE /api/v1/keys/{id}` (admin scope).
    func manageKeys(_ request: HTTPRequest, route: Route) throws -> HTTPResponse {
        switch (route, request.method) {
        case (.keys, "GET"):
            return .json(.array(try keys.listKeys().map(\.json)))
        case (.keys, _):
            let body = try RequestBody.object(of: request)
            for member in body.keys.sorted() where member != "name" && member != "scope" {
                throw PhoenixError.invalidField(member, "Unknown field '\(member)'; a key has 'name' and 'scope'.")
            }
            guard let name = body["name"]?.stringValue else {
                throw PhoenixError.invalidField("name", "'name' is required and must be a string.")
            }
            guard let scope = Scope(rawValue: body["scope"]?.stringValue ?? "read") else {
                throw PhoenixError.invalidField("scope", "'scope' must be read, write or admin.")
            }
            let created = try keys.createKey(name: name, scope: scope)
            var json = created.key.json.objectValue ?? [:]
            json["key"] = .string(created.secret)
            return .json(.object(json), status: 201, headers: [("Location", "\(Route.prefix)/keys/\(created.key.id)")])
        case (.key(let id), _):
            guard let id else { throw PhoenixError.notFound("The key") }
            try keys.revokeKey(id: id)
            return HTTPResponse(status: 204)
        default:
            throw PhoenixError.notFound("The path \(request.path)")
        }
    }
}
