/// The kinds of tokens of the block language.
package enum TokenKind: Hashable {
    case number(Double)
    case string(String)
    case identifier(String)
    // keywords
    case `let`, claim, `true`, `false`, and, or, not, `if`, then, `else`
    // operators and punctuation
    case plus, minus, star, slash, caret, at
    case less, lessEqual, greater, greaterEqual, equalEqual, bangEqual
    case approx, plusMinus, percent
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, dot, arrow, equal
    case newline, end
    /// A character or literal the lexer rejected (already reported).
    case invalid

    /// The keyword spelled `word`.
    package static func keyword(_ word: String) -> TokenKind? {
        Lexer.keyword(ArraySlice(word.utf8))?.0
    }
}

/// One token: its kind, its text as written, its document range and its
/// offsets (in UTF-8 bytes) into the code it came from.
package struct Token: Hashable {
    package var kind: TokenKind
    package var text: String
    package var range: SourceRange
    package var startOffset: Int
    package var endOffset: Int
    /// The first token on its line.
    package var startsLine: Bool

    /// How parse errors name the token: `'+'`, `number 1e-12`, `the end of the line`.
    package var quoted: String {
        switch kind {
        case .number: return "number \(text)"
        case .string: return "string \(text)"
        case .identifier: return "name '\(text)'"
        case .newline: return "the end of the line"
        case .end: return "the end of the code"
        case .let, .claim, .true, .false, .and, .or, .not, .if, .then, .else: return "keyword '\(text)'"
        default: return "'\(text)'"
        }
    }
}
