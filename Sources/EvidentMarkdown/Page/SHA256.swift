import CCrypto

/// SHA-256 (FIPS 180-4), used to fingerprint a document's source in the page
/// footer and to key cached results.
///
/// Computed by OpenSSL's libcrypto, which uses the CPU's SHA instructions
/// where it has them (about 2 cycles a byte instead of ~70 for portable
/// code): the page's fingerprint hashes the whole document on every build.
/// O(n) time; the message is read in place.
public enum SHA256 {
    /// Fetched once: looking the algorithm up on every call would cost more
    /// than hashing a cache key.
    private static let algorithm: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil) ?? EVP_sha256()

    /// The 32-byte digest of `bytes`.
    public static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ digest(UnsafeRawBufferPointer($0)) }) { return digest }
        return Array(bytes).withUnsafeBytes { digest($0) }
    }

    private static func digest(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: 32)
        var size: UInt32 = 0
        // An empty buffer may have no address; libcrypto wants one.
        let ok = withUnsafeBytes(of: 0) { empty in
            result.withUnsafeMutableBufferPointer { out in
                EVP_Digest(message.baseAddress ?? empty.baseAddress!, message.count, out.baseAddress, &size, algorithm, nil)
            }
        }
        precondition(ok == 1 && size == 32, "libcrypto could not compute a SHA-256 digest")
        return result
    }

    /// HMAC-SHA-256 of `message` under `key`, as hex.
    public static func hmacHex<Bytes: Collection>(key: [UInt8], bytes message: Bytes) -> String where Bytes.Element == UInt8 {
        let message = Array(message)
        var result = [UInt8](repeating: 0, count: 32)
        var size = 0
        let done = withUnsafeBytes(of: 0) { empty in
            key.withUnsafeBytes { key in
                message.withUnsafeBytes { data in
                    result.withUnsafeMutableBufferPointer { out in
                        EVP_Q_mac(nil, "HMAC", nil, "SHA256", nil, key.baseAddress ?? empty.baseAddress!, key.count,
                                  data.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? empty.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                  data.count, out.baseAddress, 32, &size)
                    }
                }
            }
        }
        precondition(done != nil && size == 32, "libcrypto could not compute an HMAC-SHA-256")
        return hexString(result)
    }

    /// The digest of a string's UTF-8 bytes as 64 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(bytes: $0) }
    }

    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hexString(digest(bytes))
    }

    private static func hexString(_ digest: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: 64) { buffer in
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
}
