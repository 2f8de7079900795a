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
    }

    /// The edits for the failing approximate claims of `claims`, found in
    /// `source` (the document they were read from).
    public static func edits(source: String, claims: [ClaimResult]) -> [Edit] {
        let scalars = Array(source.unicodeScalars)
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
        var edits: [Edit] = []
        for claim in claims where !claim.passed {
            guard let measure = claim.measure, measure.observed.isFinite,
                  claim.range.start.line >= 1, claim.range.start.line <= lineStarts.count else { continue }
            let start = lineStarts[claim.range.start.line - 1] + claim.range.start.column - 1
            guard let (offsets, old) = literal(after: start, in: scalars), let typed = PinnedNumber(old) else { continue }
            let tolerance = measure.relative ? measure.tolerance / 100 * abs(measure.observed) : measure.tolerance
            guard let new = retype(old, as: typed, value: measure.observed, tolerance: tolerance), new != old else { continue }
            let line = lineStarts.lastIndex { $0 <= offsets.lowerBound }.map { $0 + 1 } ?? 1
            edits.append(Edit(line: line, offsets: offsets, old: old, new: new))
        }
        return edits.sorted { $0.offsets.lowerBound < $1.offsets.lowerBound }
    }

    /// The number literal after the first `≈` (or `~=`) from `start`, on
    /// the claim's lines: its offsets and text.
    static func literal(after start: Int, in scalars: [Unicode.Scalar]) -> (Range<Int>, String)? {
        var i = start
        let limit = min(scalars.count, start + 4000)
        var depth = 0
        while i < limit {
            let c = scalars[i]
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" { depth -= 1 }
            if depth <= 0, c == "≈" { i += 1; break }
            if depth <= 0, c == "~", i + 1 < limit, scalars[i + 1] == "=" { i += 2; break }
            if c == "\n", i + 1 < limit, scalars[i + 1] == "\n" { return nil }
            i += 1
        }
        guard i < limit else { return nil }
        while i < limit, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        let begin = i
        while i < limit {
            let c = scalars[i]
            let isDigitLike = ("0"..."9").contains(c) || c == "." || c == "%" || c == "e" || c == "E"
            let isSign = (c == "-" || c == "+" || c == "\u{2212}") && (i == begin || scalars[i - 1] == "e" || scalars[i - 1] == "E")
            guard isDigitLike || isSign else { break }
            i += 1
        }
        guard i > begin else { return nil }
        // The literal must be the whole right side: a tolerance, the end of
        // a pin or the end of the line follows it.
        var k = i
        while k < limit, scalars[k] == " " || scalars[k] == "\t" { k += 1 }
        let ends = k == limit || scalars[k] == "±" || scalars[k] == "}" || scalars[k] == "\n" || scalars[k] == "\r"
            || (scalars[k] == "+" && k + 1 < limit && scalars[k + 1] == "-")
        guard ends else { return nil }
        return (begin..<i, String(String.UnicodeScalarView(scalars[begin..<i])))
    }

    /// `value` written as `old` was: its decimals, or as many more as it
    /// takes for the written number to lie within `tolerance` of `value`.
    static func retype(_ old: String, as typed: PinnedNumber, value: Double, tolerance: Double) -> String? {
        var exponentText = ""
        var exponent = 0
        if let e = old.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponentText = String(old[e...]).replacingOccurrences(of: "%", with: "")
            exponent = Int(exponentText.dropFirst().replacingOccurrences(of: "\u{2212}", with: "-")) ?? 0
        }
        let unit = (typed.isPercent ? 0.01 : 1) * pow(10, Double(exponent))
        let scaled = value / unit
        let allowed = tolerance / unit
        var decimals = typed.decimals
        while decimals < 17, abs(scaled - (scaled * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))) > allowed {
            decimals += 1
        }
        var text = String(format: "%.\(decimals)f", scaled)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        if old.contains("\u{2212}") || (old.hasPrefix("+") && !text.hasPrefix("-")) {
            text = text.replacingOccurrences(of: "-", with: "\u{2212}")
            if old.hasPrefix("+") && !text.hasPrefix("\u{2212}") { text = "+" + text }
        }
        return text + exponentText + (typed.isPercent ? "%" : "")
    }

    /// `source` with `edits` made.
    public static func apply(_ edits: [Edit], to source: String) -> String {
        var scalars = Array(source.unicodeScalars)
        for edit in edits.sorted(by: { $0.offsets.lowerBound > $1.offsets.lowerBound }) {
            scalars.replaceSubrange(edit.offsets, with: Array(edit.new.unicodeScalars))
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A unified diff of two texts with the same number of lines (a fix
    /// changes lines, never adds or removes them), three lines of context.
    public static func unifiedDiff(from old: String, to new: String, path: String) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
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
