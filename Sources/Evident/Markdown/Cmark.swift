import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only file that touches cmark's C API.
///
/// Each call parses the body, copies what it needs into Swift values (or
/// rewrites and renders the tree) and frees the C tree before returning
/// (all at once: cmark allocates from a `CmarkArena`).
/// Code blocks, code spans and headings are numbered by their order in a
/// depth-first walk, which is the same in every call for the same body; the
/// numbers connect what `outline` reports to what `renderHTML` replaces.
enum Cmark {
    struct CodeBlock: Equatable {
        var ordinal: Int
        var info: String
        /// The code, for a block whose info string starts with `evident`;
        /// empty for any other (nothing reads it).
        var literal: String
        /// The line of the opening fence (1-based, document line).
        var line: Int
        /// The byte column (1-based) where the block starts.
        var column: Int
    }

    struct CodeSpan: Equatable {
        var ordinal: Int
        /// The span's text when it starts with `{`, as evident spans do
        /// (`InlineCode.read`); empty for any other (nothing reads it).
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

    /// What rendering needs to know before the blocks are evaluated: which
    /// code blocks evaluation replaces and which it removes, which code spans
    /// it replaces (by ordinal), the headings' ids, the link targets.
    struct Layout {
        var blocks: Set<Int> = []
        var removedBlocks: Set<Int> = []
        var spans: Set<Int> = []
        var headingIDs: [String] = []
        var unsafe = false
        var link: @Sendable (String) -> String? = { _ in nil }
    }

    /// What evaluation gives the replaced code blocks and spans: their HTML,
    /// by ordinal.
    ///
    /// Held as parts of two strings, one for the blocks and one for the
    /// spans, each part's UTF-8 offsets by ordinal: filling a page in copies
    /// bytes out of two buffers instead of touching tens of thousands of
    /// strings.
    struct Fragments {
        var blockHTML = ""
        var spanHTML = ""
        var blocks: [Int: Range<Int>] = [:]
        var spans: [Int: Range<Int>] = [:]

        init() {}

        /// The fragments given one string each.
        init(blocks: [Int: String], spans: [Int: String] = [:]) {
            for (ordinal, html) in blocks.sorted(by: { $0.key < $1.key }) { self.blocks[ordinal] = Self.append(html, to: &blockHTML) }
            for (ordinal, html) in spans.sorted(by: { $0.key < $1.key }) { self.spans[ordinal] = Self.append(html, to: &spanHTML) }
        }

        /// Appends `html` to `buffer` and gives the UTF-8 offsets it took.
        static func append(_ html: String, to buffer: inout String) -> Range<Int> {
            let start = buffer.utf8.count
            buffer += html
            return start..<buffer.utf8.count
        }

        func block(_ ordinal: Int) -> String? { blocks[ordinal].map { Self.part($0, of: blockHTML) } }
        func span(_ ordinal: Int) -> String? { spans[ordinal].map { Self.part($0, of: spanHTML) } }

