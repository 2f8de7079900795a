/// The tags of a Mustache template read as swift-mustache reads them
/// (`Template+Parser.swift`): character by character (grapheme clusters),
/// the delimiters as `{{=… …=}}` sets them, each tag's name, whitespace and
/// closing delimiter — so that what this finds is what the parser will meet.
/// It stops where the parser would throw; the parser's own error is then the
/// one reported.
///
/// What it measures is what the parser and the renderer cannot bound
/// themselves:
/// - the nesting of sections (`#`, `^`, `$`, `<`): the parser, the renderer
///   and the release of the parsed tree recurse once a level, so a template
///   nested a few thousand deep overflows the stack;
/// - the reading work: the parser measures the rest of the template
///   (`String.distance`, linear) each time it compares a delimiter, at
///   every tag and every other occurrence of the delimiter's first character,
///   so reading costs (tags) × (length) (docs/robustness.md);
/// - sections over a list (`toc`, `failedClaims`, `errors`) inside another:
///   the inner one is rendered for every entry of the outer one, so k of
///   them nested render (entries)^k times;
/// - the page's large values (`content`, the body, megabytes for a large
///   document; `css`; `mathFont`, an embedded font) inside a list section,
///   or any of them more than `maxContent` times: each is a copy.
///
/// Linear in the template's length.
struct TemplateShape {
    /// An open section: its name as written and where its tag starts (a
    /// character offset into the template).
    struct Open {
        var name: String
        var offset: Int
        var overList: Bool
    }

    /// A limit passed: which, and at which character offset.
    enum Excess {
        case nesting(offset: Int)
        case readingWork(offset: Int, work: Int)
        case nestedLists(offset: Int, inner: String, outer: Open)
        case largeValueInList(offset: Int, name: String, outer: Open)
        case largeValueRepeated(offset: Int, name: String)
        case sectionOverLargeValue(offset: Int, name: String)
    }

    /// The names whose sections repeat for each entry of a list of the page.
    static let listNames: Set<String> = ["toc", "failedClaims", "errors"]

    /// The template's characters, as the parser sees them.
    let characters: [Character]
    /// The sections open where the reading stopped (at the end, those never closed).
    private(set) var open: [Open] = []
    /// The first limit passed, if any.
    private(set) var excess: Excess?
    /// Whether the page's `content` is named only as itself, in variable
    /// tags (`{{{content}}}`): never transformed, in a path or as a section,
    /// where what stands for it would change more than the text in its place.
    private(set) var contentAsWritten = true

