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

    /// Everything the reader needs from the parsed body.
    static func outline(_ body: String) -> Outline {
        guard let root = parse(body) else { return Outline() }
        defer { cmark_node_free(root) }
        var outline = Outline()
        for node in walk(root) {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_CODE_BLOCK {
                outline.codeBlocks.append(CodeBlock(
                    ordinal: outline.codeBlocks.count,
                    info: string(cmark_node_get_fence_info(node)),
                    literal: string(cmark_node_get_literal(node)),
                    line: Int(cmark_node_get_start_line(node)),
                    column: Int(cmark_node_get_start_column(node))))
            } else if type == CMARK_NODE_CODE {
                outline.codeSpans.append(CodeSpan(
                    ordinal: outline.codeSpans.count,
                    literal: string(cmark_node_get_literal(node)),
                    line: Int(cmark_node_get_start_line(node)),
                    column: Int(cmark_node_get_start_column(node))))
            } else if type == CMARK_NODE_HEADING {
                outline.headings.append(Heading(
                    ordinal: outline.headings.count,
                    level: Int(cmark_node_get_heading_level(node)),
                    text: plainText(node),
                    line: Int(cmark_node_get_start_line(node))))
            }
        }
        return outline
    }

    /// Renders the body as HTML after replacing code blocks and code spans by
    /// custom nodes whose `on_enter` is the given HTML (an empty string
    /// removes the node) and giving headings the given ids.
    ///
    /// Without `unsafe`, cmark's safe mode turns the author's raw HTML into
    /// comments and drops `javascript:`, `vbscript:`, `file:` and non-image
    /// `data:` link targets; custom nodes are emitted verbatim either way.
    static func renderHTML(_ body: String, blocks: [Int: String], spans: [Int: String], headingIDs: [String], unsafe: Bool) -> String {
        guard let root = parse(body) else { return "" }
        defer { cmark_node_free(root) }
        var codeBlocks: [OpaquePointer] = []
        var codeSpans: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        for node in walk(root) {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_CODE_BLOCK { codeBlocks.append(node) }
            else if type == CMARK_NODE_CODE { codeSpans.append(node) }
            else if type == CMARK_NODE_HEADING { headings.append(node) }
        }
        let options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        for (ordinal, html) in spans.sorted(by: { $0.key < $1.key }) where ordinal < codeSpans.count {
            replace(codeSpans[ordinal], with: html, type: CMARK_NODE_CUSTOM_INLINE)
        }
        for (ordinal, html) in blocks.sorted(by: { $0.key < $1.key }) where ordinal < codeBlocks.count {
            replace(codeBlocks[ordinal], with: html, type: CMARK_NODE_CUSTOM_BLOCK)
        }
        for (node, id) in zip(headings, headingIDs) {
            var html = render(node, options: options)
            while html.last == "\n" { html.removeLast() }
            if let close = html.firstIndex(of: ">") {
                html.insert(contentsOf: " id=\"\(HTML.escape(id))\"", at: close)
            }
            replace(node, with: html, type: CMARK_NODE_CUSTOM_BLOCK)
        }
        return render(root, options: options)
    }

    // MARK: - C helpers

    /// The whole text, NUL bytes included (cmark reads them as U+FFFD):
    /// measuring it with `strlen` would silently drop everything after one.
    private static func parse(_ body: String) -> OpaquePointer? {
        let bytes = Array(body.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
        }
    }

    /// Every node, depth first, in document order.
    private static func walk(_ root: OpaquePointer) -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return nodes }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { nodes.append(node) }
        }
        return nodes
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
        for child in walk(node) {
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
