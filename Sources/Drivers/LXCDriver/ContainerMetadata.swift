import Foundation
import PhoenixCore

/// What Phoenix keeps next to a container's `config` (`<lxcpath>/<id>/phoenix.json`), so
/// the API name and origin survive a lost store. The id is the LXC name itself.
struct ContainerMetadata: Sendable, Hashable {
    static let fileName = "phoenix.json"

    /// The API name.
    var name: String
    /// The template the rootfs was made from, if any.
    var template: String?
    /// The API name of the container this one was cloned from, if any.
    var clonedFrom: String?

    /// Reads the metadata in `directory`; nil when absent or unreadable (then the LXC
    /// name stands in for the API name).
    static func read(in directory: String) -> ContainerMetadata? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName),
              let value = try? JSONValue.parse(Array(data)),
              let name = value["name"]?.stringValue, NameRule.isValid(name) else { return nil }
        return ContainerMetadata(name: name, template: value["template"]?.stringValue,
                                 clonedFrom: value["cloned_from"]?.stringValue)
    }

    /// Writes the metadata atomically (temp file + rename).
    /// - Throws: `PhoenixError` `backendFailure`.
    func write(in directory: String) throws {
        var members: [String: JSONValue] = ["name": .string(name)]
        if let template { members["template"] = .string(template) }
        if let clonedFrom { members["cloned_from"] = .string(clonedFrom) }
        let text = JSONWriter(keyOrder: ["name", "template", "cloned_from"]).string(.object(members)) + "\n"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + Self.fileName), options: .atomic)
        } catch {
            throw PhoenixError(.backendFailure, "Could not write \(Self.fileName) for the container.", underlying: error)
        }
    }
}
