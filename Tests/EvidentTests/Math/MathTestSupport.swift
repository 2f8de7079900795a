import Foundation
@testable import EvidentMarkdown

/// Where the math fixtures are in the source tree (golden files are
/// rewritten there when recording).
enum MathFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/math")

    /// Golden files are re-recorded with EVIDENT_RECORD_GOLDEN=1 (or the
    /// suite-wide EVIDENT_RECORD=1 that Pipeline/GoldenTests uses).
    static var recording: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["EVIDENT_RECORD_GOLDEN"] == "1" || environment["EVIDENT_RECORD"] == "1"
    }

    /// A TeX error as one comparable string: `offset+length: message`.
    static func describe(_ error: TeXError) -> String {
        "\(error.offset)+\(error.length): \(error.message)"
    }

    /// The error converting `tex` gives, described, or "no error".
    static func error(_ tex: String, display: Bool = false, macros: TeXMacros = TeXMacros()) -> String {
        do {
            _ = try MathML.convert(tex, display: display, macros: macros)
            return "no error"
        } catch {
            return describe(error)
        }
    }
}
