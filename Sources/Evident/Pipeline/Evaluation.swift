/// The outputs of every block and span of a document, evaluated top to
/// bottom with one evaluator, and their HTML fragments.
///
/// Claims are numbered in document order as they come out (`claim-1`,
/// `claim-2`, …), hidden ones included, so that numbering does not depend on
/// what is shown.
struct Evaluation {
    struct BlockResult {
        var block: EvidentBlock
        var outputs: [Output]
        var claimIDs: [String?]
    }
    struct SpanResult {
        var span: EvidentSpan
        var output: Output
        var claimID: String?
    }

    var blocks: [BlockResult] = []
    var spans: [SpanResult] = []
    /// The item results in document order, as indices into `blocks` / `spans`.
    var order: [(isBlock: Bool, index: Int)] = []
    /// Claim ids by the claim's position and source, for the summary.
    private var anchors: [ClaimKey: String] = [:]

    private struct ClaimKey: Hashable {
        var range: SourceRange
        var source: String
    }

    static func run(_ document: MarkdownDocument, with evaluator: BlockEvaluator) -> Evaluation {
        var evaluation = Evaluation()
        var counter = 0
        func nextID(for output: Output, shown: Bool) -> String? {
            guard case .claim(let claim) = output else { return nil }
            counter += 1
            let id = "claim-\(counter)"
            guard shown else { return nil }
            let key = ClaimKey(range: claim.range, source: claim.source)
            if evaluation.anchors[key] == nil { evaluation.anchors[key] = id }
            return id
        }
        for item in document.items {
            switch item {
            case .block(let block):
                let outputs = evaluator.evaluateBlock(block.code, origin: block.origin)
                let ids = outputs.map { nextID(for: $0, shown: !block.hide) }
                evaluation.order.append((true, evaluation.blocks.count))
                evaluation.blocks.append(BlockResult(block: block, outputs: outputs, claimIDs: ids))
            case .span(let span):
                let output: Output
                switch span.code {
                case .value(let expression, let format):
                    output = evaluator.evaluateInline(expression, format: format, origin: span.origin)
                case .claim(let expression):
                    output = evaluator.evaluateInlineClaim(expression, origin: span.origin)
                }
                let id = nextID(for: output, shown: true)
                evaluation.order.append((false, evaluation.spans.count))
                evaluation.spans.append(SpanResult(span: span, output: output, claimID: id))
            }
        }
        return evaluation
    }

    /// The id of the badge showing `claim`, when the page shows it.
    func anchor(of claim: ClaimResult) -> String? {
        anchors[ClaimKey(range: claim.range, source: claim.source)]
    }

    /// HTML for each block, by code block ordinal: the echoed source, then
    /// the outputs; empty for a hidden block (which removes it).
    var blockHTML: [Int: String] {
        var result: [Int: String] = [:]
        for entry in blocks {
            if entry.block.hide {
                result[entry.block.ordinal] = ""
                continue
            }
            var html = #"<div class="evident-block">"#
            if entry.block.echo {
                var code = entry.block.code
                if code.hasSuffix("\n") { code.removeLast() }
                html += #"<pre class="evident-source"><code>\#(HTML.escape(code))</code></pre>"#
            }
            for (output, id) in zip(entry.outputs, entry.claimIDs) {
                html += HTMLRenderer.render(output, placement: .block, claimID: id)
            }
            html += "</div>"
            result[entry.block.ordinal] = html
        }
        return result
    }

    /// HTML for each span, by code span ordinal.
    var spanHTML: [Int: String] {
        var result: [Int: String] = [:]
        for entry in spans {
            result[entry.span.ordinal] = HTMLRenderer.render(entry.output, placement: .inline, claimID: entry.claimID)
        }
        return result
    }
}
