// swift-tools-version:6.0
import PackageDescription

/// System libraries come from Debian's -dev packages through pkg-config.
let systemLibraries: [Target] = [
    .systemLibrary(name: "CMicroHTTPD", path: "Sources/CMicroHTTPD", pkgConfig: "libmicrohttpd",
                   providers: [.apt(["libmicrohttpd-dev"])]),
    .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                   providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
                   providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CLibvirt", path: "Sources/CLibvirt", pkgConfig: "libvirt",
                   providers: [.apt(["libvirt-dev"])]),
    .systemLibrary(name: "CLXC", path: "Sources/CLXC", pkgConfig: "lxc",
                   providers: [.apt(["lxc-dev"])]),
]

var swiftTargets: [Target] = [
    .target(name: "PhoenixCore"),
    .target(name: "FixtureDriver", dependencies: ["PhoenixCore"], path: "Sources/Drivers/FixtureDriver"),
    .target(name: "PhoenixTestSupport", dependencies: ["PhoenixCore"]),
    .testTarget(name: "PhoenixCoreTests", dependencies: ["PhoenixCore", "PhoenixStore", "FixtureDriver", "PhoenixTestSupport"]),
    .target(name: "PhoenixApp", dependencies: ["PhoenixCore", "PhoenixStore", "PhoenixHTTP"]),
    .executableTarget(name: "phoenixd", dependencies: ["PhoenixApp", "PhoenixCore", "FixtureDriver", "PhoenixDriverKit", "LXCDriver",
                                                  "LibvirtDriver"]),
    .testTarget(name: "PhoenixAppTests", dependencies: ["PhoenixApp", "PhoenixCore", "FixtureDriver", "PhoenixTestSupport"]),
    // Each module adds its targets below this line.
    // LXC: CLXC is imported only by LXCBackend, shared by the driver and its fork-free helper split.
    .target(name: "LXCBackend", dependencies: ["PhoenixCore", "CLXC"], path: "Sources/Drivers/LXCBackend"),
    .executableTarget(name: "phoenix-lxc-helper", dependencies: ["LXCBackend", "PhoenixCore"],
                      path: "Sources/Drivers/LXCHelper"),
    .target(name: "LXCDriver", dependencies: ["PhoenixCore", "LXCBackend"], path: "Sources/Drivers/LXCDriver"),
    .testTarget(name: "LXCDriverTests", dependencies: ["LXCDriver", "PhoenixCore", "phoenix-lxc-helper", "PhoenixDriverKit",
                                                     "PhoenixApp", "PhoenixTestSupport"]),
    .target(name: "PhoenixStore", dependencies: ["PhoenixCore", "CSQLite", "CCrypto"]),
    .testTarget(name: "PhoenixStoreTests", dependencies: ["PhoenixStore", "PhoenixCore", "PhoenixTestSupport"]),
    .target(name: "PhoenixHTTP", dependencies: ["PhoenixCore", "CMicroHTTPD"]),
    .target(name: "LibvirtDriver", dependencies: ["PhoenixCore", "CLibvirt"], path: "Sources/Drivers/LibvirtDriver"),
    .testTarget(name: "LibvirtDriverTests", dependencies: ["LibvirtDriver", "PhoenixCore", "PhoenixApp", "PhoenixDriverKit",
                                                         "PhoenixTestSupport"]),
    .testTarget(name: "PhoenixHTTPTests", dependencies: ["PhoenixHTTP", "PhoenixCore", "PhoenixTestSupport"]),
    .target(name: "PhoenixDriverKit", dependencies: ["PhoenixCore"]),
    .testTarget(name: "PhoenixDriverKitTests", dependencies: ["PhoenixDriverKit", "FixtureDriver"]),
]

// Thin SwiftPM plugins; their logic lives in tested libraries.
let plugins: [Target] = [
    .plugin(name: "Conformance",
            capability: .command(intent: .custom(verb: "conformance",
                                                 description: "Run the driver conformance suite against a driver on this host")),
            dependencies: ["phoenixd"]),
]

// One settings loop: every Swift target gets the same language mode and checks.
for target in swiftTargets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}

let package = Package(
    name: "Phoenix",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PhoenixCore", targets: ["PhoenixCore"]),
        .library(name: "FixtureDriver", targets: ["FixtureDriver"]),
        .library(name: "PhoenixDriverKit", targets: ["PhoenixDriverKit"]),
        .executable(name: "phoenixd", targets: ["phoenixd"]),
        .plugin(name: "Conformance", targets: ["Conformance"]),
    ],
    targets: systemLibraries + swiftTargets + plugins
)
