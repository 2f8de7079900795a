import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Tables, plots and inline values as a paper shows them: the options of
/// `table` and `plot`, their located errors, and the HTML they become.
@Suite struct PageOutputsTests {
    private let top = SourceLocation(line: 1, column: 1)

    private func outputs(_ code: String) -> (outputs: [Output], errors: [String]) {
        let interpreter = Interpreter(file: "t.md", params: [:], builtins: .evident)
        let outputs = interpreter.evaluateBlock(code, origin: top)
        return (outputs, interpreter.diagnostics.map(\.headline))
    }

    private func table(_ code: String) throws -> Table {
        let result = outputs(code)
        #expect(result.errors == [])
        guard case .table(let table) = try #require(result.outputs.first) else {
            Issue.record("expected a table")
            throw CancellationError()
        }
        return table
    }

    private func plot(_ code: String) throws -> Plot {
        let result = outputs(code)
        #expect(result.errors == [])
        guard case .plot(let plot) = try #require(result.outputs.first) else {
            Issue.record("expected a plot")
            throw CancellationError()
        }
        return plot
    }

    /// The column as the terminal shows it.
    private func column(_ table: Table, _ index: Int) -> [String] {
        (table.numberCells(index) ?? []).map(\.plainText)
    }

    // MARK: Tables

    @Test func aColumnReadsUniformly() throws {
        let t = try table("table([0.5, 0.47, 0.443, 0.4187, 0.3594323])")
        #expect(column(t, 1) == ["0.500000", "0.470000", "0.443000", "0.418700", "0.359432"])
        #expect(column(t, 0) == ["1", "2", "3", "4", "5"])
    }

    @Test func digitsChoosesTheSignificantDigits() throws {
        let t = try table("table([0.5, 0.47, 0.443, 0.4187, 0.3594323], digits: 3)")
        #expect(column(t, 1) == ["0.500", "0.470", "0.443", "0.419", "0.359"])
    }

    @Test func columnsSpanningDecadesAlignOnThePoint() throws {
        let t = try table("table([9.09288015, 0.813824728, 0.000712663])")
        #expect(column(t, 1) == ["9.09288    ", "0.813825   ", "0.000712663"])
        let html = HTMLRenderer.table(t)
        #expect(html.contains("<td class=\"num\">9.09288\u{2007}\u{2007}\u{2007}\u{2007}</td>"), "figure spaces stand for the missing decimals")
    }

    @Test func tinyValuesTurnTheColumnToPowersOfTen() throws {
        let t = try table("table([0.6, -0.01, 1.2e-9])")
        #expect(column(t, 1) == ["6.0e-01", "-1.0e-02", "1.2e-09"])
        let html = HTMLRenderer.table(t)
        #expect(html.contains("<td class=\"num\">\u{2212}1.0×10<sup>\u{2212}2</sup></td>"), "real minus signs and a raised exponent")
    }

    @Test func formatIsPrintfLikeAndLeavesTheIndexAlone() throws {
        let t = try table(#"table([[1, -2.5], [1e-9, 3]], format: "%.3e")"#)
        #expect(column(t, 0) == ["1", "2"])
        #expect(column(t, 1) == ["1.000e+00", "1.000e-09"])
        #expect(column(t, 2) == ["-2.500e+00", "3.000e+00"])
        #expect(HTMLRenderer.table(t).contains("<td class=\"num\">\u{2212}2.500e+00</td>"))
    }

    @Test func columnsAsARecordSelectAndRename() throws {
        let t = try table(#"table([{t: 0, kl: 1.5, loss: 2}, {t: 1, kl: 0.25, loss: 1}], columns: {t: "time", kl: "D(p ‖ q)"})"#)
        #expect(t.columns == ["time", "D(p ‖ q)"])
        #expect(t.rows == [["0", "1.5"], ["1", "0.25"]])
        let v = try table(#"table([0.5, 0.25], columns: {value: "p"})"#)
        #expect(v.columns == ["index", "p"])
    }

    @Test func cellsKeepFullPrecisionUntilRendered() throws {
        let t = try table("table([1 / 3], digits: 12)")
        #expect(t.rows == [["1", "0.3333333333333333"]])
        #expect(column(t, 1) == ["0.333333333333"])
    }

    @Test func aOneByOneMatrixIsANumber() {
        let result = outputs("[[0.25]]\ntable([{q: [[0.5]]}])")
        #expect(result.errors == [])
        #expect(result.outputs.first == .value("0.25"))
        guard case .table(let t) = result.outputs.last else { Issue.record("expected a table"); return }
        #expect(t.rows == [["0.5"]])
    }

    @Test func badTableOptionsAreLocatedErrors() {
        #expect(outputs("table([1, 2], digits: 0)").errors == ["t.md:1:15: error: digits: needs a number of significant digits from 1 to 17, got 0"])
        #expect(outputs(#"table([1, 2], format: "%q")"#).errors == ["t.md:1:15: error: invalid format '%q': expected a conversion %e, %f, %g or %d"])
        #expect(outputs(#"table([1, 2], format: "%d")"#).errors == ["t.md:1:15: error: format: for a table needs %e, %f or %g (its numbers need not be whole), got '%d'"])
        #expect(outputs(#"table([1, 2], digits: 3, format: "%.2f")"#).errors == ["t.md:1:26: error: give digits: or format:, not both"])
        #expect(outputs(#"table({a: 1}, columns: {a: 2})"#).errors == ["t.md:1:15: error: columns: {a: …} needs a string as the new name, got a number"])
    }

    @Test func tableCaptionsAndLabels() throws {
        let t = try table(#"table([1.5, -2], title: "two <numbers>")"#)
        let plain = HTMLRenderer.table(t)
        #expect(plain.hasPrefix(#"<table class="evident-table"><caption>two &lt;numbers&gt;</caption>"#))
        let labelled = HTMLRenderer.render(.table(t), placement: .block, label: OutputLabel(id: "tbl-two", number: 3))
        #expect(labelled.hasPrefix(#"<table id="tbl-two" class="evident-table"><caption><span class="table-number">Table 3.</span> two &lt;numbers&gt;</caption>"#))
        let recaptioned = HTMLRenderer.table(t, label: OutputLabel(id: "tbl-x", number: 1, caption: "Other"))
        #expect(recaptioned.contains(#"<caption><span class="table-number">Table 1.</span> Other</caption>"#))
    }

    // MARK: Plots

    @Test func plotOptionsReachThePlot() throws {
        let p = try plot(#"plot([1, 10, 100], [3, 2, 1], xlabel: "n", ylabel: "error", logx: true, scatter: true, caption: "Errors.", width: 480, height: 300)"#)
        #expect(p.xLabel == "n" && p.yLabel == "error" && p.logX && p.scatter && p.caption == "Errors.")
        #expect(p.width == 480 && p.height == 300)
        let svg = SVGPlot().render(p)
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" class="svg-plot" viewBox="0 0 480 300" width="480" height="300""#))
        #expect(!svg.contains("<polyline"), "a scatter plot has markers and no lines")
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(svg.contains(#">n</text>"#) && svg.contains(#">error</text>"#))
        let ascii = ASCIIPlot().render(p)
        #expect(ascii.contains("error") && ascii.contains("n"))
        #expect(ascii.contains("100"), "decades on the log x axis")
    }

    /// A log axis cannot place a negative number: located at the option,
    /// naming the value, instead of a figure that leaves it out. Zeros are
    /// left out with a note (an author's way to leave values out).
    @Test func negativeValuesOnALogAxisAreLocatedErrors() {
        let interpreter = Interpreter(file: "t.md", params: [:], builtins: .evident)
        let code = "plot([1, 2, 3], [0.5, -0.25, 2], labels: [\"loss\"], logy: true)\nplot([-1, 1, 2], [1, 2, 3], logx: true)\nplot([1, 2], [1e-300, 2], logy: true)\nplot([0, 1, 2], [0, 2, 3], logx: true, logy: true)"
        _ = interpreter.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
        #expect(interpreter.diagnostics.map(\.range.start) == [SourceLocation(line: 1, column: 52), SourceLocation(line: 2, column: 29)])
        #expect(interpreter.diagnostics.first?.message == "logy: true needs values that are not negative, but 'loss' has -0.25 at entry 2: a log axis cannot place a negative number")
        #expect(interpreter.diagnostics.last?.message.contains("has -1 at entry 1") == true)
    }

    @Test func badPlotSizesAreLocatedErrors() {
        #expect(outputs("plot([1, 2], width: -3)").errors == ["t.md:1:14: error: width: needs a size in pixels from 200 to 2400, got -3"])
        #expect(outputs("plot([1, 2], height: 99999)").errors == ["t.md:1:14: error: height: needs a size in pixels from 120 to 1600, got 99999"])
    }

    @Test func objectPlotsTakeTheOptions() throws {
        let p = try plot(#"plot(histogram([0.1, 0.2, 0.7], from: 0, to: 1, width: 0.5), xlabel: "cosine", caption: "Shares.")"#)
        #expect(p.xLabel == "cosine" && p.yLabel == "fraction" && p.caption == "Shares.")
    }

    @Test func theTitleShowsOnce() throws {
        let titled = try plot(#"plot([1, 2, 3], title: "growth")"#)
        let html = HTMLRenderer.plot(titled)
        #expect(html.components(separatedBy: ">growth</text>").count == 2, "drawn in the SVG")
        #expect(!html.contains("<figcaption>"), "and nowhere else")
        #expect(html.contains(#"<details class="plot-text"><summary>Text version</summary><pre class="ascii-plot">"#))
        let labelled = HTMLRenderer.render(.plot(titled), placement: .block, label: OutputLabel(id: "fig-growth", number: 2))
        #expect(labelled.hasPrefix(#"<figure id="fig-growth" class="evident-plot"><svg"#))
        #expect(labelled.hasSuffix(#"<figcaption><span class="figure-number">Figure 2.</span> growth</figcaption></figure>"#))
        #expect(!labelled.contains(">growth</text>"), "the title is the caption, so the SVG leaves it out")
        let captioned = try plot(#"plot([1, 2, 3], title: "growth", caption: "It grows & grows.")"#)
        let both = HTMLRenderer.plot(captioned)
        #expect(both.contains(">growth</text>") && both.hasSuffix("<figcaption>It grows &amp; grows.</figcaption></figure>"))
    }

    @Test func coincidingSeriesAreDashedAndNamed() throws {
        let p = try plot(#"plot([1, 2, 3], [1, 2, 3], [1, 2, 3.0000001], [3, 2, 1], labels: ["a", "b", "c"])"#)
        let svg = SVGPlot().render(p)
        #expect(svg.contains(">b (coincides with a)</text>"))
        #expect(svg.contains(">c</text>"))
        #expect(svg.components(separatedBy: "stroke-dasharray").count - 1 == 2, "b's line and its legend swatch")
        #expect(ASCIIPlot().render(p).contains("  o b (coincides with a)"))
    }

    @Test func shortLogAxesTickAtOneTwoFive() {
        let axis = PlotAxis.logarithmic([0.013, 0.9])
        #expect(axis.labels == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"])
        #expect(SVGPlot.tickText("1e-5") == #"10<tspan baseline-shift="super" font-size="9">−5</tspan>"#)
        #expect(SVGPlot.tickText("-0.5") == "−0.5")
    }

    // MARK: Prose

    @Test func inlineValuesUseRealMinusSignsOnlyForNumbers() {
        #expect(HTMLRenderer.typographicMinus("[-1, 2e-5, x-y, -∞]") == "[−1, 2e−5, x-y, −∞]")
        #expect(HTMLRenderer.typographicMinus("non-finite") == "non-finite")
    }
}
