/// Writes `TeXNode`s as MathML Core: only the elements and attributes Core
/// defines (`mathvariant` only as "normal"), every text through
/// `HTML.escape`, and nothing that depends on the order of a dictionary,
/// so the same formula always gives the same bytes.
///
/// `display` is TeX's display style at the node: it decides whether a large
/// operator's scripts go under and over it (`munderover`) or beside it
/// (`msubsup`), as TeX does; fractions, scripts and matrices make it false
/// for their parts, `aligned` and `\displaystyle` make it true.
struct MathMLWriter {
    var output = ""

    /// U+2061 FUNCTION APPLICATION after a function's name; with a thin
    /// space after it (TeX's space between an operator and an ordinary
    /// symbol, which MathML's U+2061 does not give) unless a delimiter follows.
    static let apply = "<mo>&#x2061;</mo>"
    static let applyWithSpace = "<mo rspace=\"0.1667em\">&#x2061;</mo>"

    /// A node as exactly one element (a sequence in an `<mrow>`). Each
    /// kind of node has its own function, so that the frames of this
    /// recursion stay small.
    mutating func write(_ node: TeXNode, display: Bool) {
        switch node {
        case .row(let nodes): writeRow(nodes, display: display)
        case .identifier(let text, let upright): writeIdentifier(text, upright: upright)
        case .function(let name): writeIdentifier(name, upright: true)
        case .number(let text): leaf("mn", text)
        case .op(let text, let op): writeOperator(text, op)
        case .text(let text): leaf("mtext", text)
        case .space(let width): writeSpace(width)
        case .scripts(let base, let sub, let sup, let limits):
            writeScripts(base, sub: sub, sup: sup, limits: limits, display: display)
        case .fraction(let numerator, let denominator, let style, let thickness):
            writeFraction(numerator, denominator, style: style, thickness: thickness)
        case .root(let radicand, let index): writeRoot(radicand, index: index, display: display)
        case .accent(let base, let mark, let under, let stretchy):
            writeAccent(base, mark: mark, under: under, stretchy: stretchy, display: display)
        case .stack(let base, let over, let under): writeStack(base, over: over, under: under, display: display)
        case .fenced(let open, let close, let body): writeFenced(open: open, close: close, body, display: display)
        case .table(let table): writeTable(table)
        case .style(let style, let nodes): writeStyle(style, nodes, display: display)
        case .phantom(let content, let width, let height): writePhantom(content, width: width, height: height, display: display)
        }
    }

    mutating func writeRow(_ nodes: [TeXNode], display: Bool) {
        if nodes.count == 1 { return write(nodes[0], display: display) }
        output += "<mrow>"
        writeChildren(nodes, display: display)
        output += "</mrow>"
    }

    /// `<mi>`; a single upright letter (`\mathrm{d}`, `\Gamma`, `\operatorname{d}`)
    /// needs `mathvariant="normal"`, a longer name is upright anyway.
    mutating func writeIdentifier(_ text: String, upright: Bool) {
        output += upright && text.unicodeScalars.count == 1 ? "<mi mathvariant=\"normal\">" : "<mi>"
        output += HTML.escape(text)
        output += "</mi>"
    }

    /// MathML Core's `mspace` has no negative width: `\!` is a negative margin.
    mutating func writeSpace(_ width: Double) {
        output += width < 0
            ? "<mspace style=\"margin-left:-\(Self.em(-width))\"></mspace>"
            : "<mspace width=\"\(Self.em(width))\"></mspace>"
    }

    /// The parts of a fraction are in text style (TeX's numerator of a
    /// display fraction is in text style too).
    mutating func writeFraction(_ numerator: TeXNode, _ denominator: TeXNode, style: TeXStyle, thickness: String?) {
        let styled = openStyle(style)
        output += thickness.map { "<mfrac linethickness=\"\(HTML.escape($0))\">" } ?? "<mfrac>"
        write(numerator, display: false)
        write(denominator, display: false)
        output += "</mfrac>"
        if styled { output += "</mstyle>" }
    }

