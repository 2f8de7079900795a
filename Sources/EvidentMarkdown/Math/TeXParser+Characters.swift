/// Characters and live numbers in math mode.
extension TeXParser {
    /// The operators among TeX's characters, in TeX's classes, with the
    /// character MathML wants (a minus is U+2212).
    static let characterOperators: [Unicode.Scalar: (String, TeXOperator)] = [
        "+": ("+", TeXOperator(.binary)),
        "-": ("−", TeXOperator(.binary)),
        "*": ("∗", TeXOperator(.binary)),
        "=": ("=", TeXOperator(.relation)),
        "<": ("<", TeXOperator(.relation)),
        ">": (">", TeXOperator(.relation)),
        ":": (":", TeXOperator(.relation)),
        ",": (",", TeXOperator(.punctuation)),
        ";": (";", TeXOperator(.punctuation)),
        "!": ("!", TeXOperator(.close)),
        "?": ("?", TeXOperator(.close)),
        "(": ("(", TeXOperator(.open, stretchy: false)),
        ")": (")", TeXOperator(.close, stretchy: false)),
        "[": ("[", TeXOperator(.open, stretchy: false)),
        "]": ("]", TeXOperator(.close, stretchy: false)),
        "|": ("|", TeXOperator(.ordinary, stretchy: false)),
        // TeX sets `/` and `.` as ordinary symbols, without space around them.
        "/": ("/", TeXOperator(.ordinary, stretchy: false, lspace: "0", rspace: "0")),
        ".": (".", TeXOperator(.ordinary, lspace: "0", rspace: "0")),
    ]

    /// Symbols typed as Unicode (`θ`, `≤`, `∑`) read as their commands do.
    static let unicodeSymbols: [Unicode.Scalar: TeXSymbol] = {
        var table: [Unicode.Scalar: TeXSymbol] = [:]
        for (_, symbol) in TeXSymbols.table.sorted(by: { $0.key < $1.key }) {
            switch symbol {
            case .identifier(let text, _), .op(let text, _), .largeOperator(let text, _):
                if text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, scalar.value > 0x7F,
                   table[scalar] == nil {
                    table[scalar] = symbol
                }
            case .function: break
            }
        }
        return table
    }()

    /// character = letter | digits | operator | other
    mutating func character(_ scalar: Unicode.Scalar, token: TeXToken, single: Bool) throws(TeXError) -> TeXNode {
        if TeXLexer.isLetter(scalar) {
            return letter(String(scalar), upright: false)
        }
        if ("0"..."9").contains(scalar) {
            return single ? .number(fonted(String(scalar))) : number(startingWith: scalar)
        }
        if scalar == "~" { return .text("\u{A0}") }
        if let (text, op) = Self.characterOperators[scalar] {
            if scalar == ".", !single, let next = peekCharacter(), ("0"..."9").contains(next) {
                return number(startingWith: scalar)
            }
            return .op(text, op)
        }
        if let symbol = Self.unicodeSymbols[scalar] {
            return symbolNode(symbol).node
        }
        if scalar == "$" || scalar == "\u{E000}" || scalar == "\u{E001}" {
            throw TeXError("unexpected `\(scalar)`", at: token)
        }
        if scalar.properties.isAlphabetic {
            return letter(String(scalar), upright: false)
        }
        if scalar.properties.numericType != nil {
            return .number(String(scalar))
        }
        if scalar.properties.generalCategory == .mathSymbol {
            return .op(String(scalar), TeXOperator(.ordinary))
        }
        return .identifier(String(scalar), upright: false)
    }

    /// The next token's character when it follows without a space.
    private func peekCharacter() -> Unicode.Scalar? {
        guard position < tokens.count, case .character(let scalar) = tokens[position].kind else { return nil }
        return scalar
    }

