// swift-tools-version:6.0
// libFuzzer targets for Evident, kept out of the main package so that its
// `swift build` and `swift test` never see them. Build and run them with
// `scripts/fuzz` (which passes -sanitize=fuzzer,address): each target defines
// only `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
import PackageDescription

let fuzzerSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "EvidentFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Evident", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "Evident", package: "Evident")]),
        .executableTarget(name: "FuzzParser", dependencies: ["FuzzSupport", .product(name: "Evident", package: "Evident")],
                          swiftSettings: fuzzerSettings),
        .executableTarget(name: "FuzzEvaluator", dependencies: ["FuzzSupport", .product(name: "Evident", package: "Evident")],
                          swiftSettings: fuzzerSettings),
        .executableTarget(name: "FuzzPipeline", dependencies: ["FuzzSupport", .product(name: "Evident", package: "Evident")],
                          swiftSettings: fuzzerSettings),
    ],
    swiftLanguageModes: [.v5]
)