        private static func part(_ range: Range<Int>, of html: String) -> String {
            let utf8 = html.utf8
            return String(html[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
        }
    }

    /// Everything the reader needs from the parsed body.
    static func outline(_ body: String) -> Outline {
        var outline = Outline()
        _ = parse(body, read: { outline = $0; return nil }, evaluate: { _ in ((), Fragments()) }, concurrently: false)
        return outline
    }

    /// Renders the body as HTML after replacing code blocks and code spans by
    /// custom nodes whose `on_enter` is the given HTML (an empty string
    /// removes the node), giving headings the given ids and replacing each
    /// link target for which `link` returns a new one (images keep theirs).
    ///
    /// Without `unsafe`, cmark's safe mode turns the author's raw HTML into
    /// comments and drops `javascript:`, `vbscript:`, `file:` and non-image
    /// `data:` link targets; custom nodes are emitted verbatim either way.
    static func renderHTML(_ body: String, blocks: [Int: String], spans: [Int: String], headingIDs: [String], unsafe: Bool,
                           link: @escaping @Sendable (String) -> String? = { _ in nil }, concurrently: Bool = true) -> String {
        let layout = Layout(blocks: Set(blocks.filter { !$0.value.isEmpty }.keys), removedBlocks: Set(blocks.filter { $0.value.isEmpty }.keys),
                            spans: Set(spans.keys), headingIDs: headingIDs, unsafe: unsafe, link: link)
        return parse(body, read: { _ in layout }, evaluate: { _ in ((), Fragments(blocks: blocks, spans: spans)) },
                     concurrently: concurrently).1?.text ?? ""
    }

    /// Parses the body once and hands its outline to `read`, which returns the
    /// layout of the page when the body is to be rendered, and calls
    /// `evaluate`, which gives a result and the HTML of the replaced blocks
    /// and spans (see `renderHTML`). The C tree is freed before this returns.
    ///
    /// One parse and one walk serve both the reader and the renderer: the
    /// walk is O(nodes) and each replacement O(1). The parse, `read` and the
    /// rendering run on another thread while `evaluate` runs on the caller's
    /// from the start: `evaluate` may work ahead (see `Pipeline`) and waits
    /// for the outline it is given when it needs it. The tree is rendered
    /// with a placeholder for each block and span, and their HTML then put in
    /// place of the placeholders. The page is the one rendering after
    /// evaluation gives, byte for byte: a placeholder renders as its HTML
    /// would, and should the fragments not match the layout (or every
    /// control character occur in the body, so that no placeholder can be
    /// told from text), the body is rendered again after evaluation instead.
    /// `concurrently: false` parses, reads, evaluates and renders in turn on
    /// the caller's thread (what the tests compare against).
    static func parse<Result>(_ body: String, read: @escaping (Outline) -> Layout?, evaluate: (Pending<Outline>) -> (Result, Fragments),
                              concurrently: Bool = true) -> (Result, Rendering?) {
        CmarkArena.with { arena in
            guard concurrently else {
                let tree = Tree(body, memory: CmarkArena.memory)
                let outline = Pending(tree?.outline ?? Outline())
                guard let layout = read(outline.value), let tree else { return (evaluate(outline).0, nil) }
                let (result, fragments) = evaluate(outline)
                return (result, Rendering(html: tree.render(layout, fragments: fragments)))
            }
            let job = ParseJob(body: body, placeholders: Placeholders(absentFrom: body))
            let read = UncheckedBox(read)
            let side = SideThread { arena.adopt { job.run(read: read.value) } }
            let (result, fragments) = evaluate(job.outline)
            side.wait()
            guard let layout = job.layout, let tree = job.tree else { return (result, nil) }
            let found = job.found
            guard let placeholders = job.placeholders, let html = job.html else {
                return (result, Rendering(html: tree.render(layout, fragments: fragments)))
            }
            BackgroundRelease.release(consume job)
            return (result, Rendering(bytes: html, owner: arena, filling: (placeholders, found, layout, fragments), body: body))
        }
    }

    /// A rendered body, its blocks and spans possibly still placeholders
    /// (see `parse`).
    struct Rendering {
        /// The body's HTML, with placeholders when `filling` is set: a
        /// string, or bytes in memory `owner` keeps (cmark's arena).
        private enum HTML {
            case text(String)
            case bytes(UnsafeBufferPointer<UInt8>, owner: AnyObject)
        }
        private let html: HTML
        var filling: (placeholders: Placeholders, found: [Placeholders.Found]?, layout: Layout, fragments: Fragments)?
        /// The body, to render again should the placeholders not match.
        var body = ""

        init(html: String) { self.html = .text(html) }

        init(bytes: UnsafeBufferPointer<UInt8>, owner: AnyObject,
             filling: (placeholders: Placeholders, found: [Placeholders.Found]?, layout: Layout, fragments: Fragments),
             body: String) {
            html = .bytes(bytes, owner: owner)
            self.filling = filling
            self.body = body
        }

        /// `prefix`, the body's HTML without up to `trimming` final line
        /// feeds, and `suffix`, as one UTF-8 text: the placeholders are
        /// replaced as the page is copied, straight into the result (valid
        /// UTF-8 by construction: strings joined at the placeholders' ASCII
        /// bytes, so not checked again). Should they not match the
        /// fragments, the body is rendered again with them.
        func page(prefix: String = "", suffix: String = "", trimming: Int = 0) -> [UInt8] {
            guard let (placeholders, found, layout, fragments) = filling else { return Self.join(prefix, string, suffix, trimming: trimming) }
            let filled = withBytes { bytes in
                found.flatMap { placeholders.fill(bytes: bytes, found: $0, layout: layout, fragments: fragments, prefix: prefix, suffix: suffix, trimming: trimming) }
            }
            if let filled { return filled }
            let html = CmarkArena.with { _ in Tree(body, memory: CmarkArena.memory)?.render(layout, fragments: fragments) } ?? ""
            return Self.join(prefix, html, suffix, trimming: trimming)
        }

        private func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            switch html {
            case .text(var text): return text.withUTF8(body)
            case .bytes(let bytes, let owner): return withExtendedLifetime(owner) { body(bytes) }
            }
        }

        /// The HTML as rendered (with placeholders, if any).
        private var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

        static func join(_ prefix: String, _ html: String, _ suffix: String, trimming: Int) -> [UInt8] {
            var content = Substring(html)
            for _ in 0..<trimming where content.hasSuffix("\n") { content.removeLast() }
            return Array((prefix + content + suffix).utf8)
        }

        /// The body's HTML as a string.
        var text: String { String(decoding: page(), as: UTF8.self) }
    }

