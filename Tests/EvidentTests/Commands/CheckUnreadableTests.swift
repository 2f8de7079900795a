import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage

/// One document that cannot be read (not UTF-8, or missing) among others:
/// `check` still checks the others and reports that one as an error (E1001,
/// where the problem lies, else at 1:1) in every format, each report whole
/// and valid; the exit status is that of an error.
@Suite struct CheckUnreadableTests {
    struct Scene {
        let scratch: ScratchDirectory
        var paths: [String]
        var good: String { paths[0] }
        var bad: String { paths[1] }
        var missing: String { paths[2] }
        var later: String { paths[3] }
    }

    static func scene() throws -> Scene {
        let scratch = try ScratchDirectory()
        let good = try scratch.write("good.md", "pass first holds")
        let bad = scratch.url("bad.md")
        try Data([0x70, 0x61, 0x0A, 0x78, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: bad))
        let later = try scratch.write("later.md", "fail second")
        return Scene(scratch: scratch, paths: [good, bad, scratch.url("missing.md"), later])
    }

    /// `check --format FORMAT` over a fresh scene and the paths `adding`
    /// gives; the command must end with an error status, and `body` reads
    /// what it wrote. The scene is removed after.
    static func check(format: String, adding: (Scene) throws -> [String] = { _ in [] },
                      _ body: (Scene, CapturedConsole, ScriptedProcessor) throws -> Void) throws {
        let scene = try scene()
        defer { scene.scratch.remove() }
        let extra = try adding(scene)
        let captured = CapturedConsole()
        let processor = ScriptedProcessor()
        #expect(processor.runner(captured).check(paths: scene.paths + extra, format: format) == .error)
        try body(scene, captured, processor)
    }

    @Test func textReportsTheOthersAndTheUnreadable() throws {
        try Self.check(format: "text") { scene, captured, processor in
            #expect(processor.calls.map(\.file) == [scene.good, scene.later])
            #expect(captured.error == """
                \(scene.bad):2:2: error: cannot read: not valid UTF-8 text: byte 0xFF cannot start or continue a character; save the file as UTF-8
                \(scene.missing):1:1: error: cannot read: no such file
                \(scene.later):1:1: error: claim failed: "second" — observed 4
                fail second
                ^~~~~~~~~~~

                """)
            #expect(captured.outputLines == ["✓ \(scene.good):1 first holds", "✗ \(scene.later):1 second — observed 4", "1 passed, 1 failed, 2 errors"])
        }
    }

    @Test func jsonHoldsEveryDocument() throws {
        try Self.check(format: "json") { scene, captured, _ in
            let root = try #require(try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
            let documents = try #require(root["documents"] as? [[String: Any]])
            #expect(documents.map { $0["file"] as? String } == scene.paths)
            #expect((documents[0]["claims"] as? [Any])?.count == 1)
            let errors = documents.map { ($0["errors"] as? [[String: Any]]) ?? [] }
            #expect(errors[1].map { "\($0["line"]!):\($0["column"]!) \($0["id"]!)" } == ["2:2 E1001"])
            #expect(errors[2].map { "\($0["line"]!):\($0["column"]!) \($0["id"]!)" } == ["1:1 E1001"])
            #expect(root["passed"] as? Int == 1 && root["failed"] as? Int == 1 && root["errors"] as? Int == 2)
        }
    }

    @Test func junitIsWellFormedAndHoldsEveryDocument() throws {
        try Self.check(format: "junit") { scene, captured, _ in
            let parser = XMLParser(data: Data(captured.output.utf8))
            let recorder = XMLRecorder()
            parser.delegate = recorder
            #expect(parser.parse(), "\(String(describing: parser.parserError))")
            #expect(recorder.named("testsuite").map { $0.attributes["name"] } == scene.paths)
            #expect(recorder.named("error").map { $0.attributes["type"] } == ["E1001", "E1001"])
            #expect(recorder.named("testsuites").first?.attributes["errors"] == "2")
        }
    }

    @Test func githubAnnotatesTheUnreadableWhereItIs() throws {
        try Self.check(format: "github") { scene, captured, _ in
            let lines = captured.outputLines
            #expect(lines.contains { $0.hasPrefix("::error file=\(GitHubCheckReport.escapeProperty(scene.bad)),line=2,col=2,title=evident error E1001::cannot read") })
            #expect(lines.contains { $0.hasPrefix("::error file=\(GitHubCheckReport.escapeProperty(scene.missing)),line=1,col=1,title=evident error E1001::") })
            #expect(lines.contains { $0.contains("title=claim failed%3A second::") })
            #expect(lines.last == "::notice title=evident check::1 passed, 1 failed, 2 errors")
        }
    }

    @Test func sarifHoldsTheUnreadableAsResults() throws {
        try Self.check(format: "sarif") { scene, captured, _ in
            let root = try #require(try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
            let run = try #require((root["runs"] as? [[String: Any]])?.first)
            let results = try #require(run["results"] as? [[String: Any]])
            #expect(results.map { $0["ruleId"] as? String } == ["E1001", "E1001", "E0600"])
        }
    }

    /// A problem other than a missing or unreadable document (here a
    /// directory without documents) still stops the command before any
    /// document is processed.
    @Test func otherInputProblemsStillStop() throws {
        try Self.check(format: "json", adding: { scene in
            try scene.scratch.write("empty/readme.txt", "nothing")
            return [scene.scratch.url("empty")]
        }) { _, captured, processor in
            #expect(processor.calls.isEmpty)
            #expect(captured.output.isEmpty)
        }
    }
}
