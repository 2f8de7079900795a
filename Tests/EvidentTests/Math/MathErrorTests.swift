import Testing
@testable import EvidentMarkdown

/// Every kind of TeX error, as whole strings: `offset+length: message`,
/// offsets in Unicode scalars from the start of the formula.
@Suite struct MathErrorTests {
    static let cases: [(tex: String, error: String)] = [
        // Unknown commands, with the nearest known one when it is a likely typo.
        (#"\fraq{a}{b}"#, "0+5: unknown command `\\fraq`; did you mean `\\frac`?"),
        (#"x + \alpah"#, "4+6: unknown command `\\alpah`; did you mean `\\alpha`?"),
        (#"\sqrtt{2}"#, "0+6: unknown command `\\sqrtt`; did you mean `\\sqrt`?"),
        (#"a \lep b"#, "2+4: unknown command `\\lep`; did you mean `\\le`?"),
        (#"\zzzzzz"#, "0+7: unknown command `\\zzzzzz`"),
        (#"\href{https://example.org}{x}"#, "0+5: unknown command `\\href`: links, colours and styles are not available in math"),
        (#"\color{red} x"#, "0+6: unknown command `\\color`: links, colours and styles are not available in math"),
        (#"\style{color:red}{x}"#, "0+6: unknown command `\\style`: links, colours and styles are not available in math"),
        (#"\class{a}{x}"#, "0+6: unknown command `\\class`: links, colours and styles are not available in math"),
        (#"\url{x}"#, "0+4: unknown command `\\url`: links, colours and styles are not available in math"),
        (#"\htmlId{a}{x}"#, "0+7: unknown command `\\htmlId`: links, colours and styles are not available in math"),
        (#"\newcommand{\a}{b}"#, "0+11: `\\newcommand` is not available inside math; define macros in the front matter's `macros:`"),
        // Braces.
        (#"{a + b"#, "0+1: unbalanced `{`: no matching `}`"),
        (#"\frac{a}{b + {c}"#, "8+1: unbalanced `{`: no matching `}`"),
        (#"a + b}"#, "5+1: unbalanced `}`: no matching `{`"),
        (#"\text{abc"#, "5+1: unbalanced `{`: no matching `}`"),
        // \left and \right.
        (#"\left( x"#, "0+6: `\\left(` without a matching `\\right`"),
        (#"\left\{ x + {y} "#, "0+7: `\\left\\{` without a matching `\\right`"),
        (#"{\left( x }"#, "1+6: `\\left(` without a matching `\\right`"),
        (#"x \right)"#, "2+6: `\\right` without a matching `\\left`"),
        (#"a \middle| b"#, "2+7: `\\middle` outside `\\left … \\right`"),
        (#"\left x \right)"#, "0+5: `\\left` must be followed by a delimiter such as `(`, `[`, `\\{`, `|` or `.`"),
        (#"\big x"#, "0+4: `\\big` must be followed by a delimiter such as `(`, `[`, `\\{`, `|` or `.`"),
        // Environments.
        (#"\begin{pmatrix} a & b"#, "0+15: `\\begin{pmatrix}` without a matching `\\end{pmatrix}`"),
        (#"\begin{pmatrix} a \end{bmatrix}"#, "18+13: `\\end{bmatrix}` does not match `\\begin{pmatrix}`"),
        (#"a \end{cases}"#, "2+11: `\\end{cases}` without a matching `\\begin{cases}`"),
        (#"\begin{pmatirx} a \end{pmatirx}"#, "7+7: unknown environment `pmatirx`; did you mean `pmatrix`?"),
        (#"\begin{foo} a \end{foo}"#, "7+3: unknown environment `foo`"),
        (#"\begin pmatrix"#, "0+6: `\\begin` must be followed by an environment's name in braces, like `\\begin{pmatrix}`"),
        (#"\begin{array}{cx} a \end{array}"#, "15+1: unknown column `x` in `array`'s columns; use `l`, `c`, `r` and `|`"),
        (#"\begin{matrix} {a & b} \end{matrix}"#, "18+1: `&` must be directly in an environment's cell, not inside a group or `\\left … \\right`"),
        (#"\begin{matrix} a } \end{matrix}"#, "17+1: unbalanced `}`: no matching `{`"),
        // Missing arguments.
        (#"\frac{a}"#, "0+5: `\\frac` is missing its second argument"),
        (#"\frac"#, "0+5: `\\frac` is missing its first argument"),
        (#"\sqrt"#, "0+5: `\\sqrt` is missing its argument"),
        (#"\hat{}^2 + \hat"#, "11+4: `\\hat` is missing its argument"),
        (#"\frac{a}}"#, "0+5: `\\frac` is missing its second argument"),
        (#"\text"#, "0+5: `\\text` is missing its argument"),
        (#"\operatorname"#, "0+13: `\\operatorname` is missing its argument"),
        (#"\sqrt[3 x"#, "5+1: `\\sqrt[` without a matching `]`"),
        (#"x^"#, "1+1: missing superscript after `^`"),
        (#"x_"#, "1+1: missing subscript after `_`"),
        (#"x_^2"#, "1+1: missing subscript after `_`"),
        (#"\not"#, "0+4: `\\not` must be followed by a relation such as `=` or `\\in`"),
        // Rows and columns outside environments.
        (#"a & b"#, "2+1: `&` outside an environment; use `aligned`, `cases` or a matrix for columns"),
        (#"a \\ b"#, "2+2: `\\\\` outside an environment; use `aligned` or `gathered` for several lines"),
        // Scripts.
        (#"x^a^b"#, "3+1: double superscript: use braces, as in `{x^a}^b` or `x^{ab}`"),
        (#"x_a_b"#, "3+1: double subscript: use braces, as in `{x^a}^b` or `x^{ab}`"),
        (#"x^a'"#, "3+1: double superscript: use braces, as in `{x^a}^b` or `x^{ab}`"),
        (#"x \limits_0"#, "2+7: `\\limits` must follow a large operator such as `\\sum` or `\\lim`"),
        // Text.
        (#"\text{\alpha}"#, "6+6: `\\alpha` is not available in text; write it as math, `$\\alpha$`"),
        (#"\text{a^2}"#, "7+1: `^` is not available in text; write it as math, inside `$…$`"),
        (#"\text{$x}"#, "6+1: `$` in text without a closing `$`"),
        (#"\operatorname{a\alpha}"#, "15+6: `\\operatorname` takes letters, not `\\alpha`"),
        // The lexer.
        (#"x = #1"#, "4+1: `#` is only allowed in a macro's definition"),
        ("x + \\", "4+1: a lone `\\` at the end of the formula"),
        ("x = \u{E000}12", "4+3: a broken live number's slot"),
        ("x = 1\u{E001}", "5+1: a live number's slot ends without beginning"),
    ]

    @Test func errorsAsWholeStrings() {
        for (tex, expected) in Self.cases {
            #expect(MathFixtures.error(tex) == expected, "\(tex)")
        }
    }

    @Test func nestingDeeperThanTheLimit() {
        #expect(MathFixtures.error(String(repeating: "{", count: 300)) == "200+1: nesting deeper than 200 levels")
        #expect(MathFixtures.error(String(repeating: "\\sqrt", count: 300) + "x") == "1005+5: nesting deeper than 200 levels")
        let deep = String(repeating: "{", count: 199) + "x" + String(repeating: "}", count: 199)
        #expect(MathFixtures.error(deep) == "no error")
    }

    @Test func macrosThatDoNotStop() throws {
        let loop = try TeXMacros(["\\a": "\\a"])
        #expect(MathFixtures.error("x + \\a", macros: loop) == "4+2: the macro `\\a` does not stop expanding (it uses itself?)")
        let doubling = try TeXMacros(["\\b": "\\b\\b x"])
        #expect(MathFixtures.error("\\b", macros: doubling) == "0+2: the macro `\\b` does not stop expanding (it uses itself?)")
        let mutual = try TeXMacros(["\\p": "{\\q}", "\\q": "(\\p)"])
        #expect(MathFixtures.error("y = \\q", macros: mutual) == "4+2: the macro `\\q` does not stop expanding (it uses itself?)")
        let growing = try TeXMacros(["\\g": "\\g{#1#1}"])
        #expect(MathFixtures.error("\\g{x}", macros: growing) == "0+2: the macro `\\g` does not stop expanding (it uses itself?)")
    }

    @Test func macroArgumentsAndUnknownNames() throws {
        let macros = try TeXMacros(["\\KL": "D(#1 \\| #2)", "\\R": "\\mathbb{R}"])
        #expect(MathFixtures.error("\\KL{p}", macros: macros) == "0+3: the macro `\\KL` is missing its argument #2")
        #expect(MathFixtures.error("\\KL{p}{q", macros: macros) == "6+1: unbalanced `{`: no matching `}`")
        // The author's macros are among the suggestions.
        #expect(MathFixtures.error("\\RR", macros: macros) == "0+3: unknown command `\\RR`; did you mean `\\R`?")
        // An error inside an expansion points at the macro's use.
        let broken = try TeXMacros(["\\bad": "\\frac{1}"])
        #expect(MathFixtures.error("a + \\bad", macros: broken) == "4+4: `\\frac` is missing its second argument")
    }

    @Test func badMacroDefinitions() {
        func error(_ definitions: [String: String]) -> String {
            do {
                _ = try TeXMacros(definitions)
                return "no error"
            } catch {
                return MathFixtures.describe(error)
            }
        }
        #expect(error(["R": "\\mathbb{R}"]) == "0+10: a macro's name must be a backslash and letters, like `\\R`, not `R`")
        #expect(error(["\\R2": "x"]) == "0+1: a macro's name must be a backslash and letters, like `\\R`, not `\\R2`")
        #expect(error(["\\R": "\\mathbb{R"]) == "7+1: unbalanced `{` in the definition of `\\R`: no matching `}`")
        #expect(error(["\\R": "R}"]) == "1+1: unbalanced `}` in the definition of `\\R`: no matching `{`")
        #expect(error(["\\f": "f(#0)"]) == "2+1: `#` must be followed by a digit 1 to 9")
        #expect(error(["\\f": "x \\"]) == "2+1: a lone `\\` at the end of the formula")
        #expect(error(["\\f": "f(#1, #2)", "\\g": "g"]) == "no error")
    }
}
