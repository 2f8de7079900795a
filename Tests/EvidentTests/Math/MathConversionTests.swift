import Testing
@testable import EvidentMarkdown

/// Behaviours that golden files show less directly: live numbers, the
/// attribute text, macros, fonts, determinism.
@Suite struct MathConversionTests {
    func slot(_ k: Int) -> String { "\u{E000}\(k)\u{E001}" }

    @Test func liveNumbers() throws {
        let live = ["0.3000", "-1.2e-05", "NaN", "12", "1e+300", "-0"]
        // A minus that begins a row is a sign: TeX's ordinary symbol, without space.
        let sign = "<mo form=\"prefix\" lspace=\"0\" rspace=\"0\">−</mo>"
        let tex = "x = " + (0..<7).map(slot).joined(separator: ", ")
        #expect(try MathML.convert(tex, display: false, live: live) ==
            "<math alttext=\"x = 0.3000, -1.2e-05, NaN, 12, 1e+300, -0, 0\"><mi>x</mi><mo>=</mo>"
            + "<mn>0.3000</mn><mo>,</mo><mrow>\(sign)<mn>1.2e−05</mn></mrow><mo>,</mo><mtext>NaN</mtext><mo>,</mo>"
            + "<mn>12</mn><mo>,</mo><mn>1e+300</mn><mo>,</mo><mrow>\(sign)<mn>0</mn></mrow><mo>,</mo><mn>0</mn></math>")
        // A live number is one atom: scripts apply to all of it.
        #expect(try MathML.convert("x^" + slot(0), display: false, live: ["-2"]) ==
            "<math alttext=\"x^-2\"><msup><mi>x</mi><mrow>\(sign)<mn>2</mn></mrow></msup></math>")
        // The read-time check passes no values.
        #expect(try MathML.convert("I = " + slot(3), display: true) ==
            "<math display=\"block\" alttext=\"I = 0\"><mi>I</mi><mo>=</mo><mn>0</mn></math>")
        #expect(try MathML.convert(slot(0), display: false, live: ["<b>&"]) ==
            "<math alttext=\"&lt;b&gt;&amp;\"><mtext>&lt;b&gt;&amp;</mtext></math>")
    }

    @Test func attributeTextIsEscapedAndTrimmed() throws {
        #expect(try MathML.convert("  a<b \"c\" \\& d'\n", display: false) ==
            "<math alttext=\"a&lt;b &quot;c&quot; \\&amp; d&#39;\"><mi>a</mi><mo>&lt;</mo><mi>b</mi>"
            + "<mi>&quot;</mi><mi>c</mi><mi>&quot;</mi><mi>&amp;</mi><mrow><mi>d</mi><mo lspace=\"0\" rspace=\"0\">′</mo></mrow></math>")
        #expect(try MathML.convert("", display: true) == "<math display=\"block\" alttext=\"\"></math>")
    }

    @Test func macrosExpand() throws {
        let macros = try TeXMacros(["\\R": "\\mathbb{R}", "\\norm": "\\|#1\\|", "\\pair": "(#1, #2)", "\\RR": "\\R^2"])
        #expect(try MathML.convert("\\RR", display: false, macros: macros) == MathML.convert("\\mathbb{R}^2", display: false)
            .replacingOccurrences(of: "alttext=\"\\mathbb{R}^2\"", with: "alttext=\"\\RR\""))
        #expect(try MathML.convert("\\norm{x} \\pair a{b c}", display: false, macros: macros)
            == MathML.convert("\\|x\\| (a, b c)", display: false)
                .replacingOccurrences(of: "alttext=\"\\|x\\| (a, b c)\"", with: "alttext=\"\\norm{x} \\pair a{b c}\""))
        // An author's macro wins over a built-in command.
        let override = try TeXMacros(["\\vec": "\\mathbf{#1}"])
        #expect(try MathML.convert("\\vec{v}", display: false, macros: override) == "<math alttext=\"\\vec{v}\"><mi>𝐯</mi></math>")
    }

    @Test func mathematicalAlphanumerics() {
        #expect(MathFont.doubleStruck.map("RNZQCHPE1") == "ℝℕℤℚℂℍℙ𝔼𝟙")
        #expect(MathFont.script.map("BEFHILMRegoA") == "ℬℰℱℋℐℒℳℛℯℊℴ𝒜")
        #expect(MathFont.fraktur.map("CHIRZg") == "ℭℌℑℜℨ𝔤")
        #expect(MathFont.italic.map("hx") == "ℎ𝑥")
        #expect(MathFont.bold.map("xA0θΣ∇∂") == "𝐱𝐀𝟎𝛉𝚺𝛁𝛛")
        #expect(MathFont.boldItalic.map("θϕϵ") == "𝜽𝝓𝝐")
        #expect(MathFont.sansSerif.map("T1") == "𝖳𝟣")
        #expect(MathFont.monospace.map("a9") == "𝚊𝟿")
        #expect(MathFont.script.map("+") == "+")
    }

    @Test func outputIsDeterministic() throws {
        let tex = #"\begin{aligned} f &= \sum_{i} \alpha_i \\ g &\le \left( \frac{1}{2} \right) \end{aligned}"#
        let first = try MathML.convert(tex, display: true)
        for _ in 0..<20 { #expect(try MathML.convert(tex, display: true) == first) }
        #expect(!first.hasSuffix("\n"))
    }

    /// Spacing that browsers get wrong from MathML's operator dictionary alone,
    /// made what TeX's rules give (each was seen wrong in Chromium or Firefox).
    @Test func texSpacingInBrowsers() throws {
        func body(_ tex: String, display: Bool = false) throws -> String {
            let mathml = try MathML.convert(tex, display: display)
            return String(mathml[mathml.range(of: "\">")!.upperBound...].dropLast("</math>".count))
        }
        let bar = "stretchy=\"false\">|</mo>"
        // A bar that opens is a prefix fence, the one that closes a postfix one;
        // the infix form of `|` has a thick space around it.
        #expect(try body("n = |X|") == "<mi>n</mi><mo>=</mo><mrow><mo form=\"prefix\" \(bar)<mi>X</mi><mo form=\"postfix\" \(bar)</mrow>")
        #expect(try body("\\lvert x \\rvert") == "<mo form=\"prefix\" \(bar)<mi>x</mi><mo form=\"postfix\" \(bar)")
        #expect(try body("a|b") == "<mi>a</mi><mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">|</mo><mi>b</mi>")
        // TeX's ′ is a superscript; a math font's ′ is already one.
        #expect(try body("f'(x)") == "<mrow><mi>f</mi><mo lspace=\"0\" rspace=\"0\">′</mo></mrow>"
            + "<mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo>")
        #expect(try body("f''") == "<mrow><mi>f</mi><mo lspace=\"0\" rspace=\"0\">″</mo></mrow>")
        #expect(try body("f^{\\prime\\prime}") == body("f''"))
        // A binary operator after `(` or before a relation is ordinary.
        let dot = "<mo form=\"prefix\" lspace=\"0\" rspace=\"0\">⋅</mo>"
        #expect(try body("p(\\cdot \\mid \\cdot)") == "<mi>p</mi><mo stretchy=\"false\">(</mo>\(dot)<mo>∣</mo>\(dot)<mo stretchy=\"false\">)</mo>")
        #expect(try body("a \\cdot b") == "<mi>a</mi><mo>⋅</mo><mi>b</mi>")
        // A function's name after an ordinary symbol has a thin space before it.
        #expect(try body("x\\log\\theta") == "<mi>x</mi><mspace width=\"0.1667em\"></mspace>"
            + "<mrow><mi>log</mi><mo rspace=\"0.1667em\">&#x2061;</mo></mrow><mi>θ</mi>")
        #expect(try body("J^\\top \\operatorname{diag}(p)").hasPrefix("<msup><mi>J</mi><mi>⊤</mi></msup><mspace width=\"0.1667em\"></mspace><mrow><mi>diag</mi>"))
        #expect(try body("= \\log x").hasPrefix("<mo>=</mo><mrow><mi>log</mi>"))
        // Chromium right-aligns a cell's block only with `-webkit-right`.
        #expect(try body("\\begin{aligned} a &= b \\end{aligned}", display: true).contains(
            "<mtd style=\"text-align:right;text-align:-webkit-right;padding-left:0;padding-right:0\"><mi>a</mi></mtd>"))
        // `\Big` is TeX's 18pt delimiter, the same variant in both browsers; ⊗ is not large.
        #expect(try body("\\Bigl(") == "<mo form=\"prefix\" stretchy=\"true\" symmetric=\"true\" minsize=\"1.8em\" maxsize=\"1.8em\">(</mo>")
        #expect(try body("a \\otimes b", display: true) == "<mi>a</mi><mo largeop=\"false\">⊗</mo><mi>b</mi>")
        #expect(try body("\\bigotimes_i", display: true) == "<munder><mo>⨂</mo><mi>i</mi></munder>")
        // U+0302 is the circumflex that stretches in both browsers.
        #expect(try body("\\widehat{xy}") == "<mover accent=\"true\"><mrow><mi>x</mi><mi>y</mi></mrow><mo stretchy=\"true\">\u{302}</mo></mover>")
    }

    @Test func everyKnownCommandConverts() throws {
        var parser = TeXParser(tokens: [], live: [], macros: TeXMacros())
        let names = parser.knownCommands().sorted()
        #expect(names.count > 400)
        for name in names {
            let tex: String
            switch name {
            case "left", "right", "middle", "begin", "end", "limits", "nolimits": continue
            case "bigl", "bigr", "bigm", "big", "Big", "Bigl", "Bigr", "Bigm", "bigg", "biggl", "biggr", "biggm",
                 "Bigg", "Biggl", "Biggr", "Biggm": tex = "\\\(name)("
            case "not": tex = "\\not="
            default: tex = "a \\\(name){x}{y} b"
            }
            let mathml = try MathML.convert(tex, display: true)
            #expect(MathMLCoreChecker.problems(mathml) == [], "\\\(name)")
        }
        _ = parser.peek()
    }
}
