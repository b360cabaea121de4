extension JSONWriter {
    /// The JSON array `[r.json(id: id), …]` of `resources`, byte for byte, written without
    /// building the per-resource dictionaries: `id`, `name`, `status`, then the driver's
    /// fields sorted by name (a field named like a common member is shadowed, as in
    /// `DriverResource.json(id:)`). Every list response goes through here.
    public static func resourceArray(_ resources: [(id: Int, resource: DriverResource)]) -> [UInt8] {
        let writer = JSONWriter()
        var out: [UInt8] = []
        out.reserveCapacity(64 + resources.count * 128)
        out.append(UInt8(ascii: "["))
        var firstResource = true
        for (id, resource) in resources {
            if !firstResource { out.append(UInt8(ascii: ",")) }
            firstResource = false
            out.append(contentsOf: #"{"id":"#.utf8)
            writer.append(.int(id), to: &out)
            out.append(contentsOf: #","name":"#.utf8)
            writer.append(.string(resource.name), to: &out)
            out.append(contentsOf: #","status":"#.utf8)
            writer.append(.string(resource.status.rawValue), to: &out)
            if !resource.fields.isEmpty {
                var fields: [(key: String, value: JSONValue)] = []
                fields.reserveCapacity(resource.fields.count)
                for field in resource.fields where field.key != "id" && field.key != "name" && field.key != "status" {
                    fields.append(field)
                }
                fields.sort { $0.key < $1.key }
                for field in fields {
                    out.append(UInt8(ascii: ","))
                    writer.append(.string(field.key), to: &out)
                    out.append(UInt8(ascii: ":"))
                    writer.append(field.value, to: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}
