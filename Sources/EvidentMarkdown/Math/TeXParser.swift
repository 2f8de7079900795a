/// A recursive-descent parser from TeX's tokens to `TeXNode`s, one function
/// per rule of this grammar (spaces are skipped everywhere in math):
///
///     formula     = row END
///     row         = { atom-scripts | style-switch | "\over" row }
///     atom-scripts= atom [ "\limits" | "\nolimits" ] { "'" | "^" argument | "_" argument }
///     atom        = character | live-slot | group | command
///     group       = "{" row "}"
///     argument    = group | single-atom
///     command     = symbol | font "{" row "}" | "\frac" argument argument | "\sqrt" ["[" row "]"] argument
///                 | "\left" delimiter row { "\middle" delimiter row } "\right" delimiter
///                 | "\begin{" name "}" cell { ("&" | "\\") cell } "\end{" name "}" | …
///
/// A row ends at what it cannot contain (`}`, `&`, `\\`, `\end`, `\right`,
/// `\middle`, the end) and leaves it for the rule that called it, which
/// knows whether it is welcome: the error for an unbalanced construct is
/// therefore reported by the innermost construct left open.
///
/// Every rule that nests (groups, arguments, environments, `\left`) passes
/// through `enter`, which bounds the depth: no input recurses deeper than
/// `TeXError.maximumDepth` levels, and the parser is linear in the tokens.
struct TeXParser {
    /// What may end the row being read, besides the row-ending tokens.
    enum RowEnd: Equatable {
        case none
        /// The `]` of an optional argument (`\sqrt[n]`).
        case bracket
        /// The closing `$` of math inside `\text`.
        case dollar
    }

    var tokens: [TeXToken]
    var position = 0
    var depth = 0
    /// How many environments are open around the current row.
    var environments = 0
    /// The font that letters get (`\mathbf{…}`), nil for TeX's default.
    var font: MathFont? = nil
    let live: [String]
    let macros: TeXMacros

    init(tokens: [TeXToken], live: [String], macros: TeXMacros) {
        self.tokens = tokens
        self.live = live
        self.macros = macros
    }

    // MARK: Tokens

    /// The next token that is not a space.
    mutating func peek() -> TeXToken? {
        while position < tokens.count, tokens[position].kind == .space { position += 1 }
        return position < tokens.count ? tokens[position] : nil
    }

    @discardableResult
    mutating func advance() -> TeXToken {
        let token = tokens[position]
        position += 1
        return token
    }

    /// Consumes the next token if it is `kind`.
    mutating func match(_ kind: TeXToken.Kind) -> TeXToken? {
        guard let token = peek(), token.kind == kind else { return nil }
        return advance()
    }

    /// Consumes the next token, which must be `kind`; otherwise the error
    /// says what was expected.
    @discardableResult
    mutating func consume(_ kind: TeXToken.Kind, _ expected: @autoclosure () -> TeXError) throws(TeXError) -> TeXToken {
        guard let token = match(kind) else { throw expected() }
        return token
    }

    /// One level deeper; the caller goes back up with `depth -= 1`.
    mutating func enter(_ token: TeXToken) throws(TeXError) {
        depth += 1
        if depth > TeXError.maximumDepth { throw TeXError.tooDeep(at: token) }
    }

    /// The last token's end, for errors that span several tokens.
    var end: Int { position > 0 ? tokens[position - 1].offset + tokens[position - 1].length : 0 }

    /// A token as the author wrote it, for messages.
    static func spelling(_ token: TeXToken) -> String {
        switch token.kind {
        case .command(let name): return "\\" + name
        case .character(let scalar): return String(scalar)
        case .beginGroup: return "{"
        case .endGroup: return "}"
        case .caret: return "^"
        case .underscore: return "_"
        case .alignment: return "&"
        case .parameter(let n): return "#\(n)"
        case .space: return " "
        case .live: return "a live number"
        }
    }

    // MARK: Rules

    /// formula = row END
    mutating func parseFormula() throws(TeXError) -> TeXNode {
        let row = try parseRow()
        if let token = peek() { throw misplaced(token) }
        return .row(row)
    }

    /// Whether a token ends a row whatever the row is in.
    func endsRow(_ token: TeXToken) -> Bool {
        switch token.kind {
        case .endGroup, .alignment: return true
        case .command(let name): return name == "\\" || name == "end" || name == "right" || name == "middle"
        default: return false
        }
    }

    /// row = { atom-scripts | style-switch | "\over" row }
    mutating func parseRow(until rowEnd: RowEnd = .none) throws(TeXError) -> [TeXNode] {
        var nodes: [TeXNode] = []
        while let token = peek(), !endsRow(token) {
            if rowEnd == .bracket, token.kind == .character("]") { break }
            if rowEnd == .dollar, token.kind == .character("$") { break }
            if case .command(let name) = token.kind, Self.styleSwitches[name] != nil || Self.infixFractions[name] != nil {
                return try parseRowSwitch(name, before: nodes, until: rowEnd)
            }
            nodes.append(try parseAtomWithScripts())
        }
        return nodes
    }

