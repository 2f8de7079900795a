// swift-tools-version:6.0
import PackageDescription

// The command line's release binary carries the Swift runtime and Foundation
// statically (Linux): a process no longer loads and relocates a dozen shared
// libraries (about 6 ms each run; docs/performance.md). The libraries' objects
// are compiled for the shared runtime and do not name the static Foundation's
// own parts, so they are listed here.
let staticFoundation = ["-static-stdlib", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections"]
let staticRuntime: [LinkerSetting] = [
    .unsafeFlags(staticFoundation, .when(platforms: [.linux], configuration: .release)),
]
// The preview server's HTTP package brings FoundationNetworking, whose URL
// sessions sit on libcurl and, through it, some thirty shared libraries
// (TLS, Kerberos, LDAP) that take about 5 ms to load. `evident preview`
// therefore runs a second executable, `evident-preview`, so that no other
// command pays for them (docs/performance.md).
let previewRuntime: [LinkerSetting] = [
    .unsafeFlags(staticFoundation + ["-l_CFURLSessionInterface", "-lcurl"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Evident",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "InfoGeometry", targets: ["InfoGeometry"]),
        .library(name: "EvidentLanguage", targets: ["EvidentLanguage"]),
        .library(name: "EvidentMarkdown", targets: ["EvidentMarkdown"]),
        .library(name: "Evident", targets: ["Evident"]),
        .executable(name: "evident", targets: ["EvidentTool"]),
        .executable(name: "evident-preview", targets: ["EvidentPreview"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // HarfBuzz's header only: the library is loaded at run time when a
        // page first needs the math font (EmbeddedMathFont.swift).
        .systemLibrary(
            name: "CHarfBuzz",
            providers: [.apt(["libharfbuzz-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // LAPACK (liblapacke) is loaded at run time when first needed: see LAPACK.swift.
        // The direction of flow is a compiler rule: each target sees only
        // those below it (DESIGN.md, Architecture).
        .target(name: "InfoGeometry"),
        // C's `snprintf` for the validated number formats (NumberFormat.swift).
        .target(name: "CFormat"),
        .target(name: "EvidentLanguage", dependencies: ["InfoGeometry", "CFormat"]),
        .target(
            name: "EvidentMarkdown",
            dependencies: [
                "EvidentLanguage",
                "CCmarkGFM",
                "CCrypto",
                "CHarfBuzz",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "Evident", dependencies: ["EvidentLanguage", "EvidentMarkdown", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "EvidentCLI",
            dependencies: [
                "Evident",
                "EvidentLanguage",
                "EvidentMarkdown",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "EvidentTool", dependencies: ["EvidentCLI"], linkerSettings: staticRuntime),
        .executableTarget(
            name: "EvidentPreview",
            dependencies: [
                "Evident",
                "EvidentCLI",
                "EvidentLanguage",
                "EvidentMarkdown",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            linkerSettings: previewRuntime
        ),
        .executableTarget(
            name: "InfoGeometryBenchmark",
            dependencies: ["InfoGeometry"],
            path: "Benchmarks/InfoGeometryBenchmark"
        ),
        .testTarget(name: "InfoGeometryTests", dependencies: ["InfoGeometry"]),
        .testTarget(
            name: "EvidentTests",
            dependencies: ["Evident", "EvidentLanguage", "EvidentMarkdown", "EvidentCLI", "EvidentPreview"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
