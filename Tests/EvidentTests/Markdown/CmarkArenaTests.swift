import CCmark
import Foundation
import Testing
@testable import Evident

/// The arena cmark parses into (its records and its text in two regions,
/// the last text block grown in place) changes where the tree lives, never
/// what it says: rendering through it gives cmark's own output with its
/// default allocator, byte for byte.
@Suite struct CmarkArenaTests {
    /// cmark's HTML for `body` with its own allocator.
    static func reference(_ body: String) -> String {
        let pointer = body.withCString { cmark_markdown_to_html($0, strlen($0), CMARK_OPT_DEFAULT) }!
        defer { free(pointer) }
        return String(cString: pointer)
    }

    static let documents: [String: String] = {
        var lines: [String] = []
        for i in 0..<3000 { lines.append("word \(i) *emphasis* `code \(i)` [link](https://example.org/\(i)) more text") }
        let longParagraph = lines.joined(separator: "\n")
        let hugeLine = String(repeating: "abcdefgh ", count: 60_000)
        let nested = (0..<200).map { "\(String(repeating: "  ", count: $0 % 6))- item \($0)\n\n  > quote \($0)\n" }.joined()
        let fence = "```evident\n" + (0..<5000).map { "line \($0)" }.joined(separator: "\n") + "\n```\n"
        return [
            "long paragraph, grown line by line": longParagraph,
            "a paragraph past the chunks' quarter (allocated on its own)": hugeLine,
            "nested lists and quotes": nested,
            "a long fenced block": fence,
            "everything, twice": [longParagraph, fence, nested, hugeLine, longParagraph].joined(separator: "\n\n"),
        ]
    }()

    @Test(arguments: documents.keys.sorted())
    func rendersAsCmarkDoes(name: String) {
        let body = Self.documents[name]!
        #expect(Cmark.renderHTML(body, blocks: [:], spans: [:], headingIDs: [], unsafe: false) == Self.reference(body), "\(name)")
    }

    /// The outline read through the arena finds every code span and block.
    @Test func outlineSeesEveryNode() {
        let body = Self.documents["everything, twice"]!
        let outline = Cmark.outline(body)
        #expect(outline.codeSpans.count == 6000)
        #expect(outline.codeBlocks.count == 1 && outline.codeBlocks[0].literal.hasPrefix("line 0\n"))
    }
}
