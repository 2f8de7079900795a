import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// docs/ci.md shows what `evident check` prints for its `false-claim.md`
/// example; these transcripts are typed into the page, so this test runs the
/// real command on that example and compares them line for line.
@Suite struct CITranscriptTests {
    static let page: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/ci.md"), encoding: .utf8)) ?? ""
    }()

    /// The contents of every fence opened by `opening` (e.g. "```text"), in order.
    static func fences(_ opening: String, closing: String) -> [String] {
        var blocks: [String] = []
        var rest = page[...]
        while let start = rest.range(of: opening + "\n") {
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: "\n" + closing + "\n") else { break }
            blocks.append(String(rest[..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return blocks
    }

    func check(format: String) throws -> (output: String, error: String, status: CommandExit) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-ci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let example = try #require(Self.fences("````markdown", closing: "````").first)
        let path = dir.appendingPathComponent("false-claim.md").path
        try (example + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var output = "", error = ""
        let console = Console(writeOutput: { output += $0 }, writeError: { error += $0 }, colourOutput: false, colourError: false)
        let runner = CommandRunner(console: console) { options in
            let pipeline = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator)
            return { file, source, mode in pipeline.process(file: file, source: source, mode: mode) }
        }
        let status = runner.check(paths: [path], format: format)
        let prefix = dir.path + "/"
        return (output.replacingOccurrences(of: prefix, with: ""), error.replacingOccurrences(of: prefix, with: ""), status)
    }

    @Test func textTranscriptIsWhatCheckPrints() throws {
        let texts = Self.fences("```text", closing: "```")
        try #require(texts.count >= 3)
        let run = try check(format: "text")
        #expect(run.status == .claimFailed)
        #expect(run.output == texts[0] + "\n")
        #expect(run.error == texts[1] + "\n")
    }

    @Test func githubTranscriptIsWhatCheckPrints() throws {
        let texts = Self.fences("```text", closing: "```")
        try #require(texts.count >= 3)
        let run = try check(format: "github")
        #expect(run.status == .claimFailed)
        #expect(run.output == texts[2] + "\n")
    }
}
