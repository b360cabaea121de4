import Foundation
import Glibc

/// Removes the empty cgroups liblxc leaves behind for a stopped container.
///
/// A daemonized monitor cannot remove `lxc.monitor.<name>` while it is still inside it, and
/// containers started through the C API were seen leaving these (and occasionally
/// `lxc.payload.<name>`) empty in every hierarchy. `rmdir` on a cgroup succeeds only when it
/// has no processes and no children, so this never disturbs a live container; it is called
/// only after the container is known to be stopped.
enum CgroupLeftovers {
    /// Removes empty `lxc.monitor.<name>[-N]` and `lxc.payload.<name>[-N]` cgroups.
    /// - Returns: the paths removed.
    @discardableResult
    static func remove(name: String) -> [String] {
        var removed: [String] = []
        for directory in candidateParents() {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for entry in entries where matches(entry, name: name) {
                let path = directory + "/" + entry
                if rmdir(path) == 0 { removed.append(path) }
            }
        }
        return removed
    }

    /// The remaining `lxc.monitor.<name>`/`lxc.payload.<name>` cgroups, for tests and logs.
    static func remaining(name: String) -> [String] {
        candidateParents().flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { matches($0, name: name) }.map { directory + "/" + $0 }
        }
    }

    static func matches(_ entry: String, name: String) -> Bool {
        for prefix in ["lxc.monitor.", "lxc.payload."] {
            guard entry.hasPrefix(prefix + name) else { continue }
            let rest = entry.dropFirst(prefix.count + name.count)
            if rest.isEmpty { return true }
            if rest.first == "-", rest.dropFirst().allSatisfy(\.isNumber), rest.count > 1 { return true }
        }
        return false
    }

    /// Every cgroup mount point, plus this process's own cgroup in it (liblxc places the
    /// monitor relative to the hierarchy root or to the starter's cgroup).
    static func candidateParents() -> [String] {
        guard let mountinfo = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return [] }
        var parents: [String] = []
        for line in mountinfo.split(separator: "\n") {
            let halves = line.components(separatedBy: " - ")
            guard halves.count == 2, let type = halves[1].split(separator: " ").first,
                  type == "cgroup" || type == "cgroup2" else { continue }
            let fields = halves[0].split(separator: " ")
            guard fields.count > 4 else { continue }
            let mountPoint = String(fields[4])
            parents.append(mountPoint)
        }
        var result = parents
        if let own = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) {
            for line in own.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count == 3, parts[2] != "/" else { continue }
                for mount in parents where mount.hasSuffix("/" + parts[1].replacingOccurrences(of: "name=", with: ""))
                    || (parts[1].isEmpty && mount.hasSuffix("/unified")) {
                    result.append(mount + parts[2])
                }
            }
        }
        return Array(Set(result)).sorted()
    }
}
