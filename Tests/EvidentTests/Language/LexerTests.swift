import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct LexerTests {
    private func kinds(_ code: String) -> [TokenKind] {
        Lexer.tokenize(code, origin: SourceLocation(line: 1, column: 1)).tokens.map(\.kind)
    }

    @Test func numbersInEveryForm() {
        #expect(kinds("1 1.5 .5 1e-12 2.5E+3") == [.number(1), .number(1.5), .number(0.5), .number(1e-12), .number(2500), .end])
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
        #expect(kinds("let claim true false and or not θ1 x_y # a comment") ==
                [.let, .claim, .true, .false, .and, .or, .not, .identifier("θ1"), .identifier("x_y"), .end])
    }

    /// Keywords are told by their bytes: only the exact words, never a
    /// name that starts or ends like one or spells one with other letters;
    /// every token keeps its text.
    @Test func keywordsAreExactWords() {
        #expect(kinds("lets le clai claims True notx xnot if1 thenelse élse iff els") ==
                ["lets", "le", "clai", "claims", "True", "notx", "xnot", "if1", "thenelse", "élse", "iff", "els"].map { .identifier($0) } + [.end])
        #expect(kinds("if x then y else z") == [.if, .identifier("x"), .then, .identifier("y"), .else, .identifier("z"), .end])
        let code = "let a = not b or c and true == false # x\nclaim (a, 1.5) <= [2]"
        let tokens = Lexer.tokenize(code, origin: SourceLocation(line: 1, column: 1)).tokens
        let bytes = Array(code.utf8)
        for token in tokens where token.kind != .end {
            #expect(token.text == String(decoding: bytes[token.startOffset..<token.endOffset], as: UTF8.self), "\(token.kind)")
        }
    }

    @Test func newlinesCollapseAndBlankLinesVanish() {
        #expect(kinds("a\n\n\nb\n") == [.identifier("a"), .newline, .identifier("b"), .newline, .end])
    }

    @Test func stringEscapes() {
        #expect(kinds(#""a\"b\\c\n\u{3B8}""#) == [.string("a\"b\\c\nθ"), .end])
    }

    @Test func rangesAreDocumentPositions() {
        // The block's code starts at document line 10, column 1.
        let (tokens, errors) = Lexer.tokenize("let x = 1\n  x ≈ 2", origin: SourceLocation(line: 10, column: 1))
        #expect(errors.isEmpty)
        let ranges = tokens.map { "\($0.range.start)-\($0.range.end)" }
        #expect(ranges == ["10:1-10:4", "10:5-10:6", "10:7-10:8", "10:9-10:10", "10:10-10:11",
                           "11:3-11:4", "11:5-11:6", "11:7-11:8", "11:8-11:8"])
    }

    @Test func inlineOriginShiftsColumnsOnTheFirstLineOnly() {
        let (tokens, _) = Lexer.tokenize("a +\nb", origin: SourceLocation(line: 3, column: 20))
        #expect(tokens.map(\.range.start.description) == ["3:20", "3:22", "3:23", "4:1", "4:2"])
    }

    @Test func unterminatedStringIsLocatedAtItsQuote() {
        let (tokens, errors) = Lexer.tokenize("x = \"abc\ny", origin: SourceLocation(line: 5, column: 1))
        #expect(errors.map { "\($0.range.start): \($0.message)" } ==
                ["5:5: unterminated string: expected a closing '\"' before the end of the line"])
        #expect(tokens.map(\.kind) == [.identifier("x"), .equal, .invalid, .newline, .identifier("y"), .end])
    }

    @Test func strayCharactersAndBadNumbers() {
        let (_, errors) = Lexer.tokenize("a $ 1e+ 12abc 1e999", origin: SourceLocation(line: 1, column: 1))
        #expect(errors.map { "\($0.range.start): \($0.message)" } == [
            "1:3: unexpected character '$'",
            "1:5: malformed number '1e': expected digits after the exponent",
            "1:9: malformed number '12abc'",
            "1:15: number '1e999' is too large",
        ])
    }

    @Test func tokensRememberTheirLineStarts() {
        let (tokens, _) = Lexer.tokenize("a b\n c", origin: SourceLocation(line: 1, column: 1))
        #expect(tokens.map(\.startsLine) == [true, false, false, true, false])
    }
}
