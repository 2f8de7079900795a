#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The evident blocks and spans of a body found by one quick pass over its
/// lines, so that evaluation can start while cmark parses (`Pipeline`):
/// cmark's outline is the reference, and what this finds is used only when
/// it is exactly the items of the document read from cmark's.
///
/// It reads the common shape of a report: paragraphs, ATX and setext
/// headings, thematic breaks, fenced code, indented code and list items
/// whose content is a paragraph or a fence. For anything else it cannot read
/// as cmark does it gives nil rather than a guess: block quotes, HTML, tabs
/// in indentation, carriage returns, link reference definitions, indented
/// code (or list content indented as deeply) holding a backtick, nested list
/// markers, a fence after a list marker, info strings with escapes or
/// entities, paragraphs with both a backtick and something that may be an
/// HTML tag or autolink, and backticks in a link's destination. Ordinals
/// count what it found, not cmark's nodes; they are not compared (see
/// `Pipeline`).
enum QuickOutline {
    /// The evident blocks and spans of `body`, in order, at the places
    /// `MarkdownReader` gives them (ordinals count what was found), or nil
    /// when the body holds something this reading does not know.
    static func items(_ body: String) -> [MarkdownDocument.Item]? {
        var body = body
        return body.withUTF8 { bytes -> [MarkdownDocument.Item]? in
            var scanner = Scanner(bytes: bytes)
            return scanner.run() ? scanner.items : nil
        }
    }

