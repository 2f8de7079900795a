import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct BuildCommandTests {
    @Test func pagesMirrorEachDirectoryUnderTheOutputDirectory() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "# Alpha\npass one")
        try scratch.write("docs/sub/b.md", "# Beta\nfail two")
        try scratch.write("docs/.hidden/c.md", "pass hidden")
        try scratch.write("docs/.d.md", "pass hidden file")
        try scratch.write("docs/site/old.md", "pass inside the output directory")
        let single = try scratch.write("other/single.md", "pass single")
        let out = scratch.url("docs/site")
        let captured = CapturedConsole()
        let processor = ScriptedProcessor()
        let status = processor.runner(captured).build(paths: [scratch.url("docs"), single], outputDirectory: out)
        #expect(status == .claimFailed)
        #expect(processor.calls.map(\.file) == [scratch.url("docs/a.md"), scratch.url("docs/sub/b.md"), single])
        #expect(processor.calls.allSatisfy { $0.mode == .build })
        #expect(scratch.read("docs/site/a.html") == "<p>page of \(scratch.url("docs/a.md"))</p>")
        #expect(scratch.read("docs/site/sub/b.html") == "<p>page of \(scratch.url("docs/sub/b.md"))</p>")
        #expect(scratch.read("docs/site/single.html") == "<p>page of \(single)</p>")
        #expect(scratch.files() == [
            ".d.md", ".hidden/c.md", "a.md", "site/a.html", "site/index.html", "site/old.md", "site/single.html",
            "site/sub/b.html", "sub/b.md",
        ].map { "docs/" + $0 } + ["other/single.md"])
        #expect(captured.outputLines.last == "2 passed, 1 failed")
    }

    @Test func withoutOutputDirectoryPagesGoBesideTheirSources() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("docs/a.md", "pass one")
        try scratch.write("docs/sub/b.md", "pass two")
        let status = ScriptedProcessor().runner(CapturedConsole()).build(paths: [scratch.url("docs")])
        #expect(status == .success)
        #expect(scratch.read("docs/a.html") == "<p>page of \(a)</p>")
        #expect(scratch.exists("docs/sub/b.html"))
        #expect(!scratch.exists("docs/index.html"))
    }

    @Test func indexListsEveryDocumentWithStatusAndRelativeLink() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "# <Alpha> & co\npass one\npass two")
        try scratch.write("docs/sub/b c.md", "# Beta\npass one\nfail two")
        try scratch.write("docs/z.md", "# Broken\nerror nope")
        let status = ScriptedProcessor().runner(CapturedConsole()).build(paths: [scratch.url("docs")], outputDirectory: scratch.url("out"))
        #expect(status == .error)
        let index = try #require(scratch.read("out/index.html"))
        #expect(index.contains(#"<a href="a.html">&lt;Alpha&gt; &amp; co</a>"#))
        #expect(index.contains("2/2 verified"))
        #expect(index.contains(#"<a href="sub/b%20c.html">Beta</a>"#))
        #expect(index.contains("1/2 verified, 1 failed"))
        #expect(index.contains("<td>Broken</td>"))
        #expect(index.contains("1 error"))
        #expect(!index.contains("z.html"))
        #expect(!scratch.exists("out/z.html"))
    }

    @Test func singleFileWithOutputDirectoryGetsNoIndex() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("docs/a.md", "pass one")
        #expect(ScriptedProcessor().runner(CapturedConsole()).build(paths: [a], outputDirectory: scratch.url("out")) == .success)
        #expect(scratch.files() == ["docs/a.md", "out/a.html"])
    }

    @Test func documentWithErrorsLeavesItsExistingPageUntouched() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass one\nerror broken")
        try scratch.write("a.html", "good old page")
        let captured = CapturedConsole()
        #expect(ScriptedProcessor().runner(captured).build(paths: [a]) == .error)
        #expect(scratch.read("a.html") == "good old page")
        #expect(captured.error == """
        \(a):2:3: error: broken
        error broken
          ^
        evident: note: \(scratch.url("a.html")) was not written because \(a) has errors

        """)
    }

    @Test func failedClaimsStillWriteThePage() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "fail one")
        try scratch.write("a.html", "old")
        let captured = CapturedConsole()
        #expect(ScriptedProcessor().runner(captured).build(paths: [a]) == .claimFailed)
        #expect(scratch.read("a.html") == "<p>page of \(a)</p>")
        #expect(captured.error.hasPrefix("\(a):1:1: error: claim failed: \"one\" — observed 4\n"))
    }

    @Test func unwritableOutputIsACleanErrorAndOtherPagesAreStillWritten() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("docs/a.md", "pass one")
        let b = try scratch.write("docs/b.md", "pass two")
        try scratch.write("out/a.html/keep", "a directory stands where the page would go")
        let captured = CapturedConsole()
        let status = ScriptedProcessor().runner(captured).build(paths: [a, b], outputDirectory: scratch.url("out"))
        #expect(status == .error)
        #expect(captured.error.hasPrefix("evident: error: cannot write '\(scratch.url("out/a.html"))': "))
        #expect(scratch.read("out/a.html/keep") == "a directory stands where the page would go")
        #expect(scratch.read("out/b.html") == "<p>page of \(b)</p>")
        #expect(scratch.files() == ["docs/a.md", "docs/b.md", "out/a.html/keep", "out/b.html"])
    }

    @Test func outputDirectoryThatIsAFileIsACleanError() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass one")
        try scratch.write("out", "a file")
        let captured = CapturedConsole()
        #expect(ScriptedProcessor().runner(captured).build(paths: [a], outputDirectory: scratch.url("out")) == .error)
        #expect(captured.error == "evident: error: cannot write '\(scratch.url("out/a.html"))': '\(scratch.url("out"))' exists and is not a directory\n")
        #expect(scratch.read("out") == "a file")
    }

    @Test func twoDocumentsForOnePageStopTheBuild() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let first = try scratch.write("one/a.md", "pass one")
        let second = try scratch.write("two/a.md", "pass two")
        let captured = CapturedConsole()
        let processor = ScriptedProcessor()
        #expect(processor.runner(captured).build(paths: [first, second], outputDirectory: scratch.url("out")) == .error)
        #expect(captured.error == "evident: error: '\(first)' and '\(second)' would both be written to '\(scratch.url("out/a.html"))'\n")
        #expect(processor.calls.isEmpty)
        #expect(!scratch.exists("out"))
    }

    @Test func aPageNeverReplacesItsSource() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let page = try scratch.write("page.html", "pass one")
        let captured = CapturedConsole()
        #expect(ScriptedProcessor().runner(captured).build(paths: [page]) == .error)
        #expect(scratch.read("page.html") == "pass one")
    }

    @Test func theSameDocumentNamedTwiceIsBuiltOnce() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("docs/a.md", "pass one")
        let processor = ScriptedProcessor()
        let captured = CapturedConsole()
        #expect(processor.runner(captured).build(paths: [scratch.url("docs"), a], outputDirectory: scratch.url("out")) == .success)
        #expect(processor.calls.map(\.file) == [a])
        #expect(captured.outputLines.last == "1 passed, 0 failed")
    }

    @Test func aDocumentCalledIndexKeepsItsPage() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let index = try scratch.write("docs/index.md", "pass home")
        try scratch.write("docs/a.md", "pass one")
        let captured = CapturedConsole()
        #expect(ScriptedProcessor().runner(captured).build(paths: [scratch.url("docs")], outputDirectory: scratch.url("out")) == .success)
        #expect(scratch.read("out/index.html") == "<p>page of \(index)</p>")
        #expect(captured.error == "evident: note: \(scratch.url("out/index.html")) is a document's page; no index page was written\n")
    }

    @Test func templateAndUnsafeReachThePipelineOptions() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass one")
        let template = try scratch.write("page.mustache", "<html>{{{body}}}</html>")
        let processor = ScriptedProcessor()
        let options = CommandOptions(templatePath: template, unsafeHTML: true)
        #expect(processor.runner(CapturedConsole()).build(paths: [a], options: options) == .success)
        #expect(processor.options?.template?.text == "<html>{{{body}}}</html>")
        #expect(processor.options?.unsafeHTML == true)
    }

    @Test func missingTemplateIsAUsageError() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass one")
        let captured = CapturedConsole()
        let options = CommandOptions(templatePath: scratch.url("nope.mustache"))
        #expect(ScriptedProcessor().runner(captured).build(paths: [a], options: options) == .error)
        #expect(captured.error == "evident: error: cannot read template '\(scratch.url("nope.mustache"))': no such file\n")
        #expect(!scratch.exists("a.html"))
    }

    /// A template that cannot be used is reported once, in the template
    /// file at its line and column with its line and a caret, and no page
    /// is written (it was once blamed on the document's line 1).
    @Test func brokenTemplateIsLocatedInTheTemplate() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass one")
        let template = try scratch.write("badt.html", "<html>{{#title}}\n\n{{/nope}}\n")
        let captured = CapturedConsole()
        let options = CommandOptions(templatePath: template)
        #expect(ScriptedProcessor().runner(captured).build(paths: [a], options: options) == .error)
        #expect(captured.error == """
            \(template):3:4: error: this closing tag does not close the section `title` open at 1:7
            {{/nope}}
               ^

            """)
        #expect(!scratch.exists("a.html"))
    }
}
