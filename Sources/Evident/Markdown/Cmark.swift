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
        /// A link's new target, or nil to keep it (images keep theirs).
        var link: (String) -> String? = { _ in nil }
    }

    /// Everything the reader needs from the parsed body.
    static func outline(_ body: String) -> Outline {
        parse(body) { ($0, nil) }.0
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
                           link: @escaping (String) -> String? = { _ in nil }) -> String {
        parse(body) { _ in ((), Injection(blocks: blocks, spans: spans, headingIDs: headingIDs, unsafe: unsafe, link: link)) }.1 ?? ""
    }

    /// Parses the body once and hands its outline to `use`, which returns a
    /// result and, when the body is to be rendered, what to inject (see
    /// `renderHTML`). The C tree is freed before this returns.
    ///
    /// One parse and one walk serve both the reader and the renderer: the
    /// walk is O(nodes) and each replacement O(1).
    static func parse<Result>(_ body: String, _ use: (Outline) -> (Result, Injection?)) -> (Result, String?) {
        CmarkArena.with { memory in parse(body, memory: memory, use) }
    }

    /// `parse` with every C allocation in `memory`, an arena that frees the
    /// tree (and the rendered text) when `CmarkArena.with` ends.
    private static func parse<Result>(_ body: String, memory: UnsafeMutablePointer<cmark_mem>,
                                      _ use: (Outline) -> (Result, Injection?)) -> (Result, String?) {
        guard let root = parseTree(body, memory: memory) else { return (use(Outline()).0, nil) }
        var outline = Outline()
        var codeBlocks: [OpaquePointer] = []
        var codeSpans: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var links: [OpaquePointer] = []
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
            } else if type == CMARK_NODE_LINK {
                links.append(node)
            }
        }
        let (result, injection) = use(outline)
        guard let injection else { return (result, nil) }

        let options = injection.unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        for node in links {
            if let url = injection.link(string(cmark_node_get_url(node))) {
                _ = url.withCString { cmark_node_set_url(node, $0) }
            }
        }
        for (ordinal, html) in injection.spans where ordinal >= 0 && ordinal < codeSpans.count {
            replace(codeSpans[ordinal], with: html, type: CMARK_NODE_CUSTOM_INLINE, memory: memory)
        }
        for (ordinal, html) in injection.blocks where ordinal >= 0 && ordinal < codeBlocks.count {
            replace(codeBlocks[ordinal], with: html, type: CMARK_NODE_CUSTOM_BLOCK, memory: memory)
        }
        for (node, id) in zip(headings, injection.headingIDs) {
            var html = render(node, options: options)
            while html.last == "\n" { html.removeLast() }
            if let close = html.firstIndex(of: ">") {
                html.insert(contentsOf: " id=\"\(HTML.escape(id))\"", at: close)
            }
            replace(node, with: html, type: CMARK_NODE_CUSTOM_BLOCK, memory: memory)
        }
        return (result, render(root, options: options))
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
        if html.isEmpty {
            cmark_node_unlink(node)
            cmark_node_free(node)
            return
        }
        guard let custom = cmark_node_new_with_mem(type, memory) else { return }
        _ = html.withCString { cmark_node_set_on_enter(custom, $0) }
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

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
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
    private static let chunkSize = 1 << 20
    /// Each block is preceded by its size, so that `realloc` can copy it.
    private static let header = 16
    /// Where the next block of a region is carved, and how many bytes its
    /// current chunk has left.
    private struct Region {
        var cursor: UnsafeMutableRawPointer?
        var left = 0
    }
    private var records = Region()
    private var text = Region()
    private var chunks: [UnsafeMutableRawPointer] = []
    /// Blocks too large for a chunk, allocated on their own.
    private var large: Set<UnsafeMutableRawPointer> = []

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The allocator cmark calls; valid only inside `with(_:)`.
    static let memory: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            calloc: { count, size in CmarkArena.current.allocate(count * size, zeroed: true) },
            realloc: { pointer, size in CmarkArena.current.reallocate(pointer, size) },
            free: { _ in }))
        return memory
    }()

    private static var current: CmarkArena {
        Unmanaged<CmarkArena>.fromOpaque(pthread_getspecific(key)!).takeUnretainedValue()
    }

    /// Runs `body` with a fresh arena for this thread, then frees it all.
    static func with<T>(_ body: (UnsafeMutablePointer<cmark_mem>) -> T) -> T {
        let arena = CmarkArena()
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(arena).toOpaque())
        defer {
            pthread_setspecific(key, previous)
            arena.release()
        }
        return withExtendedLifetime(arena) { body(memory) }
    }

    /// A block of `size` bytes: zeroed ones (cmark's `calloc`) from the
    /// records' region, others (its buffers) from the text's.
    private func allocate(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer? {
        let total = (size + Self.header + 15) & ~15
        let block: UnsafeMutableRawPointer
        if total > Self.chunkSize / 4 {
            guard let fresh = malloc(total) else { return nil }
            block = fresh
            large.insert(block)
        } else if zeroed {
            guard let carved = carve(total, from: &records) else { return nil }
            block = carved
        } else {
            guard let carved = carve(total, from: &text) else { return nil }
            block = carved
        }
        block.storeBytes(of: size, as: Int.self)
        let pointer = block + Self.header
        if zeroed { memset(pointer, 0, size) }
        return pointer
    }

    private func carve(_ total: Int, from region: inout Region) -> UnsafeMutableRawPointer? {
        if total > region.left {
            guard let chunk = malloc(Self.chunkSize) else { return nil }
            chunks.append(chunk)
            region.cursor = chunk
            region.left = Self.chunkSize
        }
        let block = region.cursor!
        region.cursor = block + total
        region.left -= total
        return block
    }

    private func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size, zeroed: false) }
        let block = pointer - Self.header
        let old = block.load(as: Int.self)
        if size <= old { return pointer }
        // The text region's last block grows where it is, if its chunk has
        // room: cmark grows a paragraph's text line by line.
        let oldTotal = (old + Self.header + 15) & ~15, total = (size + Self.header + 15) & ~15
        if let cursor = text.cursor, block + oldTotal == cursor, total - oldTotal <= text.left {
            text.cursor = cursor + (total - oldTotal)
            text.left -= total - oldTotal
            block.storeBytes(of: size, as: Int.self)
            return pointer
        }
        guard let fresh = allocate(size, zeroed: false) else { return nil }
        memcpy(fresh, pointer, old)
        if large.remove(block) != nil { free(block) }
        return fresh
    }

    private func release() {
        chunks.forEach { free($0) }
        large.forEach { free($0) }
        chunks = []
        large = []
        records = Region()
        text = Region()
    }
}
