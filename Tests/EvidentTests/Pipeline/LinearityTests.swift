import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Processing cost grows linearly with the document. Counts work, never
/// time: the number of evaluations and of source positions the reader
/// examines to place blocks and spans.
final class LinearityTests: XCTestCase {
    /// `blocks` small blocks, each after a paragraph with two spans.
    func document(blocks: Int) -> String {
        var text = "---\ntitle: Linear\n---\n"
        for i in 0..<blocks {
            text += "Paragraph \(i) with `{= a\(i)}` and `{claim b\(i)}` and `plain code`.\n\n"
            text += "```evident\nvalue \(i)\nclaim pass c\(i)\n```\n\n"
        }
        return text
    }

    /// One paragraph line holding `spans` spans.
    func longLine(spans: Int) -> String {
        (0..<spans).map { "x `{= v\($0)}` y" }.joined(separator: " ") + "\n"
    }

    func work(_ source: String) -> (statistics: EvaluationStatistics, calls: Int) {
        let harness = PipelineHarness()
        let report = harness.process(source, mode: .build)
        XCTAssertNotNil(report.html)
        return (report.statistics, harness.evaluator!.calls.count)
    }

    func testTwoThousandBlocksCostTwiceWhatOneThousandCost() {
        let small = work(document(blocks: 1000))
        let large = work(document(blocks: 2000))
        XCTAssertEqual(small.calls, 3000, "each block and span is evaluated exactly once")
        XCTAssertEqual(large.calls, 6000)
        XCTAssertEqual(large.statistics.evaluated, 6000)
        XCTAssertGreaterThan(small.statistics.scannedPositions, 0)
        let ratio = Double(large.statistics.scannedPositions) / Double(small.statistics.scannedPositions)
        XCTAssertLessThan(ratio, 2.1, "the reader's work is linear (quadratic would give about 4)")
    }

    func testManySpansOnOneLineAreFoundInLinearWork() {
        let small = work(longLine(spans: 500))
        let large = work(longLine(spans: 1000))
        XCTAssertEqual(large.calls, 1000)
        let ratio = Double(large.statistics.scannedPositions) / Double(small.statistics.scannedPositions)
        XCTAssertLessThan(ratio, 2.1, "each span's search starts after the previous span")
    }

    func testCacheKeysAreAHashChainOverTheItems() {
        let source = MarkdownReader.read(document(blocks: 3), file: "doc.md")
        let keys = CacheKey.keys(for: source, params: [:])
        XCTAssertEqual(keys.count, 9)
        XCTAssertEqual(Set(keys).count, 9)
        XCTAssertTrue(keys.allSatisfy { $0.count == 64 })
    }
}
