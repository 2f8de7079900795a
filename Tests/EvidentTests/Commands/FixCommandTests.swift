import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// `evident fix` retypes the literals of failing pins and approximate
/// claims, in the author's spelling, and nothing else.
@Suite struct FixCommandTests {
    @Test(arguments: [
        ("4.77", 4.7619, 0.005, "4.76"), ("4.8%", 0.047619, 0.0005, "4.8%"), ("−4.80", -4.7619, 0.005, "−4.76"),
        ("4.8e-5", 4.7619e-5, 5e-7, "4.8e-5"), ("5", 4.7619, 0.047619, "4.8"), ("4.7", 4.7619, 0.001, "4.762"), ("300", 312.4, 0.5, "312"),
    ])
    func retypesInTheAuthorsSpelling(_ old: String, _ value: Double, _ tolerance: Double, _ expected: String) throws {
        let typed = try #require(PinnedNumber(old))
        #expect(LiteralFix.retype(old, as: typed, value: value, tolerance: tolerance) == expected)
    }

    func runner(_ console: CapturedConsole) -> CommandRunner {
        CommandRunner(console: console.console) { options in
            let pipeline = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator)
            return { pipeline.process(file: $0, source: $1, mode: $2) }
        }
    }

    static let document = """
        ```evident
        let I = 1 / (0.3 * 0.7)
        claim "close": I ≈ 4.76 ± 0.001
        claim "not a literal": I ≈ 2 * 2 ± 0.1
        claim "holds": I ≈ 4.76 ± 0.01
        ```

        It is `{= I ≈ 4.77}`, or `{= I / 100 ≈ 4.8%}`.
        """

    @Test func proposesADiffAndWritesOnlyWhenAsked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evident-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("doc.md").path
        try Self.document.write(toFile: path, atomically: true, encoding: .utf8)

        let shown = CapturedConsole()
        #expect(runner(shown).fix(paths: [path], write: false) == .claimFailed)
        #expect(shown.output.contains("-claim \"close\": I ≈ 4.76 ± 0.001\n+claim \"close\": I ≈ 4.762 ± 0.001\n"))
        #expect(shown.output.contains("+It is `{= I ≈ 4.76}`, or `{= I / 100 ≈ 4.8%}`."))
        #expect(!shown.output.contains("-claim \"not a literal\""))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.document)

        let written = CapturedConsole()
        // The claim whose right side is not a literal still fails after the fix.
        #expect(runner(written).fix(paths: [path], write: true) == .claimFailed)
        let fixed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(fixed == Self.document.replacingOccurrences(of: "4.76 ± 0.001", with: "4.762 ± 0.001")
            .replacingOccurrences(of: "I ≈ 4.77}", with: "I ≈ 4.76}"))
        #expect(written.output.contains("4 passed, 1 failed"))

        let again = CapturedConsole()
        #expect(runner(again).fix(paths: [path], write: false) == .success)
        #expect(again.output.isEmpty)
    }
}
