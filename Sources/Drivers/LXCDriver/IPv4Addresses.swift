import Foundation

/// Reads a container's IPv4 addresses from `/proc/<pid>/net/fib_trie` (the routing trie of
/// the network namespace of `pid`), without entering the namespace.
///
/// liblxc's `get_ips` forks to enter the namespace, which the server must not do; the
/// kernel exposes the same local addresses through procfs.
enum IPv4Addresses {
    /// The non-loopback local IPv4 addresses in the network namespace of `pid`, sorted.
    static func of(pid: Int32) -> [String] {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/net/fib_trie", encoding: .utf8) else { return [] }
        return parse(fibTrie: text)
    }

    /// Picks the addresses marked `/32 host LOCAL` in the Local table.
    static func parse(fibTrie text: String) -> [String] {
        var addresses = Set<String>()
        var lastLeaf: String?
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("|-- ") {
                lastLeaf = String(trimmed.dropFirst(4))
            } else if trimmed.hasPrefix("/32 host LOCAL"), let leaf = lastLeaf, !leaf.hasPrefix("127.") {
                addresses.insert(leaf)
            }
        }
        return addresses.sorted()
    }
}
