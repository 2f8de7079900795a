@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// A test double for the block language: each line of a block is a command
/// that yields a fixed output, so page tests do not depend on the language.
///
///     value TEXT            → .value(TEXT)
///     table                 → a two-column table
///     plot / plot log       → a two-series line plot (log y)
///     hist                  → a histogram
///     claim pass|fail LABEL → a claim (no LABEL: unlabeled)
///     error MESSAGE         → a diagnostic at the line's position
///     hostile               → a table, a plot and a claim full of markup
///
/// Inline values render as `v(EXPR|FMT)`; inline claims pass unless EXPR
/// contains `false`. Every call is recorded with its origin.
final class FixedEvaluator: BlockEvaluator {
    let file: String
    let params: [String: ParamValue]
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var claims: [ClaimResult] = []
    private(set) var calls: [(code: String, origin: SourceLocation)] = []
    /// Blocks replayed for their bindings (their results came from the cache).
    private(set) var replays: [(code: String, origin: SourceLocation)] = []

    init(file: String, params: [String: ParamValue]) {
        self.file = file
        self.params = params
    }

    static let hostile = "<script>alert('x')</script>&\"q\""

    func evaluateBlock(_ code: String, origin: SourceLocation) -> [Output] {
        calls.append((code, origin))
        var outputs: [Output] = []
        for (index, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard let command = words.first else { continue }
            let rest = words.count > 1 ? words[1] : ""
            let here = origin.advanced(by: SourceLocation(line: index + 1, column: 1))
            switch command {
            case "value":
                outputs.append(.value(rest))
            case "table":
                outputs.append(.table(Table(title: "Results", columns: ["name", "x"], rows: [["alpha", "1.5"], ["beta", "-2e-3"]])))
            case "plot":
                let logY = rest == "log"
                let x = (0..<20).map { Double($0) / 4 }
                outputs.append(.plot(Plot(title: "decay", kind: .lines([
                    Plot.Series(label: "fast", x: x, y: x.map { exp(-2 * $0) }),
                    Plot.Series(label: "slow", x: x, y: x.map { exp(-0.5 * $0) }),
                ]), logY: logY, xLabel: "t", yLabel: "kl")))
            case "hist":
                let edges = stride(from: -1.0, through: 1.0001, by: 0.25).map { $0 }
                outputs.append(.plot(Plot(title: "cosines", kind: .bars(edges: edges, values: [0.05, 0.1, 0, 0.05, 0.1, 0.2, 0.2, 0.3]))))
            case "claim":
                let parts = rest.split(separator: " ", maxSplits: 1).map(String.init)
                let passed = parts.first == "pass"
                let label = parts.count > 1 ? parts[1] : nil
                let claim = ClaimResult(label: label, source: "x < \(index)", passed: passed,
                                        detail: passed ? "0.1 < 1" : "2 ≥ 1",
                                        range: SourceRange(start: here, end: SourceLocation(line: here.line, column: here.column + line.count)))
                claims.append(claim)
                outputs.append(.claim(claim))
            case "error":
                diagnostics.append(Diagnostic(file: file, range: SourceRange(here), id: .internalError, message: rest))
            case "hostile":
                let h = Self.hostile
                outputs.append(.table(Table(title: h, columns: [h], rows: [[h]])))
                outputs.append(.plot(Plot(title: h, kind: .lines([Plot.Series(label: h, x: [0, 1], y: [1, 2])]), xLabel: h, yLabel: h)))
                let claim = ClaimResult(label: h, source: h, passed: false, detail: h, range: SourceRange(here))
                claims.append(claim)
                outputs.append(.claim(claim))
                outputs.append(.value(h))
            default:
                break
            }
        }
        return outputs
    }

    func replayBlock(_ code: String, origin: SourceLocation) {
        replays.append((code, origin))
    }

    func evaluateInline(_ expression: String, format: String?, origin: SourceLocation) -> Output {
        calls.append((expression, origin))
        return .value("v(\(expression)\(format.map { "|" + $0 } ?? ""))")
    }

    func evaluateInlineClaim(_ expression: String, origin: SourceLocation) -> Output {
        calls.append((expression, origin))
        let claim = ClaimResult(label: nil, source: expression, passed: !expression.contains("false"),
                                detail: "observed", range: SourceRange(origin))
        claims.append(claim)
        return .claim(claim)
    }
}

import Foundation

/// Runs the pipeline with a `FixedEvaluator` and keeps the evaluator.
final class PipelineHarness {
    var evaluator: FixedEvaluator?

    func process(_ source: String, file: String = "doc.md", mode: ProcessingMode = .build,
                 options: PipelineOptions = PipelineOptions()) -> DocumentReport {
        let pipeline = Pipeline(options: options) { file, params, _, _ in
            let evaluator = FixedEvaluator(file: file, params: params)
            self.evaluator = evaluator
            return evaluator
        }
        return pipeline.process(file: file, source: source, mode: mode)
    }
}

/// The repository's root, from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
