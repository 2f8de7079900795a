import Foundation
import Testing
@testable import Evident

/// Evaluating the items a quick reading finds while cmark parses
/// (`PipelineOptions.evaluatesAhead`) changes when the work happens, never
/// what it gives: the report is the one evaluating after the parse gives,
/// when the quick reading is right, when it has nothing to say, and when it
/// is wrong.
@Suite struct EvaluateAheadTests {
    static let documents: [String: String] = [
        "a report": """
            ---
            params:
              n: 2
            ---
            # Results `{= n}`

            ```evident echo
            value 1
            claim pass first
            ```

            The mean is `{= mean | %.2f}` and `{claim mean > 0}`; `{claim false}`.

            - an item `{= item}`

            ```evident hide
            claim fail hidden
            ```

            ```evident
            error at this line
            value after
            ```
            """,
        "refused by the quick reading (a block quote)": "> quoted `{= q}`\n\n```evident\nvalue 2\n```\n",
        "read otherwise by the quick reading": QuickOutlineTests.divergent + "\n```evident\nclaim pass after\n```\n",
        "no items": "# Just prose\n\nand `code`.\n",
    ]

    static func reports(_ source: String, mode: ProcessingMode, cache: CacheLocation? = nil) -> (ahead: DocumentReport, after: DocumentReport) {
        let ahead = PipelineHarness().process(source, mode: mode, options: PipelineOptions(cache: cache, evaluatesAhead: true))
        let after = PipelineHarness().process(source, mode: mode, options: PipelineOptions(cache: cache, evaluatesAhead: false))
        return (ahead, after)
    }

    static let outcomes: [String: EvaluationStatistics.Ahead] = [
        "a report": .kept,
        "refused by the quick reading (a block quote)": .notTried,
        "read otherwise by the quick reading": .dropped,
        "no items": .kept,
    ]

    @Test(arguments: documents.keys.sorted())
    func givesTheReportOfEvaluatingAfterTheParse(name: String) {
        let source = Self.documents[name]!
        for mode in [ProcessingMode.build, .check, .run] {
            var (ahead, after) = Self.reports(source, mode: mode)
            #expect(ahead.statistics.ahead == Self.outcomes[name], "\(name) \(mode)")
            #expect(after.statistics.ahead == .notTried)
            // The quick reading's look at the lines counts too.
            ahead.statistics.ahead = .notTried
            #expect(ahead.statistics.scannedPositions >= after.statistics.scannedPositions)
            ahead.statistics.scannedPositions = after.statistics.scannedPositions
            #expect(ahead.html == after.html, "\(name) \(mode)")
            #expect(ahead.text == after.text, "\(name) \(mode)")
            #expect(ahead.claims == after.claims, "\(name) \(mode)")
            #expect(ahead.diagnostics == after.diagnostics, "\(name) \(mode)")
            #expect(ahead.statistics == after.statistics, "\(name) \(mode)")
        }
    }

    /// A wrong guess is evaluated, found out and dropped: the items the
    /// evaluator saw last are cmark's, at cmark's positions.
    @Test func aWrongGuessIsDropped() {
        let source = Self.documents["read otherwise by the quick reading"]!
        let ahead = PipelineHarness(), after = PipelineHarness()
        _ = ahead.process(source, mode: .check, options: PipelineOptions(evaluatesAhead: true))
        _ = after.process(source, mode: .check, options: PipelineOptions(evaluatesAhead: false))
        let calls = { (harness: PipelineHarness) in harness.evaluator!.calls.map { "\($0.code)@\($0.origin)" } }
        #expect(calls(ahead) == calls(after))
        #expect(calls(after).count == 3)
    }

    /// With a cache, a wrong guess leaves a cache as good as evaluating after
    /// the parse leaves: the run itself may reuse what the guess stored
    /// (moved to cmark's positions, as after a prose edit), the next run
    /// reuses every item, and the page is the one of a run without a cache.
    @Test func aWrongGuessLeavesTheCacheRight() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evaluate-ahead-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = Self.documents["read otherwise by the quick reading"]!
        let cache = CacheLocation.directory(directory.path)
        let first = PipelineHarness().process(source, options: PipelineOptions(cache: cache, evaluatesAhead: true))
        let second = PipelineHarness().process(source, options: PipelineOptions(cache: cache, evaluatesAhead: true))
        #expect(first.statistics.evaluated + first.statistics.reused == 3, "\(first.statistics)")
        #expect(first.statistics.ahead == .dropped)
        #expect(second.statistics.reused == 3 && second.statistics.evaluated == 0)
        #expect(first.html == second.html && first.diagnostics == second.diagnostics && first.claims == second.claims)
        let fresh = PipelineHarness().process(source, options: PipelineOptions(evaluatesAhead: false))
        #expect(second.html == fresh.html)
    }
}
