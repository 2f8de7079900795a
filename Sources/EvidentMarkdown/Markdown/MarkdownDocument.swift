import EvidentLanguage

/// A fenced block whose info string starts with `evident`.
public struct EvidentBlock: Equatable, Sendable {
    /// The block's number among all code blocks of the document, in order.
    public var ordinal: Int
    public var code: String
    /// The document position of the code's first character.
    public var origin: SourceLocation
    /// The line of the opening fence.
    public var fenceLine: Int
    /// `echo`: also show the source.
    public var echo: Bool
    /// `hide`: evaluate, render nothing.
    public var hide: Bool
}

/// An inline code span `{= EXPR}`, `{= EXPR | FMT}` or `{claim EXPR}`.
public struct EvidentSpan: Equatable, Sendable {
    /// The span's number among all code spans of the document, in order.
    public var ordinal: Int
    public var code: InlineCode
    /// The document position of EXPR's first character.
    public var origin: SourceLocation
    /// For a live number in math, the formula (its index in the
    /// document's `maths`) and the slot; nil for a code span.
    public var math: MathSlot? = nil

    public init(ordinal: Int, code: InlineCode, origin: SourceLocation, math: MathSlot? = nil) {
        (self.ordinal, self.code, self.origin, self.math) = (ordinal, code, origin, math)
    }
}

/// Where a live number stands in the document's math.
public struct MathSlot: Hashable, Sendable {
    public var math: Int
    public var slot: Int
}

/// A heading of the document, for the title and the table of contents.
public struct MarkdownHeading: Equatable, Sendable {
    public var level: Int
    public var text: String
    public var line: Int
    /// The heading's id on the page, unique within it (`HeadingIDs`).
    public var id: String
    /// The evident spans in the heading, by ordinal, with their text
    /// as `text` holds it: the page shows their values instead.
    public var spans: [HeadingSpan] = []

    public init(level: Int, text: String, line: Int, id: String, spans: [HeadingSpan] = []) {
        (self.level, self.text, self.line, self.id, self.spans) = (level, text, line, id, spans)
    }
}

/// An inline value in a heading: the span's ordinal and its source text.
public struct HeadingSpan: Equatable, Sendable {
    public var ordinal: Int
    public var literal: String
}

/// A document as read: front matter, the Markdown body and the code to
/// evaluate, with document positions.
public struct MarkdownDocument: Sendable {
    public enum Item: Equatable, Sendable {
        case block(EvidentBlock)
        case span(EvidentSpan)

        public var origin: SourceLocation {
            switch self {
            case .block(let block): return block.origin
            case .span(let span): return span.origin
            }
        }
    }

    public var file: String
    public var frontMatter: FrontMatter
    /// The Markdown after the front matter, with the front matter's lines
    /// blanked so that line numbers are document line numbers.
    public var body: String
    /// Blocks and spans in document order.
    public var items: [Item]
    public var headings: [MarkdownHeading]
    /// Front matter and reading problems, in document order.
    public var diagnostics: [Diagnostic]
    /// Math, references and labels: what the page shows besides the
    /// evident code and cmark's HTML.
    package var furniture = Furniture()

    public var blocks: [EvidentBlock] {
        items.compactMap { if case .block(let block) = $0 { return block } else { return nil } }
    }

    public var headingIDs: [String] { headings.map(\.id) }

    public var spans: [EvidentSpan] {
        items.compactMap { if case .span(let span) = $0 { return span } else { return nil } }
    }
}
