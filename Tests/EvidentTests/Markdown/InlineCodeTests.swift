import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

final class InlineCodeTests: XCTestCase {
    func testValueWithAndWithoutFormat() {
        XCTAssertEqual(InlineCode.read("{= norm(g.visible) | %.1e}"), .span(.value(expression: "norm(g.visible)", format: "%.1e"), offset: 3))
        XCTAssertEqual(InlineCode.read("{=x}"), .span(.value(expression: "x", format: nil), offset: 2))
        XCTAssertEqual(InlineCode.read("{=   a + b  }"), .span(.value(expression: "a + b", format: nil), offset: 5))
    }

    func testBarInsideStringsAndBracketsDoesNotSplit() {
        XCTAssertEqual(InlineCode.read(#"{= f("a|b") | %d}"#), .span(.value(expression: #"f("a|b")"#, format: "%d"), offset: 3))
        XCTAssertEqual(InlineCode.read(#"{= f("a|b")}"#), .span(.value(expression: #"f("a|b")"#, format: nil), offset: 3))
        XCTAssertEqual(InlineCode.read("{= map(v, x => [x|1]) }"), .span(.value(expression: "map(v, x => [x|1])", format: nil), offset: 3))
        XCTAssertEqual(InlineCode.read(#"{= "\"|" | %s}"#), .span(.value(expression: #""\"|""#, format: "%s"), offset: 3))
        XCTAssertEqual(InlineCode.read("{= a | b | %g}"), .span(.value(expression: "a | b", format: "%g"), offset: 3))
    }

    func testClaim() {
        XCTAssertEqual(InlineCode.read("{claim norm(x) < 1e-9}"), .span(.claim(expression: "norm(x) < 1e-9"), offset: 7))
        XCTAssertEqual(InlineCode.read("{claimx}"), .notEvident)
    }

    func testOrdinaryCodeAndMistakes() {
        XCTAssertEqual(InlineCode.read("x"), .notEvident)
        XCTAssertEqual(InlineCode.read("{x}"), .notEvident)
        XCTAssertEqual(InlineCode.read("{= a"), .malformed("inline span `{= a` is missing its closing `}`"))
        XCTAssertEqual(InlineCode.read("{= }"), .malformed("`{=}` needs an expression"))
        XCTAssertEqual(InlineCode.read("{= a |}"), .malformed("missing format after `|` in `{= a |}`"))
        XCTAssertEqual(InlineCode.read("{claim }"), .malformed("`{claim}` needs an expression"))
    }

    /// ASCII spans are read as bytes, others by scalars: both read alike.
    func testNonASCIISpansReadLikeASCIIOnes() {
        XCTAssertEqual(InlineCode.read(#"{= f("é|b") | %d}"#), .span(.value(expression: #"f("é|b")"#, format: "%d"), offset: 3))
        XCTAssertEqual(InlineCode.read("{claim a ≈ b ± 1 }"), .span(.claim(expression: "a ≈ b ± 1"), offset: 7))
        XCTAssertEqual(InlineCode.read("{= a\t| %g}"), .span(.value(expression: "a", format: "%g"), offset: 3))
        XCTAssertEqual(InlineCode.read("{= é"), .malformed("inline span `{= é` is missing its closing `}`"))
        XCTAssertEqual(InlineCode.read("{=\u{301} a}"), .notEvident)
    }

    /// A pin's sign is a character: `≈` with a combining mark is another one,
    /// and such a span is read as a value span, not as a pin.
    func testAPinSignIsACharacter() {
        XCTAssertEqual(InlineCode.read("{= a \u{2248}\u{338} b}"), .span(.value(expression: "a \u{2248}\u{338} b", format: nil), offset: 3))
        XCTAssertEqual(InlineCode.read("{= a ~=\u{338} b}"), .span(.value(expression: "a ~=\u{338} b", format: nil), offset: 3))
        XCTAssertNotEqual(InlineCode.read("{= x ≈ 0.5}"), .span(.value(expression: "x ≈ 0.5", format: nil), offset: 3))
    }
}