    /// A parsed body with the nodes its outline and rendering need.
    private struct Tree {
        let root: OpaquePointer
        let memory: UnsafeMutablePointer<cmark_mem>
        var outline = Outline()
        var codeBlocks: [OpaquePointer] = []
        var codeSpans: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var links: [OpaquePointer] = []

        init?(_ body: String, memory: UnsafeMutablePointer<cmark_mem>) {
            guard let root = Cmark.parseTree(body, memory: memory) else { return nil }
            self.root = root
            self.memory = memory
            var outline = Outline()
            var codeBlocks: [OpaquePointer] = [], codeSpans: [OpaquePointer] = [], headings: [OpaquePointer] = [], links: [OpaquePointer] = []
            Cmark.visit(root) { node in
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_CODE_BLOCK {
                    codeBlocks.append(node)
                    let info = Cmark.string(cmark_node_get_fence_info(node))
                    outline.codeBlocks.append(CodeBlock(
                        ordinal: outline.codeBlocks.count,
                        info: info,
                        literal: info.hasPrefix("evident") ? Cmark.string(cmark_node_get_literal(node)) : "",
                        line: Int(cmark_node_get_start_line(node)),
                        column: Int(cmark_node_get_start_column(node))))
                } else if type == CMARK_NODE_CODE {
                    codeSpans.append(node)
                    let literal = cmark_node_get_literal(node)
                    outline.codeSpans.append(CodeSpan(
                        ordinal: outline.codeSpans.count,
                        literal: literal?.pointee == CChar(UInt8(ascii: "{")) ? Cmark.string(literal) : "",
                        line: Int(cmark_node_get_start_line(node)),
                        column: Int(cmark_node_get_start_column(node))))
                } else if type == CMARK_NODE_HEADING {
                    headings.append(node)
                    outline.headings.append(Heading(
                        ordinal: outline.headings.count,
                        level: Int(cmark_node_get_heading_level(node)),
                        text: Cmark.plainText(node),
                        line: Int(cmark_node_get_start_line(node))))
                } else if type == CMARK_NODE_LINK {
                    links.append(node)
                }
            }
            self.outline = outline
            self.codeBlocks = codeBlocks
            self.codeSpans = codeSpans
            self.headings = headings
            self.links = links
        }

        /// The tree rendered with the evaluated HTML itself.
        func render(_ layout: Layout, fragments: Fragments) -> String {
            let options = rewrite(layout) { isBlock, ordinal, put in
                ((isBlock ? fragments.block(ordinal) : fragments.span(ordinal)) ?? "").withCString(put)
            }
            return Cmark.render(root, options: options)
        }

        /// The tree rendered with each block's and span's code replaced by its
        /// placeholder (cmark then writes it inside the code's `<pre><code …>`
        /// or `<code>`, which `Placeholders.locate` takes in too: setting a
        /// node's text cost a third of making a custom node in its place), the
        /// HTML left where cmark wrote it, in the arena: its bytes, valid while
        /// the arena lives (a large page is not copied into a string and
        /// checked again).
        func renderInPlace(_ layout: Layout, placeholders: Placeholders) -> UnsafeBufferPointer<UInt8> {
            let options = rewrite(layout, intoText: true) { isBlock, ordinal, put in placeholders.withMark(isBlock: isBlock, ordinal: ordinal, put) }
            guard let html = cmark_render_html(root, options) else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self), count: strlen(html))
        }

