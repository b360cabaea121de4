public import PhoenixCore

/// One forking operation for `phoenix-lxc-helper`, encoded as its command line.
///
/// The driver builds it, the helper parses it; both sides use this one type so the
/// encoding cannot drift. Values are validated by the driver before they get here.
public struct HelperRequest: Sendable, Hashable {
    /// The operations that fork and therefore run in the helper.
    public enum Verb: String, Sendable, CaseIterable {
        /// `create` from a template, or from a local rootfs when `rootfsSource` is set.
        case create
        /// `start` daemonized.
        case start
        /// `clone` of `source` as `name`.
        case clone
        /// `destroy` with rootfs.
        case destroy
    }

    /// What to do.
    public var verb: Verb
    /// The LXC path.
    public var lxcpath: String
    /// The container's LXC name.
    public var name: String
    /// liblxc's log file for the helper process.
    public var logFile: String
    /// Where the helper writes its JSON result.
    public var resultFile: String
    /// The template for `create` (`busybox`), or `nil` for an empty rootfs.
    public var template: String?
    /// A rootfs directory or tarball copied into the new rootfs (`create` without template).
    public var rootfsSource: String?
    /// The container to clone from (`clone`).
    public var source: String?
    /// Config items set before `create`, or on the clone after `clone`.
    public var config: [ConfigItem]

    /// One `key = value` config line.
    public struct ConfigItem: Sendable, Hashable {
        /// The LXC key (`lxc.net.0.type`).
        public var key: String
        /// The value.
        public var value: String
        /// Creates an item.
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// Creates a request.
    public init(verb: Verb, lxcpath: String, name: String, logFile: String, resultFile: String,
                template: String? = nil, rootfsSource: String? = nil, source: String? = nil,
                config: [ConfigItem] = []) {
        self.verb = verb
        self.lxcpath = lxcpath
        self.name = name
        self.logFile = logFile
        self.resultFile = resultFile
        self.template = template
        self.rootfsSource = rootfsSource
        self.source = source
        self.config = config
    }

    /// The helper's arguments (without argv[0]).
    public var arguments: [String] {
        var result = [verb.rawValue, "--lxcpath", lxcpath, "--name", name, "--log-file", logFile,
                      "--result", resultFile]
        if let template { result += ["--template", template] }
        if let rootfsSource { result += ["--rootfs-source", rootfsSource] }
        if let source { result += ["--source", source] }
        for item in config { result += ["--config", item.key + "=" + item.value] }
        return result
    }

    /// Parses the helper's arguments (without argv[0]).
    /// - Throws: `PhoenixError` `internalError` for a malformed command line.
    public init(arguments: [String]) throws(PhoenixError) {
        guard let first = arguments.first, let verb = Verb(rawValue: first) else {
            throw Self.usage("expected one of \(Verb.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var values: [String: String] = [:]
        var config: [ConfigItem] = []
        var index = 1
        while index < arguments.count {
            let flag = arguments[index]
            guard index + 1 < arguments.count else { throw Self.usage("\(flag) needs a value") }
            let value = arguments[index + 1]
            if flag == "--config" {
                guard let equals = value.firstIndex(of: "=") else { throw Self.usage("--config needs key=value") }
                config.append(ConfigItem(String(value[..<equals]), String(value[value.index(after: equals)...])))
            } else {
                values[flag] = value
            }
            index += 2
        }
        guard let lxcpath = values["--lxcpath"], let name = values["--name"],
              let logFile = values["--log-file"], let resultFile = values["--result"] else {
            throw Self.usage("--lxcpath, --name, --log-file and --result are required")
        }
        self.init(verb: verb, lxcpath: lxcpath, name: name, logFile: logFile, resultFile: resultFile,
                  template: values["--template"], rootfsSource: values["--rootfs-source"],
                  source: values["--source"], config: config)
    }

    private static func usage(_ message: String) -> PhoenixError {
        PhoenixError(.internalError, "phoenix-lxc-helper: \(message).")
    }
}