    /// Digits with at most one decimal point: `3.14` is one `<mn>`.
    private mutating func number(startingWith first: Unicode.Scalar) -> TeXNode {
        var text = String(first)
        var seenPoint = first == "."
        while let next = peekCharacter() {
            if ("0"..."9").contains(next) {
                text.unicodeScalars.append(next)
            } else if next == ".", !seenPoint, position + 1 < tokens.count,
                      case .character(let after) = tokens[position + 1].kind, ("0"..."9").contains(after) {
                seenPoint = true
                text.unicodeScalars.append(next)
            } else {
                break
            }
            position += 1
        }
        return .number(fonted(text))
    }

    /// A letter in the current font.
    func letter(_ text: String, upright: Bool) -> TeXNode {
        guard let font else { return .identifier(text, upright: upright) }
        switch font {
        case .roman: return .identifier(text, upright: text.unicodeScalars.allSatisfy(\.properties.isAlphabetic))
        case .boldItalic where upright: return .identifier(MathFont.bold.map(text), upright: false)
        default: return .identifier(font.map(text), upright: false)
        }
    }

    func fonted(_ text: String) -> String { font.map { $0.map(text) } ?? text }

    /// A symbol from the tables, and where its scripts go when it takes limits.
    func symbolNode(_ symbol: TeXSymbol) -> (node: TeXNode, limits: TeXLimits?) {
        switch symbol {
        case .identifier(let text, let upright):
            return (letter(text, upright: upright), nil)
        case .op(let text, let kind):
            var op = TeXOperator(kind)
            if text == "|" || text == "‖" { op.stretchy = false }
            if kind == .binary, TeXSymbols.largeInFirefox.contains(text) { op.largeOp = false }
            return (.op(text, op), nil)
        case .largeOperator(let text, let integral):
            return (.op(text, TeXOperator(integral ? .integral : .large)), integral ? .never : .displayOnly)
        case .function(let name, let limits):
            return (.function(name), limits ? .displayOnly : nil)
        }
    }

    /// A live number's slot: `<mn>` when the text reads as a number (a
    /// leading minus becomes its own `<mo>−</mo>`), `<mtext>` otherwise,
    /// and `<mn>0</mn>` for a slot beyond the values given.
    func liveNode(_ index: Int) -> TeXNode {
        guard index >= 0, index < live.count else { return .number("0") }
        let text = live[index]
        guard let (negative, digits) = Self.readNumber(text) else { return .text(text) }
        return negative ? .row([.op("−", TeXOperator(.binary)), .number(digits)]) : .number(digits)
    }

    /// `-?digits[.digits][e±digits]` → (negative, the digits with U+2212 for
    /// an exponent's minus); nil when the text is not such a number.
    static func readNumber(_ text: String) -> (negative: Bool, digits: String)? {
        var scalars = Substring(text).unicodeScalars[...]
        let negative = scalars.first == "-" || scalars.first == "−"
        if negative || scalars.first == "+" { scalars = scalars.dropFirst() }
        var digits = 0, points = 0, index = scalars.startIndex
        while index < scalars.endIndex, ("0"..."9").contains(scalars[index]) || scalars[index] == "." || scalars[index] == "," {
            if scalars[index] == "." { points += 1 } else if scalars[index] != "," { digits += 1 }
            index = scalars.index(after: index)
        }
        guard digits > 0, points <= 1 else { return nil }
        var mantissa = String(scalars: scalars[scalars.startIndex..<index])
        if index < scalars.endIndex {
            guard scalars[index] == "e" || scalars[index] == "E" else { return nil }
            mantissa.unicodeScalars.append(scalars[index])
            index = scalars.index(after: index)
            if index < scalars.endIndex, scalars[index] == "-" || scalars[index] == "+" {
                mantissa += scalars[index] == "-" ? "−" : "+"
                index = scalars.index(after: index)
            }
            let exponent = scalars[index...]
            guard !exponent.isEmpty, exponent.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
            mantissa.unicodeScalars.append(contentsOf: exponent)
        }
        return (negative, mantissa)
    }
}
