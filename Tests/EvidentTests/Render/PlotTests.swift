import XCTest
import Foundation
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

final class PlotAxisTests: XCTestCase {
    func testLinearTicksAreNice() {
        let axis = PlotAxis.linear([0.13, 4.7])
        XCTAssertEqual(axis.lower, 0)
        XCTAssertEqual(axis.upper, 5)
        XCTAssertEqual(axis.labels, ["0", "1", "2", "3", "4", "5"])
        XCTAssertEqual(PlotAxis.linear([-1, 1], snap: false).labels, ["-1.0", "-0.5", "0", "0.5", "1.0"])
    }

    /// Data constant up to rounding, at the ends of the doubles' range, or
    /// spanning more than the largest double: a few finite ticks, a finite
    /// range, and both renderers finish (they once looped forever, ran out
    /// of memory or trapped).
    func testFlatHugeAndTinyDataGiveFewFiniteTicks() {
        let cases: [[Double]] = [[0.1 + 0.2, 0.3], [1e16, 1e16 + 2], [5e-324, 1e-323], [0, 5e-324], [1, 1.7e308],
                                 [-1.7e308, 1.7e308], [1e-310, 2e-310], Array(repeating: 1, count: 10).map { $0 + Double.ulpOfOne * 3 }]
        for values in cases {
            let axis = PlotAxis.linear(values)
            XCTAssertTrue(axis.lower.isFinite && axis.upper.isFinite && axis.lower < axis.upper, "\(values): \(axis)")
            XCTAssertTrue((2...12).contains(axis.ticks.count), "\(values): \(axis.ticks)")
            XCTAssertTrue(axis.ticks.allSatisfy(\.isFinite), "\(values)")
            XCTAssertEqual(axis.labels.count, axis.ticks.count)
            for value in values { XCTAssertNotNil(axis.fraction(value), "\(values): \(value)") }
            let plot = Plot(kind: .lines([Plot.Series(label: "y", x: values.indices.map(Double.init), y: values)]))
            XCTAssertFalse(ASCIIPlot().render(plot).isEmpty)
            XCTAssertFalse(SVGPlot().render(plot).isEmpty)
        }
        // A converged loss still shows its last changes.
        XCTAssertGreaterThan(PlotAxis.linear([0.693147, 0.693148]).ticks.count, 2)
    }