    mutating func writeRoot(_ radicand: TeXNode, index: TeXNode?, display: Bool) {
        guard let index else {
            output += "<msqrt>"
            writeContents(radicand, display: display)
            output += "</msqrt>"
            return
        }
        output += "<mroot>"
        write(radicand, display: display)
        write(index, display: false)
        output += "</mroot>"
    }

    mutating func writeAccent(_ base: TeXNode, mark: String, under: Bool, stretchy: Bool, display: Bool) {
        output += under ? "<munder accentunder=\"true\">" : "<mover accent=\"true\">"
        write(base, display: display)
        writeOperator(mark, TeXOperator(.ordinary, stretchy: stretchy))
        output += under ? "</munder>" : "</mover>"
    }

    mutating func writeStack(_ base: TeXNode, over: TeXNode?, under: TeXNode?, display: Bool) {
        let tag = over != nil && under != nil ? "munderover" : over != nil ? "mover" : "munder"
        output += "<\(tag)>"
        write(base, display: display)
        if let under { write(under, display: false) }
        if let over { write(over, display: false) }
        output += "</\(tag)>"
    }

    /// `\left`/`\right` and environments' delimiters: stretchy, prefix and
    /// postfix, around the body in one `<mrow>` (the height they stretch to).
    mutating func writeFenced(open: String?, close: String?, _ body: [TeXNode], display: Bool) {
        output += "<mrow>"
        if let open { writeOperator(open, TeXOperator(.open, stretchy: true, form: "prefix")) }
        writeChildren(body, display: display, after: open == nil ? nil : .open)
        if let close { writeOperator(close, TeXOperator(.close, stretchy: true, form: "postfix")) }
        output += "</mrow>"
    }

    mutating func writeStyle(_ style: TeXStyle, _ nodes: [TeXNode], display: Bool) {
        let styled = openStyle(style)
        let inner = style == .display ? true : style == .inherited ? display : false
        if styled {
            writeChildren(nodes, display: inner)
            output += "</mstyle>"
        } else {
            writeRow(nodes, display: inner)
        }
    }

    /// `\phantom` takes room; `\hphantom` only its width, `\vphantom` only its height.
    mutating func writePhantom(_ content: TeXNode, width: Bool, height: Bool, display: Bool) {
        if !width { output += "<mpadded width=\"0\">" } else if !height { output += "<mpadded height=\"0\" depth=\"0\">" }
        output += "<mphantom>"
        writeContents(content, display: display)
        output += "</mphantom>"
        if !width || !height { output += "</mpadded>" }
    }

    /// A node's children directly, for elements that take any number of
    /// them (`math`, `msqrt`, `mtd`, `mphantom`, `mstyle`).
    mutating func writeContents(_ node: TeXNode, display: Bool) {
        if case .row(let nodes) = node { writeChildren(nodes, display: display) } else { write(node, display: display) }
    }

