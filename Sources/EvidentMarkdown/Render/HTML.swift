/// The one place where text becomes HTML.
///
/// Every piece of generated markup (renderers, SVG, page assembly) passes text
/// and attribute values through `HTML.escape`, so that nothing an author or a
/// computation writes can open a tag or leave an attribute.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`: safe in element content and in
    /// single- or double-quoted attribute values. A NUL (which a string value
    /// can hold) becomes U+FFFD, as HTML parsers read it: the HTML passes
    /// through C strings, which would end at it.
    ///
    /// Works on the UTF-8 bytes (the five are ASCII, and no byte of a
    /// multi-byte character is ASCII); text with nothing to escape, the
    /// usual case, is returned as it is.
    public static func escape(_ text: String) -> String {
        var text = text
        let extra = text.withUTF8 { bytes in
            var extra = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): extra += 4
                case UInt8(ascii: "<"), UInt8(ascii: ">"): extra += 3
                case UInt8(ascii: "\""), UInt8(ascii: "'"): extra += 5
                case 0: extra += 2
                default: break
                }
            }
            return extra
        }
        guard extra > 0 else { return text }
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count + extra) { out in
                var i = 0
                func put(_ entity: StaticString) {
                    entity.withUTF8Buffer { for byte in $0 { out[i] = byte; i += 1 } }
                }
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "&"): put("&amp;")
                    case UInt8(ascii: "<"): put("&lt;")
                    case UInt8(ascii: ">"): put("&gt;")
                    case UInt8(ascii: "\""): put("&quot;")
                    case UInt8(ascii: "'"): put("&#39;")
                    case 0: put("\u{FFFD}")
                    default: out[i] = byte; i += 1
                    }
                }
                return i
            }
        }
    }
}
