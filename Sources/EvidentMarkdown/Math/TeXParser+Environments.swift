/// `\begin{name} … \end{name}`: matrices, cases, aligned equations, arrays.
extension TeXParser {
    /// What an environment looks like: its delimiters and its table's layout.
    struct Environment {
        var open: String? = nil
        var close: String? = nil
        var table: TeXTable
        /// The cells' style: `smallmatrix` is in script style.
        var style: TeXStyle? = nil
        /// `array` reads its columns from an argument.
        var takesColumns = false
    }

    static let environmentList: [String: Environment] = {
        let centered = TeXTable(layout: .centered)
        let cases = TeXTable(layout: .cases)
        let aligned = TeXTable(layout: .aligned, displayStyle: true)
        let gathered = TeXTable(layout: .centered, displayStyle: true)
        var list: [String: Environment] = [
            "matrix": Environment(table: centered),
            "pmatrix": Environment(open: "(", close: ")", table: centered),
            "bmatrix": Environment(open: "[", close: "]", table: centered),
            "Bmatrix": Environment(open: "{", close: "}", table: centered),
            "vmatrix": Environment(open: "|", close: "|", table: centered),
            "Vmatrix": Environment(open: "‖", close: "‖", table: centered),
            "smallmatrix": Environment(table: centered, style: .script),
            "cases": Environment(open: "{", table: cases),
            "rcases": Environment(close: "}", table: cases),
            "array": Environment(table: TeXTable(layout: .array), takesColumns: true),
        ]
        var dcases = cases
        dcases.displayStyle = true
        list["dcases"] = Environment(open: "{", table: dcases)
        for name in ["aligned", "align", "align*", "split", "alignat", "alignat*", "alignedat", "flalign*"] {
            list[name] = Environment(table: aligned)
        }
        for name in ["gathered", "gather", "gather*", "multline", "multline*"] {
            list[name] = Environment(table: gathered)
        }
        return list
    }()

    /// The name in braces after `\begin` or `\end`, and where it is.
    mutating func readEnvironmentName(after command: TeXToken) throws(TeXError) -> (name: String, offset: Int, length: Int) {
        let spelling = Self.spelling(command)
        let open = try consume(.beginGroup, TeXError(
            "`\(spelling)` must be followed by an environment's name in braces, like `\(spelling){pmatrix}`", at: command))
        var name = ""
        while let token = peek(), case .character(let scalar) = token.kind {
            advance()
            name.unicodeScalars.append(scalar)
        }
        try consume(.endGroup, TeXError("`\(spelling){` without a matching `}`", at: open))
        return (name, open.offset + 1, end - open.offset - 2)
    }

    /// "\begin{" name "}" [ "{" columns "}" ] cell { ("&" | "\\") cell } "\end{" name "}"
    mutating func parseEnvironment(command: TeXToken) throws(TeXError) -> TeXNode {
        try enter(command)
        defer { depth -= 1 }
        let (name, nameOffset, nameLength) = try readEnvironmentName(after: command)
        let beginLength = end - command.offset
        guard var environment = Self.environmentList[name] else {
            let suggestion = Self.nearest(name, among: Array(Self.environmentList.keys))
            throw TeXError("unknown environment `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                           offset: nameOffset, length: nameLength)
        }
        if environment.takesColumns { try readColumns(into: &environment.table, for: command) }
        if name.hasPrefix("alignat") || name == "alignedat" {
            // The number of column pairs is not needed to lay the table out.
            _ = try argument(1, of: 1, for: command)
        }
        environments += 1
        defer { environments -= 1 }
        var rows: [[TeXNode]] = [[]]
        while true {
            let cell = try parseRow()
            rows[rows.count - 1].append(.row(cell))
            guard let token = peek() else {
                throw TeXError("`\\begin{\(name)}` without a matching `\\end{\(name)}`", offset: command.offset, length: beginLength)
            }
            switch token.kind {
            case .alignment:
                advance()
            case .command("\\"):
                advance()
                skipRowSpacing()
                rows.append([])
            case .command("end"):
                advance()
                let (closing, _, _) = try readEnvironmentName(after: token)
                guard closing == name else {
                    throw TeXError("`\\end{\(closing)}` does not match `\\begin{\(name)}`", offset: token.offset, length: end - token.offset)
                }
                // A final `\\` makes no empty row.
                if rows.count > 1, rows[rows.count - 1] == [.row([])] { rows.removeLast() }
                environment.table.rows = rows
                var node = TeXNode.table(environment.table)
                if let style = environment.style { node = .style(style, [node]) }
                if environment.open != nil || environment.close != nil {
                    node = .fenced(open: environment.open, close: environment.close, [node])
                }
                return node
            default:
                throw misplaced(token)
            }
        }
    }

    /// The optional `[2pt]` after `\\`, which MathML has no use for.
    mutating func skipRowSpacing() {
        guard position < tokens.count, tokens[position].kind == .character("[") else { return }
        var index = position + 1
        while index < tokens.count, index - position < 32 {
            if tokens[index].kind == .character("]") {
                position = index + 1
                return
            }
            index += 1
        }
    }

    /// `array`'s columns: `l`, `c`, `r` and `|` for a rule.
    mutating func readColumns(into table: inout TeXTable, for command: TeXToken) throws(TeXError) {
        let open = try consume(.beginGroup, TeXError("`\\begin{array}` must be followed by its columns, like `{cc}`", at: command))
        var columns: [TeXTable.Alignment] = []
        while let token = peek(), token.kind != .endGroup {
            advance()
            switch token.kind {
            case .character("l"): columns.append(.left)
            case .character("c"): columns.append(.center)
            case .character("r"): columns.append(.right)
            case .character("|"): table.rules.insert(columns.count)
            default:
                throw TeXError("unknown column `\(Self.spelling(token))` in `array`'s columns; use `l`, `c`, `r` and `|`", at: token)
            }
        }
        try consume(.endGroup, TeXError("unbalanced `{`: no matching `}`", at: open))
        table.columns = columns
    }
}
