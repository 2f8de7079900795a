/// The kinds of tokens of the block language.
package enum TokenKind: UInt8, Hashable {
    case number, string, identifier
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
        Lexer.keyword(ArraySlice(word.utf8))
    }

    package var isKeyword: Bool {
        switch self {
        case .let, .claim, .true, .false, .and, .or, .not, .if, .then, .else: return true
        default: return false
        }
    }
}

/// One token: its kind, its document range, its offsets (in UTF-8 bytes)
/// into the code it came from, and a number's value. Plain data: the text
/// it was written as, and so an identifier's name, is the code's between
/// its offsets, and a string's value is in `LexedCode.strings`.
package struct Token: Hashable {
    package var kind: TokenKind
    /// The first token on its line.
    package var startsLine: Bool
    /// A number's value (0 for other tokens).
    package var number: Double
    /// A string's index in `LexedCode.strings` (0 for other tokens).
    package var string: Int
    package var range: SourceRange
    package var startOffset: Int
    package var endOffset: Int
}

/// A piece of code lexed: its tokens (ending with `.end`), the errors met,
/// and what the tokens' texts and strings are read from.
package struct LexedCode {
    package var tokens: [Token]
    package var errors: [Diagnostic]
    /// The code's UTF-8 bytes.
    package var bytes: [UInt8]
    /// The values of the string literals, escapes resolved, by `Token.string`.
    package var strings: [String]

    /// The token as written (an identifier's name).
    package func text(of token: Token) -> String {
        String(decoding: bytes[token.startOffset..<token.endOffset], as: UTF8.self)
    }

    /// How parse errors name the token: `'+'`, `number 1e-12`, `the end of the line`.
    package func quoted(_ token: Token) -> String {
        let text = text(of: token)
        switch token.kind {
        case .number: return "number \(text)"
        case .string: return "string \(text)"
        case .identifier: return "name '\(text)'"
        case .newline: return "the end of the line"
        case .end: return "the end of the code"
        case let kind where kind.isKeyword: return "keyword '\(text)'"
        default: return "'\(text)'"
        }
    }
}
