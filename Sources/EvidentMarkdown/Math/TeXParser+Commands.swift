/// command = symbol | space | font argument | accent argument | fraction | root | …
///
/// Each kind of command has its own small function: the parser recurses
/// through them, and small frames keep 200 levels of nesting within a
/// thread's stack even in a debug build.
extension TeXParser {
    /// What a command is, looked up once by name.
    enum Command {
        case symbol(TeXSymbol)
        case space(Double)
        case delimiter(String)
        case font(MathFont)
        case accent(TeXSymbols.Accent, limits: TeXLimits?)
        case sized(size: String, form: String?)
        case fraction(TeXStyle)
        case binomial(TeXStyle)
        case text(MathFont?)
        case other
    }

    static let commands: [String: Command] = {
        var table: [String: Command] = [:]
        for (name, symbol) in TeXSymbols.table { table[name] = .symbol(symbol) }
        for (name, width) in TeXSymbols.spaces { table[name] = .space(width) }
        for (name, delimiter) in TeXSymbols.commandDelimiters where table[name] == nil { table[name] = .delimiter(delimiter) }
        for (name, font) in MathFont.commands { table[name] = .font(font) }
        for (name, accent) in TeXSymbols.accents {
            table[name] = .accent(accent, limits: name == "overbrace" || name == "underbrace" ? .always : nil)
        }
        for (name, sized) in TeXSymbols.sizedDelimiters { table[name] = .sized(size: sized.size, form: sized.form) }
        for (name, style) in ["frac": TeXStyle.inherited, "dfrac": .display, "tfrac": .text, "cfrac": .display] {
            table[name] = .fraction(style)
        }
        for (name, style) in ["binom": TeXStyle.inherited, "dbinom": .display, "tbinom": .text] { table[name] = .binomial(style) }
        for (name, font) in textFonts { table[name] = .text(font) }
        return table
    }()

    mutating func parseCommand(_ name: String, token: TeXToken) throws(TeXError) -> (node: TeXNode, limits: TeXLimits?) {
        switch Self.commands[name] ?? .other {
        case .symbol(let symbol): return symbolNode(symbol)
        case .space(let width): return (.space(width), nil)
        case .delimiter(let delimiter):
            if let (kind, form) = TeXSymbols.sidedBars[name] {
                return (.op(delimiter, TeXOperator(kind, stretchy: false, form: form)), nil)
            }
            return (.op(delimiter, TeXOperator(TeXSymbols.delimiterKind(delimiter), stretchy: false)), nil)
        case .font(let font): return (try parseFont(font, command: token), nil)
        case .accent(let accent, let limits): return (try parseAccent(accent, command: token), limits)
        case .sized(let size, let form): return (try parseSizedDelimiter(size, form: form, command: token), nil)
        case .fraction(let style): return (try parseFraction(style, command: token), nil)
        case .binomial(let style): return (try parseBinomial(style, command: token), nil)
        case .text(let font): return (try parseText(font, command: token), nil)
        case .other: return try parseOther(name, token: token)
        }
    }

    mutating func parseOther(_ name: String, token: TeXToken) throws(TeXError) -> (node: TeXNode, limits: TeXLimits?) {
        switch name {
        case "sqrt": return (try parseRoot(command: token), nil)
        case "left": return (try parseLeftRight(command: token), nil)
        case "begin": return (try parseEnvironment(command: token), nil)
        case "operatorname": return try parseOperatorName(command: token)
        case "overset", "stackrel", "underset": return (try parseStack(over: name != "underset", command: token), nil)
        case "not": return (try parseNot(command: token), nil)
        case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xleftrightarrow", "xmapsto":
            return (try parseExtensibleArrow(name, command: token), nil)
        case "substack": return (try parseSubstack(command: token), nil)
        case "phantom", "hphantom", "vphantom": return (try parsePhantom(name, command: token), nil)
        case " ": return (.text("\u{A0}"), nil)
        case "bmod": return (.op("mod", TeXOperator(.binary)), nil)
        case "pmod", "mod", "pod": return (try parseModulo(name, command: token), nil)
        case "newcommand", "renewcommand", "def", "let", "DeclareMathOperator":
            throw TeXError("`\\\(name)` is not available inside math; define macros in the front matter's `macros:`", at: token)
        default:
            throw unknownCommand(name, at: token)
        }
    }

    /// Argument `number` of `total` of a command, with an error naming it when missing.
    mutating func argument(_ number: Int, of total: Int, for command: TeXToken) throws(TeXError) -> TeXNode {
        try parseArgument(of: command, missing: .argument(number, of: total))
    }

    mutating func parseFraction(_ style: TeXStyle, command: TeXToken) throws(TeXError) -> TeXNode {
        let numerator = try argument(1, of: 2, for: command)
        return .fraction(numerator, try argument(2, of: 2, for: command), style: style, thickness: nil)
    }

