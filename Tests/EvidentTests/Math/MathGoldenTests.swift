import Foundation
import Testing
@testable import EvidentMarkdown

/// Each Fixtures/math/golden/NAME.tex converted must give exactly NAME.mathml.
/// A `.tex` file is TeX whose leading `%` comment lines say how to convert
/// it: `% display` for display style, `% macro \NAME: BODY` for a macro.
/// With EVIDENT_RECORD_GOLDEN=1 the expected files are rewritten instead
/// (review each before committing).
@Suite struct MathGoldenTests {
    static let directory = MathFixtures.directory.appendingPathComponent("golden")

    static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".tex") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// The formula, its style and its macros from a golden `.tex` file.
    static func read(_ source: String) throws -> (tex: String, display: Bool, macros: TeXMacros) {
        var display = false
        var definitions: [String: String] = [:]
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.hasPrefix("%") {
            let directive = first.dropFirst().trimmingCharacters(in: .whitespaces)
            if directive == "display" { display = true }
            if directive.hasPrefix("macro ") {
                let parts = directive.dropFirst(6).split(separator: ":", maxSplits: 1)
                definitions[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
            lines.removeFirst()
        }
        let tex = lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
        return (tex, display, try TeXMacros(definitions))
    }

    @Test func goldenFormulas() throws {
        let names = try Self.names()
        #expect(names.count >= 40)
        for name in names {
            let source = try String(contentsOf: Self.directory.appendingPathComponent(name + ".tex"), encoding: .utf8)
            let (tex, display, macros) = try Self.read(source)
            let mathml = try MathML.convert(tex, display: display, macros: macros)
            #expect(MathMLCoreChecker.problems(mathml) == [], "\(name)")
            let expectedURL = Self.directory.appendingPathComponent(name + ".mathml")
            if MathFixtures.recording {
                try mathml.write(to: expectedURL, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
                Issue.record("\(name).mathml is missing; run with EVIDENT_RECORD_GOLDEN=1 to record it")
                continue
            }
            #expect(mathml == expected, "\(name).tex differs from \(name).mathml")
        }
    }
}
