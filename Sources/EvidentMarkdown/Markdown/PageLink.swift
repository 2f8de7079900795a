/// Links between documents, as they must read between pages.
///
/// A document links to another as `other.md` or `other.md#anchor`; its page
/// must link to `other.html…`, the page `evident build` writes for it. Only
/// relative references change: a link with a scheme (`https:`, `mailto:`),
/// a network-path (`//host/…`) or an absolute path (`/…`) points somewhere
/// the build does not write, and stays as written.
package enum PageLink {
    /// The page link for a document link, or nil when `url` is left as it is.
    package static func rewrite(_ url: String) -> String? {
        guard !url.isEmpty, !url.hasPrefix("/"), !hasScheme(url) else { return nil }
        let end = url.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? url.endIndex
        let path = url[..<end]
        guard path.hasSuffix(".md"), path.count > 3, !path.hasSuffix("/.md") else { return nil }
        return path.dropLast(3) + ".html" + url[end...]
    }

    /// Whether the reference starts with a scheme (RFC 3986: a letter, then
    /// letters, digits, `+`, `-` or `.`, then `:`, before any `/`, `?` or `#`).
    ///
    /// Read as UTF-8 bytes: every page link goes through here, and most
    /// have a scheme. Only a `:` followed by a non-ASCII scalar (which could
    /// combine with it into one character) is left to the character test.
    package static func hasScheme(_ url: String) -> Bool {
        var utf8 = url.utf8.makeIterator()
        var count = 0
        while let byte = utf8.next() {
            if byte == UInt8(ascii: ":") {
                guard count > 0 else { return false }
                if let next = utf8.next(), next >= 0x80 { return hasSchemeByCharacters(url) }
                return true
            }
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let other = (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard letter || (count > 0 && other) else { return false }
            count += 1
        }
        return false
    }

    private static func hasSchemeByCharacters(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
