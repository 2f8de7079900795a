/// Where a command's output goes: standard output for results, standard error
/// for diagnostics, each with its own colour setting, and the progress bar
/// long evaluations draw (the command line makes the process's own).
///
/// Text is written as given; callers end their lines with `\n`.
public struct Console {
    public var writeOutput: (String) -> Void
    public var writeError: (String) -> Void
    /// Whether text written to standard output may carry ANSI colours.
    public var colourOutput: Bool
    /// Whether text written to standard error may carry ANSI colours.
    public var colourError: Bool

    /// Where long evaluations show how far they have got; nil when standard
    /// error is not a terminal, in CI, or with `TERM=dumb`.
    public var progress: DocumentProgress?

    public init(writeOutput: @escaping (String) -> Void, writeError: @escaping (String) -> Void, colourOutput: Bool = false,
                colourError: Bool = false, progress: DocumentProgress? = nil) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.colourOutput = colourOutput
        self.colourError = colourError
        self.progress = progress
    }

    public func output(_ line: String) { writeOutput(line + "\n") }
    public func error(_ line: String) { writeError(line + "\n") }
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
