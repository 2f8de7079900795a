import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct RunCommandTests {
    @Test(arguments: [("pass one", Int32(0)), ("pass one\nfail two", 1), ("error broken", 2)])
    func exitStatus(document: String, expected: Int32) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", document)
        let processor = ScriptedProcessor()
        #expect(processor.runner(CapturedConsole()).run(path: a).rawValue == expected)
        #expect(processor.calls.map(\.mode) == [.run])
    }

    @Test func printsTheTextThenTheFindings() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass one\nfail two")
        let captured = CapturedConsole()
        #expect(ScriptedProcessor().runner(captured).run(path: a) == .claimFailed)
        #expect(captured.output == "text of \(a)\n")
        #expect(captured.error == """
        \(a):2:1: error: claim failed: "two" — observed 4
        fail two
        ^~~~~~~~

        """)
    }

    @Test func aDirectoryOrMissingFileIsAnError() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "pass one")
        let captured = CapturedConsole()
        let runner = ScriptedProcessor().runner(captured)
        #expect(runner.run(path: scratch.url("docs")) == .error)
        #expect(runner.run(path: scratch.url("nope.md")) == .error)
        #expect(captured.error == """
        evident: error: cannot read '\(scratch.url("docs"))': it is a directory
        evident: error: cannot read '\(scratch.url("nope.md"))': no such file

        """)
    }
}