    /// Series of every shape the axes meet — constant, constant up to
    /// rounding, subnormal, near the largest double, mixed signs, spanning
    /// many decades — generated from a seed: each axis is finite and
    /// ordered, has a bounded number of increasing ticks inside it, places
    /// every finite value inside it, and both renderers draw it.
    func testGeneratedSeriesGiveBoundedOrderedAxes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        func magnitude() -> Double { Foundation.pow(10, unit() * 616 - 308) }
        let shapes: [(String, () -> [Double])] = [
            ("constant", { Array(repeating: magnitude() * (unit() < 0.5 ? -1 : 1), count: 2 + Int(next() % 20)) }),
            ("ulps apart", { let base = magnitude(); return (0..<(2 + Int(next() % 20))).map { base + Double($0 % 3) * base.ulp } }),
            ("subnormal", { (0..<(2 + Int(next() % 20))).map { _ in Double(bitPattern: next() % 10_000) } }),
            ("near the largest", { (0..<(2 + Int(next() % 10))).map { _ in Double.greatestFiniteMagnitude * (1 - unit() * 1e-3) * (unit() < 0.3 ? -1 : 1) } }),
            ("mixed signs", { (0..<(2 + Int(next() % 50))).map { _ in magnitude() * (unit() < 0.5 ? -1 : 1) } }),
            ("converging", { let limit = unit(); return (0..<(2 + Int(next() % 200))).map { limit + Foundation.pow(0.5, Double($0)) * 1e-9 } }),
            ("uniform", { let a = magnitude(), w = magnitude(); return (0..<(2 + Int(next() % 50))).map { _ in a + w * unit() } }),
        ]
        for round in 0..<300 {
            let (shape, make) = shapes[round % shapes.count]
            let values = make().filter(\.isFinite)
            let axis = PlotAxis.linear(values)
            let context = "\(shape) #\(round): \(values.prefix(4))"
            XCTAssertTrue(axis.lower.isFinite && axis.upper.isFinite && axis.lower < axis.upper, context)
            XCTAssertTrue((2...20).contains(axis.ticks.count), "\(context): \(axis.ticks.count) ticks")
            XCTAssertTrue(zip(axis.ticks, axis.ticks.dropFirst()).allSatisfy { $0 < $1 }, "\(context): \(axis.ticks)")
            XCTAssertEqual(axis.labels.count, axis.ticks.count, context)
            for tick in axis.ticks {
                let f = axis.fraction(tick)
                XCTAssertTrue(f.map { $0 >= -1e-9 && $0 <= 1 + 1e-9 } == true, "\(context): tick \(tick) at \(String(describing: f))")
            }
            for value in values {
                let f = axis.fraction(value)
                XCTAssertTrue(f.map { $0 >= -1e-9 && $0 <= 1 + 1e-9 } == true, "\(context): \(value) at \(String(describing: f))")
            }
            let positive = values.map(Swift.abs).filter { $0 > 0 }
            if !positive.isEmpty {
                let log = PlotAxis.logarithmic(positive)
                XCTAssertTrue(log.lower > 0 && log.upper.isFinite && log.lower < log.upper, "log \(context)")
                checkLogAxis(log, positive, context)
            }
            let plot = Plot(kind: .lines([Plot.Series(label: "y", x: values.indices.map(Double.init), y: values)]), logY: round % 2 == 0 && !positive.isEmpty)
            let drawn = Plot(kind: plot.logY ? .lines([Plot.Series(label: "y", x: positive.indices.map(Double.init), y: positive)]) : plot.kind, logY: plot.logY)
            let svg = SVGPlot().render(drawn)
            XCTAssertFalse(svg.lowercased().contains("nan") || svg.lowercased().contains("inf"), context)
            XCTAssertFalse(ASCIIPlot().render(drawn).isEmpty, context)
        }
    }

    /// A log axis: two or more increasing ticks inside it, each labelled
    /// with its own value, and every value inside it.
    func checkLogAxis(_ log: PlotAxis, _ values: [Double], _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(log.lower > 0 && log.upper.isFinite && log.lower < log.upper, "log \(context)", file: file, line: line)
        XCTAssertTrue((2...40).contains(log.ticks.count) && zip(log.ticks, log.ticks.dropFirst()).allSatisfy { $0 < $1 },
                      "log \(context): \(log.ticks)", file: file, line: line)
        XCTAssertEqual(log.labels.count, log.ticks.count, "log \(context)", file: file, line: line)
        for (tick, label) in zip(log.ticks, log.labels) {
            XCTAssertTrue(log.fraction(tick).map { $0 >= -1e-9 && $0 <= 1 + 1e-9 } == true, "log \(context): tick \(tick)", file: file, line: line)
            let read = Double(label.replacingOccurrences(of: "−", with: "-"))
            XCTAssertTrue(read.map { Swift.abs($0 / tick - 1) < 1e-9 } == true, "log \(context): \(label) at \(tick)", file: file, line: line)
        }
        for value in values { XCTAssertTrue(log.fraction(value).map { $0 >= -1e-9 && $0 <= 1 + 1e-9 } == true, "log \(context): \(value)", file: file, line: line) }
    }

    func testLogAxesAtTheEndsOfTheDoubles() {
        for values in [[5e-324], [5e-324, 1e-323], [1e-320, 1], [1.7e308], [1e307, 1.79e308], [5e-324, 1.79e308]] {
            checkLogAxis(PlotAxis.logarithmic(values), values, "\(values)")
        }
    }

    func testLogAxisSpansDecades() {
        let axis = PlotAxis.logarithmic([3e-5, 0.2, -1, .nan])
        XCTAssertEqual(axis.labels, ["1e-5", "1e-4", "1e-3", "1e-2", "1e-1", "1e0"])
        XCTAssertEqual(axis.lower, 1e-5, accuracy: 1e-20)
        XCTAssertEqual(axis.fraction(1e-5)!, 0, accuracy: 1e-12)
        XCTAssertEqual(axis.fraction(1)!, 1, accuracy: 1e-12)
        XCTAssertNil(axis.fraction(0))
        XCTAssertNil(axis.fraction(.infinity))
    }

    func testConstantAndEmptyDataStillGiveARange() {
        let constant = PlotAxis.linear([2, 2])
        XCTAssertLessThan(constant.lower, 2)
        XCTAssertGreaterThan(constant.upper, 2)
        let empty = PlotAxis.linear([.nan])
        XCTAssertLessThan(empty.lower, empty.upper)
    }
}

