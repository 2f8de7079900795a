import EvidentLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a text, 1-based, as Unicode scalars without their line
/// ending (`\n` or `\r\n`), decoded when first asked for.
///
/// Finding the line starts is one pass over the UTF-8 bytes; a line is
/// decoded at most once, so looking up positions for every block and span of
/// a document costs O(document) in all, however many there are.
package final class SourceLines {
    private let bytes: [UInt8]
    /// The byte offset where each line starts.
    private let starts: [Int]
    private var decoded: [Int: [Unicode.Scalar]] = [:]
    private var ascii: [Int: Bool] = [:]
    private var scalarCounts: [Int: Int] = [:]
    /// Scalars decoded plus positions examined by callers (`count(_:)`): the
    /// reader's work, which tests check grows linearly with the document.
    package private(set) var work = 0

    package init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        // Line feeds found by `memchr` (vectorized), not byte by byte.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        self.starts = starts
    }

    /// The number of lines (line endings + 1).
    package var count: Int { starts.count }

    /// Line `number` (1-based); empty outside the text.
    package subscript(number: Int) -> [Unicode.Scalar] {
        guard number >= 1, number <= starts.count else { return [] }
        if let line = decoded[number] { return line }
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > starts[number - 1], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = Array(String(decoding: bytes[starts[number - 1]..<end], as: UTF8.self).unicodeScalars)
        work += line.count
        decoded[number] = line
        return line
    }

    /// Line `number`'s UTF-8 bytes without the line ending (empty outside
    /// the text), read in place: nothing is decoded or counted.
    package func utf8(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= starts.count else { return [] }
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > starts[number - 1], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[starts[number - 1]..<end]
    }

    /// `body` with line `number`'s bytes when they are all ASCII (a byte per
    /// character, so that byte offsets are columns); nil otherwise. Read in
    /// place; `count` what is examined.
    package func withASCIILine<Result>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard number >= 1, number <= starts.count else { return nil }
        return utf8(number).withUnsafeBufferPointer { line in isASCII(number, line) ? body(line) : nil }
    }

    /// Whether line `number` (its bytes `line`) is ASCII, found once per line.
    private func isASCII(_ number: Int, _ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if let known = ascii[number] { return known }
        work += line.count
        // Eight bytes at a time, then the rest.
        var i = 0, answer = true
        if let base = line.baseAddress {
            let raw = UnsafeRawPointer(base)
            while answer, i + 8 <= line.count {
                answer = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                i += 8
            }
        }
        while answer, i < line.count {
            answer = line[i] < 0x80
            i += 1
        }
        ascii[number] = answer
        return answer
    }

    /// The number of characters (Unicode scalars) on line `number`, counted
    /// once per line from its UTF-8, without decoding it.
    package func scalarCount(_ number: Int) -> Int {
        if let known = scalarCounts[number] { return known }
        let line = utf8(number)
        work += line.count
        let count = line.scalarCount
        scalarCounts[number] = count
        return count
    }

    /// Adds `positions` examined to `work`.
    package func count(_ positions: Int) { work += positions }
}
