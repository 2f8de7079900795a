import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct LexerTests {
    private func kinds(_ code: String) -> [TokenKind] {
        Lexer.tokenize(code, origin: SourceLocation(line: 1, column: 1)).tokens.map(\.kind)
    }

    /// Each token as its kind, with a number's, a string's or a name's value.
    private func tokens(_ code: String) -> [String] {
        let lexed = Lexer.tokenize(code, origin: SourceLocation(line: 1, column: 1))
        return lexed.tokens.map { token in
            switch token.kind {
            case .number: return "number \(token.number)"
            case .string: return "string \(lexed.strings[token.string])"
            case .identifier: return "identifier \(lexed.text(of: token))"
            default: return "\(token.kind)"
            }
        }
    }

    @Test func numbersInEveryForm() {
        #expect(tokens("1 1.5 .5 1e-12 2.5E+3") == ["number 1.0", "number 1.5", "number 0.5", "number 1e-12", "number 2500.0", "end"])
    }

    @Test func operatorsAndTheirAsciiSpellings() {
        #expect(kinds("≈ ~= ± +- <= ≤ >= ≥ != ≠ == => = %") ==
                [.approx, .approx, .plusMinus, .plusMinus, .lessEqual, .lessEqual, .greaterEqual, .greaterEqual,
                 .bangEqual, .bangEqual, .equalEqual, .arrow, .equal, .percent, .end])
        #expect(kinds("( ) [ ] { } , : . + - * / ^ < >") ==
                [.leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace, .comma, .colon, .dot,
                 .plus, .minus, .star, .slash, .caret, .less, .greater, .end])
    }

    @Test func keywordsIdentifiersAndComments() {
        #expect(tokens("let claim true false and or not θ1 x_y # a comment") ==
                ["let", "claim", "true", "false", "and", "or", "not", "identifier θ1", "identifier x_y", "end"])
    }

    /// Keywords are told by their bytes: only the exact words, never a
    /// name that starts or ends like one or spells one with other letters.
    @Test func keywordsAreExactWords() {
        #expect(tokens("lets le clai claims True notx xnot if1 thenelse élse iff els") ==
                ["lets", "le", "clai", "claims", "True", "notx", "xnot", "if1", "thenelse", "élse", "iff", "els"].map { "identifier \($0)" } + ["end"])
        #expect(tokens("if x then y else z") == ["if", "identifier x", "then", "identifier y", "else", "identifier z", "end"])
    }

    /// A name may go on past its ASCII letters; tabs and spaces part tokens
    /// alike; a number runs into no letter.
    @Test func namesMixingScriptsAndTabs() {
        #expect(tokens("x_θ\tαβγ2\t3e2 .5") == ["identifier x_θ", "identifier αβγ2", "number 300.0", "number 0.5", "end"])
        #expect(Lexer.tokenize("2θ", origin: SourceLocation(line: 1, column: 1)).errors.map(\.message) == ["malformed number '2θ'"])
    }

    @Test func newlinesCollapseAndBlankLinesVanish() {
        #expect(tokens("a\n\n\nb\n") == ["identifier a", "newline", "identifier b", "newline", "end"])
    }

    @Test func stringEscapes() {
        #expect(tokens(#""a\"b\\c\n\u{3B8}""#) == ["string a\"b\\c\nθ", "end"])
    }

    @Test func rangesAreDocumentPositions() {
        // The block's code starts at document line 10, column 1.
        let lexed = Lexer.tokenize("let x = 1\n  x ≈ 2", origin: SourceLocation(line: 10, column: 1))
        #expect(lexed.errors.isEmpty)
        let ranges = lexed.tokens.map { "\($0.range.start)-\($0.range.end)" }
        #expect(ranges == ["10:1-10:4", "10:5-10:6", "10:7-10:8", "10:9-10:10", "10:10-10:11",
                           "11:3-11:4", "11:5-11:6", "11:7-11:8", "11:8-11:8"])
    }

    @Test func inlineOriginShiftsColumnsOnTheFirstLineOnly() {
        let tokens = Lexer.tokenize("a +\nb", origin: SourceLocation(line: 3, column: 20)).tokens
        #expect(tokens.map(\.range.start.description) == ["3:20", "3:22", "3:23", "4:1", "4:2"])
    }

    @Test func unterminatedStringIsLocatedAtItsQuote() {
        let errors = Lexer.tokenize("x = \"abc\ny", origin: SourceLocation(line: 5, column: 1)).errors
        #expect(errors.map { "\($0.range.start): \($0.message)" } ==
                ["5:5: unterminated string: expected a closing '\"' before the end of the line"])
        #expect(tokens("x = \"abc\ny") == ["identifier x", "equal", "invalid", "newline", "identifier y", "end"])
    }

    @Test func strayCharactersAndBadNumbers() {
        let errors = Lexer.tokenize("a $ 1e+ 12abc 1e999", origin: SourceLocation(line: 1, column: 1)).errors
        #expect(errors.map { "\($0.range.start): \($0.message)" } == [
            "1:3: unexpected character '$'",
            "1:5: malformed number '1e': expected digits after the exponent",
            "1:9: malformed number '12abc'",
            "1:15: number '1e999' is too large",
        ])
    }

    @Test func tokensRememberTheirLineStarts() {
        let tokens = Lexer.tokenize("a b\n c", origin: SourceLocation(line: 1, column: 1)).tokens
        #expect(tokens.map(\.startsLine) == [true, false, false, true, false])
    }
}