final class ASCIIPlotTests: XCTestCase {
    func testLogAxisPlotHasDecadeTicksLegendAndNote() throws {
        let x: [Double] = [0, 1, 2, 3, 4]
        let plot = Plot(title: "kl", kind: .lines([
            Plot.Series(label: "euler", x: x, y: [1, 0.1, 0.01, 0.001, 0]),
            Plot.Series(label: "rk4", x: x, y: [1, 0.3, 0.09, 0.027, 0.0081]),
        ]), logY: true)
        let text = ASCIIPlot().render(plot)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasSuffix("kl"))
        for label in ["0.001 +", "0.01 +", "0.1 +", "1 +"] {
            XCTAssertTrue(lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }, "missing y tick \(label)\n\(text)")
        }
        XCTAssertTrue(lines.contains("  * euler"))
        XCTAssertTrue(lines.contains("  o rk4"))
        XCTAssertTrue(lines.contains("  (1 non-positive value not shown on the log axis)"), text)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 72 }, text)
        XCTAssertFalse(lines.contains { $0.contains("0.0001") }, "the axis starts at the decade of the smallest positive value")
        // The top row holds the value 1 of both series at x = 0 (the later series wins the cell).
        let top = try XCTUnwrap(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("1 +") })
        XCTAssertEqual(top.last, "o")
        // x tick labels under the axis.
        let axisIndex = try XCTUnwrap(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("++--") })
        XCTAssertEqual(lines[axisIndex + 1].split(separator: " ").map(String.init), ["0", "1", "2", "3", "4"])
        XCTAssertEqual(lines[1 ..< axisIndex].count, 20)
    }

    func testHistogramBars() {
        let plot = Plot(title: nil, kind: .bars(edges: [0, 1, 2, 3], values: [1, 3, 2]))
        let text = ASCIIPlot(width: 40, height: 6).render(plot)
        let rows = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.count, 8)
        // Top row: only the middle bar reaches 3.
        XCTAssertTrue(rows[0].hasPrefix("3 +"), text)
        XCTAssertTrue(rows[0].contains("#"))
        let full = rows[5]
        XCTAssertTrue(full.hasPrefix("0 +"), text)
        XCTAssertEqual(full.filter { $0 == "#" }.count, rows[4].filter { $0 == "#" }.count)
        XCTAssertFalse(text.contains("nan"))
    }

    func testNonFiniteValuesAreSkippedAndNoted() {
        let plot = Plot(kind: .lines([Plot.Series(label: "", x: [0, 1, 2, 3], y: [1, .nan, .infinity, 2])]))
        let text = ASCIIPlot().render(plot)
        XCTAssertTrue(text.contains("(2 non-finite values not shown)"), text)
        XCTAssertFalse(text.lowercased().contains("nan"))
    }
}

final class SVGPlotTests: XCTestCase {
    /// Checks that every opened element is closed in order (self-closing
    /// elements aside).
    func assertBalanced(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
        var stack: [String] = []
        var rest = Substring(svg)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return XCTFail("unterminated tag", file: file, line: line) }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasSuffix("/") { continue }
            let name = String(tag.split(separator: " ").first ?? "")
            if name.hasPrefix("/") {
                XCTAssertEqual(stack.popLast(), String(name.dropFirst()), "unbalanced </\(name.dropFirst())>", file: file, line: line)
            } else {
                stack.append(name)
            }
        }
        XCTAssertEqual(stack, [], file: file, line: line)
    }

    func testLinePlotIsWellFormedWithoutNaN() {
        let plot = Plot(title: "a < b", kind: .lines([
            Plot.Series(label: "one", x: [0, 1, 2, 3], y: [1, .nan, 0, -.infinity]),
            Plot.Series(label: "two", x: [0, .nan, 2, 3], y: [0.5, 1, 1e-3, 2]),
        ]), logY: true, xLabel: "t", yLabel: "loss")
        let svg = SVGPlot().render(plot)
        assertBalanced(svg)
        XCTAssertTrue(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" class="svg-plot" viewBox="0 0 640 360" width="640" height="360""#), "the legend takes its room from the plot area")
        XCTAssertFalse(svg.lowercased().contains("nan"))
        XCTAssertFalse(svg.lowercased().contains("inf"))
        XCTAssertFalse(svg.contains("<script"))
        XCTAssertTrue(svg.contains("<title>a &lt; b</title>"))
        XCTAssertTrue(svg.contains("non-positive value"), svg)
        XCTAssertTrue(svg.contains("non-finite value"), svg)
        for decade in [">0.001<", ">0.01<", ">0.1<", ">1<", ">10<"] { XCTAssertTrue(svg.contains(decade), decade) }
        XCTAssertTrue(svg.contains(#">t</text>"#) && svg.contains(#"rotate(-90"#) && svg.contains(#">loss</text>"#), "axis labels")
        XCTAssertTrue(svg.contains(">one<") && svg.contains(">two<"))
    }

    func testHistogramIsWellFormed() {
        let plot = Plot(title: "h", kind: .bars(edges: [-1, -0.5, 0, 0.5, 1], values: [0.1, 0.2, .nan, 0.7]))
        let svg = SVGPlot().render(plot)
        assertBalanced(svg)
        XCTAssertEqual(svg.components(separatedBy: "<rect").count - 1, 3)
        XCTAssertFalse(svg.lowercased().contains("nan"))
    }

    func testExtremeMagnitudesStayFinite() {
        let plot = Plot(kind: .lines([Plot.Series(label: "", x: [-1e308, 1e308], y: [-1.7e308, 1.7e308])]))
        let svg = SVGPlot().render(plot)
        assertBalanced(svg)
        XCTAssertFalse(svg.lowercased().contains("nan"))
        XCTAssertFalse(ASCIIPlot().render(plot).lowercased().contains("nan"))
        let tiny = Plot(kind: .lines([Plot.Series(label: "", x: [0, 1], y: [Double.leastNonzeroMagnitude, 1e300])]), logY: true)
        XCTAssertFalse(SVGPlot().render(tiny).lowercased().contains("nan"))
        XCTAssertFalse(ASCIIPlot().render(tiny).isEmpty)
    }

    func testEmptyPlotStillRenders() {
        let svg = SVGPlot().render(Plot(kind: .lines([])))
        assertBalanced(svg)
        XCTAssertTrue(svg.contains("no data to plot"))
    }
}