        /// Makes the tree ready for rendering and gives the options to render
        /// it with: rewrites the links, replaces the layout's blocks and
        /// spans by custom nodes with their HTML (`html` hands each one's, as
        /// a C string, to the function it is given; removed blocks are
        /// unlinked), or `intoText` makes it their code's text, and gives the
        /// headings their ids.
        private func rewrite(_ layout: Layout, intoText: Bool = false,
                             html: (_ isBlock: Bool, _ ordinal: Int, _ put: (UnsafePointer<CChar>) -> Void) -> Void) -> Int32 {
            func replace(_ node: OpaquePointer, isBlock: Bool, ordinal: Int) {
                html(isBlock, ordinal) { text in
                    if intoText {
                        _ = cmark_node_set_literal(node, text)
                    } else {
                        Cmark.replace(node, with: text, type: isBlock ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE, memory: memory)
                    }
                }
            }
            let options = layout.unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
            for node in links {
                if let url = layout.link(Cmark.string(cmark_node_get_url(node))) {
                    _ = url.withCString { cmark_node_set_url(node, $0) }
                }
            }
            // In document order, which is the nodes' order in memory (the
            // layout's sets give them in no order: a cache miss for each).
            for ordinal in codeSpans.indices where layout.spans.contains(ordinal) {
                replace(codeSpans[ordinal], isBlock: false, ordinal: ordinal)
            }
            for ordinal in layout.removedBlocks where ordinal >= 0 && ordinal < codeBlocks.count {
                Cmark.replace(codeBlocks[ordinal], with: "", type: CMARK_NODE_CUSTOM_BLOCK, memory: memory)
            }
            for ordinal in codeBlocks.indices where layout.blocks.contains(ordinal) && !layout.removedBlocks.contains(ordinal) {
                replace(codeBlocks[ordinal], isBlock: true, ordinal: ordinal)
            }
            for (node, id) in zip(headings, layout.headingIDs) {
                var html = Cmark.render(node, options: options)
                while html.last == "\n" { html.removeLast() }
                if let close = html.firstIndex(of: ">") {
                    html.insert(contentsOf: " id=\"\(HTML.escape(id))\"", at: close)
                }
                Cmark.replace(node, with: html, type: CMARK_NODE_CUSTOM_BLOCK, memory: memory)
            }
            return options
        }
    }

    /// The parse, the reading of its outline and the rendering of the tree
    /// with placeholders, done on another thread (see `parse`).
    private final class ParseJob: @unchecked Sendable {
        let body: String
        let placeholders: Placeholders?
        /// The tree's outline, as soon as the tree is parsed.
        let outline = Pending<Outline>()
        var tree: Tree?
        var layout: Layout?
        /// The rendered page with placeholders, in the arena, once `run` has returned.
        var html: UnsafeBufferPointer<UInt8>?
        /// Its placeholders, found while the other thread still evaluates;
        /// nil should one not read as written.
        var found: [Placeholders.Found]?

        init(body: String, placeholders: Placeholders?) {
            self.body = body
            self.placeholders = placeholders
        }

        func run(read: (Outline) -> Layout?) {
            let tree = Tree(body, memory: CmarkArena.memory)
            outline.provide(tree?.outline ?? Outline())
            let layout = read(tree?.outline ?? Outline())
            (self.tree, self.layout) = (tree, layout)
            guard let tree, let layout, let placeholders else { return }
            let html = tree.renderInPlace(layout, placeholders: placeholders)
            self.html = html
            found = placeholders.locate(in: html)
        }
    }

    /// Placeholders for blocks and spans in a rendered page: a control
    /// character the body does not contain, `b` or `s`, the ordinal, and the
    /// character again. cmark writes no control character of its own, so in
    /// the page such a character starts a placeholder.
    struct Placeholders {
        let mark: UInt8

        /// Nil when the body contains every control character that could
        /// serve. Each candidate is looked for with `memchr`, in order: the
        /// first is almost always absent, and one vectorised scan of the body
        /// is all it takes.
        init?(absentFrom body: String) {
            var body = body
            let mark = body.withUTF8 { bytes -> UInt8? in
                guard let base = bytes.baseAddress else { return 1 }
                return (UInt8(1)..<32).first { byte in
                    byte != 9 && byte != 10 && byte != 13 && memchr(base, Int32(byte), bytes.count) == nil
                }
            }
            guard let mark else { return nil }
            self.mark = mark
        }