    init(_ text: String, maxNesting: Int, maxReadingWork: Int, maxContent: Int) {
        characters = Array(text)
        scan(maxNesting: maxNesting, maxReadingWork: maxReadingWork, maxContent: maxContent)
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let configCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    private mutating func scan(maxNesting: Int, maxReadingWork: Int, maxContent: Int) {
        let count = characters.count
        var start = Array("{{"), end = Array("}}")
        var i = 0
        var work = 0
        var lists: [Open] = []
        var copies: [String: Int] = [:]

        // The parser's `read(string:)`: it measures the rest of the text
        // (the work counted), then compares; false at the end of the text,
        // where the parser throws.
        func matches(_ delimiter: [Character], at index: Int) -> Bool {
            work += count - index
            guard count - index >= delimiter.count else { return false }
            return characters[index..<(index + delimiter.count)].elementsEqual(delimiter)
        }
        func skip(while predicate: (Character) -> Bool) {
            while i < count, predicate(characters[i]) { i += 1 }
        }
        // `parseName`/`parsePartialName`: whitespace, the name, whitespace,
        // the closing delimiter; nil where the parser throws.
        func name(_ allowed: Set<Character>) -> String? {
            skip(while: \.isWhitespace)
            let from = i
            skip(while: { allowed.contains($0) })
            let text = String(characters[from..<i])
            skip(while: \.isWhitespace)
            guard matches(end, at: i) else { return nil }
            i += end.count
            return text
        }

        // A variable naming one of the page's large values: not inside a
        // list section, and at most `maxContent` of each. False when a
        // limit is passed.
        func largeValue(_ name: String, at offset: Int) -> Bool {
            let base = String(Self.base(of: name))
            if base == "content", name != "content" { contentAsWritten = false }
            guard PageTemplate.largeValues[base] != nil else { return true }
            if let outer = lists.last {
                excess = .largeValueInList(offset: offset, name: base, outer: outer)
                return false
            }
            copies[base, default: 0] += 1
            if copies[base]! > maxContent {
                excess = .largeValueRepeated(offset: offset, name: base)
                return false
            }
            return true
        }

        while i < count {
            guard work <= maxReadingWork else {
                excess = .readingWork(offset: i, work: work)
                return
            }
            guard let first = start.first, characters[i] == first else {
                i += 1
                continue
            }
            let tagStart = i
            guard matches(start, at: i) else {
                if count - i < start.count { return }  // the parser throws at the end of the text
                i += 1
                continue
            }
            i += start.count
            guard i < count else { return }
            // The parser reads an opening delimiter followed by a line break as text.
            if characters[i].isNewline {
                i += 1
                continue
            }
            let kind = characters[i]
            switch kind {
            case "#", "^", "$":
                i += 1
                guard let name = name(Self.nameCharacters) else { return }
                let overList = kind == "#" && Self.namesList(name)
                if Self.base(of: name) == "content" { contentAsWritten = false }
                let section = Open(name: name, offset: tagStart, overList: overList)
                // Over a large value, the section's `{{.}}` is a copy of it, as often as written.
                if kind == "#", PageTemplate.largeValues[Self.base(of: name)] != nil {
                    excess = .sectionOverLargeValue(offset: tagStart, name: Self.base(of: name))
                    return
                }
                if overList, let outer = lists.last {
                    excess = .nestedLists(offset: tagStart, inner: name, outer: outer)
                    return
                }
                open.append(section)
                if overList { lists.append(section) }
                if open.count > maxNesting {
                    excess = .nesting(offset: tagStart)
                    return
                }
            case "<":
                i += 1
                skip(while: \.isWhitespace)
                guard let name = name(Self.partialCharacters) else { return }
                open.append(Open(name: name, offset: tagStart, overList: false))
                if open.count > maxNesting {
                    excess = .nesting(offset: tagStart)
                    return
                }
            case "/":
                i += 1
                // The parser throws at a close that is not the innermost section's.
                guard let name = name(Self.nameCharacters), let closed = open.last, closed.name == name else { return }
                open.removeLast()
                if closed.overList { lists.removeLast() }
            case "!":
                // `read(untilString:skipToEnd:)`, whose comparison restarts
                // after a mismatch without looking at that character again.
                i += 1
                var matched = 0
                while i < count, matched < end.count {
                    matched = characters[i] == end[matched] ? matched + 1 : 0
                    i += 1
                }
                guard matched == end.count else { return }
            case "{":
                i += 1
                guard let name = name(Self.nameCharacters), i < count, characters[i] == "}" else { return }
                i += 1
                guard largeValue(name, at: tagStart) else { return }
            case "&":
                i += 1
                guard let name = name(Self.nameCharacters), largeValue(name, at: tagStart) else { return }
            case ">":
                i += 1
                skip(while: \.isWhitespace)
                if i < count, characters[i] == "*" { i += 1 }
                guard name(Self.partialCharacters) != nil else { return }
            case "=":
                i += 1
                skip(while: \.isWhitespace)
                let startFrom = i
                skip(while: { !$0.isWhitespace })
                guard i < count else { return }
                let newStart = Array(characters[startFrom..<i])
                skip(while: \.isWhitespace)
                let endFrom = i
                skip(while: { $0 != "=" && !$0.isWhitespace })
                guard i < count else { return }
                let newEnd = Array(characters[endFrom..<i])
                skip(while: \.isWhitespace)
                guard i < count, characters[i] == "=" else { return }
                i += 1
                guard matches(end, at: i), !newStart.isEmpty, !newEnd.isEmpty else { return }
                i += end.count
                start = newStart
                end = newEnd
            case "%":
                i += 1
                skip(while: \.isWhitespace)
                skip(while: { Self.configCharacters.contains($0) })
                skip(while: \.isWhitespace)
                guard i < count, characters[i] == ":" else { return }
                i += 1
                skip(while: \.isWhitespace)
                skip(while: { Self.configCharacters.contains($0) })
                skip(while: \.isWhitespace)
                guard matches(end, at: i) else { return }
                i += end.count
            default:
                guard let name = name(Self.nameCharacters), largeValue(name, at: tagStart) else { return }
            }
        }
        if work > maxReadingWork { excess = .readingWork(offset: count, work: work) }
    }

    /// Whether a section of this name (transforms such as `reversed(…)`
    /// around it, a dotted path after it) goes over one of the page's lists.
    static func namesList(_ name: String) -> Bool {
        listNames.contains(base(of: name))
    }

    /// The first name of a path, transforms taken off: `toc` for
    /// `reversed(toc.headings)`, `content` for `.content` (a name looked
    /// up on the current context, which at the top is the page).
    static func base(of name: String) -> String {
        var base = Substring(name)
        if let open = base.lastIndex(of: "(") { base = base[base.index(after: open)...] }
        if let close = base.firstIndex(of: ")") { base = base[..<close] }
        if base.hasPrefix("."), base.count > 1 { base = base.dropFirst() }
        return String(base.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
