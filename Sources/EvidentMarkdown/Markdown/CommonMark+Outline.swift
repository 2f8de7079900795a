/// What `CommonMark.convert` reads from a body and what it is told to
/// render: Swift values only, so that nothing of cmark's outlives the call.
extension CommonMark {
    package struct CodeBlock: Equatable {
        package var ordinal: Int
        package var info: String
        /// The code, for a block whose info string starts with `evident` or
        /// `math`; empty for any other (nothing reads it).
        package var literal: String
        /// The line of the opening fence (1-based, document line).
        package var line: Int
        /// The byte column (1-based) where the block starts.
        package var column: Int
    }

    package struct CodeSpan: Equatable {
        package var ordinal: Int
        /// The span's text when it starts with `{`, as evident spans do
        /// (`InlineCode.read`), or with a control character, as the
        /// placeholders of `BodyExtraction` do; empty for any other.
        package var literal: String
        /// Line and byte column as cmark 0.30 reports them: the line is
        /// reliable, the column only approximately (see `MarkdownReader`).
        package var line: Int
        package var column: Int
    }

    package struct Heading: Equatable {
        package var ordinal: Int
        package var level: Int
        package var text: String
        package var line: Int
        /// The ordinals of the code spans in the heading, in order.
        package var spans: [Int] = []
    }

    /// A pipe table, numbered among the tables, and its first line.
    package struct Table: Equatable {
        package var ordinal: Int
        package var line: Int
    }

    /// An image: its target as written and its line.
    package struct Image: Equatable {
        package var ordinal: Int
        package var url: String
        package var line: Int
    }

    package struct Outline: Equatable {
        package var codeBlocks: [CodeBlock] = []
        package var codeSpans: [CodeSpan] = []
        package var headings: [Heading] = []
        package var tables: [Table] = []
        package var images: [Image] = []
        /// The lines of the author's raw HTML, blocks and inline.
        package var rawHTMLLines: [Int] = []
    }

    /// What the page puts in place of the body's code and how it links:
    /// the HTML of replaced code blocks and code spans by ordinal (an empty
    /// string removes a block), the headings' ids in order, and a new target
    /// for each link `link` rewrites (images keep theirs).
    ///
    /// Without `unsafe`, cmark's safe mode turns the author's raw HTML into
    /// comments and drops `javascript:`, `vbscript:`, `file:` and non-image
    /// `data:` link targets; fragments are emitted verbatim either way.
    /// `tables` puts HTML before and after tables by ordinal (a numbered
    /// table's caption); `images` gives images new targets by ordinal, and
    /// `droppedImages` leaves images off, their alt text in their place.
    package struct Rendering {
        package var blocks: [Int: String] = [:]
        package var spans: [Int: String] = [:]
        package var headingIDs: [String] = []
        package var unsafe = false
        package var link: (String) -> String? = { _ in nil }
        package var tables: [Int: (before: String, after: String)] = [:]
        package var images: [Int: String] = [:]
        package var droppedImages: Set<Int> = []

        package init(blocks: [Int: String] = [:], spans: [Int: String] = [:], headingIDs: [String] = [], unsafe: Bool = false,
                     link: @escaping (String) -> String? = { _ in nil }) {
            (self.blocks, self.spans, self.headingIDs, self.unsafe, self.link) = (blocks, spans, headingIDs, unsafe, link)
        }
    }
}
