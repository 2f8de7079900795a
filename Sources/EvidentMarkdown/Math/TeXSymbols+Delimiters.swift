/// Delimiters (after `\left`, `\right`, `\middle`, `\big` …) and accents.
extension TeXSymbols {
    /// The character a token stands for as a delimiter: "" for `.` (no
    /// delimiter), nil when the token is not one.
    static func delimiter(_ kind: TeXToken.Kind) -> String? {
        switch kind {
        case .character(let scalar): return characterDelimiters[scalar]
        case .command(let name): return commandDelimiters[name]
        default: return nil
        }
    }

    static let characterDelimiters: [Unicode.Scalar: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", "<": "⟨", ">": "⟩", ".": "",
        "⟨": "⟨", "⟩": "⟩", "‖": "‖", "⌊": "⌊", "⌋": "⌋", "⌈": "⌈", "⌉": "⌉",
    ]

    static let commandDelimiters: [String: String] = {
        let list = """
            { { } } | ‖ lbrace { rbrace } lbrack [ rbrack ] langle ⟨ rangle ⟩ lvert | rvert |
            lVert ‖ rVert ‖ vert | Vert ‖ lfloor ⌊ rfloor ⌋ lceil ⌈ rceil ⌉ lgroup ⟮ rgroup ⟯
            backslash \\ uparrow ↑ downarrow ↓ updownarrow ↕ Uparrow ⇑ Downarrow ⇓ Updownarrow ⇕
            """
        let words = list.split(whereSeparator: { $0 == " " || $0 == "\n" })
        var table: [String: String] = [:]
        for index in stride(from: 0, to: words.count - 1, by: 2) {
            table[String(words[index])] = String(words[index + 1])
        }
        return table
    }()

    /// `\lvert \rvert \lVert \rVert`: a bar that opens or closes, with the
    /// form that says so (a bar's infix form has space around it).
    static let sidedBars: [String: (kind: TeXOperator.Kind, form: String)] = [
        "lvert": (.open, "prefix"), "rvert": (.close, "postfix"), "lVert": (.open, "prefix"), "rVert": (.close, "postfix"),
    ]

    /// TeX's class of a delimiter written without `\left`/`\right`.
    static func delimiterKind(_ character: String) -> TeXOperator.Kind {
        switch character {
        case "(", "[", "{", "⟨", "⌊", "⌈", "⟮": return .open
        case ")", "]", "}", "⟩", "⌋", "⌉", "⟯": return .close
        default: return .ordinary
        }
    }

    /// `\big` and its siblings: the delimiter's height, and its form. The
    /// heights are TeX's (Computer Modern's delimiters of 12, 18, 24 and 30pt
    /// at 10pt), which Latin Modern Math has as variants: with `minsize` and
    /// `maxsize` both at one, Chromium (the first variant at least that tall)
    /// and Firefox (the nearest variant) pick the same glyph.
    static let sizedDelimiters: [String: (size: String, form: String?)] = {
        let sizes = [("big", "1.2em"), ("Big", "1.8em"), ("bigg", "2.4em"), ("Bigg", "3em")]
        var table: [String: (size: String, form: String?)] = [:]
        for (name, size) in sizes {
            table[name] = (size, nil)
            table[name + "l"] = (size, "prefix")
            table[name + "r"] = (size, "postfix")
            table[name + "m"] = (size, "infix")
        }
        return table
    }()

    /// An accent: its mark, whether it stretches over its base, and whether
    /// it goes under.
    struct Accent: Equatable {
        var mark: String
        var stretchy: Bool
        var under: Bool = false
    }

    static let accents: [String: Accent] = [
        "hat": Accent(mark: "^", stretchy: false),
        // The combining circumflex is the one both Chromium and Firefox
        // stretch with Latin Modern Math's variants; `^` stretches in Firefox only.
        "widehat": Accent(mark: "\u{302}", stretchy: true),
        "check": Accent(mark: "ˇ", stretchy: false),
        "widecheck": Accent(mark: "ˇ", stretchy: true),
        "tilde": Accent(mark: "~", stretchy: false),
        "widetilde": Accent(mark: "~", stretchy: true),
        "acute": Accent(mark: "´", stretchy: false),
        "grave": Accent(mark: "`", stretchy: false),
        "dot": Accent(mark: "˙", stretchy: false),
        "ddot": Accent(mark: "¨", stretchy: false),
        "breve": Accent(mark: "˘", stretchy: false),
        "bar": Accent(mark: "¯", stretchy: false),
        "vec": Accent(mark: "→", stretchy: false),
        "mathring": Accent(mark: "˚", stretchy: false),
        "overline": Accent(mark: "‾", stretchy: true),
        "underline": Accent(mark: "\u{332}", stretchy: true, under: true),
        "overrightarrow": Accent(mark: "→", stretchy: true),
        "overleftarrow": Accent(mark: "←", stretchy: true),
        "overleftrightarrow": Accent(mark: "↔", stretchy: true),
        "underrightarrow": Accent(mark: "→", stretchy: true, under: true),
        "underleftarrow": Accent(mark: "←", stretchy: true, under: true),
        "overbrace": Accent(mark: "⏞", stretchy: true),
        "underbrace": Accent(mark: "⏟", stretchy: true, under: true),
    ]

    /// Spacing commands and their widths in em (TeX's 3, 4 and 5 mu and quads).
    static let spaces: [String: Double] = [
        ",": 0.1667, ":": 0.2222, ">": 0.2222, ";": 0.2778, "!": -0.1667,
        "thinspace": 0.1667, "medspace": 0.2222, "thickspace": 0.2778,
        "negthinspace": -0.1667, "negmedspace": -0.2222, "negthickspace": -0.2778,
        "enspace": 0.5, "enskip": 0.5, "quad": 1, "qquad": 2,
    ]

    /// `\not` before a relation: the negated character where Unicode has
    /// one; otherwise the relation followed by U+0338 COMBINING LONG SOLIDUS.
    static func negated(_ relation: String) -> String {
        let table: [String: String] = [
            "=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "∋": "∌", "⊂": "⊄", "⊃": "⊅",
            "⊆": "⊈", "⊇": "⊉", "∼": "≁", "≃": "≄", "≅": "≇", "≈": "≉", "≡": "≢", "∣": "∤", "∥": "∦",
            "≺": "⊀", "≻": "⊁", "⊢": "⊬", "⊨": "⊭", "→": "↛", "←": "↚", "↔": "↮", "⇒": "⇏", "⇐": "⇍",
            "⇔": "⇎", "∃": "∄",
        ]
        return table[relation] ?? relation + "\u{338}"
    }
}
