/// The fonts of `\mathbf`, `\mathbb`, `\mathcal` …, written as Unicode's
/// Mathematical Alphanumeric Symbols (U+1D400–U+1D7FF) rather than with
/// `mathvariant`, which MathML Core keeps only for "normal".
///
/// Each font maps the Latin letters, and where Unicode has them the digits
/// and the Greek letters; everything else is left as it is. The letters that
/// Unicode had encoded before the block (ℂ ℍ ℕ ℙ ℚ ℝ ℤ, ℬ ℰ ℱ ℋ ℐ ℒ ℳ ℛ ℯ ℊ ℴ,
/// ℎ, ℭ ℌ ℑ ℜ ℨ) are reserved holes in it and come from the Letterlike block.
enum MathFont: Equatable, Sendable {
    /// `\mathrm`, `\operatorname`, `\text`: upright, the letters unchanged.
    case roman
    case bold, italic, boldItalic, script, boldScript, fraktur, boldFraktur, doubleStruck
    case sansSerif, sansSerifBold, sansSerifItalic, monospace

    /// The commands that choose a font for math (`\text…` ones are in the parser).
    static let commands: [String: MathFont] = [
        "mathrm": .roman, "mathup": .roman, "mathbf": .bold, "mathit": .italic,
        "boldsymbol": .boldItalic, "bm": .boldItalic, "mathcal": .script, "mathscr": .script,
        "mathfrak": .fraktur, "mathbb": .doubleStruck, "mathsf": .sansSerif,
        "mathtt": .monospace, "mathbfit": .boldItalic, "mathsfit": .sansSerifItalic,
    ]

    /// The first code points of A, a, 0, Α and α in this font (0: not in Unicode).
    private var starts: (upper: UInt32, lower: UInt32, digit: UInt32, greekUpper: UInt32, greekLower: UInt32) {
        switch self {
        case .roman: return (0, 0, 0, 0, 0)
        case .bold: return (0x1D400, 0x1D41A, 0x1D7CE, 0x1D6A8, 0x1D6C2)
        case .italic: return (0x1D434, 0x1D44E, 0, 0x1D6E2, 0x1D6FC)
        case .boldItalic: return (0x1D468, 0x1D482, 0x1D7CE, 0x1D71C, 0x1D736)
        case .script: return (0x1D49C, 0x1D4B6, 0, 0, 0)
        case .boldScript: return (0x1D4D0, 0x1D4EA, 0x1D7CE, 0, 0)
        case .fraktur: return (0x1D504, 0x1D51E, 0, 0, 0)
        case .boldFraktur: return (0x1D56C, 0x1D586, 0x1D7CE, 0, 0)
        case .doubleStruck: return (0x1D538, 0x1D552, 0x1D7D8, 0, 0)
        case .sansSerif: return (0x1D5A0, 0x1D5BA, 0x1D7E2, 0, 0)
        case .sansSerifBold: return (0x1D5D4, 0x1D5EE, 0x1D7EC, 0x1D756, 0x1D770)
        case .sansSerifItalic: return (0x1D608, 0x1D622, 0, 0, 0)
        case .monospace: return (0x1D670, 0x1D68A, 0x1D7F6, 0, 0)
        }
    }

    /// The holes of the block, filled from the Letterlike Symbols.
    private var exceptions: [Unicode.Scalar: Unicode.Scalar] {
        switch self {
        case .italic: return ["h": "ℎ"]
        case .script: return ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ",
                              "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ"]
        case .fraktur: return ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"]
        case .doubleStruck: return ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
        default: return [:]
        }
    }

    /// The Greek letters of the block after ω (and after Ω: ∇), in order.
    private static let greekTail: [Unicode.Scalar] = ["∂", "ϵ", "ϑ", "ϰ", "ϕ", "ϱ", "ϖ"]

    /// `scalar` in this font, or `scalar` itself when the font has no such letter.
    func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if let exception = exceptions[scalar] { return exception }
        let starts = self.starts
        let value = scalar.value
        func offset(_ start: UInt32, _ index: UInt32) -> Unicode.Scalar {
            start == 0 ? scalar : Unicode.Scalar(start + index) ?? scalar
        }
        switch value {
        case 0x41...0x5A: return offset(starts.upper, value - 0x41)
        case 0x61...0x7A: return offset(starts.lower, value - 0x61)
        case 0x30...0x39: return offset(starts.digit, value - 0x30)
        // Α…Ω; the unassigned U+03A2 is ϴ's place in the block.
        case 0x391...0x3A9 where value != 0x3A2: return offset(starts.greekUpper, value - 0x391)
        case 0x3F4: return offset(starts.greekUpper, 0x11)
        case 0x2207: return offset(starts.greekUpper, 25)
        case 0x3B1...0x3C9: return offset(starts.greekLower, value - 0x3B1)
        default:
            if let index = Self.greekTail.firstIndex(of: scalar) {
                return offset(starts.greekLower, 25 + UInt32(index))
            }
            return scalar
        }
    }

    func map(_ text: String) -> String {
        guard self != .roman else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(map(scalar)) }
        return String(result)
    }
}
