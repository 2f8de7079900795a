import Testing
@testable import EvidentMarkdown

/// Behaviours that golden files show less directly: live numbers, the
/// attribute text, macros, fonts, determinism.
@Suite struct MathConversionTests {
    func slot(_ k: Int) -> String { "\u{E000}\(k)\u{E001}" }

    @Test func liveNumbers() throws {
        let live = ["0.3000", "-1.2e-05", "NaN", "12", "1e+300", "-0"]
        let tex = "x = " + (0..<7).map(slot).joined(separator: ", ")
        #expect(try MathML.convert(tex, display: false, live: live) ==
            "<math alttext=\"x = 0.3000, -1.2e-05, NaN, 12, 1e+300, -0, 0\"><mi>x</mi><mo>=</mo>"
            + "<mn>0.3000</mn><mo>,</mo><mrow><mo>−</mo><mn>1.2e−05</mn></mrow><mo>,</mo><mtext>NaN</mtext><mo>,</mo>"
            + "<mn>12</mn><mo>,</mo><mn>1e+300</mn><mo>,</mo><mrow><mo>−</mo><mn>0</mn></mrow><mo>,</mo><mn>0</mn></math>")
        // A live number is one atom: scripts apply to all of it.
        #expect(try MathML.convert("x^" + slot(0), display: false, live: ["-2"]) ==
            "<math alttext=\"x^-2\"><msup><mi>x</mi><mrow><mo>−</mo><mn>2</mn></mrow></msup></math>")
        // The read-time check passes no values.
        #expect(try MathML.convert("I = " + slot(3), display: true) ==
            "<math display=\"block\" alttext=\"I = 0\"><mi>I</mi><mo>=</mo><mn>0</mn></math>")
        #expect(try MathML.convert(slot(0), display: false, live: ["<b>&"]) ==
            "<math alttext=\"&lt;b&gt;&amp;\"><mtext>&lt;b&gt;&amp;</mtext></math>")
    }

    @Test func attributeTextIsEscapedAndTrimmed() throws {
        #expect(try MathML.convert("  a<b \"c\" \\& d'\n", display: false) ==
            "<math alttext=\"a&lt;b &quot;c&quot; \\&amp; d&#39;\"><mi>a</mi><mo>&lt;</mo><mi>b</mi>"
            + "<mi>&quot;</mi><mi>c</mi><mi>&quot;</mi><mi>&amp;</mi><msup><mi>d</mi><mo>′</mo></msup></math>")
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