    /// `\displaystyle` (the rest of the row in that style) and `\over`
    /// (what came before over the rest of the row).
    mutating func parseRowSwitch(_ name: String, before nodes: [TeXNode], until rowEnd: RowEnd) throws(TeXError) -> [TeXNode] {
        advance()
        let rest = try parseRow(until: rowEnd)
        if let style = Self.styleSwitches[name] { return nodes + [.style(style, rest)] }
        let fraction = Self.infixFractions[name]!
        let node = TeXNode.fraction(.row(nodes), .row(rest), style: .inherited, thickness: fraction.thickness)
        guard let open = fraction.open else { return [node] }
        return [.fenced(open: open, close: fraction.close, [node])]
    }

    static let styleSwitches: [String: TeXStyle] = [
        "displaystyle": .display, "textstyle": .text, "scriptstyle": .script, "scriptscriptstyle": .script,
    ]

    static let infixFractions: [String: (thickness: String?, open: String?, close: String?)] = [
        "over": (nil, nil, nil), "atop": ("0", nil, nil), "choose": ("0", "(", ")"),
    ]

    /// The error for a row-ending token where the construct being read
    /// cannot take it.
    mutating func misplaced(_ token: TeXToken) -> TeXError {
        switch token.kind {
        case .endGroup:
            return TeXError("unbalanced `}`: no matching `{`", at: token)
        case .alignment:
            return environments > 0
                ? TeXError("`&` must be directly in an environment's cell, not inside a group or `\\left … \\right`", at: token)
                : TeXError("`&` outside an environment; use `aligned`, `cases` or a matrix for columns", at: token)
        case .command("\\"):
            return environments > 0
                ? TeXError("`\\\\` must be directly in an environment's cell, not inside a group or `\\left … \\right`", at: token)
                : TeXError("`\\\\` outside an environment; use `aligned` or `gathered` for several lines", at: token)
        case .command("end"):
            let start = token.offset
            advance()
            let name = (try? readEnvironmentName(after: token))?.name ?? ""
            return TeXError("`\\end{\(name)}` without a matching `\\begin{\(name)}`", offset: start, length: end - start)
        case .command("right"):
            return TeXError("`\\right` without a matching `\\left`", at: token)
        case .command("middle"):
            return TeXError("`\\middle` outside `\\left … \\right`", at: token)
        case .character("]"):
            return TeXError("unexpected `]`", at: token)
        default:
            return TeXError("unexpected `\(Self.spelling(token))`", at: token)
        }
    }

    /// atom-scripts = atom [ "\limits" | "\nolimits" ] { "'" | "^" argument | "_" argument }
    mutating func parseAtomWithScripts() throws(TeXError) -> TeXNode {
        let (base, limits) = try parseAtom()
        return try parseScripts(base, limits: try parseLimits(limits))
    }

    /// argument = group | single-atom. A missing one is an error about `command`.
    mutating func parseArgument(of command: TeXToken, missing: Missing) throws(TeXError) -> TeXNode {
        guard let token = peek(), !endsRow(token) else {
            throw TeXError(missing.message(for: command), at: command)
        }
        if token.kind == .beginGroup { return try parseGroup() }
        try enter(token)
        defer { depth -= 1 }
        switch token.kind {
        case .caret, .underscore, .character("'"):
            throw TeXError(missing.message(for: command), at: command)
        default:
            return try parseAtom(single: true).node
        }
    }

    /// group = "{" row "}"
    mutating func parseGroup() throws(TeXError) -> TeXNode {
        let open = advance()
        try enter(open)
        defer { depth -= 1 }
        let row = try parseRow()
        guard let close = peek(), close.kind == .endGroup else { throw unclosedGroup(open) }
        advance()
        return .row(row)
    }

    mutating func unclosedGroup(_ open: TeXToken) -> TeXError {
        if let token = peek(), token.kind == .alignment || token.kind == .command("\\") { return misplaced(token) }
        return TeXError("unbalanced `{`: no matching `}`", at: open)
    }

    /// atom = character | live-slot | group | command. Also says where
    /// scripts would go when the atom is a large operator (nil: it is not).
    /// `single`: one token only, as for `\frac12`.
    mutating func parseAtom(single: Bool = false) throws(TeXError) -> (node: TeXNode, limits: TeXLimits?) {
        guard let token = peek() else { return (.row([]), nil) }
        switch token.kind {
        case .beginGroup:
            return (try parseGroup(), nil)
        case .caret, .underscore, .character("'"):
            // Scripts with nothing before them (`^2`, `{}^{14}C`) have an empty base.
            return (.row([]), nil)
        case .live(let index):
            advance()
            return (liveNode(index), nil)
        case .character(let scalar):
            advance()
            return (try character(scalar, token: token, single: single), nil)
        case .command(let name):
            advance()
            return try parseCommand(name, token: token)
        default:
            throw misplaced(token)
        }
    }
}