    /// A sequence, spaced as TeX spaces it where MathML's operator
    /// dictionary would not:
    /// - a binary operator that TeX makes ordinary — first, after an
    ///   operator, a relation, an opening delimiter or punctuation, or before
    ///   a relation, a closing delimiter, punctuation or the end — gets no
    ///   space (`lspace`/`rspace` "0"), and is a prefix in the first of those
    ///   places (`a = -b`, `(-1)^n`, `p(\cdot \mid \cdot)`);
    /// - a bar `|` or `‖` where an opening delimiter could stand opens a
    ///   group that the next such bar closes: prefix and postfix in one
    ///   `<mrow>`, as `\left| … \right|` would be (`n = |X|`); any other bar
    ///   is ordinary, without space (`a|b`);
    /// - a function's name (`\log`, `\operatorname{diag}`) gets TeX's thin
    ///   space after an ordinary symbol or a closing delimiter (`x \log y`),
    ///   and one `<mrow>` with the U+2061 before its argument: Firefox then
    ///   adds no space of its own around the name.
    mutating func writeChildren(_ nodes: [TeXNode], display: Bool, after start: TeXOperator.Kind? = nil) {
        var previous = start
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            if let close = Self.closingBar(nodes, opening: index, after: previous) {
                writeBarGroup(nodes[index...close], display: display)
                previous = .close
                index = close + 1
                continue
            }
            if case .op(let text, var op) = node {
                let next = nodes[(index + 1)...].lazy.compactMap(Self.kind(of:)).first
                if op.kind == .binary, op.form == nil, Self.makesBinaryOrdinary(previous: previous, next: next) {
                    if Self.isOperandPlace(previous) { op.form = "prefix" }
                    op.lspace = "0"
                    op.rspace = "0"
                } else if op.kind == .ordinary, Self.barCharacters.contains(text), op.lspace == nil {
                    op.lspace = "0"
                    op.rspace = "0"
                }
                writeOperator(text, op)
            } else if Self.isFunction(node) {
                writeFunction(node, before: index + 1 < nodes.count ? nodes[index + 1] : nil,
                              spaced: previous == .ordinary || previous == .close, display: display)
            } else {
                write(node, display: display)
            }
            if let kind = Self.kind(of: node) { previous = kind }
            index += 1
        }
    }

    /// Where a binary operator is a sign: first (nil), or after these.
    static func isOperandPlace(_ previous: TeXOperator.Kind?) -> Bool {
        guard let previous else { return true }
        return [.binary, .relation, .open, .punctuation, .large, .integral].contains(previous)
    }

    /// TeX's rule for a binary operator between `previous` and `next`
    /// (nil: the start or the end of the row).
    static func makesBinaryOrdinary(previous: TeXOperator.Kind?, next: TeXOperator.Kind?) -> Bool {
        guard let next else { return true }
        return isOperandPlace(previous) || [.relation, .close, .punctuation].contains(next)
    }

    static let barCharacters: Set<String> = ["|", "‖"]

    /// The bar a node is or ends with (`|` or `|^2`), if it is an ordinary one.
    static func bar(_ node: TeXNode) -> String? {
        switch node {
        case .op(let text, let op) where op.kind == .ordinary && op.form == nil && barCharacters.contains(text): return text
        case .scripts(let base, _, _, _): return bar(base)
        default: return nil
        }
    }

    /// The index of the bar that closes the group the bar at `index`
    /// opens, when that bar stands where an opening delimiter could.
    static func closingBar(_ nodes: [TeXNode], opening index: Int, after previous: TeXOperator.Kind?) -> Int? {
        guard case .op = nodes[index], let opening = bar(nodes[index]), isOperandPlace(previous) else { return nil }
        return nodes[(index + 1)...].firstIndex { bar($0) == opening }
    }

    /// `|x|`: the bars as prefix and postfix fences around their content.
    mutating func writeBarGroup(_ nodes: ArraySlice<TeXNode>, display: Bool) {
        func fence(_ node: TeXNode, _ form: String) -> TeXNode {
            switch node {
            case .op(let text, var op):
                op.form = form
                return .op(text, op)
            case .scripts(let base, let sub, let sup, let limits):
                return .scripts(base: fence(base, form), sub: sub, sup: sup, limits: limits)
            default:
                return node
            }
        }
        output += "<mrow>"
        write(fence(nodes.first!, "prefix"), display: display)
        writeChildren(Array(nodes.dropFirst().dropLast()), display: display, after: .open)
        write(fence(nodes.last!, "postfix"), display: display)
        output += "</mrow>"
    }

    /// A function's name (with its scripts), the thin space before it when
    /// `spaced`, and U+2061 when `next` is its argument.
    mutating func writeFunction(_ node: TeXNode, before next: TeXNode?, spaced: Bool, display: Bool) {
        if spaced { writeSpace(0.1667) }
        guard let apply = next.flatMap(Self.application(before:)) else {
            if spaced { output += "<mrow>" }
            write(node, display: display)
            if spaced { output += "</mrow>" }
            return
        }
        output += "<mrow>"
        write(node, display: display)
        output += apply
        output += "</mrow>"
    }

    /// TeX's class of a node, for the sign rule (nil: a space, which does not count).
    static func kind(of node: TeXNode) -> TeXOperator.Kind? {
        switch node {
        case .op(_, let op): return op.kind
        case .scripts(let base, _, _, _): return kind(of: base)
        case .function: return .large
        case .space: return nil
        default: return .ordinary
        }
    }

    static func isFunction(_ node: TeXNode) -> Bool {
        switch node {
        case .function: return true
        case .scripts(let base, _, _, _): return isFunction(base)
        default: return false
        }
    }

    /// U+2061 before `next`, or nil when `next` is not an argument (a
    /// relation, a binary operator, a closing delimiter, punctuation).
    static func application(before next: TeXNode) -> String? {
        switch next {
        case .op(_, let op):
            switch op.kind {
            case .open, .ordinary: return apply
            case .large, .integral: return applyWithSpace
            case .binary, .relation, .close, .punctuation: return nil
            }
        case .space: return apply
        case .scripts(let base, _, _, _): return application(before: base)
        default: return applyWithSpace
        }
    }

    mutating func writeScripts(_ base: TeXNode, sub: TeXNode?, sup: TeXNode?, limits: TeXLimits, display: Bool) {
        let underOver = limits == .always || limits == .displayOnly && display
        let tag: String
        switch (sub != nil, sup != nil, underOver) {
        case (true, true, false): tag = "msubsup"
        case (true, false, false): tag = "msub"
        case (false, _, false): tag = "msup"
        case (true, true, true): tag = "munderover"
        case (true, false, true): tag = "munder"
        case (false, _, true): tag = "mover"
        }
        output += "<\(tag)>"
        // Limits asked for in text style must not move back beside the operator.
        if underOver, !display, case .op(let text, var op) = base, op.kind == .large || op.kind == .integral {
            op.movableLimits = false
            writeOperator(text, op)
        } else {
            write(base, display: display)
        }
        if let sub { write(sub, display: false) }
        if let sup { write(sup, display: false) }
        output += "</\(tag)>"
    }

    mutating func writeOperator(_ text: String, _ op: TeXOperator) {
        output += "<mo"
        if let form = op.form { output += " form=\"\(form)\"" }
        if let stretchy = op.stretchy { output += stretchy ? " stretchy=\"true\"" : " stretchy=\"false\"" }
        if let size = op.size { output += " symmetric=\"true\" minsize=\"\(size)\" maxsize=\"\(size)\"" }
        if let largeOp = op.largeOp { output += largeOp ? " largeop=\"true\"" : " largeop=\"false\"" }
        if let movable = op.movableLimits { output += movable ? " movablelimits=\"true\"" : " movablelimits=\"false\"" }
        if let lspace = op.lspace { output += " lspace=\"\(lspace)\"" }
        if let rspace = op.rspace { output += " rspace=\"\(rspace)\"" }
        output += ">"
        output += HTML.escape(text)
        output += "</mo>"
    }

    mutating func leaf(_ tag: String, _ text: String) {
        output += "<\(tag)>"
        output += HTML.escape(text)
        output += "</\(tag)>"
    }

    /// `<mstyle>` for a style other than the surrounding one; whether it opened one.
    mutating func openStyle(_ style: TeXStyle) -> Bool {
        switch style {
        case .inherited: return false
        case .display: output += "<mstyle displaystyle=\"true\">"
        case .text: output += "<mstyle displaystyle=\"false\">"
        case .script: output += "<mstyle displaystyle=\"false\" scriptlevel=\"1\">"
        }
        return true
    }

    /// A width in em, with at most four decimals and no trailing zeros.
    static func em(_ width: Double) -> String {
        let scaled = Int((width * 10_000).rounded())
        let whole = scaled / 10_000
        var fraction = String(scaled % 10_000)
        guard fraction != "0" else { return "\(whole)em" }
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)em"
    }
}
