#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding a few bytes in a body before cmark reads it: `memchr` for the
/// first byte (vectorised), then `memcmp` for the rest.
package enum ByteSearch {
    /// Where the first `needle` at or after `from` (and before `end`) ends,
    /// if there is one.
    package static func end(of needle: StaticString, from: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        let count = needle.utf8CodeUnitCount
        var from = from
        while from < end, let hit = memchr(from, Int32(needle.utf8Start.pointee), end - from) {
            let start = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            if end - start >= count, memcmp(start, needle.utf8Start, count) == 0 { return start + count }
            from = start + 1
        }
        return nil
    }

    /// Whether `bytes` hold `needle`.
    package static func holds(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return end(of: needle, from: base, base + bytes.count) != nil
    }
}
