/// Splits block code into tokens.
///
/// Lexes straight from the code's UTF-8 bytes (ASCII, nearly all of the
/// code, never decodes a scalar). Positions are counted 1-based in Unicode
/// scalars relative to the code and
/// mapped to document positions with `origin.advanced(by:)`. Newlines become
/// `.newline` tokens (consecutive ones collapse; the parser ignores them
/// inside brackets and after an operator or a comma). Errors (unterminated
/// strings, malformed numbers, stray characters) are collected, lexing goes on,
/// and an `.invalid` token stands in for the rejected text.
package struct Lexer {
    private let bytes: [UInt8]
    private let origin: SourceLocation
    private var index = 0
    private var line = 1
    private var column = 1
    private(set) var tokens: [Token] = []
    private(set) var errors: [Diagnostic] = []
    private(set) var strings: [String] = []
    private var atLineStart = true

    package init(_ code: String, origin: SourceLocation) {
        self.bytes = Array(code.utf8)
        self.origin = origin
        // Blocks have about one token per two or three bytes: no regrowth.
        tokens.reserveCapacity(bytes.count / 2 + 2)
    }

    /// The tokens of `code`, ending with `.end`, and the errors met.
    package static func tokenize(_ code: String, origin: SourceLocation) -> LexedCode {
        var lexer = Lexer(code, origin: origin)
        lexer.run()
        return LexedCode(tokens: lexer.tokens, errors: lexer.errors, bytes: lexer.bytes, strings: lexer.strings)
    }

    private var here: SourceLocation { origin.advanced(by: SourceLocation(line: line, column: column)) }

    /// The scalar at byte offset `i` and its length in bytes.
    @inline(__always)
    private func scalar(at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        return Lexer.decode(bytes, at: i)
    }

    private static func decode(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int) {
        // `code` was a String, so its UTF-8 is valid.
        let b0 = UInt32(bytes[i])
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        var value = b0 & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The scalar `ahead` scalars after the current one.
    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        if ahead == 0 { return index < bytes.count ? scalar(at: index).0 : nil }
        var i = index
        for _ in 0..<ahead {
            guard i < bytes.count else { return nil }
            i += scalar(at: i).1
        }
        return i < bytes.count ? scalar(at: i).0 : nil
    }

    private mutating func bump() {
        let b = bytes[index]
        if b == 0x0A {
            line += 1
            column = 1
            index += 1
        } else if b < 0x80 {
            column += 1
            index += 1
        } else {
            column += 1
            index += scalar(at: index).1
        }
    }

    /// The byte at offset `i`, 0 past the end (ASCII tests on it are
    /// false there, as for any byte of a longer scalar).
    @inline(__always)
    private func byte(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    /// Whether a name starts at byte offset `i`: told by the byte for
    /// ASCII, by the scalar's properties only beyond it.
    @inline(__always)
    private func startsName(at i: Int) -> Bool {
        let b = byte(i)
        return b < 0x80 ? Lexer.isASCIIIdentifierStart(b) : Lexer.isIdentifierStart(scalar(at: i).0)
    }

    private mutating func run() {
        while index < bytes.count {
            // Spaces and tabs, most of what lies between tokens, by byte.
            let b = bytes[index]
            if b == 0x20 || b == 0x09 {
                index += 1
                column += 1
                continue
            }
            let c = scalar(at: index).0
            if c == "\n" {
                let start = (index, here)
                bump()
                if let last = tokens.last, last.kind != .newline {
                    add(.newline, from: start)
                }
                atLineStart = true
                continue
            }
            if c == "\r" || c == "\u{FEFF}" { bump(); continue }
            if c == "#" {
                while let d = peek(), d != "\n" { bump() }
                continue
            }
            lexToken(c)
        }
        let location = tokens.last(where: { $0.kind != .newline })?.range.end ?? origin
        tokens.append(Token(kind: .end, startsLine: false, number: 0, string: 0, range: SourceRange(start: location, end: location),
                            startOffset: bytes.count, endOffset: bytes.count))
    }

    /// The code's text over the byte offsets `range`.
    private func lexeme(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private mutating func add(_ kind: TokenKind, from start: (Int, SourceLocation), number: Double = 0, string: Int = 0) {
        let end = kind == .newline ? SourceLocation(line: start.1.line, column: start.1.column + 1) : here
        tokens.append(Token(kind: kind, startsLine: atLineStart && kind != .newline, number: number, string: string,
                            range: SourceRange(start: start.1, end: end), startOffset: start.0, endOffset: index))
        if kind != .newline { atLineStart = false }
    }

    private mutating func fail(_ id: DiagnosticID, _ message: String, from start: (Int, SourceLocation)) {
        errors.append(Diagnostic(id, message, at: SourceRange(start: start.1, end: here)))
        add(.invalid, from: start)
    }

    private mutating func lexToken(_ c: Unicode.Scalar) {
        let start = (index, here)
        let b = bytes[index]
        if b.isASCIIDigit || (b == UInt8(ascii: ".") && byte(index + 1).isASCIIDigit) {
            lexNumber(from: start)
            return
        }
        if c == "\"" { lexString(from: start); return }
        if startsName(at: index) {
            while index < bytes.count, Lexer.isASCIIIdentifierPart(bytes[index]) { index += 1; column += 1 }
            let asciiEnd = index
            if byte(index) >= 0x80 {
                while let d = peek(), Lexer.isIdentifierPart(d) { bump() }
            }
            add(index == asciiEnd ? Lexer.keyword(bytes[start.0..<index]) ?? .identifier : .identifier, from: start)
            return
        }
        bump()
        let next = peek()
        func two(_ kind: TokenKind) { bump(); add(kind, from: start) }
        switch c {
        case "+":
            if next == "-" { two(.plusMinus) } else { add(.plus, from: start) }
        case "-": add(.minus, from: start)
        case "*": add(.star, from: start)
        case "/": add(.slash, from: start)
        case "^": add(.caret, from: start)
        case "@": add(.at, from: start)
        case "%": add(.percent, from: start)
        case "≈": add(.approx, from: start)
        case "±": add(.plusMinus, from: start)
        case "≤": add(.lessEqual, from: start)
        case "≥": add(.greaterEqual, from: start)
        case "≠": add(.bangEqual, from: start)
        case "~":
            if next == "=" { two(.approx) } else { fail(.unexpectedCharacter, "unexpected character '~' (did you mean '~=')", from: start) }
        case "<":
            if next == "=" { two(.lessEqual) } else { add(.less, from: start) }
        case ">":
            if next == "=" { two(.greaterEqual) } else { add(.greater, from: start) }
        case "=":
            if next == "=" { two(.equalEqual) } else if next == ">" { two(.arrow) } else { add(.equal, from: start) }
        case "!":
            if next == "=" { two(.bangEqual) } else { fail(.unexpectedCharacter, "unexpected character '!' (use 'not')", from: start) }
        case "(": add(.leftParen, from: start)
        case ")": add(.rightParen, from: start)
        case "[": add(.leftBracket, from: start)
        case "]": add(.rightBracket, from: start)
        case "{": add(.leftBrace, from: start)
        case "}": add(.rightBrace, from: start)
        case ",": add(.comma, from: start)
        case ":": add(.colon, from: start)
        case ".": add(.dot, from: start)
        default:
            fail(.unexpectedCharacter, "unexpected character \(Lexer.describe(c))", from: start)
        }
    }

    /// `'c'` for a visible character, `U+XXXX` for one that prints as nothing
    /// or acts on a terminal (controls, format and separator characters).
    package static func describe(_ c: Unicode.Scalar) -> String {
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            let hex = String(c.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        default:
            return "'\(c)'"
        }
    }

    /// `12`, `1.5`, `.5`, `1e-12`, `2.5E+3`.
    private mutating func lexNumber(from start: (Int, SourceLocation)) {
        // Digits, `.`, `e` and signs are ASCII: one byte and one column each.
        func skipDigits() {
            while byte(index).isASCIIDigit { index += 1; column += 1 }
        }
        skipDigits()
        if byte(index) == UInt8(ascii: "."), byte(index + 1).isASCIIDigit {
            index += 1
            column += 1
            skipDigits()
        }
        if byte(index) | 0x20 == UInt8(ascii: "e") {
            let sign = byte(index + 1) == UInt8(ascii: "+") || byte(index + 1) == UInt8(ascii: "-") ? 1 : 0
            if byte(index + 1 + sign).isASCIIDigit {
                index += 1 + sign
                column += 1 + sign
                skipDigits()
            } else {
                bump()
                while let d = peek(), Lexer.isIdentifierPart(d) { bump() }
                let text = lexeme(start.0..<index)
                fail(.malformedToken, "malformed number '\(text)': expected digits after the exponent", from: start)
                return
            }
        }
        if startsName(at: index) {
            while let d = peek(), Lexer.isIdentifierPart(d) { bump() }
            let text = lexeme(start.0..<index)
            fail(.malformedToken, "malformed number '\(text)'", from: start)
            return
        }
        // Up to 15 plain digits: exactly the Double that parsing would give.
        if index - start.0 <= 15, bytes[start.0..<index].allSatisfy(\.isASCIIDigit) {
            var integer = 0
            for b in bytes[start.0..<index] { integer = integer * 10 + Int(b - 0x30) }
            add(.number, from: start, number: Double(integer))
            return
        }
        let text = lexeme(start.0..<index)
        guard let value = Double(text), value.isFinite else {
            fail(.malformedToken, "number '\(text)' is too large", from: start)
            return
        }
        add(.number, from: start, number: value)
    }

    /// `"..."` with escapes `\"` `\\` `\n` `\t` `\u{XXXX}`; a string ends on its line.
    private mutating func lexString(from start: (Int, SourceLocation)) {
        bump()
        var value = String.UnicodeScalarView()
        var malformed = false
        while true {
            guard let c = peek(), c != "\n" else {
                fail(.malformedToken, "unterminated string: expected a closing '\"' before the end of the line", from: start)
                return
            }
            if c == "\"" { bump(); break }
            if c == "\\" {
                let escapeStart = here
                bump()
                guard let e = peek(), e != "\n" else { continue }
                bump()
                switch e {
                case "\"": value.append("\"")
                case "\\": value.append("\\")
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "u" where peek() == "{":
                    bump()
                    var hex = ""
                    while let h = peek(), h != "}", h != "\"", h != "\n", hex.count < 9 { hex.unicodeScalars.append(h); bump() }
                    if peek() == "}", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                        bump()
                        value.append(scalar)
                    } else {
                        malformed = true
                        errors.append(Diagnostic(.invalidEscape, "invalid Unicode escape '\\u{\(hex)'", at: SourceRange(start: escapeStart, end: here)))
                    }
                default:
                    malformed = true
                    errors.append(Diagnostic(.invalidEscape, "unknown escape '\\\(e)' in a string (use \\\" \\\\ \\n \\t or \\u{…})",
                                                at: SourceRange(start: escapeStart, end: here)))
                }
                continue
            }
            value.append(c)
            bump()
        }
        if malformed {
            add(.invalid, from: start)
        } else {
            strings.append(String(value))
            add(.string, from: start, string: strings.count - 1)
        }
    }

    /// The keyword spelled by an identifier's ASCII bytes, told by its
    /// length and bytes, without making a string of them to compare with
    /// each keyword (docs/performance.md).
    package static func keyword(_ word: ArraySlice<UInt8>) -> TokenKind? {
        func spells(_ keyword: StaticString) -> Bool {
            keyword.withUTF8Buffer { $0.elementsEqual(word) }
        }
        switch (word.count, word.first) {
        case (2, UInt8(ascii: "o")?): return spells("or") ? .or : nil
        case (2, UInt8(ascii: "i")?): return spells("if") ? .if : nil
        case (3, UInt8(ascii: "l")?): return spells("let") ? .let : nil
        case (3, UInt8(ascii: "a")?): return spells("and") ? .and : nil
        case (3, UInt8(ascii: "n")?): return spells("not") ? .not : nil
        case (4, UInt8(ascii: "t")?): return spells("true") ? .true : spells("then") ? .then : nil
        case (4, UInt8(ascii: "e")?): return spells("else") ? .else : nil
        case (5, UInt8(ascii: "c")?): return spells("claim") ? .claim : nil
        case (5, UInt8(ascii: "f")?): return spells("false") ? .false : nil
        default: return nil
        }
    }

    package static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    /// An ASCII letter or `_`.
    @inline(__always)
    static func isASCIIIdentifierStart(_ b: UInt8) -> Bool {
        b.isASCIILetter || b == 0x5F
    }

    /// An ASCII letter, digit or `_` (never a newline: columns just count).
    @inline(__always)
    package static func isASCIIIdentifierPart(_ b: UInt8) -> Bool {
        isASCIIIdentifierStart(b) || b.isASCIIDigit
    }

    package static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        // ASCII first: looking up Unicode properties costs more than lexing.
        if c.isASCII { return isASCIIIdentifierStart(UInt8(c.value)) }
        return c.properties.isAlphabetic && c != "≈" && c != "±"
    }

    package static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return isASCIIIdentifierPart(UInt8(c.value)) }
        return isIdentifierStart(c) || isDigit(c) || c.properties.generalCategory == .decimalNumber
    }
}
