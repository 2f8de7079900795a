import EvidentLanguage

/// A document's math, references and numbered labels, resolved against
/// cmark's outline: where each stands on the page, each label's number, and
/// the HTML of everything that does not wait for evaluation.
package struct Furniture: Sendable {
    package enum Placement: Equatable, Sendable {
        /// In place of the code span of this ordinal.
        case span(Int)
        /// In place of the code block of this ordinal (a ```` ```math ```` block).
        case block(Int)
    }

    package struct Math: Sendable {
        package var span: MathSpan
        package var placement: Placement?
        /// The MathML when the formula holds no live number (converted once,
        /// when the document is read).
        package var html: String?
    }

    package struct Label: Equatable, Sendable {
        package enum Target: Equatable, Sendable {
            case math(Int)
            /// An evident block's output, by the block's ordinal.
            case block(Int)
            /// A pipe table, by its ordinal among tables.
            case table(Int)
            /// An image; its caption stands in place of this code span.
            case image(span: Int)
        }
        package var name: String
        package var kind: BodyExtraction.Kind
        package var number: Int
        package var caption: String?
        package var target: Target
        package var range: SourceRange

        /// How a reference to the label reads: "(1)", "Figure 2", "Table 3".
        package var reference: String {
            switch kind {
            case .equation: return "(\(number))"
            case .figure: return "Figure \(number)"
            case .table: return "Table \(number)"
            }
        }
    }

    package var maths: [Math] = []
    package var labels: [Label] = []
    /// The HTML of references and image captions, by code span ordinal.
    package var spans: [Int: String] = [:]
    package var macros = TeXMacros()
    /// Images given new targets (data URIs), by ordinal.
    package var embeddedImages: [Int: String] = [:]
    /// Images left off the page (loaded from elsewhere, in safe mode), by ordinal.
    package var droppedImages: Set<Int> = []
    /// How each reference reads, by its number in the body.
    package var referenceTexts: [String] = []

    package init() {}

    /// `text` (a heading's, as cmark gives it) with each placeholder as
    /// text: a formula as its TeX, a reference as it reads.
    package func plainText(_ text: String, mark: Unicode.Scalar) -> String {
        guard text.unicodeScalars.contains(mark) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == mark, i + 1 < scalars.count else {
                out.append(scalars[i])
                i += 1
                continue
            }
            let kind = scalars[i + 1]
            i += 2
            var number = 0
            while i < scalars.count, ("0"..."9").contains(scalars[i]), number < 100_000_000 {
                number = number * 10 + Int(scalars[i].value - 48)
                i += 1
            }
            while i + 1 < scalars.count, scalars[i] == " ", scalars[i + 1] == mark { i += 2 }
            if kind == BodyExtraction.mathKind, number < maths.count {
                let tex = maths[number].span.tex.unicodeScalars.filter { $0 != "\u{E000}" && $0 != "\u{E001}" }
                out.append(contentsOf: tex)
            } else if kind == BodyExtraction.referenceKind, number < referenceTexts.count {
                out.append(contentsOf: referenceTexts[number].unicodeScalars)
            }
        }
        return String(out)
    }

    /// The label of `target`, if it has one.
    package func label(of target: Label.Target) -> Label? {
        labels.first { $0.target == target }
    }

    // MARK: - HTML

    /// The HTML of the furniture in place of code blocks and spans, by
    /// ordinal; `live` gives the formatted live numbers of formula `i`
    /// (nil before evaluation: only formulas without live numbers, the
    /// references and the captions).
    package func html(live: ((Int) -> [String])?) -> (blocks: [Int: String], spans: [Int: String]) {
        var blocks: [Int: String] = [:]
        var spans = self.spans
        for (index, math) in maths.enumerated() {
            guard let placement = math.placement else { continue }
            let html: String
            if let ready = math.html {
                html = ready
            } else if let live {
                html = Self.mathHTML(math.span, macros: macros, live: live(index), block: placement.isBlock,
                                     number: label(of: .math(index)))
            } else {
                continue
            }
            switch placement {
            case .span(let ordinal): spans[ordinal] = html
            case .block(let ordinal): blocks[ordinal] = html
            }
        }
        return (blocks, spans)
    }

    /// Formulas still to convert once their live numbers are known.
    package var liveMaths: [Int] {
        maths.indices.filter { maths[$0].html == nil && maths[$0].placement != nil }
    }

    /// A formula as MathML: display formulas in a block of their own
    /// (with their number, when labelled); one that cannot be converted
    /// as its TeX, marked (its error was reported when the document was read).
    package static func mathHTML(_ math: MathSpan, macros: TeXMacros, live: [String], block: Bool, number: Label?) -> String {
        let converted: String
        do {
            converted = try MathML.convert(math.tex, display: math.display, macros: macros, live: live)
        } catch {
            return #"<code class="math-error">"# + HTML.escape(math.tex) + "</code>"
        }
        guard math.display else { return converted }
        let element = block ? "div" : "span"
        var html = "<\(element) class=\"equation\""
        if let number { html += " id=\"\(HTML.escape(number.name))\"" }
        html += ">" + converted
        if let number { html += #"<span class="equation-number">"# + HTML.escape(number.reference) + "</span>" }
        html += "</\(element)>"
        if block { html += "\n" }
        return html
    }

    /// A reference as a link to its label.
    package static func referenceHTML(_ label: Label) -> String {
        "<a class=\"reference\" href=\"#" + HTML.escape(label.name) + "\">" + HTML.escape(label.reference) + "</a>"
    }

    /// An image's caption, after the image.
    package static func captionHTML(_ label: Label) -> String {
        var html = #"<span class="figure-caption" id=""# + HTML.escape(label.name) + #""><span class="figure-number">"#
        html += HTML.escape(label.reference) + ".</span>"
        if let caption = label.caption, !caption.isEmpty { html += " " + HTML.escape(caption) }
        return html + "</span>"
    }

    /// The HTML before and after a numbered pipe table.
    package static func tableCaption(_ label: Label) -> (before: String, after: String) {
        var before = #"<div class="table-figure" id=""# + HTML.escape(label.name) + #""><div class="table-caption"><span class="table-number">"#
        before += HTML.escape(label.reference) + ".</span>"
        if let caption = label.caption, !caption.isEmpty { before += " " + HTML.escape(caption) }
        before += "</div>\n"
        return (before, "</div>\n")
    }
}

extension Furniture.Placement {
    var isBlock: Bool {
        if case .block = self { return true } else { return false }
    }
}
