import EvidentLanguage
import EvidentMarkdown
import Foundation

/// What `evident fix` proposes: for every failing pin `{= EXPR ≈ 4.76}` and
/// every failing `claim EXPR ≈ LITERAL ± TOL` whose right side is a number
/// literal, that literal retyped from the value EXPR has, and nothing else.
///
/// The new literal keeps the author's spelling: the number of decimals
/// (more only when the tolerance needs them), a percent sign, an exponent,
/// a typographic minus.
public enum LiteralFix {
    /// One literal to retype: where it stands (1-based line, and scalar
    /// offsets within the whole source), as typed, and as proposed.
    public struct Edit: Equatable, Sendable {
        public var line: Int
        public var offsets: Range<Int>
        public var old: String
        public var new: String
        /// More than ten times the tolerance away, or of the other sign:
        /// applied only when the author accepts it.
        public var large: Bool
    }

    /// The edits for the failing approximate claims of `claims` whose right
    /// side the author typed as a number, at the place the lexer gave it in
    /// `source` (the text the claims were read from). A change larger than
    /// ten times the tolerance, or one that flips the sign, is `large`.
    public static func edits(source: String, claims: [ClaimResult]) -> [Edit] {
        let scalars = Array(source.unicodeScalars)
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
        func offset(_ location: SourceLocation) -> Int? {
            guard location.line >= 1, location.line <= lineStarts.count else { return nil }
            let offset = lineStarts[location.line - 1] + location.column - 1
            return offset <= scalars.count ? offset : nil
        }
        var edits: [Edit] = []
        for claim in claims where !claim.passed {
            guard let measure = claim.measure, measure.observed.isFinite, let range = measure.literal,
                  let start = offset(range.start), let end = offset(range.end), start < end else { continue }
            let old = String(scalars: scalars[start..<end])
            guard let typed = PinnedNumber(old) else { continue }
            let tolerance = measure.relative ? measure.tolerance / 100 * abs(measure.observed) : measure.tolerance
            guard let new = retype(old, as: typed, value: measure.observed, tolerance: tolerance), new != old else { continue }
            let large = abs(measure.observed - typed.value) > 10 * tolerance || (measure.observed < 0) != (typed.value < 0)
            edits.append(Edit(line: range.start.line, offsets: start..<end, old: old, new: new, large: large))
        }
        return edits.sorted { $0.offsets.lowerBound < $1.offsets.lowerBound }
    }

    /// `value` written as `old` was — its decimals (or as many more as it
    /// takes for the written number to lie within `tolerance` of `value`),
    /// its sign, grouping, percent sign and power of ten.
    ///
    /// A number typed with a power of ten keeps as many digits before the
    /// point as typed (`1e-17` for 6.9e-16 becomes `6.9e-16`, not `69e-17`).
    static func retype(_ old: String, as typed: PinnedNumber, value: Double, tolerance: Double) -> String? {
        let scale = typed.isPercent ? 0.01 : 1
        let floats = !typed.exponentText.isEmpty && value != 0
        var exponent = typed.exponent
        if floats {
            exponent = Int((log10(abs(value / scale))).rounded(.down)) - (max(1, typed.integerDigits) - 1)
        }
        var (text, digits) = mantissa(value: value, unit: scale * PinnedNumber.pow10(exponent), tolerance: tolerance, decimals: typed.decimals)
        if floats, digits > max(1, typed.integerDigits) {
            // Rounding carried into a new digit (9.96e-16 → 10.0e-16).
            exponent += 1
            (text, _) = mantissa(value: value, unit: scale * PinnedNumber.pow10(exponent), tolerance: tolerance, decimals: typed.decimals)
        }
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        if typed.grouped { text = grouping(text) }
        if old.contains("\u{2212}") { text = text.replacingOccurrences(of: "-", with: "\u{2212}") }
        if old.hasPrefix("+"), !text.hasPrefix("-"), !text.hasPrefix("\u{2212}") { text = "+" + text }
        return text + (exponent == typed.exponent ? typed.exponentText : typed.writingExponent(exponent)) + (typed.isPercent ? "%" : "")
    }

    /// `value / unit` with `decimals` decimals, or as many more as it takes
    /// to lie within `tolerance` of `value`; and its number of digits
    /// before the point.
    private static func mantissa(value: Double, unit: Double, tolerance: Double, decimals typed: Int) -> (String, Int) {
        let scaled = value / unit
        let allowed = tolerance / unit
        var decimals = typed
        func rounded(_ d: Int) -> Double { (scaled * PinnedNumber.pow10(d)).rounded() / PinnedNumber.pow10(d) }
        while decimals < 17, abs(scaled - rounded(decimals)) > allowed { decimals += 1 }
        let text = String(format: "%.\(decimals)f", scaled)
        return (text, text.prefix { $0 != "." }.filter(\.isNumber).count)
    }

    /// `12345.6` as `12,345.6`.
    static func grouping(_ text: String) -> String {
        var sign = "", rest = Substring(text)
        if rest.hasPrefix("-") { sign = "-"; rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var integer = Array(parts[0])
        var grouped: [Character] = []
        while integer.count > 3 {
            grouped.insert(contentsOf: [","] + integer.suffix(3), at: 0)
            integer.removeLast(3)
        }
        grouped.insert(contentsOf: integer, at: 0)
        return sign + String(grouped) + (parts.count == 2 ? "." + parts[1] : "")
    }

    /// `source` with `edits` made.
    public static func apply(_ edits: [Edit], to source: String) -> String {
        var scalars = Array(source.unicodeScalars)
        for edit in edits.sorted(by: { $0.offsets.lowerBound > $1.offsets.lowerBound }) {
            scalars.replaceSubrange(edit.offsets, with: Array(edit.new.unicodeScalars))
        }
        return String(scalars: scalars)
    }

    /// A unified diff of two texts with the same number of lines (a fix
    /// changes lines, never adds or removes them), three lines of context.
    public static func unifiedDiff(from old: String, to new: String, path: String) -> String {
        // Lines end at LF or CRLF (one Character in Swift); the diff shows
        // them without their ending.
        let a = old.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let b = new.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let changed = (0..<min(a.count, b.count)).filter { a[$0] != b[$0] }
        guard !changed.isEmpty, a.count == b.count else { return "" }
        var hunks: [(Int, Int)] = []
        for index in changed {
            let from = max(0, index - 3), to = min(a.count - 1, index + 3)
            if let last = hunks.last, from <= last.1 + 1 { hunks[hunks.count - 1].1 = to } else { hunks.append((from, to)) }
        }
        let (before, after) = path.hasPrefix("/") ? (path, path) : ("a/" + path, "b/" + path)
        var text = "--- \(before)\n+++ \(after)\n"
        for (from, to) in hunks {
            text += "@@ -\(from + 1),\(to - from + 1) +\(from + 1),\(to - from + 1) @@\n"
            for index in from...to {
                if a[index] == b[index] {
                    text += " \(a[index])\n"
                } else {
                    text += "-\(a[index])\n+\(b[index])\n"
                }
            }
        }
        return text
    }
}
