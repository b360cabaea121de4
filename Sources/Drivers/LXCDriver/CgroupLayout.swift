import Foundation

/// Which cgroup keys limits go into, detected from the host.
///
/// A unified host (cgroup2 mounted on `/sys/fs/cgroup`, with `cgroup.controllers`) takes
/// `lxc.cgroup2.*` keys. A v1 or hybrid host (controllers on v1 hierarchies, maybe cgroup2
/// at `/sys/fs/cgroup/unified` without controllers) takes `lxc.cgroup.*` keys; liblxc
/// ignores `lxc.cgroup2.*` limits there.
enum CgroupLayout: String, Sendable {
    case v1
    case unified

    /// CFS period used for CPU limits (100 ms, the kernel default).
    static let cpuPeriod = 100_000

    /// Detects the layout of this host.
    static func detect(root: String = "/sys/fs/cgroup") -> CgroupLayout {
        FileManager.default.fileExists(atPath: root + "/cgroup.controllers") ? .unified : .v1
    }

    // MARK: Config keys

    var memoryKey: String { self == .v1 ? "lxc.cgroup.memory.limit_in_bytes" : "lxc.cgroup2.memory.max" }

    /// The config items for a memory limit (nil: unlimited, the key is removed).
    func memoryConfig(_ megabytes: Int?) -> [(key: String, value: String?)] {
        [(memoryKey, megabytes.map { String($0 * 1_048_576) })]
    }

    /// The config items for a CPU limit as a CFS quota (nil: unlimited).
    func cpuConfig(_ cpus: Int?) -> [(key: String, value: String?)] {
        switch self {
        case .v1:
            return [("lxc.cgroup.cpu.cfs_period_us", cpus.map { _ in String(Self.cpuPeriod) }),
                    ("lxc.cgroup.cpu.cfs_quota_us", cpus.map { String($0 * Self.cpuPeriod) })]
        case .unified:
            return [("lxc.cgroup2.cpu.max", cpus.map { "\($0 * Self.cpuPeriod) \(Self.cpuPeriod)" })]
        }
    }

    /// The memory limit in MiB from the config (nil: none).
    func memoryMB(config: (String) -> String?) -> Int? {
        guard let text = config(memoryKey), let bytes = Self.parseBytes(text) else { return nil }
        return Int((bytes + 1_048_575) / 1_048_576)
    }

    /// The CPU limit from the config: the CFS quota rounded up to whole CPUs, else the
    /// size of a configured cpuset (for containers made outside Phoenix), else nil.
    func cpus(config: (String) -> String?) -> Int? {
        let quota: Int?
        let period: Int
        switch self {
        case .v1:
            quota = config("lxc.cgroup.cpu.cfs_quota_us").flatMap { Int($0) }
            period = config("lxc.cgroup.cpu.cfs_period_us").flatMap { Int($0) } ?? Self.cpuPeriod
        case .unified:
            let parts = (config("lxc.cgroup2.cpu.max") ?? "").split(separator: " ")
            quota = parts.first.flatMap { Int($0) }
            period = parts.count > 1 ? Int(parts[1]) ?? Self.cpuPeriod : Self.cpuPeriod
        }
        if let quota, quota > 0, period > 0 { return (quota + period - 1) / period }
        let cpusetKey = self == .v1 ? "lxc.cgroup.cpuset.cpus" : "lxc.cgroup2.cpuset.cpus"
        return config(cpusetKey).flatMap(Self.countCPUs)
    }

    // MARK: Live cgroup items (set_cgroup_item / get_cgroup_item keys)

    /// The live items for a memory limit, in the order they must be written.
    func liveMemory(_ megabytes: Int?) -> [(key: String, value: String)] {
        let bytes = megabytes.map { String($0 * 1_048_576) }
        return self == .v1 ? [("memory.limit_in_bytes", bytes ?? "-1")] : [("memory.max", bytes ?? "max")]
    }

    /// The live items for a CPU limit, in the order they must be written.
    func liveCPU(_ cpus: Int?) -> [(key: String, value: String)] {
        let quota = cpus.map { String($0 * Self.cpuPeriod) }
        switch self {
        case .v1:
            return [("cpu.cfs_period_us", String(Self.cpuPeriod)), ("cpu.cfs_quota_us", quota ?? "-1")]
        case .unified:
            return [("cpu.max", "\(quota ?? "max") \(Self.cpuPeriod)")]
        }
    }

    /// Whether the running cgroup holds the configured limits; false means the config
    /// takes effect at the next start.
    func liveMatches(memoryMB: Int?, cpus: Int?, read: (String) -> String?) -> Bool {
        let memoryKey = self == .v1 ? "memory.limit_in_bytes" : "memory.max"
        if let live = read(memoryKey) {
            let liveBytes = Self.parseBytes(live)
            // v1 reports "unlimited" as a huge page-aligned number, v2 as "max".
            let liveUnlimited = liveBytes.map { $0 >= 1 << 62 } ?? (live == "max")
            if let memoryMB {
                if liveBytes != Int64(memoryMB) * 1_048_576 { return false }
            } else if !liveUnlimited {
                return false
            }
        }
        let wantQuota = cpus.map { $0 * Self.cpuPeriod }
        switch self {
        case .v1:
            if let live = read("cpu.cfs_quota_us").flatMap({ Int($0) }) {
                if live != (wantQuota ?? -1) { return false }
            }
        case .unified:
            if let live = read("cpu.max")?.split(separator: " ").first {
                if String(live) != (wantQuota.map(String.init) ?? "max") { return false }
            }
        }
        return true
    }

    static func parseBytes(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return nil }
        let multipliers: [Character: Int64] = ["K": 1 << 10, "k": 1 << 10, "M": 1 << 20, "m": 1 << 20,
                                               "G": 1 << 30, "g": 1 << 30, "T": 1 << 40, "t": 1 << 40]
        if let multiplier = multipliers[last] {
            return Int64(trimmed.dropLast()).map { $0 * multiplier }
        }
        return Int64(trimmed)
    }

    static func countCPUs(_ list: String) -> Int? {
        var count = 0
        for part in list.split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if bounds.count == 1 { count += 1 } else if bounds.count == 2, bounds[1] >= bounds[0] {
                count += bounds[1] - bounds[0] + 1
            } else { return nil }
        }
        return count > 0 ? count : nil
    }
}
