import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only file that touches cmark's C API.
///
/// Each call parses the body, copies what it needs into Swift values (or
/// rewrites and renders the tree) and frees the C tree before returning.
/// Code blocks, code spans and headings are numbered by their order in a
/// depth-first walk, which is the same in every call for the same body; the
/// numbers connect what `outline` reports to what `renderHTML` replaces.
enum Cmark {
    struct CodeBlock: Equatable {
        var ordinal: Int
        var info: String
        var literal: String
        /// The line of the opening fence (1-based, document line).
        var line: Int
        /// The byte column (1-based) where the block starts.
        var column: Int
    }

    struct CodeSpan: Equatable {
        var ordinal: Int
        var literal: String
        /// Line and byte column as cmark 0.30 reports them: the line is
        /// reliable, the column only approximately (see `MarkdownReader`).
        var line: Int
        var column: Int
    }

    struct Heading: Equatable {
        var ordinal: Int
        var level: Int
        var text: String
        var line: Int
    }

    struct Outline: Equatable {
        var codeBlocks: [CodeBlock] = []
        var codeSpans: [CodeSpan] = []
        var headings: [Heading] = []
    }

    /// What replaces code blocks and code spans when the body is rendered,
    /// by ordinal: the HTML of a custom node (an empty string removes the
    /// node); and the ids the headings get, in order.
    struct Injection {
        var blocks: [Int: String]
        var spans: [Int: String]
        var headingIDs: [String]
        var unsafe: Bool
    }

    /// Everything the reader needs from the parsed body.
    static func outline(_ body: String) -> Outline {
        parse(body) { ($0, nil) }.0
    }

    /// Renders the body as HTML after replacing code blocks and code spans by
    /// custom nodes whose `on_enter` is the given HTML (an empty string
    /// removes the node) and giving headings the given ids.
    ///
    /// Without `unsafe`, cmark's safe mode turns the author's raw HTML into
    /// comments and drops `javascript:`, `vbscript:`, `file:` and non-image
    /// `data:` link targets; custom nodes are emitted verbatim either way.
    static func renderHTML(_ body: String, blocks: [Int: String], spans: [Int: String], headingIDs: [String], unsafe: Bool) -> String {
        parse(body) { _ in ((), Injection(blocks: blocks, spans: spans, headingIDs: headingIDs, unsafe: unsafe)) }.1 ?? ""
    }

    /// Parses the body once and hands its outline to `use`, which returns a
    /// result and, when the body is to be rendered, what to inject (see
    /// `renderHTML`). The C tree is freed before this returns.
    ///
    /// One parse and one walk serve both the reader and the renderer: the
    /// walk is O(nodes) and each replacement O(1).
    static func parse<Result>(_ body: String, _ use: (Outline) -> (Result, Injection?)) -> (Result, String?) {
        guard let root = parseTree(body) else { return (use(Outline()).0, nil) }
        defer { cmark_node_free(root) }
        var outline = Outline()
        var codeBlocks: [OpaquePointer] = []
        var codeSpans: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        visit(root) { node in
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_CODE_BLOCK {
                codeBlocks.append(node)
                outline.codeBlocks.append(CodeBlock(
                    ordinal: outline.codeBlocks.count,
                    info: string(cmark_node_get_fence_info(node)),
                    literal: string(cmark_node_get_literal(node)),
                    line: Int(cmark_node_get_start_line(node)),
                    column: Int(cmark_node_get_start_column(node))))
            } else if type == CMARK_NODE_CODE {
                codeSpans.append(node)
                outline.codeSpans.append(CodeSpan(
                    ordinal: outline.codeSpans.count,
                    literal: string(cmark_node_get_literal(node)),
                    line: Int(cmark_node_get_start_line(node)),
                    column: Int(cmark_node_get_start_column(node))))
            } else if type == CMARK_NODE_HEADING {
                headings.append(node)
                outline.headings.append(Heading(
                    ordinal: outline.headings.count,
                    level: Int(cmark_node_get_heading_level(node)),
                    text: plainText(node),
                    line: Int(cmark_node_get_start_line(node))))
            }
        }
        let (result, injection) = use(outline)
        guard let injection else { return (result, nil) }

        let options = injection.unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        for (ordinal, html) in injection.spans where ordinal >= 0 && ordinal < codeSpans.count {
            replace(codeSpans[ordinal], with: html, type: CMARK_NODE_CUSTOM_INLINE)
        }
        for (ordinal, html) in injection.blocks where ordinal >= 0 && ordinal < codeBlocks.count {
            replace(codeBlocks[ordinal], with: html, type: CMARK_NODE_CUSTOM_BLOCK)
        }
        for (node, id) in zip(headings, injection.headingIDs) {
            var html = render(node, options: options)
            while html.last == "\n" { html.removeLast() }
            if let close = html.firstIndex(of: ">") {
                html.insert(contentsOf: " id=\"\(HTML.escape(id))\"", at: close)
            }
            replace(node, with: html, type: CMARK_NODE_CUSTOM_BLOCK)
        }
        return (result, render(root, options: options))
    }

    // MARK: - C helpers

    private static func parseTree(_ body: String) -> OpaquePointer? {
        body.withCString { pointer in
            cmark_parse_document(pointer, strlen(pointer), CMARK_OPT_DEFAULT)
        }
    }

    /// Calls `body` with every node, depth first, in document order.
    private static func visit(_ root: OpaquePointer, _ body: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(node) }
        }
    }

    private static func replace(_ node: OpaquePointer, with html: String, type: cmark_node_type) {
        if html.isEmpty {
            cmark_node_unlink(node)
            cmark_node_free(node)
            return
        }
        guard let custom = cmark_node_new(type) else { return }
        _ = html.withCString { cmark_node_set_on_enter(custom, $0) }
        _ = cmark_node_set_on_exit(custom, "")
        if cmark_node_replace(node, custom) == 1 {
            cmark_node_free(node)
        } else {
            cmark_node_free(custom)
        }
    }

    private static func render(_ node: OpaquePointer, options: Int32) -> String {
        guard let pointer = cmark_render_html(node, options) else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The text of a heading's inline content; code spans count as their text.
    private static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        visit(node) { child in
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE { text += string(cmark_node_get_literal(child)) }
            else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { text += " " }
        }
        return text
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
