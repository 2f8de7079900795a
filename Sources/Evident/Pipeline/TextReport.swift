import EvidentMarkdown

/// The terminal view of an evaluated document (`evident run`): for each
/// shown block its outputs, for each span its value or claim, each headed by
/// the document line it comes from.
package enum TextReport {
    package static func render(_ document: MarkdownDocument, evaluated: Evaluation) -> String {
        var sections: [String] = []
        for (isBlock, index) in evaluated.order {
            if isBlock {
                let entry = evaluated.blocks[index]
                guard !entry.block.hide, !entry.outputs.isEmpty else { continue }
                var lines = ["── \(document.file):\(entry.block.fenceLine) ──"]
                if entry.block.echo {
                    var code = entry.block.code
                    if code.hasSuffix("\n") { code.removeLast() }
                    lines += code.split(separator: "\n", omittingEmptySubsequences: false).map { "  > " + $0 }
                }
                lines += entry.outputs.map(TextRenderer.render)
                sections.append(lines.joined(separator: "\n"))
            } else {
                let entry = evaluated.spans[index]
                let text: String
                switch entry.output {
                case .claim(let claim): text = TextRenderer.claim(claim)
                default:
                    var source = entry.span.code.expression
                    if case .value(_, let format?) = entry.span.code { source += " | " + format }
                    text = "\(source) = \(TextRenderer.render(entry.output))"
                }
                sections.append("── \(document.file):\(entry.span.origin.line) ──\n\(text)")
            }
        }
        return sections.isEmpty ? "" : sections.joined(separator: "\n\n") + "\n"
    }
}
