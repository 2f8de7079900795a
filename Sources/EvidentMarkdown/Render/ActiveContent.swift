/// A check that a page carries no active content, used by the tests and the
/// fuzz targets to verify what the renderers promise.
public enum ActiveContent {
    /// The first piece of active content in `html`: a `<script>`, `<iframe>`,
    /// `<object>`, `<embed>`, `<frame>` or `<base>` element, an `on…` event
    /// attribute, or a `javascript:`, `vbscript:` or `data:text/html` URL (also
    /// entity-encoded) in an attribute that holds a URL (`href`, `src`, …; a
    /// `title` or `aria-label` that reads "javascript:…" is text, not a link).
    /// A small tag scanner that respects quoted attribute values, so escaped
    /// text and attribute contents never confuse it.
    public static func find(in html: String) -> String? {
        let s = Array(html.utf8)
        var i = 0
        func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b + 32 : b }
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 || b == 47 }
        func isNameByte(_ b: UInt8) -> Bool { !isSpace(b) && b != 61 && b != 62 && b != 34 && b != 39 }
        while i < s.count {
            guard s[i] == 60, i + 1 < s.count else { i += 1; continue }
            var j = i + 1
            if s[j] == 33 || s[j] == 63 { i += 1; continue }
            if s[j] == 47 { j += 1 }
            let nameStart = j
            while j < s.count, isNameByte(s[j]) { j += 1 }
            let name = String(decoding: s[nameStart..<j].map(lower), as: UTF8.self)
            if ["script", "iframe", "object", "embed", "frame", "base"].contains(name) { return "<\(name)" }
            while j < s.count, s[j] != 62 {
                while j < s.count, isSpace(s[j]) { j += 1 }
                let attributeStart = j
                while j < s.count, isNameByte(s[j]) { j += 1 }
                let attribute = String(decoding: s[attributeStart..<j].map(lower), as: UTF8.self)
                if attribute.hasPrefix("on") { return "attribute \(attribute)" }
                while j < s.count, s[j] == 32 { j += 1 }
                if j < s.count, s[j] == 61 {
                    j += 1
                    while j < s.count, s[j] == 32 { j += 1 }
                    var value: [UInt8] = []
                    if j < s.count, s[j] == 34 || s[j] == 39 {
                        let quote = s[j]
                        j += 1
                        while j < s.count, s[j] != quote { value.append(s[j]); j += 1 }
                        j += 1
                    } else {
                        while j < s.count, !isSpace(s[j]), s[j] != 62 { value.append(s[j]); j += 1 }
                    }
                    guard urlAttributes.contains(attribute) else { continue }
                    let url = String(decoding: value.map(lower).filter { $0 > 32 }, as: UTF8.self)
                    for scheme in ["javascript:", "vbscript:", "data:text/html"] where url.hasPrefix(scheme) { return "URL \(url)" }
                    if url.hasPrefix("&#"), url.contains("script") || url.hasPrefix("&#106") || url.hasPrefix("&#x6a") {
                        return "encoded URL \(url)"
                    }
                } else if j == attributeStart, j < s.count, s[j] != 62 {
                    j += 1
                }
            }
            i = j
        }
        return nil
    }

    /// The attributes whose value a browser follows or loads as a URL.
    package static let urlAttributes: Set<String> = [
        "href", "xlink:href", "src", "srcset", "lowsrc", "dynsrc", "action", "formaction", "data", "poster",
        "background", "cite", "longdesc", "ping", "codebase", "classid", "manifest", "icon", "usemap", "archive",
        "profile", "itemtype",
    ]
}