        func mark(isBlock: Bool, ordinal: Int) -> String {
            withMark(isBlock: isBlock, ordinal: ordinal) { String(cString: $0) }
        }

        /// What cmark writes around an evident block's and a code span's
        /// text (their placeholders, in `renderInPlace`); a block's is then
        /// followed by a line feed.
        static let blockOpening = Array(#"<pre><code class="language-evident">"#.utf8)
        static let blockClosing = Array("</code></pre>".utf8)
        static let spanOpening = Array("<code>".utf8)
        static let spanClosing = Array("</code>".utf8)

        /// A placeholder as cmark renders it (a block's without its line feed).
        func rendered(isBlock: Bool, ordinal: Int) -> String {
            let (opening, closing) = isBlock ? (Self.blockOpening, Self.blockClosing) : (Self.spanOpening, Self.spanClosing)
            return String(decoding: opening, as: UTF8.self) + mark(isBlock: isBlock, ordinal: ordinal) + String(decoding: closing, as: UTF8.self)
        }

        /// `body` with the placeholder as a C string on the stack.
        func withMark<Result>(isBlock: Bool, ordinal: Int, _ body: (UnsafePointer<CChar>) -> Result) -> Result {
            var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            return withUnsafeMutableBytes(of: &storage) { raw in
                let text = raw.bindMemory(to: UInt8.self)
                text[0] = mark
                text[1] = isBlock ? UInt8(ascii: "b") : UInt8(ascii: "s")
                // The ordinal's digits, written backwards and then turned.
                var count = 2, value = max(ordinal, 0)
                repeat {
                    text[count] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                    count += 1
                } while value > 0
                text[2..<count].reverse()
                text[count] = mark
                text[count + 1] = 0
                return body(UnsafeRawPointer(text.baseAddress!).assumingMemoryBound(to: CChar.self))
            }
        }

        /// `prefix`, the page with each placeholder replaced by its HTML
        /// (without up to `trimming` final line feeds) and `suffix`, written
        /// straight into one string; nil unless the fragments are exactly
        /// the layout's (every replaced block with non-empty HTML, every
        /// removed block with none, every span) and each placeholder reads as
        /// rendered. A block's HTML is followed by a line break unless it ends
        /// with one, as a custom node holding it would be; the placeholder's
        /// `</code></pre>` always is.
        func fill(_ page: String, layout: Layout, fragments: Fragments, prefix: String = "", suffix: String = "", trimming: Int = 0) -> [UInt8]? {
            var page = page
            return page.withUTF8 { bytes in
                locate(in: bytes).flatMap { fill(bytes: bytes, found: $0, layout: layout, fragments: fragments, prefix: prefix, suffix: suffix, trimming: trimming) }
            }
        }

        /// A placeholder in a rendered page: the offsets of its first byte
        /// and past its last (the code's tags and a block's line feed
        /// included), what it stands for.
        struct Found {
            var start: Int
            var end: Int
            var isBlock: Bool
            var ordinal: Int
        }

        /// The placeholders in `bytes`, in order; nil unless each reads as
        /// rendered (`rendered`, a block's followed by a line feed).
        func locate(in bytes: UnsafeBufferPointer<UInt8>) -> [Found]? {
            var found: [Found] = []
            guard let base = bytes.baseAddress else { return found }
            func next(from i: Int) -> Int? {
                guard i < bytes.count, let hit = memchr(base + i, Int32(mark), bytes.count - i) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            /// The decimal ordinal in bytes[from..<to], read in place; nil unless it is one.
            func ordinal(_ from: Int, _ to: Int) -> Int? {
                guard to > from, to - from <= 18 else { return nil }
                var value = 0
                for i in from..<to {
                    let digit = Int(bytes[i]) &- 48
                    guard digit >= 0 && digit <= 9 else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            var i = 0
            while let start = next(from: i) {
                guard let end = next(from: start + 1), let ordinal = ordinal(start + 2, end) else { return nil }
                let isBlock = bytes[start + 1] == UInt8(ascii: "b")
                guard isBlock || bytes[start + 1] == UInt8(ascii: "s") else { return nil }
                let (opening, closing) = isBlock ? (Self.blockOpening, Self.blockClosing) : (Self.spanOpening, Self.spanClosing)
                let first = start - opening.count, last = end + 1 + closing.count + (isBlock ? 1 : 0)
                guard first >= 0, last <= bytes.count,
                      memcmp(base + first, opening, opening.count) == 0, memcmp(base + end + 1, closing, closing.count) == 0,
                      !isBlock || bytes[last - 1] == UInt8(ascii: "\n") else { return nil }
                found.append(Found(start: first, end: last, isBlock: isBlock, ordinal: ordinal))
                i = last
            }
            return found
        }

        /// The size of page from which the filling is split between two threads.
        static let parallelFill = 1 << 20

        /// `fill` on the page's bytes, whose placeholders are `found`.
        func fill(bytes: UnsafeBufferPointer<UInt8>, found located: [Found], layout: Layout, fragments: Fragments, prefix: String = "",
                  suffix: String = "", trimming: Int = 0) -> [UInt8]? {
            guard Set(fragments.spans.keys) == layout.spans,
                  fragments.blocks.allSatisfy({ layout.removedBlocks.contains($0.key) ? $0.value.isEmpty
                                                  : layout.blocks.contains($0.key) && !$0.value.isEmpty }),
                  layout.blocks.allSatisfy({ fragments.blocks[$0] != nil || layout.removedBlocks.contains($0) }) else { return nil }
            var blockHTML = fragments.blockHTML, spanHTML = fragments.spanHTML
            return blockHTML.withUTF8 { blockBytes in spanHTML.withUTF8 { spanBytes -> [UInt8]? in
                // Each placeholder with the part of the fragments' bytes that
                // replaces it; a block's line feed is kept unless its HTML
                // ends with one.
                var found: [(start: Int, end: Int, isBlock: Bool, html: Range<Int>)] = []
                found.reserveCapacity(located.count)
                var inserted = 0
                guard let base = bytes.baseAddress else { return Rendering.join(prefix, "", suffix, trimming: trimming) }
                for placeholder in located {
                    guard let html = placeholder.isBlock ? fragments.blocks[placeholder.ordinal] : fragments.spans[placeholder.ordinal] else { return nil }
                    var end = placeholder.end
                    if placeholder.isBlock, html.isEmpty || blockBytes[html.upperBound - 1] != UInt8(ascii: "\n") { end -= 1 }
                    found.append((placeholder.start, end, placeholder.isBlock, html))
                    inserted += html.count - (end - placeholder.start)
                }
                let prefixCount = prefix.utf8.count
                let capacity = prefixCount + bytes.count + inserted + suffix.utf8.count
                let half = bytes.count >= Self.parallelFill ? found.count / 2 : found.count
                let middle = half < found.count ? found[half].start : bytes.count
                let insertedBefore = found[..<half].reduce(0) { $0 + $1.html.count - ($1.end - $1.start) }
                /// Copies bytes[from..<to] into `target` at `at`, with the
                /// placeholders `pieces` (all within it) replaced.
                func copy(_ pieces: ArraySlice<(start: Int, end: Int, isBlock: Bool, html: Range<Int>)>, from: Int, to: Int,
                          into target: UnsafeMutablePointer<UInt8>, at: Int) {
                    var count = at, from = from
                    func put(_ source: UnsafePointer<UInt8>?, _ length: Int) {
                        guard let source, length > 0 else { return }
                        memcpy(target + count, source, length)
                        count += length
                    }
                    for placeholder in pieces {
                        put(base + from, placeholder.start - from)
                        let source = placeholder.isBlock ? blockBytes.baseAddress : spanBytes.baseAddress
                        put(source.map { $0 + placeholder.html.lowerBound }, placeholder.html.count)
                        from = placeholder.end
                    }
                    put(base + from, to - from)
                }
                return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                    guard let target = buffer.baseAddress else { return }
                    var prefix = prefix, suffix = suffix
                    prefix.withUTF8 { if let start = $0.baseAddress { memcpy(target, start, $0.count) } }
                    // The second half's copy runs while this thread copies the
                    // first; this function waits for it.
                    let second = UncheckedBox {
                        copy(found[half...], from: middle, to: bytes.count, into: target, at: prefixCount + middle + insertedBefore)
                    }
                    let side = half < found.count ? SideThread { second.value() } : nil
                    copy(found[..<half], from: 0, to: middle, into: target, at: prefixCount)
                    side?.wait()
                    var count = prefixCount + bytes.count + inserted
                    for _ in 0..<trimming where count > prefixCount && target[count - 1] == UInt8(ascii: "\n") { count -= 1 }
                    suffix.withUTF8 { if let start = $0.baseAddress { memcpy(target + count, start, $0.count) } }
                    initialized = count + suffix.utf8.count
                }
            } }
        }
    }

    // MARK: - C helpers

    private static func parseTree(_ body: String, memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer? {
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, memory) else { return nil }
        defer { cmark_parser_free(parser) }
        var body = body
        body.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        return cmark_parser_finish(parser)
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

    private static func replace(_ node: OpaquePointer, with html: String, type: cmark_node_type, memory: UnsafeMutablePointer<cmark_mem>) {
        html.withCString { replace(node, with: $0, type: type, memory: memory) }
    }

    /// The node replaced by a custom node whose `on_enter` is `html` (which
    /// cmark copies); an empty `html` removes it.
    private static func replace(_ node: OpaquePointer, with html: UnsafePointer<CChar>, type: cmark_node_type, memory: UnsafeMutablePointer<cmark_mem>) {
        if html.pointee == 0 {
            cmark_node_unlink(node)
            cmark_node_free(node)
            return
        }
        guard let custom = cmark_node_new_with_mem(type, memory) else { return }
        _ = cmark_node_set_on_enter(custom, html)
        _ = cmark_node_set_on_exit(custom, "")
        if cmark_node_replace(node, custom) == 1 {
            cmark_node_free(node)
        } else {
            cmark_node_free(custom)
        }
    }

    /// The HTML of `node`; its text lives in the tree's arena.
    private static func render(_ node: OpaquePointer, options: Int32) -> String {
        guard let pointer = cmark_render_html(node, options) else { return "" }
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

    /// A C string's text (`String(cString:)` took three times as long for
    /// the tens of thousands of short literals of a large document).
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
    }
}

// MARK: - Arena

/// A bump allocator for one parse, handed to cmark as its `cmark_mem`: the
/// tree's nodes and buffers are carved from 1 MB chunks and released all at
/// once when the call ends. Freeing a 4.4 MB document's tree node by node
/// cost as much as parsing it.
///
/// Two regions: cmark's `calloc`s (nodes and its other fixed-size records)
/// and its `realloc`s (the text buffers, grown line by line). With both in
/// one region the nodes were scattered among text, and every walk over the
/// tree (the outline, cmark's own text consolidation and rendering) missed
/// the cache at each node: for the 250,000 nodes of a 4.4 MB document a walk
/// took 27 ms in C, against 13 ms with malloc and 3 ms with the nodes
/// together; parsing itself took 60, 50 and 44 ms.
///
/// cmark's allocator functions are C function pointers without context, so
/// they find the arena of the calling thread through a thread-specific key:
/// parses on different threads use different arenas.
final class CmarkArena {
    /// The allocator's state, in memory of its own: cmark's callbacks reach it
    /// through the thread's raw pointer, so that none of a large document's
    /// 800,000 calls retains the arena or checks exclusive access to a class
    /// property (those took half of the parse's instructions).
    private let state: UnsafeMutablePointer<State>

    private init() {
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit {
        state.pointee.release()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The allocator cmark calls; valid only inside `with(_:)`.
    static let memory: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            calloc: { count, size in CmarkArena.current.pointee.allocate(count * size, zeroed: true) },
            realloc: { pointer, size in CmarkArena.current.pointee.reallocate(pointer, size) },
            free: { pointer in CmarkArena.current.pointee.recycle(pointer) }))
        return memory
    }()

    private static var current: UnsafeMutablePointer<State> {
        pthread_getspecific(key)!.assumingMemoryBound(to: State.self)
    }

    /// Runs `body` with a fresh arena for this thread, then frees it all.
    /// Its memory is returned on a background thread (`deinit`): giving back
    /// a large document's 70 MB took several milliseconds the page need not
    /// wait for.
    static func with<T>(_ body: (CmarkArena) -> T) -> T {
        let arena = CmarkArena()
        defer { BackgroundRelease.release(arena) }
        return arena.adopt { body(arena) }
    }

    /// Runs `body` with this arena as the calling thread's (another thread
    /// may work on the tree while its owner does something else; never both
    /// at once).
    func adopt<T>(_ body: () -> T) -> T {
        let previous = pthread_getspecific(Self.key)
        pthread_setspecific(Self.key, UnsafeMutableRawPointer(state))
        defer { pthread_setspecific(Self.key, previous) }
        return withExtendedLifetime(self) { body() }
    }

    private struct State {
        static let chunkSize = 1 << 20
        /// Each block is preceded by its size, so that `realloc` can copy it.
        static let header = 16

        /// Where the next block of a region is carved, and how many bytes
        /// its current chunk has left.
        struct Region {
            var cursor: UnsafeMutableRawPointer?
            var left = 0
        }
        var records = Region()
        var text = Region()
        /// Freed blocks of up to `reusedSize` bytes in all, by size in
        /// 16-byte steps, each holding the next in its first bytes: cmark
        /// frees the delimiters, brackets and paragraph buffers of each
        /// paragraph once its inlines are parsed, and reusing their memory
        /// spared a 4.4 MB document about 10 MB of fresh pages.
        static let reusedSize = 512
        var freed = [UnsafeMutableRawPointer?](repeating: nil, count: reusedSize / 16 + 1)
        var chunks: [UnsafeMutableRawPointer] = []
        /// Blocks too large for a chunk, allocated on their own.
        var large: Set<UnsafeMutableRawPointer> = []

        /// A block of `size` bytes: zeroed ones (cmark's `calloc`) from the
        /// records' region, others (its buffers) from the text's.
        /// The bytes a block of `size` takes with its header, in 16-byte steps.
        static func total(_ size: Int) -> Int { (size + header + 15) & ~15 }

        mutating func allocate(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer? {
            let total = Self.total(size)
            let block: UnsafeMutableRawPointer
            if total <= Self.reusedSize, let reused = freed[total >> 4] {
                freed[total >> 4] = reused.load(fromByteOffset: Self.header, as: UnsafeMutableRawPointer?.self)
                block = reused
            } else if total > Self.chunkSize / 4 {
                guard let fresh = malloc(total) else { return nil }
                block = fresh
                large.insert(block)
            } else if zeroed {
                guard let carved = Self.carve(total, from: &records, chunks: &chunks) else { return nil }
                block = carved
            } else {
                guard let carved = Self.carve(total, from: &text, chunks: &chunks) else { return nil }
                block = carved
            }
            block.storeBytes(of: size, as: Int.self)
            let pointer = block + Self.header
            if zeroed { memset(pointer, 0, size) }
            return pointer
        }

        static func carve(_ total: Int, from region: inout Region, chunks: inout [UnsafeMutableRawPointer]) -> UnsafeMutableRawPointer? {
            if total > region.left {
                guard let chunk = malloc(chunkSize) else { return nil }
                chunks.append(chunk)
                region.cursor = chunk
                region.left = chunkSize
            }
            let block = region.cursor!
            region.cursor = block + total
            region.left -= total
            return block
        }

        mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
            guard let pointer else { return allocate(size, zeroed: false) }
            let block = pointer - Self.header
            let old = block.load(as: Int.self)
            if size <= old { return pointer }
            // The text region's last block grows where it is, if its chunk
            // has room: cmark grows a paragraph's text line by line.
            let oldTotal = Self.total(old), total = Self.total(size)
            if let cursor = text.cursor, block + oldTotal == cursor, total - oldTotal <= text.left {
                text.cursor = cursor + (total - oldTotal)
                text.left -= total - oldTotal
                block.storeBytes(of: size, as: Int.self)
                return pointer
            }
            guard let fresh = allocate(size, zeroed: false) else { return nil }
            memcpy(fresh, pointer, old)
            recycle(pointer)
            return fresh
        }

        /// cmark's `free`: a block on its own goes back to the system, a
        /// small one to its size's list.
        mutating func recycle(_ pointer: UnsafeMutableRawPointer?) {
            guard let pointer else { return }
            let block = pointer - Self.header
            let total = Self.total(block.load(as: Int.self))
            if total > Self.chunkSize / 4 {
                if large.remove(block) != nil { free(block) }
                return
            }
            guard total <= Self.reusedSize else { return }
            block.storeBytes(of: freed[total >> 4], toByteOffset: Self.header, as: UnsafeMutableRawPointer?.self)
            freed[total >> 4] = block
        }

        mutating func release() {
            chunks.forEach { free($0) }
            large.forEach { free($0) }
            chunks = []
            large = []
        }
    }
}
