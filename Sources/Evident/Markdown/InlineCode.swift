/// The text of an inline code span that Evident evaluates:
/// `{= EXPR}`, `{= EXPR | FMT}` or `{claim EXPR}`.
public enum InlineCode: Equatable, Sendable {
    case value(expression: String, format: String?)
    case claim(expression: String)

    /// What reading a code span's text gives.
    public enum Reading: Equatable, Sendable {
        /// Ordinary code, left as it is.
        case notEvident
        /// An evident span; `offset` counts the Unicode scalars from the
        /// span's `{` to the first character of the expression.
        case span(InlineCode, offset: Int)
        /// Looks like an evident span but cannot be one.
        case malformed(String)
    }

    public var expression: String {
        switch self {
        case .value(let expression, _), .claim(let expression): return expression
        }
    }

    /// Reads the literal text of a code span.
    public static func read(_ literal: String) -> Reading {
        // Most code spans are ordinary code, and both openers start with `{`.
        guard literal.utf8.first == UInt8(ascii: "{") else { return .notEvident }
        let scalars = Array(literal.unicodeScalars)
        let isClaim: Bool
        let prefixLength: Int
        if literal.hasPrefix("{=") {
            isClaim = false
            prefixLength = 2
        } else if literal.hasPrefix("{claim"), scalars.count > 6, scalars[6] == " " || scalars[6] == "\t" || scalars[6] == "}" {
            isClaim = true
            prefixLength = 6
        } else {
            return .notEvident
        }
        guard scalars.last == "}" else {
            return .malformed("inline span `\(literal)` is missing its closing `}`")
        }
        var start = prefixLength
        while start < scalars.count - 1, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        let inner = String(String.UnicodeScalarView(scalars[start..<(scalars.count - 1)]))
        if isClaim {
            let expression = trimmed(inner)
            if expression.isEmpty { return .malformed("`{claim}` needs an expression") }
            return .span(.claim(expression: expression), offset: start)
        }
        var expression = inner
        var format: String?
        if let bar = lastTopLevelBar(in: inner) {
            expression = String(inner[..<bar])
            format = trimmed(String(inner[inner.index(after: bar)...]))
            if format?.isEmpty == true { return .malformed("missing format after `|` in `\(literal)`") }
        }
        expression = trimmed(expression)
        if expression.isEmpty { return .malformed("`{=}` needs an expression") }
        return .span(.value(expression: expression, format: format), offset: start)
    }

    /// The last `|` outside string literals and brackets, which separates the
    /// expression from its format.
    static func lastTopLevelBar(in text: String) -> String.Index? {
        var depth = 0
        var quote: Character?
        var escaped = false
        var found: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if let open = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == open { quote = nil }
            } else {
                switch c {
                case "\"", "'": quote = c
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(0, depth - 1)
                case "|" where depth == 0: found = index
                default: break
                }
            }
            index = text.index(after: index)
        }
        return found
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
