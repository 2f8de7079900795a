import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct CheckCommandTests {
    /// Document contents and the exit status `check` must give for them together.
    @Test(arguments: [
        (["pass a\npass b"], Int32(0)),
        (["no claims at all"], 0),
        (["pass a\nfail b"], 1),
        (["pass a", "fail b"], 1),
        (["pass a\nwarning careful"], 0),
        (["error broken"], 2),
        (["fail b", "error broken"], 2),
        (["pass a", "fail b\nerror broken"], 2),
    ] as [([String], Int32)])
    func exitStatus(documents: [String], expected: Int32) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let paths = try documents.enumerated().map { try scratch.write("d\($0.offset).md", $0.element) }
        for format in ReportFormat.allCases {
            let captured = CapturedConsole()
            let status = ScriptedProcessor().runner(captured).check(paths: paths, format: format.rawValue)
            #expect(status.rawValue == expected, "format \(format)")
        }
    }

    /// Every claim on standard output, failures too, and the errors
    /// counted apart in the tally.
    @Test func textEndsWithTheTallyAndListsPassedClaims() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass first\nfail second\npass -")
        let b = try scratch.write("b.md", "pass third\nerror oops")
        let captured = CapturedConsole()
        let status = ScriptedProcessor().runner(captured).check(paths: [a, b])
        #expect(status == .error)
        #expect(captured.outputLines == [
            "✓ \(a):1 first",
            "✗ \(a):2 second — observed 4",
            "✓ \(a):3 expr 3",
            "✓ \(b):1 third",
            "3 passed, 1 failed, 1 error",
        ])
        #expect(captured.output.hasSuffix("\n3 passed, 1 failed, 1 error\n"))
        #expect(captured.error == """
        \(a):2:1: error: claim failed: "second" — observed 4
        fail second
        ^~~~~~~~~~~
        \(b):2:3: error: oops
        error oops
          ^

        """)
    }

    @Test func textTallyIsLastEvenWithoutClaims() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "error broken")
        let captured = CapturedConsole()
        #expect(ScriptedProcessor().runner(captured).check(paths: [a]) == .error)
        #expect(captured.output == "0 passed, 0 failed, 1 error\n")
    }

    @Test func directoriesAreWalkedInOrderAndEvaluatedInCheckMode() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/b.md", "pass b")
        try scratch.write("docs/a.md", "pass a")
        try scratch.write("docs/sub/c.md", "pass c")
        try scratch.write("docs/notes.txt", "pass not a document")
        let processor = ScriptedProcessor()
        let status = processor.runner(CapturedConsole()).check(paths: [scratch.url("docs")])
        #expect(status == .success)
        #expect(processor.calls.map(\.file) == ["a.md", "b.md", "sub/c.md"].map { scratch.url("docs/" + $0) })
        #expect(processor.calls.allSatisfy { $0.mode == .check })
    }

    @Test func unknownFormatIsAUsageError() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass a")
        let captured = CapturedConsole()
        let processor = ScriptedProcessor()
        #expect(processor.runner(captured).check(paths: [a], format: "xml") == .error)
        #expect(captured.error == "evident: error: unknown format 'xml' (expected one of: text, json, junit, github, sarif)\n")
        #expect(captured.output.isEmpty)
        #expect(processor.calls.isEmpty)
    }

    @Test func missingFilesAndEmptyDirectoriesStopBeforeProcessing() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass a")
        try scratch.write("empty/readme.txt", "nothing")
        let captured = CapturedConsole()
        let processor = ScriptedProcessor()
        let status = processor.runner(captured).check(paths: [a, scratch.url("missing.md"), scratch.url("empty")])
        #expect(status == .error)
        #expect(processor.calls.isEmpty)
        #expect(captured.error == """
        evident: error: no such file or directory: '\(scratch.url("missing.md"))'
        evident: error: no Markdown files (*.md) found in '\(scratch.url("empty"))'

        """)
    }

    @Test func noPathsIsAUsageError() {
        let captured = CapturedConsole()
        #expect(ScriptedProcessor().runner(captured).check(paths: []) == .error)
        #expect(captured.error == "evident: error: no input files\n")
    }

    @Test func invalidUTF8IsReported() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.url("bad.md")
        try Data([0x70, 0x61, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: path))
        let captured = CapturedConsole()
        #expect(ScriptedProcessor().runner(captured).check(paths: [path]) == .error)
        #expect(captured.error == "\(path):1:3: error: cannot read: not valid UTF-8 text: byte 0xFF cannot start or continue a character; save the file as UTF-8\n")
    }

    @Test func paramsReachThePipelineOptions() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "---\nparams: {seed: 1, name: x, eq: y, empty: z}\n---\npass a")
        let processor = ScriptedProcessor()
        let options = CommandOptions(params: ["seed=3", "name=latent class", "seed=4", "eq=a=b", "empty="])
        #expect(processor.runner(CapturedConsole()).check(paths: [a], options: options) == .success)
        #expect(processor.options?.params == [
            "seed": .number(4), "name": .string("latent class"), "eq": .string("a=b"), "empty": .string(""),
        ])
        #expect(processor.options?.paramOrigins["seed"] == .commandLine("seed=4"))
    }

    /// A --param is for the documents that declare it: a sweep over a folder
    /// of mixed documents runs; a name no document declares is a usage error
    /// (with the nearest declared name), and nothing is processed.
    @Test func aParamIsForTheDocumentsThatDeclareIt() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "---\nparams:\n  seed: 1\n---\npass a")
        try scratch.write("docs/b.md", "pass b")
        let processor = ScriptedProcessor()
        #expect(processor.runner(CapturedConsole()).check(paths: [scratch.url("docs")], options: CommandOptions(params: ["seed=2"])) == .success)
        #expect(processor.calls.count == 2)
        let captured = CapturedConsole()
        let refused = ScriptedProcessor()
        #expect(refused.runner(captured).check(paths: [scratch.url("docs")], options: CommandOptions(params: ["sead=2"])) == .error)
        #expect(captured.error == "evident: error: --param sead: no document declares a param `sead`; did you mean `seed`?\n")
        #expect(refused.calls.isEmpty)
    }

    @Test(arguments: [
        ("seed", "invalid --param 'seed': expected NAME=VALUE"),
        ("=3", "invalid --param '=3': '' is not a parameter name"),
        ("1x=3", "invalid --param '1x=3': '1x' is not a parameter name"),
        ("a b=3", "invalid --param 'a b=3': 'a b' is not a parameter name"),
        ("theta=1e400", "invalid --param 'theta=1e400': the value must be a finite number"),
        ("theta=nan", "invalid --param 'theta=nan': the value must be a finite number (quoted, \"nan\" is the text)"),
        ("theta=-inf", "invalid --param 'theta=-inf': the value must be a finite number (quoted, \"-inf\" is the text)"),
        ("theta=[1, Infinity]", "invalid --param 'theta=[1, Infinity]': the value must be a finite number (quoted, \"Infinity\" is the text)"),
    ])
    func malformedParamsAreUsageErrors(param: String, message: String) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass a")
        for command in ["check", "build", "run"] {
            let captured = CapturedConsole()
            let processor = ScriptedProcessor()
            let runner = processor.runner(captured)
            let options = CommandOptions(params: [param])
            let status: CommandExit
            switch command {
            case "check": status = runner.check(paths: [a], options: options)
            case "build": status = runner.build(paths: [a], options: options)
            default: status = runner.run(path: a, options: options)
            }
            #expect(status == .error, "\(command)")
            #expect(captured.error == "evident: error: \(message)\n", "\(command)")
            #expect(processor.calls.isEmpty)
        }
        #expect(!scratch.exists("a.html"))
    }
}
