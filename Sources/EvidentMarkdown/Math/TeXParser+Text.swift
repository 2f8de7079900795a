/// Text inside math: `\text{…}` and its siblings.
extension TeXParser {
    /// The text commands and the font of their letters (nil: as typed).
    static let textFonts: [String: MathFont?] = [
        "text": nil, "textrm": nil, "textnormal": nil, "textup": nil, "mbox": nil, "textmd": nil,
        "textbf": .bold, "textit": .italic, "textsf": .sansSerif, "texttt": .monospace,
    ]

    /// Commands that stand for a character in text.
    static let textSymbols: [String: String] = [
        "{": "{", "}": "}", "$": "$", "%": "%", "&": "&", "_": "_", "#": "#", " ": " ",
        ",": "\u{2009}", ";": "\u{2005}", ":": "\u{2005}", "!": "", "quad": "\u{2003}", "qquad": "\u{2003}\u{2003}",
        "textbackslash": "\\", "ldots": "…", "dots": "…", "textendash": "–", "textemdash": "—",
        "textasciitilde": "~", "textasciicircum": "^", "S": "§",
    ]

    /// text = "{" { character | space | text-command | "$" row "$" | group } "}"
    ///
    /// Runs of characters become `<mtext>`, with their outer spaces made
    /// non-breaking (a browser would drop them); `$…$` inside is math again.
    mutating func parseText(_ textFont: MathFont?, command: TeXToken) throws(TeXError) -> TeXNode {
        guard let open = peek(), !endsRow(open) else {
            throw TeXError("`\(Self.spelling(command))` is missing its argument", at: command)
        }
        var parts: [TeXNode] = []
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            var scalars = Array(run.unicodeScalars)
            if scalars.first == " " { scalars[0] = "\u{A0}" }
            if scalars.last == " " { scalars[scalars.count - 1] = "\u{A0}" }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            parts.append(.text(textFont.map { $0.map(String(text)) } ?? String(text)))
            run = ""
        }
        guard open.kind == .beginGroup else {
            // A single token: `\text x`.
            advance()
            if case .character(let scalar) = open.kind { return .text(textFont.map { $0.map(String(scalar)) } ?? String(scalar)) }
            throw TeXError("`\(Self.spelling(command))` must be followed by text in braces", at: command)
        }
        advance()
        try enter(open)
        defer { depth -= 1 }
        var nesting = 1
        while true {
            guard position < tokens.count else { throw TeXError("unbalanced `{`: no matching `}`", at: open) }
            let token = advance()
            switch token.kind {
            case .beginGroup:
                try enter(token)
                nesting += 1
            case .endGroup:
                nesting -= 1
                if nesting == 0 {
                    flush()
                    return parts.count == 1 ? parts[0] : .row(parts)
                }
                depth -= 1
            case .space:
                if !run.hasSuffix(" ") { run += " " }
            case .character("$"):
                flush()
                try enter(token)
                let math = try parseRow(until: .dollar)
                try consume(.character("$"), TeXError("`$` in text without a closing `$`", at: token))
                depth -= 1
                parts.append(.row(math))
            case .character("~"):
                run += "\u{A0}"
            case .character(let scalar):
                run.unicodeScalars.append(scalar)
            case .live(let index):
                flush()
                parts.append(liveNode(index))
            case .command(let name):
                if let symbol = Self.textSymbols[name] {
                    run += symbol
                } else if let inner = Self.textFonts[name] {
                    flush()
                    parts.append(try parseText(inner ?? textFont, command: token))
                } else {
                    throw TeXError("`\\\(name)` is not available in text; write it as math, `$\\\(name)$`", at: token)
                }
            case .caret, .underscore, .alignment, .parameter:
                throw TeXError("`\(Self.spelling(token))` is not available in text; write it as math, inside `$…$`", at: token)
            }
        }
    }
}
