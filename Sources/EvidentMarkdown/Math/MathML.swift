/// TeX → MathML Core, at build time: no JavaScript, no network.
///
/// The subset of TeX (and of amsmath) understood, at least:
/// - letters, digits (`3.14` is one number), `+ - * / = < > ( ) [ ] | , ; : ! ?`,
///   and Unicode symbols typed directly (`θ`, `≤`, `∑`);
/// - Greek (`\alpha`…`\omega`, `\varepsilon \vartheta \varphi \varrho \varsigma \varpi`,
///   upright capitals `\Gamma`…`\Omega`), ordinary symbols (`\infty \partial \nabla \ell \hbar \emptyset …`),
///   binary operators, relations and arrows (`TeXSymbols`);
/// - scripts `x_i^2`, primes `f'`, `{}^{14}C`; large operators `\sum \prod \int \iint \oint …` and
///   function names `\log \exp \sin \lim \max \det …` with `\limits`/`\nolimits`: limits under
///   and over in display style, beside in text style, as TeX places them;
/// - `\frac \dfrac \tfrac \cfrac \binom \sqrt \sqrt[n]`, `\over \atop \choose`;
/// - `\left … \middle … \right` (with `.`), `\big \Big \bigg \Bigg` and their `l`/`r`/`m` forms;
/// - fonts `\mathbb \mathcal \mathscr \mathfrak \mathbf \boldsymbol \mathit \mathsf \mathtt`
///   as Unicode's mathematical letters, `\mathrm` and `\operatorname` (`*` for limits) upright,
///   `\text \textrm \textbf \textit \textsf \texttt \mbox` with `$…$` inside;
/// - accents `\hat \bar \tilde \dot \ddot \vec \check \breve \acute \grave \widehat \widetilde
///   \overline \underline \overrightarrow`, `\overbrace`/`\underbrace` with labels as `^`/`_`,
///   `\overset \underset \stackrel`, `\not`, `\phantom`;
/// - spaces `\, \: \; \! \quad \qquad \ ~`, `\displaystyle \textstyle \scriptstyle`, `\pmod \bmod`;
/// - environments `matrix pmatrix bmatrix Bmatrix vmatrix Vmatrix smallmatrix cases dcases rcases
///   aligned align align* split gathered gather gather* array{lcr|}`, with `&` and `\\`;
/// - author macros (`TeXMacros`).
///
/// Never `\href \url \style \class \color \html…`: they are unknown commands like any other.
/// An error is a `TeXError` with its place in the TeX: unknown commands and environments
/// (with the nearest known name), unbalanced braces, `\left` without `\right`, mismatched
/// environments, missing arguments, `&` or `\\` outside an environment, double scripts,
/// nesting deeper than `TeXError.maximumDepth`, macros that do not stop expanding.
/// Time and memory are linear in the formula (after macro expansion, which is bounded).
package enum MathML {
    /// `tex` as one `<math>` element of MathML Core: `display="block"` when `display`,
    /// the TeX source in `alttext`. A live slot — U+E000, decimal digits K, U+E001 — stands for `live[K]`
    /// (already formatted text, e.g. "0.3000" or "-1.2e-05" or "NaN"): written as `<mn>` when it reads as a number
    /// (a leading '-' becomes a separate `<mo>−</mo>` U+2212), else `<mtext>`. A slot whose K is out of
    /// range of `live` is written as `<mn>0</mn>` (the read-time check passes no values).
    package static func convert(_ tex: String, display: Bool, macros: TeXMacros = TeXMacros(),
                                live: [String] = []) throws(TeXError) -> String {
        let tokens = try macros.expand(try TeXLexer.tokens(of: tex))
        var parser = TeXParser(tokens: tokens, live: live, macros: macros)
        let formula = try parser.parseFormula()
        var writer = MathMLWriter()
        writer.output.reserveCapacity(tex.utf8.count * 8 + 64)
        writer.output += display ? "<math display=\"block\" alttext=\"" : "<math alttext=\""
        writer.output += HTML.escape(alternativeText(tex, live: live))
        writer.output += "\">"
        writer.writeContents(formula, display: display)
        writer.output += "</math>"
        return writer.output
    }

    /// The TeX for `alttext`: without the white space around it, and with
    /// each live slot replaced by its value (what a reader of the page sees).
    static func alternativeText(_ tex: String, live: [String]) -> String {
        var scalars = Substring(tex).unicodeScalars[...]
        while let first = scalars.first, TeXLexer.isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, TeXLexer.isSpace(last) { scalars.removeLast() }
        guard scalars.contains(TeXLexer.liveOpen) else { return String(scalars: scalars) }
        var text = String.UnicodeScalarView()
        var index: Int? = nil
        for scalar in scalars {
            switch scalar {
            case TeXLexer.liveOpen: index = 0
            case TeXLexer.liveClose:
                let k = index ?? -1
                text.append(contentsOf: (k >= 0 && k < live.count ? live[k] : "0").unicodeScalars)
                index = nil
            default:
                if let current = index {
                    index = min(current * 10 + Int(scalar.value) - 48, Int(Int32.max))
                } else {
                    text.append(scalar)
                }
            }
        }
        return String(text)
    }
}
