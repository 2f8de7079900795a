import CCmarkGFM
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only file that calls cmark-gfm's functions.
///
/// The body is read as GitHub-flavoured Markdown: cmark-gfm's tables,
/// strikethrough (`~~`, never a single tilde, which prose uses for
/// "about"), autolinks, task lists and footnotes; `tagfilter` is on even
/// when raw HTML is allowed (`Rendering.unsafe`).
///
/// `convert` parses a body, copies its outline into Swift values, asks the
/// caller what the page puts in place of its evident code, renders the tree
/// with those fragments, and frees every C object before it returns (all at
/// once: the tree lives in a `CmarkArena`).
/// Code blocks, code spans and headings are numbered by their order in a
/// depth-first walk; the numbers connect the outline to the fragments (the
/// Swift side of both is in CommonMark+Outline.swift).
package enum CommonMark {
    /// Held while cmark parses: to parse inlines cmark-gfm sets its
    /// extensions' special characters (`~`, autolinks' `w`, `:`, `@`) in a
    /// process-wide table and clears them after, so two parses at once
    /// misread each other's strikethrough and links. Rendering is not held.
    static let parsing = Mutex(())

    /// Parses `body` and hands its outline to `read`, which gives a result
    /// and what to render (nothing, when it gives nil); renders the body so,
    /// as UTF-8 (cmark writes valid UTF-8 from valid UTF-8, so the bytes are
    /// not checked again). One parse and one walk serve both (but see
    /// `Body.Autolinks.unlikely`): the walk is O(nodes), each replacement O(1).
    package static func convert<Result>(_ body: String, _ read: (Outline) -> (Result, Rendering?)) -> (Result, html: [UInt8]?) {
        _ = extensions
        var body = body
        let look = body.withUTF8(Body.init)
        return CmarkArena.with(bodySize: body.utf8.count) { memory in
            var tree = Tree(body, look, memory: memory)
            if tree?.textMayAutolink == true {
                tree = Tree(body, Body(options: look.options, autolinks: .possible), memory: memory)
            }
            let (result, rendering) = read(tree?.outline ?? Outline())
            return (result, rendering.map { tree?.render($0) ?? [] })
        }
    }

    /// Everything the reader needs from a body.
    package static func outline(_ body: String) -> Outline {
        convert(body) { ($0, nil) }.0
    }

    /// The body rendered as HTML (see `Rendering`).
    package static func render(_ body: String, _ rendering: Rendering) -> String {
        String(decoding: convert(body) { _ in ((), rendering) }.html ?? [], as: UTF8.self)
    }

    /// The GFM extensions, registered once (before any arena exists: the
    /// registry lives as long as the process); autolinks only where `Body` says.
    package static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]
    private static let extensions: [OpaquePointer] = {
        cmark_gfm_core_extensions_ensure_registered()
        return extensionNames.compactMap { cmark_find_syntax_extension($0) }
    }()
    private static let autolink = cmark_find_syntax_extension("autolink")

    /// A parsed body with the nodes its outline and rendering need, in the
    /// arena `memory`. The parser stays alive until the tree is rendered:
    /// it owns the list of extensions the renderer needs.
    private final class Tree {
        let root: OpaquePointer
        let parser: OpaquePointer
        let memory: UnsafeMutablePointer<cmark_mem>
        let options: Int32
        /// Parsed without autolinks, a text node holds what one starts
        /// with (`Body.Autolinks.unlikely`): the body is to be parsed again
        /// with them.
        let textMayAutolink: Bool
        let outline: Outline
        let codeBlocks: [OpaquePointer]
        let codeSpans: [OpaquePointer]
        let headings: [OpaquePointer]
        let links: [OpaquePointer]
        let tables: [OpaquePointer]
        let images: [OpaquePointer]
        /// Fragments that go in after rendering (`replace`), when the body
        /// leaves a control character free for their markers.
        var deferred: DeferredFragments?

        init?(_ body: String, _ look: Body, memory: UnsafeMutablePointer<cmark_mem>) {
            self.memory = memory
            var body = body
            options = look.options
            guard let parser = cmark_parser_new_with_mem(options, memory) else { return nil }
            for syntax in CommonMark.extensions where look.autolinks == .possible || syntax != CommonMark.autolink {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
            let checkingText = look.autolinks == .unlikely
            // Inlines are parsed in the feed (table rows) and the finish, with the
            // extensions' characters in a table all parsers share: one at a time.
            let (mark, parsed) = CommonMark.parsing.withLock { _ in
                let mark = body.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
                    return ControlMark.absent(in: bytes, fromEnd: true)
                }
                return (mark, cmark_parser_finish(parser))
            }
            deferred = mark.map(DeferredFragments.init)
            guard let root = parsed else {
                cmark_parser_free(parser)
                return nil
            }
            self.root = root
            self.parser = parser
            // Gathered in locals, then kept: a closure that changes a class's
            // properties has each change checked for exclusive access.
            var outline = Outline()
            var (codeBlocks, codeSpans, headings, links, tables, images) = ([OpaquePointer](), [OpaquePointer](), [OpaquePointer](),
                                                                             [OpaquePointer](), [OpaquePointer](), [OpaquePointer]())
            var textMayAutolink = false
            visit(root) { node in
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_CODE_BLOCK {
                    codeBlocks.append(node)
                    let info = CommonMark.string(cmark_node_get_fence_info(node))
                    outline.codeBlocks.append(CodeBlock(
                        ordinal: outline.codeBlocks.count,
                        info: info,
                        literal: info.hasPrefix("evident") || info.hasPrefix("math") ? CommonMark.string(cmark_node_get_literal(node)) : "",
                        line: Int(cmark_node_get_start_line(node)),
                        column: Int(cmark_node_get_start_column(node))))
                } else if type == CMARK_NODE_CODE {
                    codeSpans.append(node)
                    let literal = cmark_node_get_literal(node)
                    outline.codeSpans.append(CodeSpan(
                        ordinal: outline.codeSpans.count,
                        literal: literal.map { $0.pointee == CChar(UInt8(ascii: "{")) || ($0.pointee > 0 && $0.pointee < 32) } == true
                            ? CommonMark.string(literal) : "",
                        line: Int(cmark_node_get_start_line(node)),
                        column: Int(cmark_node_get_start_column(node))))
                } else if type == CMARK_NODE_HEADING {
                    headings.append(node)
                    let (text, codeSpans) = CommonMark.plainText(node)
                    outline.headings.append(Heading(
                        ordinal: outline.headings.count,
                        level: Int(cmark_node_get_heading_level(node)),
                        text: text,
                        line: Int(cmark_node_get_start_line(node)),
                        spans: Array(outline.codeSpans.count..<(outline.codeSpans.count + codeSpans))))
                } else if type == CMARK_NODE_LINK {
                    links.append(node)
                } else if type == CMARK_NODE_IMAGE {
                    images.append(node)
                    outline.images.append(Image(ordinal: outline.images.count, url: CommonMark.string(cmark_node_get_url(node)),
                                                line: Int(cmark_node_get_start_line(node))))
                } else if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                    outline.rawHTMLLines.append(Int(cmark_node_get_start_line(node)))
                } else if type == CMARK_NODE_TABLE {
                    tables.append(node)
                    outline.tables.append(Table(ordinal: outline.tables.count, line: Int(cmark_node_get_start_line(node))))
                } else if checkingText, type == CMARK_NODE_TEXT, !textMayAutolink, let literal = cmark_node_get_literal(node) {
                    textMayAutolink = Body.mayStartAutolink(literal)
                }
            }
            (self.outline, self.codeBlocks, self.codeSpans, self.headings, self.links, self.tables, self.images) =
                (outline, codeBlocks, codeSpans, headings, links, tables, images)
            self.textMayAutolink = textMayAutolink
        }

        deinit { cmark_parser_free(parser) }

        /// Rewrites the tree for the page and renders it: links rewritten,
        /// evident code replaced by custom nodes holding its HTML, headings
        /// given their ids.
        func render(_ rendering: Rendering) -> [UInt8] {
            for node in links {
                if let url = rendering.link(CommonMark.string(cmark_node_get_url(node))) {
                    _ = url.withCString { cmark_node_set_url(node, $0) }
                }
            }
            for (ordinal, node) in codeSpans.enumerated() {
                if let html = rendering.spans[ordinal] { replace(node, with: html, type: CMARK_NODE_CUSTOM_INLINE) }
            }
            for (ordinal, node) in codeBlocks.enumerated() {
                if let html = rendering.blocks[ordinal] { replace(node, with: html, type: CMARK_NODE_CUSTOM_BLOCK) }
            }
            for (node, id) in zip(headings, rendering.headingIDs) {
                identify(node, id: id)
            }
            for (ordinal, node) in images.enumerated() {
                if rendering.droppedImages.contains(ordinal) {
                    unwrap(node)
                } else if let url = rendering.images[ordinal] {
                    _ = url.withCString { cmark_node_set_url(node, $0) }
                }
            }
            for (ordinal, node) in tables.enumerated() {
                guard let (before, after) = rendering.tables[ordinal] else { continue }
                surround(node, before: before, after: after)
            }
            // The HTML is in the arena too.
            let options = self.options | (rendering.unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT)
            guard let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return [] }
            let bytes = Array(UnsafeRawBufferPointer(start: html, count: strlen(html)))
            return deferred?.insert(into: bytes) ?? bytes
        }

        /// The node removed, its children (an image's alt text) moved to
        /// where it was.
        private func unwrap(_ node: OpaquePointer) {
            while let child = cmark_node_first_child(node) {
                guard cmark_node_insert_before(node, child) == 1 else { break }
            }
            cmark_node_free(node)
        }

        /// The node replaced by a custom node whose `on_enter` is `html`
        /// (which cmark copies); an empty `html` removes it.
        private func replace(_ node: OpaquePointer, with html: String, type: cmark_node_type) {
            guard !html.isEmpty else { return cmark_node_free(node) }
            guard let custom = cmark_node_new_with_mem(type, memory) else { return }
            _ = html.withCString { cmark_node_set_on_enter(custom, $0) }
            _ = cmark_node_set_on_exit(custom, "")
            if cmark_node_replace(node, custom) == 1 {
                cmark_node_free(node)
                return
            }
            cmark_node_free(custom)
            // A table cell holds no custom node: a text node holds a
            // mark for the HTML, which goes in after rendering.
            guard deferred != nil, let text = cmark_node_new_with_mem(CMARK_NODE_TEXT, memory) else { return }
            if cmark_node_replace(node, text) == 1 {
                _ = deferred?.marker(for: html).withCString { cmark_node_set_literal(text, $0) }
                cmark_node_free(node)
            } else {
                cmark_node_free(text)
            }
        }

        /// Custom blocks with `before` and `after` around a block node.
        private func surround(_ node: OpaquePointer, before: String, after: String) {
            for (html, insert) in [(before, cmark_node_insert_before), (after, cmark_node_insert_after)] {
                guard let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, memory) else { continue }
                _ = html.withCString { cmark_node_set_on_enter(custom, $0) }
                _ = cmark_node_set_on_exit(custom, "")
                if insert(node, custom) != 1 { cmark_node_free(custom) }
            }
        }

        /// The heading written as `<hN id="ID">…</hN>`: its inline content
        /// moves into a custom inline node that writes the tags, inside a
        /// custom block that takes the heading's place (a custom block alone
        /// would break the line after its opening tag).
        private func identify(_ heading: OpaquePointer, id: String) {
            let level = cmark_node_get_heading_level(heading)
            guard let block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, memory), let tags = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, memory) else { return }
            _ = cmark_node_set_on_enter(block, "")
            _ = cmark_node_set_on_exit(block, "")
            _ = "<h\(level) id=\"\(HTML.escape(id))\">".withCString { cmark_node_set_on_enter(tags, $0) }
            _ = "</h\(level)>".withCString { cmark_node_set_on_exit(tags, $0) }
            while let child = cmark_node_first_child(heading) { _ = cmark_node_append_child(tags, child) }
            _ = cmark_node_append_child(block, tags)
            if cmark_node_replace(heading, block) == 1 { cmark_node_free(heading) } else { cmark_node_free(block) }
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

    /// The text of a heading's inline content, code spans counting as
    /// their text, and how many code spans it holds.
    private static func plainText(_ node: OpaquePointer) -> (String, codeSpans: Int) {
        var (text, codeSpans) = ("", 0)
        visit(node) { child in
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE { text += string(cmark_node_get_literal(child)) }
            if type == CMARK_NODE_CODE { codeSpans += 1 }
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { text += " " }
        }
        return (text, codeSpans)
    }

    /// A C string's text, decoded by its length.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
    }
}
