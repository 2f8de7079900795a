import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct ColourTests {
    @Test(arguments: [
        (true, [String: String](), true),
        (false, [:], false),
        (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": ""], false),
        (true, ["NO_COLOR": "0"], false),
        (true, ["TERM": "dumb"], false),
        (true, ["TERM": "xterm-256color"], true),
    ])
    func enabledOnlyOnATerminalWithoutNoColor(isTerminal: Bool, environment: [String: String], expected: Bool) {
        #expect(Colour.enabled(isTerminal: isTerminal, environment: environment) == expected)
    }

    @Test func textReportIsPlainWithoutColour() {
        let report = makeReport(claims: [makeClaim("held", passed: true), makeClaim("broke", passed: false, line: 2)])
        let plain = CapturedConsole()
        TextCheckReport().report([report], to: plain.console)
        #expect(!plain.output.contains("\u{1B}"))
        #expect(!plain.error.contains("\u{1B}"))
        #expect(plain.output == "✓ docs/a.md:1 held\n✗ docs/a.md:2 broke — x = 1\n1 passed, 1 failed\n")

        let coloured = CapturedConsole()
        coloured.colour = true
        TextCheckReport().report([report], to: coloured.console)
        #expect(coloured.output == "\u{1B}[32m✓\u{1B}[0m docs/a.md:1 held\n\u{1B}[31m✗\u{1B}[0m docs/a.md:2 broke — x = 1\n"
                + "\u{1B}[32m1 passed\u{1B}[0m, \u{1B}[31m1 failed\u{1B}[0m\n")
    }

    @Test func zeroCountsStayUncoloured() {
        let coloured = CapturedConsole()
        coloured.colour = true
        TextCheckReport().report([makeReport()], to: coloured.console)
        #expect(coloured.output == "0 passed, 0 failed\n")
    }

    /// What reaches a terminal cannot drive it: a label that erases lines
    /// and returns the cursor, or reorders text, is shown as U+FFFD; the
    /// colours of the reports still pass.
    @Test func labelsAndValuesCannotDriveTheTerminal() {
        var written = ""
        let console = Console(writeOutput: { written += $0 }, writeError: { written += $0 })
        console.output("✓ doc.md:3 \u{1B}[2K\r\u{1B}[1Aall 99 claims verified\u{7}")
        #expect(written == "✓ doc.md:3 \u{FFFD}[2K\u{FFFD}\u{FFFD}[1Aall 99 claims verified\u{FFFD}\n")
        written = ""
        console.error(Colour.red.paint("1 failed", enabled: true) + " \u{202E}txt.exe\t\u{9B}")
        #expect(written == "\u{1B}[31m1 failed\u{1B}[0m \u{FFFD}txt.exe\t\u{FFFD}\n")
    }
}
