/// A path pattern of a project file's `include` and `exclude`, matched
/// against paths relative to the project root, `/`-separated.
///
/// `*` matches any run of characters within one path segment, `?` one
/// character, `**` as a whole segment any number of segments (none
/// included); everything else matches itself. A pattern without a `/`
/// matches a file name in any directory (`README.md`), as in `.gitignore`;
/// one ending in `/` matches everything below that directory (`drafts/`).
/// Matching is backtracking over segments and characters, at most
/// quadratic in the path's length for each `**` or `*`.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let description: String
    private let segments: [[Character]]

    public init(_ pattern: String) {
        description = pattern
        var text = pattern
        if text.hasPrefix("./") { text.removeFirst(2) }
        if text.hasSuffix("/") { text += "**" }
        if !text.contains("/") { text = "**/" + text }
        segments = text.split(separator: "/", omittingEmptySubsequences: true).map(Array.init)
    }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(Array.init)
        return Self.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<[Character]>, _ path: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == ["*", "*"] {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(first[...], segment[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ pattern: ArraySlice<Character>, _ name: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case "*":
            var rest = name
            while true {
                if matchSegment(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !name.isEmpty && matchSegment(pattern.dropFirst(), name.dropFirst())
        default:
            return name.first == first && matchSegment(pattern.dropFirst(), name.dropFirst())
        }
    }
}
