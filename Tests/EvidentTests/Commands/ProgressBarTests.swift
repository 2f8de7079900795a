import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// The progress bar shows only on a terminal, outside CI, for text output,
/// and only once a document has taken a while.
final class ProgressBarTests: XCTestCase {
    final class Clock {
        var t = 0.0
    }

    func bar(_ clock: Clock, into text: @escaping (String) -> Void) -> ProgressBar {
        ProgressBar(write: text, now: { clock.t }, delay: 0.5, interval: 0.1)
    }

    func testQuietUnlessOnATerminalOutsideCI() {
        XCTAssertTrue(ProgressBar.shows(isTerminal: true, environment: [:]))
        XCTAssertTrue(ProgressBar.shows(isTerminal: true, environment: ["NO_COLOR": "1", "TERM": "xterm"]))
        XCTAssertFalse(ProgressBar.shows(isTerminal: false, environment: [:]))
        XCTAssertFalse(ProgressBar.shows(isTerminal: true, environment: ["CI": "true"]))
        XCTAssertFalse(ProgressBar.shows(isTerminal: true, environment: ["TERM": "dumb"]))
        XCTAssertNil(ProgressBar.standardError(environment: ["CI": "true"]))
        XCTAssertNil(Console.standard(environment: ["CI": "1"]).progress)
    }

    func testShowsCountsAndRateOnceADocumentIsSlowThenErasesItself() {
        let clock = Clock()
        var written = ""
        let progress = bar(clock) { written += $0 }
        progress.beginDocument("report.md", items: 7)
        progress.itemsDone(2)
        progress.operation("map", done: 0, total: 50_000)
        clock.t = 0.2
        progress.operation("map", done: 1_000, total: 50_000)
        XCTAssertEqual(written, "", "nothing in the first half second")
        clock.t = 1.5
        progress.operation("map", done: 12_000, total: 50_000)
        XCTAssertEqual(written, "\r\u{1B}[K" + "report.md  block 3/7  ▕████░░░░░░░░░░░░░░░░▏ 12,000/50,000 map  8,000/s")
        clock.t = 1.55
        progress.operation("map", done: 12_500, total: 50_000)
        XCTAssertFalse(written.contains("12,500"), "at most ten redraws a second")
        progress.endDocument()
        XCTAssertTrue(written.hasSuffix("\r\u{1B}[K"))
    }

    func testAQuickDocumentPrintsNothing() {
        let clock = Clock()
        var written = ""
        let progress = bar(clock) { written += $0 }
        let source = "```evident\nvalue 1\n```\n\nand `{= x}`\n"
        let report = PipelineHarness().process(source, options: PipelineOptions(progress: progress))
        XCTAssertNotNil(report.html)
        XCTAssertEqual(written, "")
    }

    /// The bar reaches the evaluator as a value: a long operation reports to
    /// the bar the document's evaluator was made with, and to nothing else.
    func testOperationsReportToTheBarTheEvaluatorWasGiven() {
        let clock = Clock()
        clock.t = 10
        var written = ""
        let progress = bar(clock) { written += $0 }
        progress.beginDocument("d.md", items: 1)
        clock.t = 11
        let quiet = Engine.makeEvaluator("d.md", [:], .standard, nil)
        _ = quiet.evaluateBlock("map(linspace(0, 1, 2000), x => x * x)", origin: SourceLocation(line: 1, column: 1))
        XCTAssertEqual(written, "", "an evaluator made without a bar reports nowhere")
        let shown = Engine.makeEvaluator("d.md", [:], .standard, progress)
        _ = shown.evaluateBlock("map(linspace(0, 1, 2000), x => x * x)", origin: SourceLocation(line: 1, column: 1))
        XCTAssertTrue(written.contains("/2,000 map"), written)
    }

    func testMachineReadableCheckOutputGetsNoBar() {
        let clock = Clock()
        var written = ""
        let captured = CapturedConsole()
        var console = captured.console
        console.progress = bar(clock) { written += $0 }
        var seen: [DocumentProgress?] = []
        let runner = CommandRunner(console: console) { options in
            seen.append(options.progress)
            return { file, source, _ in DocumentReport(file: file, source: source, title: "t", claims: [], diagnostics: []) }
        }
        let scratch = try! ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.url("a.md")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("text\n".utf8)))
        for format in ["json", "junit", "github"] { _ = runner.check(paths: [path], format: format) }
        _ = runner.check(paths: [path], format: "text")
        XCTAssertEqual(seen.map { $0 != nil }, [false, false, false, true])
    }

    func testGroupsThousands() {
        XCTAssertEqual(ProgressBar.grouped(0), "0")
        XCTAssertEqual(ProgressBar.grouped(999), "999")
        XCTAssertEqual(ProgressBar.grouped(1000), "1,000")
        XCTAssertEqual(ProgressBar.grouped(12_345_678), "12,345,678")
    }
}