    mutating func parseBinomial(_ style: TeXStyle, command: TeXToken) throws(TeXError) -> TeXNode {
        let top = try argument(1, of: 2, for: command)
        let fraction = TeXNode.fraction(top, try argument(2, of: 2, for: command), style: style, thickness: "0")
        return .fenced(open: "(", close: ")", [fraction])
    }

    mutating func parseAccent(_ accent: TeXSymbols.Accent, command: TeXToken) throws(TeXError) -> TeXNode {
        .accent(try argument(1, of: 1, for: command), mark: accent.mark, under: accent.under, stretchy: accent.stretchy)
    }

    /// `\overset{a}{b}` and `\stackrel{a}{b}` put a over b; `\underset{a}{b}` puts it under.
    mutating func parseStack(over: Bool, command: TeXToken) throws(TeXError) -> TeXNode {
        let script = try argument(1, of: 2, for: command)
        let base = try argument(2, of: 2, for: command)
        return over ? .stack(base, over: script, under: nil) : .stack(base, over: nil, under: script)
    }

    mutating func parsePhantom(_ name: String, command: TeXToken) throws(TeXError) -> TeXNode {
        .phantom(try argument(1, of: 1, for: command), width: name != "vphantom", height: name != "hphantom")
    }

    /// `\pmod{n}` is ␣(mod n), `\mod{n}` ␣mod n, `\pod{n}` ␣(n), after a quad.
    mutating func parseModulo(_ name: String, command: TeXToken) throws(TeXError) -> TeXNode {
        let argument = try argument(1, of: 1, for: command)
        let open = TeXNode.op("(", TeXOperator(.open, stretchy: false))
        let close = TeXNode.op(")", TeXOperator(.close, stretchy: false))
        let mod = TeXNode.identifier("mod", upright: false)
        switch name {
        case "pmod": return .row([.space(1), open, mod, .space(0.3333), argument, close])
        case "mod": return .row([.space(1), mod, .space(0.3333), argument])
        default: return .row([.space(1), open, argument, close])
        }
    }

    /// font "{" row "}": the letters inside in the font; `\mathrm` letters
    /// that follow each other make one `<mi>` (`\mathrm{KL}`).
    mutating func parseFont(_ font: MathFont, command: TeXToken) throws(TeXError) -> TeXNode {
        let saved = self.font
        self.font = font
        defer { self.font = saved }
        let content = try argument(1, of: 1, for: command)
        guard font == .roman, case .row(let nodes) = content else { return content }
        var merged: [TeXNode] = []
        for node in nodes {
            if case .identifier(let next, true) = node, next.unicodeScalars.allSatisfy(TeXLexer.isLetter),
               case .identifier(let previous, true)? = merged.last, previous.unicodeScalars.allSatisfy(TeXLexer.isLetter) {
                merged[merged.count - 1] = .identifier(previous + next, upright: true)
            } else {
                merged.append(node)
            }
        }
        return .row(merged)
    }

    /// "\sqrt" [ "[" row "]" ] argument
    mutating func parseRoot(command: TeXToken) throws(TeXError) -> TeXNode {
        var index: TeXNode? = nil
        if let open = match(.character("[")) {
            try enter(open)
            let row = try parseRow(until: .bracket)
            try consume(.character("]"), TeXError("`\\sqrt[` without a matching `]`", at: open))
            depth -= 1
            index = .row(row)
        }
        return .root(try argument(1, of: 1, for: command), index: index)
    }

    /// A delimiter after `\left`, `\right`, `\middle` or `\big`: "" for `.`.
    mutating func parseDelimiter(after command: TeXToken) throws(TeXError) -> String {
        guard let token = peek(), let delimiter = TeXSymbols.delimiter(token.kind) else {
            throw TeXError("`\(Self.spelling(command))` must be followed by a delimiter such as `(`, `[`, `\\{`, `|` or `.`",
                           at: command)
        }
        advance()
        return delimiter
    }

    mutating func parseSizedDelimiter(_ size: String, form: String?, command: TeXToken) throws(TeXError) -> TeXNode {
        let delimiter = try parseDelimiter(after: command)
        guard !delimiter.isEmpty else { return .row([]) }
        let kind: TeXOperator.Kind
        switch form {
        case "prefix": kind = .open
        case "postfix": kind = .close
        case "infix": kind = .relation
        default: kind = TeXSymbols.delimiterKind(delimiter)
        }
        return .op(delimiter, TeXOperator(kind, stretchy: true, form: form, size: size))
    }

