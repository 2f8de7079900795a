import Testing
@testable import Evident
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// The fragments made on two threads are those made on one: every block's
/// and span's HTML, by ordinal, whichever thread made it.
@Suite struct FragmentsTests {
    /// `blocks` blocks and `spans` spans, interleaved, a figure label on
    /// the second block.
    func document(blocks: Int, spans: Int) -> MarkdownDocument {
        var text = ""
        for i in 0..<max(blocks, spans) {
            if i < spans { text += "Value `{= \(i) + 1}` and `{claim \(i) >= 0}`.\n\n" }
            if i < blocks { text += "```evident\nlet a\(i) = \(i)\na\(i) * 2\nclaim a\(i) >= 0\n```\n\n" }
            if i == 1, blocks > 1 { text += "{#fig:two}\n\n" }
        }
        return MarkdownReader.read(text, file: "doc.md")
    }

    @Test(arguments: [(0, 0), (0, 3), (3, 0), (7, 2), (2, 7), (5, 5), (40, 1)])
    func twoThreadsMakeWhatOneMakes(_ blocks: Int, _ spans: Int) {
        let document = document(blocks: blocks, spans: spans)
        let evaluation = Evaluation.run(document, with: Interpreter(file: "doc.md", params: [:]))
        let labels = document.furniture.labels
        let (madeBlocks, madeSpans) = evaluation.fragments(labels: labels)
        #expect(madeBlocks == evaluation.blockHTML(labels: labels, of: 0..<evaluation.blocks.count))
        #expect(madeSpans == evaluation.spanHTML)
        #expect(madeBlocks.count == blocks)
        #expect(madeSpans.count == 2 * spans)
    }
}
