#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Placeholders for the evident blocks and spans of a body rendered before
/// they are evaluated (see `Pipeline.process`), and the filling in of their
/// HTML afterwards.
///
/// A placeholder is a control character the body does not contain, `b` or
/// `s`, the ordinal, and the character again; cmark writes no control
/// character of its own. Filling in checks that the placeholders read as
/// written, each once, in order; an author can still make the character
/// appear (a numeric character reference), and then `fill` gives nil and the
/// body is rendered with the HTML itself instead.
package struct Placeholders {
    package let mark: UInt8

    /// Nil when the body contains every control character that could
    /// serve. Each candidate is looked for with `memchr`: the first is
    /// almost always absent, and one vectorised scan is all it takes.
    package init?(absentFrom body: String) {
        var body = body
        guard let mark = body.withUTF8({ ControlMark.absent(in: $0) }) else { return nil }
        self.mark = mark
    }

    package func block(_ ordinal: Int) -> String { placeholder("b", ordinal) }
    package func span(_ ordinal: Int) -> String { placeholder("s", ordinal) }

    private func placeholder(_ kind: Character, _ ordinal: Int) -> String {
        let mark = String(UnicodeScalar(self.mark))
        return mark + String(kind) + String(ordinal) + mark
    }

    /// `html` with each placeholder replaced by its block's or span's HTML;
    /// nil unless the placeholders are exactly those of `blocks` and `spans`
    /// whose HTML is not empty (`placed`), each found once.
    ///
    /// cmark writes a block's placeholder on a line of its own; a block's
    /// HTML that ends with a line feed takes the place of the one after it,
    /// as a custom node holding that HTML would.
    ///
    /// The result has `room` bytes of capacity to spare, for the page's
    /// frame to go around it in place (`Page.assemble`).
    package func fill(_ html: [UInt8], blocks: [Int: String], spans: [Int: String], placed: Int, room: Int = 0) -> [UInt8]? {
        html.withUnsafeBufferPointer { html in fill(html, blocks: blocks, spans: spans, placed: placed, room: room) }
    }

    private func fill(_ html: UnsafeBufferPointer<UInt8>, blocks: [Int: String], spans: [Int: String], placed: Int, room: Int) -> [UInt8]? {
        guard let base = html.baseAddress else { return placed == 0 ? [] : nil }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + blocks.values.reduce(0) { $0 + $1.utf8.count } + spans.values.reduce(0) { $0 + $1.utf8.count } + room)
        /// The offset of the next mark at or after `offset`, found by `memchr`.
        func nextMark(from offset: Int) -> Int? {
            guard offset < html.count, let found = memchr(base + offset, Int32(mark), html.count - offset) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        var found = 0
        // Ordinals are counts of the body's code: flags by ordinal, not sets.
        var seenBlocks = [Bool](repeating: false, count: (blocks.keys.max() ?? -1) + 1)
        var seenSpans = [Bool](repeating: false, count: (spans.keys.max() ?? -1) + 1)
        var i = 0
        while let start = nextMark(from: i) {
            out.append(contentsOf: html[i..<start])
            guard let end = nextMark(from: start + 1), end - start >= 3, end - start < 12 else { return nil }
            var ordinal = 0
            for digit in html[(start + 2)..<end] {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
                ordinal = ordinal * 10 + Int(digit - UInt8(ascii: "0"))
            }
            i = end + 1
            var fragment: String
            switch html[start + 1] {
            case UInt8(ascii: "b"):
                guard let html = blocks[ordinal], !html.isEmpty, !seenBlocks[ordinal] else { return nil }
                seenBlocks[ordinal] = true
                fragment = html
            case UInt8(ascii: "s"):
                guard let html = spans[ordinal], !seenSpans[ordinal] else { return nil }
                seenSpans[ordinal] = true
                fragment = html
            default:
                return nil
            }
            fragment.withUTF8 { out.append(contentsOf: $0) }
            if html[start + 1] == UInt8(ascii: "b"), fragment.utf8.last == UInt8(ascii: "\n"), i < html.count, html[i] == UInt8(ascii: "\n") { i += 1 }
            found += 1
        }
        guard found == placed else { return nil }
        out.append(contentsOf: html[i...])
        return out
    }
}
