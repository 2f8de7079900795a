/// Where a command's output goes: standard output for results, standard error
/// for diagnostics, each with its own colour setting, and the progress bar
/// long evaluations draw (the command line makes the process's own).
///
/// Text is written as given, but for what could drive a terminal: every
/// control character other than line feed and tab, and every bidirectional
/// override, becomes U+FFFD, and of escape sequences only the colours
/// `Colour` writes pass (`Console.printable`). A claim's label or a string
/// value cannot erase the lines above it or reorder them. Callers end their
/// lines with `\n`.
public struct Console {
    public let writeOutput: (String) -> Void
    public let writeError: (String) -> Void
    /// Whether text written to standard output may carry ANSI colours.
    public var colourOutput: Bool
    /// Whether text written to standard error may carry ANSI colours.
    public var colourError: Bool

    /// Where long evaluations show how far they have got; nil when standard
    /// error is not a terminal, in CI, or with `TERM=dumb`.
    public var progress: DocumentProgress?

    public init(writeOutput: @escaping (String) -> Void, writeError: @escaping (String) -> Void, colourOutput: Bool = false,
                colourError: Bool = false, progress: DocumentProgress? = nil) {
        self.writeOutput = { writeOutput(Console.printable($0)) }
        self.writeError = { writeError(Console.printable($0)) }
        self.colourOutput = colourOutput
        self.colourError = colourError
        self.progress = progress
    }

    public func output(_ line: String) { writeOutput(line + "\n") }
    public func error(_ line: String) { writeError(line + "\n") }

    /// `text` as it may reach a terminal (see `Console`).
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\u{1B}", let end = colourEnd(scalars, from: i) {
                result.append(contentsOf: scalars[i..<end])
                i = end
                continue
            }
            result.append(isUnsafe(scalars[i]) ? "\u{FFFD}" : scalars[i])
            i += 1
        }
        return String(result)
    }

    /// C0 controls but line feed and tab, DEL, C1 controls, and the
    /// bidirectional embeddings, overrides and isolates.
    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (v >= 0x7F && v < 0xA0) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// The end of an SGR sequence `ESC [ digits m` starting at `start`, as
    /// `Colour` writes them; nil for any other escape.
    private static func colourEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start + 1
        guard i < scalars.count, scalars[i] == "[" else { return nil }
        i += 1
        let digits = i
        while i < scalars.count, ("0"..."9").contains(scalars[i]), i - digits < 3 { i += 1 }
        guard i > digits, i < scalars.count, scalars[i] == "m" else { return nil }
        return i + 1
    }
}

/// ANSI colours for the words that matter in text output.
public enum Colour: String, Sendable {
    case green = "32"
    case red = "31"
    case bold = "1"

    /// `text` wrapped in this colour when `enabled`, else `text` unchanged.
    public func paint(_ text: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}
