/// One token of TeX, with its place in the source in Unicode scalars.
struct TeXToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// `\name` (a control word, letters only) or `\c` (a control symbol:
        /// `\,`, `\{`, `\\`, `\ ` …); the name is without the backslash.
        case command(String)
        case character(Unicode.Scalar)
        case beginGroup
        case endGroup
        case caret
        case underscore
        case alignment
        /// `#1`…`#9`, only in a macro's body.
        case parameter(Int)
        /// A run of white space (kept for text mode; math mode skips it).
        case space
        /// A live number's slot: U+E000, decimal digits K, U+E001.
        case live(Int)
    }

    var kind: Kind
    var offset: Int
    var length: Int
}

/// Splits TeX into tokens, the way TeX's eyes do: a backslash and the
/// letters after it are one control word (and the spaces after a control
/// word are skipped), `%` starts a comment that runs to the end of the line,
/// and every other character is a token of its own.
///
/// Linear in the length of the source; it never fails on text except for a
/// backslash at the very end, a `#` outside a macro's body and a broken live
/// slot.
struct TeXLexer {
    /// The private-use characters around a live slot's index.
    static let liveOpen: Unicode.Scalar = "\u{E000}"
    static let liveClose: Unicode.Scalar = "\u{E001}"

    private let scalars: [Unicode.Scalar]
    private let allowsParameters: Bool
    private var position = 0

    init(_ source: String, allowsParameters: Bool = false) {
        self.scalars = Array(source.unicodeScalars)
        self.allowsParameters = allowsParameters
    }

    /// All the tokens of the source, in order.
    static func tokens(of source: String, allowsParameters: Bool = false) throws(TeXError) -> [TeXToken] {
        var lexer = TeXLexer(source, allowsParameters: allowsParameters)
        return try lexer.tokenize()
    }

    mutating func tokenize() throws(TeXError) -> [TeXToken] {
        var tokens: [TeXToken] = []
        tokens.reserveCapacity(scalars.count)
        while position < scalars.count {
            if let token = try next() { tokens.append(token) }
        }
        return tokens
    }

    private mutating func next() throws(TeXError) -> TeXToken? {
        let start = position
        let scalar = scalars[position]
        position += 1
        func token(_ kind: TeXToken.Kind) -> TeXToken {
            TeXToken(kind: kind, offset: start, length: position - start)
        }
        switch scalar {
        case "\\":
            return try controlSequence(from: start)
        case "{": return token(.beginGroup)
        case "}": return token(.endGroup)
        case "^": return token(.caret)
        case "_": return token(.underscore)
        case "&": return token(.alignment)
        case "%":
            while position < scalars.count, scalars[position] != "\n" { position += 1 }
            return nil
        case "#":
            guard allowsParameters else {
                throw TeXError("`#` is only allowed in a macro's definition", offset: start, length: 1)
            }
            guard position < scalars.count, ("1"..."9").contains(scalars[position]) else {
                throw TeXError("`#` must be followed by a digit 1 to 9", offset: start, length: 1)
            }
            let digit = Int(scalars[position].value - 48)
            position += 1
            return token(.parameter(digit))
        case Self.liveOpen:
            return try liveSlot(from: start)
        case Self.liveClose:
            throw TeXError("a live number's slot ends without beginning", offset: start, length: 1)
        default:
            if Self.isSpace(scalar) {
                while position < scalars.count, Self.isSpace(scalars[position]) { position += 1 }
                return token(.space)
            }
            return token(.character(scalar))
        }
    }

    private mutating func controlSequence(from start: Int) throws(TeXError) -> TeXToken {
        guard position < scalars.count else {
            throw TeXError("a lone `\\` at the end of the formula", offset: start, length: 1)
        }
        if Self.isLetter(scalars[position]) {
            var name = String.UnicodeScalarView()
            while position < scalars.count, Self.isLetter(scalars[position]) {
                name.append(scalars[position])
                position += 1
            }
            let token = TeXToken(kind: .command(String(name)), offset: start, length: position - start)
            while position < scalars.count, Self.isSpace(scalars[position]) { position += 1 }
            return token
        }
        let symbol = scalars[position]
        position += 1
        // A control space may be written with any white space, even a newline.
        let name = Self.isSpace(symbol) ? " " : String(symbol)
        return TeXToken(kind: .command(name), offset: start, length: position - start)
    }

    private mutating func liveSlot(from start: Int) throws(TeXError) -> TeXToken {
        var index = 0
        var digits = 0
        while position < scalars.count, ("0"..."9").contains(scalars[position]) {
            // Indices beyond any real list stay out of range without overflowing.
            index = min(index * 10 + Int(scalars[position].value - 48), Int(Int32.max))
            digits += 1
            position += 1
        }
        guard digits > 0, position < scalars.count, scalars[position] == Self.liveClose else {
            throw TeXError("a broken live number's slot", offset: start, length: position - start)
        }
        position += 1
        return TeXToken(kind: .live(index), offset: start, length: position - start)
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}