    /// An open fence; `options` are an evident block's (nil for any other).
    private struct Fence {
        var byte: UInt8
        var length: Int
        var indent: Int
        var line: Int
        var options: (echo: Bool, hide: Bool)?
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var items: [MarkdownDocument.Item] = []
        var blockCount = 0, spanCount = 0
        /// The open paragraph's lines: line number and byte range (from the
        /// first non-blank byte to the line's end).
        var paragraph: [(line: Int, start: Int, end: Int)] = []
        var paragraphHasTick = false
        var paragraphHasBrace = false
        var fence: Fence?
        /// Whether a list item has been seen since the last block at the
        /// margin: an ordered item then continues the list rather than the
        /// paragraph.
        var inList = false
        /// The open evident fence's code so far, and the indentation taken
        /// off its first line (nil before it).
        var literal: [UInt8] = []
        var firstLineIndent: Int?
        /// The open paragraph's text as cmark gives it to the inline parser
        /// (reused from paragraph to paragraph).
        var text: [UInt8] = []
        /// Where each of the paragraph's lines starts in `text`, with its
        /// line number and where it starts in the body.
        var starts: [(text: Int, line: Int, start: Int)] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        static let tick = UInt8(ascii: "`"), tilde = UInt8(ascii: "~"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

        mutating func run() -> Bool {
            guard let base = bytes.baseAddress else { return true }
            if memchr(base, 0x0D, bytes.count) != nil { return false }
            var offset = 0
            var number = 0
            while offset < bytes.count {
                number += 1
                let end = memchr(base + offset, 0x0A, bytes.count - offset)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                guard line(number, offset, end) else { return false }
                offset = end + 1
            }
            guard closeParagraph() else { return false }
            if let open = fence { closeFence(open) }
            return true
        }

        /// Reads one line; false when it is outside what this reader knows.
        mutating func line(_ number: Int, _ start: Int, _ end: Int) -> Bool {
            var first = start
            while first < end, bytes[first] == Self.space { first += 1 }
            let indent = first - start
            let tabbed = first < end && bytes[first] == Self.tab
            if let open = fence {
                if !tabbed, indent < 4, isClosingFence(first, end, open) {
                    closeFence(open)
                    fence = nil
                    return true
                }
                if tabbed && indent < open.indent { return false }
                if open.options != nil {
                    if firstLineIndent == nil { firstLineIndent = min(indent, open.indent) }
                    literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(start + min(indent, open.indent))..<end]))
                    literal.append(0x0A)
                }
                return true
            }
            if tabbed { return false }
            if first == end {
                guard closeParagraph() else { return false }
                return true
            }
            // A line at the margin that starts a block of its own ends any list.
            let marker = listContent(first, end)
            if indent < 2, marker == nil, paragraph.isEmpty { inList = false }
            if indent >= 4 {
                if !paragraph.isEmpty { return addParagraphLine(number, first, end) }
                // Indented code, or the content of a list item indented as
                // much: the same only while it has no code span or fence.
                return !contains(Self.tick, first, end) && !contains(Self.tilde, first, end)
            }
            let byte = bytes[first]
            if (byte == Self.tick || byte == Self.tilde), let opened = openingFence(number, indent, first, end) {
                guard let opened, closeParagraph() else { return false }
                if indent < 2 { inList = false }
                fence = opened
                return true
            }
            switch byte {
            case UInt8(ascii: ">"):
                return false
            case UInt8(ascii: "<"):
                if first + 1 < end, mayOpenTag(bytes[first + 1]) { return false }
            case UInt8(ascii: "#"):
                if let (from, to) = atxContent(first, end) {
                    guard closeParagraph() else { return false }
                    if indent < 2 { inList = false }
                    // Its content is read as a paragraph of one line.
                    return addParagraphLine(number, from, to) && closeParagraph()
                }
            case UInt8(ascii: "="):
                // Under a list item's paragraph, a line at the margin is a
                // lazy continuation, never an underline.
                if !paragraph.isEmpty, !(inList && indent < 2), only(UInt8(ascii: "="), first, end) { return closeParagraph() }
            case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "_"):
                if isThematicBreak(byte, first, end) || (byte == UInt8(ascii: "-") && !paragraph.isEmpty && only(byte, first, end)) {
                    return closeParagraph()
                }
            case UInt8(ascii: "["):
                if paragraph.isEmpty, mayDefineReference(first, end) { return false }
            default:
                break
            }
            if let content = marker {
                // Outside a list, a paragraph goes on through an empty item
                // or one numbered other than 1.
                if !paragraph.isEmpty, !inList, content == end || !opensWithBulletOrOne(first) {
                    return addParagraphLine(number, first, end)
                }
                inList = true
                guard closeParagraph() else { return false }
                if content == end { return true }
                // Content indented into code, or a block other than a
                // paragraph inside the item: not read here.
                let lead = bytes[content]
                if content - first > 6 || lead == UInt8(ascii: "#") || lead == UInt8(ascii: ">") || lead == UInt8(ascii: "<")
                    || lead == UInt8(ascii: "=") || lead == Self.tab || openingFence(number, 0, content, end) != nil
                    || listContent(content, end) != nil || isThematicBreak(lead, content, end)
                    || (lead == UInt8(ascii: "[") && mayDefineReference(content, end)) { return false }
                return addParagraphLine(number, content, end)
            }
            return addParagraphLine(number, first, end)
        }

        mutating func addParagraphLine(_ number: Int, _ start: Int, _ end: Int) -> Bool {
            paragraph.append((number, start, end))
            if !paragraphHasTick { paragraphHasTick = contains(Self.tick, start, end) }
            if !paragraphHasBrace { paragraphHasBrace = contains(UInt8(ascii: "{"), start, end) }
            return true
        }

        /// Finds the paragraph's code spans (CommonMark's rule: a run of n
        /// backticks opens a span that the next run of exactly n closes;
        /// without one the run is text; a backslash before punctuation makes
        /// it text). False when the paragraph may hold raw HTML or an
        /// autolink, which would take precedence.
        mutating func closeParagraph() -> Bool {
            defer { paragraph.removeAll(keepingCapacity: true); paragraphHasTick = false; paragraphHasBrace = false }
            // Without both a backtick and a `{`, no evident span can be read
            // here, however the paragraph's inlines are parsed.
            guard paragraphHasTick && paragraphHasBrace else { return true }
            // Lines without their indentation, joined by line feeds, the
            // last without trailing blanks; where each line starts in the
            // text, to give a span's line and column.
            text.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            for (index, part) in paragraph.enumerated() {
                var end = part.end
                if index == paragraph.count - 1 { while end > part.start, bytes[end - 1] == Self.space || bytes[end - 1] == Self.tab { end -= 1 } }
                starts.append((text.count, part.line, part.start))
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[part.start..<end]))
                if index < paragraph.count - 1 { text.append(0x0A) }
            }
            /// The line of the text's byte at `offset`, and its offset in the body.
            func place(_ offset: Int) -> (line: Int, at: Int) {
                let start = starts.last { $0.text <= offset }!
                return (start.line, start.start + offset - start.text)
            }
            var memory = BacktickMemory()
            var i = 0
            while i < text.count {
                let byte = text[i]
                if byte == UInt8(ascii: "<"), i + 1 < text.count, mayOpenTag(text[i + 1]) { return false }
                // A backtick in a link's destination or title is no span's.
                if byte == UInt8(ascii: "]"), i + 1 < text.count, text[i + 1] == UInt8(ascii: "(") {
                    var j = i + 2
                    while j < text.count, text[j] != UInt8(ascii: ")") {
                        if text[j] == Self.tick { return false }
                        j += 1
                    }
                }
                if byte == UInt8(ascii: "\\"), i + 1 < text.count, isPunctuation(text[i + 1]) {
                    i += 2
                    continue
                }
                guard byte == Self.tick else { i += 1; continue }
                let opener = tickRun(at: i)
                guard let closer = closingRun(opener, after: i + opener, memory: &memory) else { i += opener; continue }
                // Line feeds read as spaces; one space off each end when
                // both ends have one and not everything is one.
                var from = i + opener, to = closer
                let blank = { (byte: UInt8) in byte == Self.space || byte == 0x0A }
                if to - from >= 2, blank(text[from]), blank(text[to - 1]), text[from..<to].contains(where: { !blank($0) }) {
                    from += 1
                    to -= 1
                }
                // Only a span starting with `{` can be evident (see `Cmark.CodeSpan`).
                let literal = from < to && text[from] == UInt8(ascii: "{") ? String(unsafeUninitializedCapacity: to - from) { buffer in
                    for k in from..<to { buffer[k - from] = text[k] == 0x0A ? Self.space : text[k] }
                    return to - from
                } : ""
                spanCount += 1
                if case .span(let code, let offset) = InlineCode.read(literal) {
                    let (line, at) = place(from)
                    items.append(.span(EvidentSpan(ordinal: spanCount - 1, code: code, origin: origin(line: line, at: at, plus: offset))))
                }
                i = closer + opener
            }
            return true
        }

        /// cmark 0.30's record of its searches for closing backticks in one
        /// paragraph: where it last saw a run of each length (up to 80), and
        /// whether a search has reached the paragraph's end.
        struct BacktickMemory {
            var last = [Int](repeating: 0, count: 81)
            var reachedEnd = false
        }

        /// Where the run closing an opener of `length` backticks starts,
        /// searching from `start`, as cmark 0.30 finds it
        /// (`scan_to_closing_backticks`): once a search has reached the end,
        /// an opener is taken to have no closer when the last run of its
        /// length seen by any search lies before it. That record is
        /// overwritten by later, shorter searches, so cmark can miss a
        /// closer the specification would find; the page shows what cmark
        /// parsed, so this reads as cmark does.
        func closingRun(_ length: Int, after start: Int, memory: inout BacktickMemory) -> Int? {
            guard length <= 80 else { return nil }
            if memory.reachedEnd, memory.last[length] <= start { return nil }
            var j = start
            while true {
                while j < text.count, text[j] != Self.tick { j += 1 }
                guard j < text.count else { break }
                let run = tickRun(at: j)
                if run <= 80 { memory.last[run] = j }
                if run == length { return j }
                j += run
            }
            memory.reachedEnd = true
            return nil
        }

        /// The length of the run of backticks at `start` in `text`.
        func tickRun(at start: Int) -> Int {
            var end = start
            while end < text.count, text[end] == Self.tick { end += 1 }
            return end - start
        }

        /// The byte offset of the start of the line holding `offset`.
        func lineStartOffset(_ offset: Int) -> Int {
            var start = offset
            while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
            return start
        }

        /// The fence a line opens, nil when it opens none; `.some(nil)` when
        /// it opens one this reader does not read.
        func openingFence(_ number: Int, _ indent: Int, _ first: Int, _ end: Int) -> Fence?? {
            let byte = bytes[first]
            var i = first
            while i < end, bytes[i] == byte { i += 1 }
            let length = i - first
            guard length >= 3 else { return nil }
            if byte == Self.tick, contains(Self.tick, i, end) { return nil }
            var from = i, to = end
            while from < to, bytes[from] == Self.space || bytes[from] == Self.tab { from += 1 }
            while to > from, bytes[to - 1] == Self.space || bytes[to - 1] == Self.tab { to -= 1 }
            let info = bytes[from..<to]
            // Escapes and entities in an info string are cmark's to decode.
            if info.contains(UInt8(ascii: "\\")) || info.contains(UInt8(ascii: "&")) { return .some(nil) }
            // The options as `MarkdownReader` reads them; `echo` gives way to `hide`.
            let options = MarkdownReader.evidentOptions(String(decoding: info, as: UTF8.self)).map { known, _ in
                (echo: known.contains("echo") && !known.contains("hide"), hide: known.contains("hide"))
            }
            return Fence(byte: byte, length: length, indent: indent, line: number, options: options)
        }

        /// Whether a list marker is a bullet or the number 1.
        func opensWithBulletOrOne(_ first: Int) -> Bool {
            let byte = bytes[first]
            return byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*")
                || (byte == UInt8(ascii: "1") && (bytes[first + 1] == UInt8(ascii: ".") || bytes[first + 1] == UInt8(ascii: ")")))
        }

        /// Whether a line starting with `[` may be a link reference
        /// definition (it holds `]:`).
        func mayDefineReference(_ first: Int, _ end: Int) -> Bool {
            var i = first
            while i + 1 < end {
                if bytes[i] == UInt8(ascii: "]") && bytes[i + 1] == UInt8(ascii: ":") { return true }
                i += 1
            }
            return false
        }

        func isClosingFence(_ first: Int, _ end: Int, _ open: Fence) -> Bool {
            var i = first
            while i < end, bytes[i] == open.byte { i += 1 }
            guard i - first >= open.length else { return false }
            while i < end, bytes[i] == Self.space || bytes[i] == Self.tab { i += 1 }
            return i == end
        }

        /// An evident block, at the column where its first line of code
        /// starts (the fence's, when that line is empty).
        mutating func closeFence(_ open: Fence) {
            blockCount += 1
            guard let options = open.options else { return }
            defer { literal.removeAll(keepingCapacity: true); firstLineIndent = nil }
            let firstLineEmpty = literal.first.map { $0 == 0x0A } ?? true
            let column = firstLineEmpty ? open.indent + 1 : (firstLineIndent ?? 0) + 1
            items.append(.block(EvidentBlock(ordinal: blockCount - 1, code: String(decoding: literal, as: UTF8.self),
                                             origin: SourceLocation(line: open.line + 1, column: column), fenceLine: open.line,
                                             echo: options.echo, hide: options.hide)))
        }

        /// The line of the last expression placed: where it starts and ends
        /// in the body, its length in characters, and the characters counted
        /// from its start up to `counted` (spans come in order, so that many
        /// spans on one line are placed in one pass over it).
        var placing: (line: Int, start: Int, end: Int, characters: Int, counted: Int, before: Int) = (0, 0, 0, 0, 0, 0)

        /// Where an expression starts: `plus` characters after the body's
        /// byte `at` on `line`, or, past that line's end, at the first
        /// non-blank character of the next line (as `MarkdownReader` places it).
        mutating func origin(line: Int, at: Int, plus: Int) -> SourceLocation {
            func characters(_ from: Int, _ to: Int) -> Int { (from..<to).reduce(0) { $0 + (bytes[$1] & 0xC0 == 0x80 ? 0 : 1) } }
            if placing.line != line || at < placing.counted {
                let start = lineStartOffset(at)
                let end = memchr(bytes.baseAddress! + at, 0x0A, bytes.count - at)
                    .map { bytes.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                placing = (line, start, end, characters(start, end), start, 0)
            }
            placing.before += characters(placing.counted, at)
            placing.counted = at
            let column = placing.before + 1 + plus
            if column <= placing.characters || placing.end >= bytes.count { return SourceLocation(line: line, column: column) }
            var next = placing.end + 1
            while next < bytes.count, bytes[next] == Self.space || bytes[next] == Self.tab { next += 1 }
            let blankLine = next >= bytes.count || bytes[next] == 0x0A
            return SourceLocation(line: line + 1, column: blankLine ? 1 : next - placing.end)
        }

        /// An ATX heading's content range (without the closing sequence), or
        /// nil when the line is not one.
        func atxContent(_ first: Int, _ end: Int) -> (Int, Int)? {
            var i = first
            while i < end, bytes[i] == UInt8(ascii: "#") { i += 1 }
            guard i - first <= 6, i == end || bytes[i] == Self.space || bytes[i] == Self.tab else { return nil }
            var from = i
            while from < end, bytes[from] == Self.space || bytes[from] == Self.tab { from += 1 }
            var to = end
            while to > from, bytes[to - 1] == Self.space || bytes[to - 1] == Self.tab { to -= 1 }
            var hashes = to
            while hashes > from, bytes[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
            if hashes < to, hashes == from || bytes[hashes - 1] == Self.space || bytes[hashes - 1] == Self.tab {
                to = hashes
                while to > from, bytes[to - 1] == Self.space || bytes[to - 1] == Self.tab { to -= 1 }
            }
            return (from, to)
        }

        /// Where a list item's content starts when the line opens one (a
        /// bullet, or up to nine digits and `.` or `)`, then a blank or the
        /// line's end); the line's end for an empty item.
        func listContent(_ first: Int, _ end: Int) -> Int? {
            var i = first
            let byte = bytes[i]
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*") {
                i += 1
            } else {
                while i < end, i - first < 9, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
                guard i > first, i < end, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ")") else { return nil }
                i += 1
            }
            if i == end { return end }
            guard bytes[i] == Self.space || bytes[i] == Self.tab else { return nil }
            while i < end, bytes[i] == Self.space { i += 1 }
            return i
        }

        func isThematicBreak(_ byte: UInt8, _ first: Int, _ end: Int) -> Bool {
            guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") else { return false }
            var count = 0
            for i in first..<end {
                if bytes[i] == byte { count += 1 } else if bytes[i] != Self.space && bytes[i] != Self.tab { return false }
            }
            return count >= 3
        }

        /// Whether the line from `first` is `byte` repeated, then blanks.
        func only(_ byte: UInt8, _ first: Int, _ end: Int) -> Bool {
            var i = first
            while i < end, bytes[i] == byte { i += 1 }
            while i < end, bytes[i] == Self.space || bytes[i] == Self.tab { i += 1 }
            return i == end
        }

        func contains(_ byte: UInt8, _ start: Int, _ end: Int) -> Bool {
            guard start < end, let base = bytes.baseAddress else { return false }
            return memchr(base + start, Int32(byte), end - start) != nil
        }

        /// Whether `<` followed by `byte` may open raw HTML or an autolink.
        func mayOpenTag(_ byte: UInt8) -> Bool {
            ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
        }

        func isPunctuation(_ byte: UInt8) -> Bool {
            (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
        }
    }
}