    /// "\left" delimiter row { "\middle" delimiter row } "\right" delimiter
    mutating func parseLeftRight(command: TeXToken) throws(TeXError) -> TeXNode {
        try enter(command)
        defer { depth -= 1 }
        let open = try parseDelimiter(after: command)
        let left = TeXToken(kind: command.kind, offset: command.offset, length: end - command.offset)
        let leftSpelling = "\\left" + Self.spelling(tokens[position - 1])
        var body: [TeXNode] = []
        while true {
            body += try parseRow()
            guard let token = peek() else { break }
            switch token.kind {
            case .command("right"):
                advance()
                let close = try parseDelimiter(after: token)
                return .fenced(open: open.isEmpty ? nil : open, close: close.isEmpty ? nil : close, body)
            case .command("middle"):
                advance()
                let middle = try parseDelimiter(after: token)
                body.append(.op(middle, TeXOperator(.relation, stretchy: true)))
            case .alignment, .command("\\"):
                throw misplaced(token)
            default:
                throw TeXError("`\(leftSpelling)` without a matching `\\right`", at: left)
            }
        }
        throw TeXError("`\(leftSpelling)` without a matching `\\right`", at: left)
    }

    /// "\operatorname" ["*"] "{" letters "}": one upright name; with `*`
    /// its scripts are limits in display style.
    mutating func parseOperatorName(command: TeXToken) throws(TeXError) -> (node: TeXNode, limits: TeXLimits?) {
        let star = position < tokens.count && tokens[position].kind == .character("*")
        if star { advance() }
        guard let open = peek(), !endsRow(open) else {
            throw TeXError("`\\operatorname` is missing its argument", at: command)
        }
        var name = ""
        if open.kind == .beginGroup {
            advance()
            try enter(open)
            var depth = 1
            while depth > 0 {
                guard position < tokens.count else { throw TeXError("unbalanced `{`: no matching `}`", at: open) }
                let token = advance()
                switch token.kind {
                case .beginGroup: depth += 1
                case .endGroup: depth -= 1
                case .space: break
                case .character(let scalar): name.unicodeScalars.append(scalar == "-" ? "‐" : scalar)
                case .command(",") , .command(":"), .command(";"), .command(" "): name += "\u{2009}"
                case .command("!"): break
                default:
                    throw TeXError("`\\operatorname` takes letters, not `\(Self.spelling(token))`", at: token)
                }
            }
            self.depth -= 1
        } else if case .character(let scalar) = open.kind {
            advance()
            name = String(scalar)
        } else {
            throw TeXError("`\\operatorname` takes letters, not `\(Self.spelling(open))`", at: open)
        }
        guard !name.isEmpty else { throw TeXError("`\\operatorname` needs a name", at: command) }
        return (.function(name), star ? .displayOnly : nil)
    }

    /// "\not" relation: the negated relation (`\not=` is ≠).
    mutating func parseNot(command: TeXToken) throws(TeXError) -> TeXNode {
        let next = try parseArgument(of: command, missing: .relation)
        switch next {
        case .op(let text, let op): return .op(TeXSymbols.negated(text), op)
        case .identifier(let text, let upright): return .identifier(text + "\u{338}", upright: upright)
        default: throw TeXError(Missing.relation.message(for: command), at: command)
        }
    }

    /// "\xrightarrow" [ "[" row "]" ] argument: an arrow as long as its labels.
    mutating func parseExtensibleArrow(_ name: String, command: TeXToken) throws(TeXError) -> TeXNode {
        let arrows = ["xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐",
                      "xleftrightarrow": "↔", "xmapsto": "↦"]
        var below: TeXNode? = nil
        if let open = match(.character("[")) {
            try enter(open)
            let row = try parseRow(until: .bracket)
            try consume(.character("]"), TeXError("`\\\(name)[` without a matching `]`", at: open))
            depth -= 1
            below = Self.padded(.row(row))
        }
        let above = Self.padded(try argument(1, of: 1, for: command))
        let arrow = TeXNode.op(arrows[name] ?? "→", TeXOperator(.relation, stretchy: true))
        return .stack(arrow, over: above, under: below)
    }

    /// A label with TeX's room on either side of an extensible arrow's label.
    static func padded(_ node: TeXNode) -> TeXNode { .row([.space(0.2778), node, .space(0.2778)]) }

    /// "\substack" "{" row { "\\" row } "}": lines of a limit, one under the other.
    mutating func parseSubstack(command: TeXToken) throws(TeXError) -> TeXNode {
        guard let open = match(.beginGroup) else {
            throw TeXError("`\\substack` must be followed by its lines in braces", at: command)
        }
        try enter(open)
        environments += 1
        defer { depth -= 1; environments -= 1 }
        var rows: [[TeXNode]] = []
        while true {
            rows.append([.row(try parseRow())])
            guard let token = peek() else { throw TeXError("unbalanced `{`: no matching `}`", at: open) }
            switch token.kind {
            case .command("\\"): advance()
            case .endGroup:
                advance()
                return .table(TeXTable(layout: .stacked, rows: rows))
            default: throw misplaced(token)
            }
        }
    }
}
