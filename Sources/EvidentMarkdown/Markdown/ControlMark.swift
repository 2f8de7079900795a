#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Control characters that mark places in a body: the reader's stand-ins
/// for math and references (`BodyExtraction`), cmark's for code spans, and
/// the page's placeholders (`Placeholders`) each take one the body does not
/// hold, so that no author's text can be taken for a mark.
package enum ControlMark {
    /// The first control character (not tab, LF or CR) that `bytes` does
    /// not hold — the last one with `fromEnd`. Each candidate is one
    /// vectorised `memchr` scan, and the first candidate is almost always
    /// absent.
    package static func absent(in bytes: UnsafeBufferPointer<UInt8>, fromEnd: Bool = false) -> UInt8? {
        let candidates = (UInt8(1)..<32).filter { $0 != 9 && $0 != 10 && $0 != 13 }
        guard let base = bytes.baseAddress else { return fromEnd ? candidates.last : candidates.first }
        let absent = { (byte: UInt8) in memchr(base, Int32(byte), bytes.count) == nil }
        return fromEnd ? candidates.last(where: absent) : candidates.first(where: absent)
    }
}
