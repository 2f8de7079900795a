import Foundation
import Testing
@testable import EvidentMarkdown

/// Fixtures/math/corpus.tex: a few hundred real formulas, one a line; `#`
/// starts a comment line, and the comment lines `# display` and `# inline`
/// switch the style of the formulas after them. Every one must convert
/// without error to well-formed MathML Core.
///
/// With EVIDENT_MATH_DUMP=PATH the conversions are also written to PATH as
/// JSON lines `{"display":…,"mathml":…,"tex":…}`, for scripts/math-differential.
@Suite struct MathCorpusTests {
    struct Entry: Codable {
        var tex: String
        var display: Bool
        var mathml: String
    }

    static func formulas() throws -> [(line: Int, tex: String, display: Bool)] {
        let source = try String(contentsOf: MathFixtures.directory.appendingPathComponent("corpus.tex"), encoding: .utf8)
        var display = false
        var formulas: [(line: Int, tex: String, display: Bool)] = []
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text.hasPrefix("#") {
                let directive = text.dropFirst().trimmingCharacters(in: .whitespaces)
                if directive == "display" { display = true }
                if directive == "inline" { display = false }
                continue
            }
            formulas.append((index + 1, text, display))
        }
        return formulas
    }

    @Test func corpusConvertsToMathMLCore() throws {
        let formulas = try Self.formulas()
        #expect(formulas.count >= 300)
        var entries: [Entry] = []
        for (line, tex, display) in formulas {
            do {
                let mathml = try MathML.convert(tex, display: display)
                let problems = MathMLCoreChecker.problems(mathml)
                #expect(problems == [], "corpus.tex:\(line): \(tex)")
                entries.append(Entry(tex: tex, display: display, mathml: mathml))
            } catch {
                Issue.record("corpus.tex:\(line): \(tex): \(MathFixtures.describe(error))")
            }
        }
        if let path = ProcessInfo.processInfo.environment["EVIDENT_MATH_DUMP"], !path.isEmpty {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var lines = ""
            for entry in entries {
                lines += String(decoding: try encoder.encode(entry), as: UTF8.self) + "\n"
            }
            try lines.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
