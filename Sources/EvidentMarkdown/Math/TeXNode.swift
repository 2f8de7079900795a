/// A formula after parsing: the structure MathML needs, nothing of TeX's
/// spelling. Fonts are already applied (a `\mathbf{x}` is the letter 𝐱),
/// live numbers already substituted, macros already expanded.
indirect enum TeXNode: Equatable, Sendable {
    /// A group or a sequence: `<mrow>` (a single child is written alone).
    case row([TeXNode])
    /// `<mi>`; `upright` asks for `mathvariant="normal"` on a single letter.
    case identifier(String, upright: Bool)
    /// `<mn>`.
    case number(String)
    /// `<mo>`.
    case op(String, TeXOperator)
    /// `<mtext>`.
    case text(String)
    /// `<mspace>` of this width in em (negative: a negative margin).
    case space(Double)
    /// A function's name (`\log`, `\operatorname{KL}`): an `<mi>` followed,
    /// when an argument follows, by U+2061 FUNCTION APPLICATION.
    case function(String)
    /// Sub- and superscripts, or limits under and over.
    case scripts(base: TeXNode, sub: TeXNode?, sup: TeXNode?, limits: TeXLimits)
    /// `<mfrac>`; `thickness` "0" for `\binom`'s inner part.
    case fraction(TeXNode, TeXNode, style: TeXStyle, thickness: String?)
    /// `<msqrt>` or, with an index, `<mroot>`.
    case root(TeXNode, index: TeXNode?)
    /// A mark over (`\hat`) or under (`\underline`) its base.
    case accent(TeXNode, mark: String, under: Bool, stretchy: Bool)
    /// `\overset`, `\underset`, `\stackrel`: something small over or under a base.
    case stack(TeXNode, over: TeXNode?, under: TeXNode?)
    /// `\left … \middle … \right` and the delimiters of matrices and cases;
    /// `nil` for `.`.
    case fenced(open: String?, close: String?, [TeXNode])
    case table(TeXTable)
    /// `\displaystyle`, `\textstyle`, `\dfrac`'s and `\tfrac`'s style.
    case style(TeXStyle, [TeXNode])
    /// `\phantom` (`width`/`height` false for `\vphantom`/`\hphantom`).
    case phantom(TeXNode, width: Bool, height: Bool)
}

/// What an `<mo>` is, in TeX's classes (they decide U+2061 and the prefix
/// form of a sign), and the attributes it needs.
struct TeXOperator: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case ordinary, binary, relation, open, close, punctuation, large, integral
    }

    var kind: Kind
    /// `stretchy="true"` or `"false"`, or nothing (the dictionary's default).
    var stretchy: Bool? = nil
    /// `form="prefix"` etc.
    var form: String? = nil
    /// `minsize` and `maxsize` of `\big` and its siblings.
    var size: String? = nil
    var movableLimits: Bool? = nil
    /// `largeop="false"`: a binary operator whose character Firefox's
    /// dictionary also lists as a large prefix operator (⊕ ⊗ …).
    var largeOp: Bool? = nil
    var lspace: String? = nil
    var rspace: String? = nil

    init(_ kind: Kind, stretchy: Bool? = nil, form: String? = nil, size: String? = nil,
         lspace: String? = nil, rspace: String? = nil) {
        self.kind = kind
        self.stretchy = stretchy
        self.form = form
        self.size = size
        self.lspace = lspace
        self.rspace = rspace
    }
}

/// Where scripts go: as sub/superscripts always (`x_i`, `\int`), as limits
/// under and over always (`\overbrace`, `\sum\limits`), or as limits only in
/// display style (`\sum`, `\lim`: TeX's default for large operators).
enum TeXLimits: Equatable, Sendable {
    case never, always, displayOnly
}

/// TeX's math styles as far as MathML can tell them apart.
enum TeXStyle: Equatable, Sendable {
    /// The surrounding style (a `\frac`).
    case inherited
    case display
    case text
    case script
}

/// An environment's rows and cells, and how its columns are laid out.
struct TeXTable: Equatable, Sendable {
    enum Layout: Equatable, Sendable {
        /// Centred columns: the matrices, `gathered`.
        case centered
        /// `array`: the columns' alignments from its argument.
        case array
        /// `cases`: left-aligned columns a quad apart.
        case cases
        /// `aligned`: pairs of a right- and a left-aligned column, flush
        /// with each other, the pairs an em apart.
        case aligned
        /// `\substack`: centred lines without padding.
        case stacked
    }

    enum Alignment: Equatable, Sendable { case left, center, right }

    var layout: Layout
    var rows: [[TeXNode]] = []
    /// `array`'s alignments (columns beyond them are centred).
    var columns: [Alignment] = []
    /// `array`'s vertical rules: before column j; `columns.count` is after the last.
    var rules: Set<Int> = []
    /// Cells in display style (`aligned`, `gathered`, `dcases`) rather than text style.
    var displayStyle: Bool = false
}
