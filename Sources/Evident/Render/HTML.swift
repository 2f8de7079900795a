/// The one place where text becomes HTML.
///
/// Every piece of generated markup (renderers, SVG, page assembly) passes text
/// and attribute values through `HTML.escape`, so that nothing an author or a
/// computation writes can open a tag or leave an attribute.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`: safe in element content and in
    /// single- or double-quoted attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
