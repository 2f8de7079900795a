/// The text of an inline code span that Evident evaluates:
/// `{= EXPR}`, `{= EXPR | FMT}`, `{claim EXPR}`, or a pinned number
/// `{= EXPR ≈ 4.76}` (`~=` in ASCII; `± TOL` or `± 1%` optional).
public enum InlineCode: Equatable, Sendable {
    case value(expression: String, format: String?)
    case claim(expression: String)
    /// A number typed in the prose, checked against EXPR: `typed` as
    /// written (`4.76`, `4.4%`), `tolerance` as written after `±` (nil:
    /// half a unit of the typed number's last digit).
    /// `typedOffset` counts the scalars from the expression's first to the
    /// typed number's first.
    case pin(expression: String, typed: String, tolerance: String?, typedOffset: Int)

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
        case .value(let expression, _), .claim(let expression), .pin(let expression, _, _, _): return expression
        }
    }

    /// Reads the literal text of a code span.
    public static func read(_ literal: String) -> Reading {
        // Most code spans are ordinary code, and both openers start with `{`.
        guard literal.utf8.first == UInt8(ascii: "{") else { return .notEvident }
        if literal.hasPrefix("{="), mentionsPin(literal) { return readPin(literal) }
        var bytes = literal
        if let reading = bytes.withUTF8({ readASCII($0, literal: literal) }) { return reading }
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
        let inner = String(scalars: scalars[start..<(scalars.count - 1)])
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

    /// Whether the span holds a pin's `≈` or `~=` as characters (`≈` with a
    /// combining mark is another character). Its bytes are looked at first,
    /// in a loop of its own: most spans have neither sign, and both
    /// Foundation's `contains` and the standard library's generic
    /// `firstRange(of:)` cost microseconds a span.
    private static func mentionsPin(_ literal: String) -> Bool {
        var text = literal
        let mayHold = text.withUTF8 { bytes in
            bytes.indices.contains { i in
                switch bytes[i] {
                case 0xE2: i + 2 < bytes.count && bytes[i + 1] == 0x89 && bytes[i + 2] == 0x88  // ≈ in UTF-8
                case UInt8(ascii: "~"): i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "=")
                default: false
                }
            }
        }
        return mayHold && ["≈", "~="].contains { literal.firstRange(of: $0) != nil }
    }

    /// `read` for text of ASCII characters other than CR, where each byte
    /// is one character (so offsets, comparisons and the bar search read the
    /// same on bytes); nil for any other text.
    private static func readASCII(_ bytes: UnsafeBufferPointer<UInt8>, literal: String) -> Reading? {
        guard !bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\r") }) else { return nil }
        func text(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> String { String(decoding: slice, as: UTF8.self) }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        func trimmed(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
            var slice = slice
            while let first = slice.first, isBlank(first) { slice.removeFirst() }
            while let last = slice.last, isBlank(last) { slice.removeLast() }
            return slice
        }
        let count = bytes.count
        let isClaim: Bool
        let prefixLength: Int
        if count >= 2, bytes[1] == UInt8(ascii: "=") {
            isClaim = false
            prefixLength = 2
        } else if count > 6, bytes[1...5].elementsEqual("claim".utf8), isBlank(bytes[6]) || bytes[6] == UInt8(ascii: "}") {
            isClaim = true
            prefixLength = 6
        } else {
            return .notEvident
        }
        guard bytes[count - 1] == UInt8(ascii: "}") else {
            return .malformed("inline span `\(literal)` is missing its closing `}`")
        }
        var start = prefixLength
        while start < count - 1, isBlank(bytes[start]) { start += 1 }
        let inner = bytes[start..<max(start, count - 1)]
        if isClaim {
            let expression = trimmed(inner)
            if expression.isEmpty { return .malformed("`{claim}` needs an expression") }
            return .span(.claim(expression: text(expression)), offset: start)
        }
        var expression = inner
        var format: String?
        if let bar = lastTopLevelBar(in: inner) {
            expression = inner[..<bar]
            let formatBytes = trimmed(inner[(bar + 1)...])
            if formatBytes.isEmpty { return .malformed("missing format after `|` in `\(literal)`") }
            format = text(formatBytes)
        }
        expression = trimmed(expression)
        if expression.isEmpty { return .malformed("`{=}` needs an expression") }
        return .span(.value(expression: text(expression), format: format), offset: start)
    }

    /// `lastTopLevelBar(in:)` on ASCII bytes.
    private static func lastTopLevelBar(in bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var depth = 0
        var quote: UInt8?
        var escaped = false
        var found: Int?
        for index in bytes.indices {
            let c = bytes[index]
            if let open = quote {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == open { quote = nil }
            } else {
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = c
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
                case UInt8(ascii: "|") where depth == 0: found = index
                default: break
                }
            }
        }
        return found
    }

    /// The last `|` outside string literals and brackets, which separates the
    /// expression from its format.
    package static func lastTopLevelBar(in text: String) -> String.Index? {
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

    /// `{= EXPR ≈ TYPED}` or `{= EXPR ≈ TYPED ± TOL}`.
    private static func readPin(_ literal: String) -> Reading {
        guard literal.hasSuffix("}") else { return .malformed("inline span `\(literal)` is missing its closing `}`") }
        let scalars = Array(literal.unicodeScalars)
        var start = 2
        while start < scalars.count - 1, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        let inner = String(scalars: scalars[start..<(scalars.count - 1)])
        guard let sign = inner.range(of: "≈") ?? inner.range(of: "~=") else { return .notEvident }
        let expression = trimmed(String(inner[..<sign.lowerBound]))
        var rest = trimmed(String(inner[sign.upperBound...]))
        let afterSign = inner[sign.upperBound...]
        let typedStart = afterSign.unicodeScalars.prefix(while: { $0 == " " || $0 == "\t" }).count
            + inner[..<sign.upperBound].unicodeScalars.count
        var tolerance: String?
        if let plusMinus = rest.range(of: "±") ?? rest.range(of: "+-") {
            tolerance = trimmed(String(rest[plusMinus.upperBound...]))
            rest = trimmed(String(rest[..<plusMinus.lowerBound]))
        }
        if expression.isEmpty { return .malformed("a pinned number needs an expression before `≈`") }
        guard PinnedNumber(rest) != nil else {
            return .malformed("a pinned number reads like `4.76`, `-0.5`, `4.4%` or `1.2e-3`, not `\(rest)`")
        }
        if let tolerance, PinnedNumber(tolerance) == nil {
            return .malformed("a pin's tolerance reads like `0.01` or `1%`, not `\(tolerance)`")
        }
        return .span(.pin(expression: expression, typed: rest, tolerance: tolerance, typedOffset: typedStart), offset: start)
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
