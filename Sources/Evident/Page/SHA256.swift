/// SHA-256 (FIPS 180-4), used to fingerprint a document's source in the page
/// footer and to key cached results.
///
/// Processes the message in 64-byte blocks; O(n) time, O(1) extra space
/// besides the padded final blocks.
public struct SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The 32-byte digest of `bytes`.
    public static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ digest(UnsafeRawBufferPointer($0)) }) { return digest }
        return Array(bytes).withUnsafeBytes { digest($0) }
    }

    /// The message's whole blocks are read in place; only the last one or
    /// two, which carry the padding and the length, are copied.
    private static func digest(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        let whole = message.count / 64 * 64
        let rest = message.count - whole
        // The padded tail: the leftover bytes, 0x80, zeros, the bit length.
        let tailCount = rest < 56 ? 64 : 128
        let bitLength = UInt64(message.count) &* 8
        // State, schedule and tail live in one temporary (stack) buffer:
        // hashing many short keys allocates nothing but the result.
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8 + 64 + tailCount / 4) { scratch in
            let h = UnsafeMutableBufferPointer(rebasing: scratch[0..<8])
            let w = UnsafeMutableBufferPointer(rebasing: scratch[8..<72])
            let tail = UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: scratch[72...]))
            for (i, word) in initial.enumerated() { h[i] = word }
            tail.initializeMemory(as: UInt8.self, repeating: 0)
            if rest > 0 { tail.copyMemory(from: UnsafeRawBufferPointer(rebasing: message[whole...])) }
            tail[rest] = 0x80
            for i in 0..<8 { tail[tailCount - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
            k.withUnsafeBufferPointer { k in
                if let base = message.baseAddress {
                    for start in stride(from: 0, to: whole, by: 64) { compress(base + start, into: h, w: w, k: k) }
                }
                for start in stride(from: 0, to: tailCount, by: 64) { compress(UnsafeRawPointer(tail.baseAddress! + start), into: h, w: w, k: k) }
            }
            var result = [UInt8](repeating: 0, count: 32)
            for (i, word) in h.enumerated() {
                for j in 0..<4 { result[4 * i + j] = UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * j)) }
            }
            return result
        }
    }

    private static let initial: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]

    /// One round of the compression function over the 64 bytes at `block`.
    @inline(__always)
    private static func compress(_ block: UnsafeRawPointer, into h: UnsafeMutableBufferPointer<UInt32>,
                                 w: UnsafeMutableBufferPointer<UInt32>, k: UnsafeBufferPointer<UInt32>) {
        for t in 0..<16 {
            let p = block + 4 * t
            w[t] = UInt32(p.load(as: UInt8.self)) << 24 | UInt32(p.load(fromByteOffset: 1, as: UInt8.self)) << 16
                | UInt32(p.load(fromByteOffset: 2, as: UInt8.self)) << 8 | UInt32(p.load(fromByteOffset: 3, as: UInt8.self))
        }
        for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
        for t in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = hh &+ s1 &+ choice &+ k[t] &+ w[t]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
        h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d
        h[4] = h[4] &+ e; h[5] = h[5] &+ f; h[6] = h[6] &+ g; h[7] = h[7] &+ hh
    }

    /// The digest of a string's UTF-8 bytes as 64 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        hex(bytes: Array(text.utf8))
    }

    public static func hex<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digest = digest(bytes)
        return String(unsafeUninitializedCapacity: 64) { buffer in
            for (i, byte) in digest.enumerated() {
                buffer[2 * i] = hexDigit(byte >> 4)
                buffer[2 * i + 1] = hexDigit(byte & 0x0f)
            }
            return 64
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
