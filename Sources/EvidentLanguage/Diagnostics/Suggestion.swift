/// Nearest-name suggestions for misspelt identifiers, members, methods and
/// argument names ("unknown name 'natgrd'; did you mean 'natgrad'?").
public enum Suggestion {
    /// The optimal-string-alignment distance between `a` and `b` over Unicode
    /// scalars: insertions, deletions, substitutions and transpositions of two
    /// adjacent scalars each cost 1. O(|a|·|b|) time, O(|b|) memory per row.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var before = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    best = min(best, before[j - 2] + 1)
                }
                current[j] = best
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[t.count]
    }

    /// The candidate nearest to `name`, or nil when none is close.
    ///
    /// Distances are measured case-insensitively; a candidate qualifies when it
    /// differs from `name` and its distance is at most a third of `name`'s
    /// length (at least 1; names of one or two scalars only match up to case).
    /// Ties go to the candidate that comes first in sorted order, so the answer
    /// does not depend on the order of `candidates`.
    public static func nearest<S: Sequence>(to name: String, among candidates: S) -> String? where S.Element == String {
        let length = name.unicodeScalars.count
        let limit = length <= 2 ? 0 : max(1, length / 3)
        let lowered = name.lowercased()
        var best: (distance: Int, name: String)?
        for candidate in Set(candidates) where candidate != name {
            let distance = editDistance(lowered, candidate.lowercased())
            guard distance <= limit else { continue }
            if let current = best, (current.distance, current.name) <= (distance, candidate) { continue }
            best = (distance, candidate)
        }
        return best?.name
    }

    /// `"; did you mean 'NAME'?"` for the nearest candidate, or `""`.
    public static func didYouMean<S: Sequence>(_ name: String, among candidates: S) -> String where S.Element == String {
        didYouMean(nearest(to: name, among: candidates))
    }

    /// `"; did you mean 'NEAREST'?"`, or `""` when there is none.
    public static func didYouMean(_ nearest: String?) -> String {
        nearest.map { "; did you mean '\($0)'?" } ?? ""
    }
}
