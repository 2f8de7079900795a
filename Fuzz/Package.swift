// swift-tools-version:6.0
// libFuzzer targets for Evident, kept out of the main package so that its
// `swift build` and `swift test` never see them. Build and run them with
// `scripts/fuzz` (which passes -sanitize=fuzzer,address): each target defines
// only `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
import PackageDescription

let fuzzerSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let evident: [Target.Dependency] = ["Evident", "EvidentLanguage", "EvidentMarkdown"].map { .product(name: $0, package: "Evident") }

let package = Package(
    name: "EvidentFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Evident", path: ".."),
        // The parser Evident uses, for FuzzTemplate to look at what it built.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: evident),
        .executableTarget(name: "FuzzParser", dependencies: ["FuzzSupport"] + evident, swiftSettings: fuzzerSettings),
        .executableTarget(name: "FuzzEvaluator", dependencies: ["FuzzSupport"] + evident, swiftSettings: fuzzerSettings),
        .executableTarget(name: "FuzzPipeline", dependencies: ["FuzzSupport"] + evident, swiftSettings: fuzzerSettings),
        .executableTarget(name: "FuzzTemplate", dependencies: ["FuzzSupport", .product(name: "Mustache", package: "swift-mustache")] + evident,
                          swiftSettings: fuzzerSettings),
    ],
    swiftLanguageModes: [.v5]
)
