/// Unknown names, and the nearest known one to suggest.
extension TeXParser {
    /// Commands with arguments or a role in the grammar (the symbols, fonts,
    /// accents and spaces are in their tables).
    static let structuralCommands = [
        "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom", "sqrt", "left", "right", "middle",
        "begin", "end", "operatorname", "overset", "underset", "stackrel", "not", "phantom", "hphantom",
        "vphantom", "bmod", "pmod", "mod", "pod", "limits", "nolimits", "over", "atop", "choose",
        "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "xrightarrow", "xleftarrow",
        "xRightarrow", "xLeftarrow", "xleftrightarrow", "xmapsto", "substack",
    ]

    /// Commands an author may mean but that a self-contained page never runs.
    static let unavailable: Set<String> = [
        "href", "url", "style", "class", "color", "textcolor", "colorbox", "fcolorbox", "htmlClass",
        "htmlId", "htmlStyle", "htmlData", "cssId", "includegraphics", "html",
    ]

    /// Every command name this parser knows, with the author's macros.
    func knownCommands() -> [String] {
        var names = Array(TeXSymbols.table.keys) + Self.structuralCommands
        names += TeXSymbols.spaces.keys.filter { $0.unicodeScalars.allSatisfy(TeXLexer.isLetter) }
        names += TeXSymbols.commandDelimiters.keys.filter { $0.unicodeScalars.allSatisfy(TeXLexer.isLetter) }
        names += TeXSymbols.accents.keys
        names += TeXSymbols.sizedDelimiters.keys
        names += MathFont.commands.keys
        names += Self.textFonts.keys
        names += macros.names
        return names
    }

    func unknownCommand(_ name: String, at token: TeXToken) -> TeXError {
        if Self.unavailable.contains(name) || name.hasPrefix("html") {
            return TeXError("unknown command `\\\(name)`: links, colours and styles are not available in math", at: token)
        }
        guard let suggestion = Self.nearest(name, among: knownCommands()) else {
            return TeXError("unknown command `\\\(name)`", at: token)
        }
        return TeXError("unknown command `\\\(name)`; did you mean `\\\(suggestion)`?", at: token)
    }

    /// The candidate closest to `name` by edit distance (a swap of two
    /// neighbours counts as one edit), if it is close enough to be a typo:
    /// one edit for names of up to three letters, two for longer ones. Ties
    /// go to the shorter, then the alphabetically first candidate.
    static func nearest(_ name: String, among candidates: [String]) -> String? {
        let word = Array(name.unicodeScalars)
        guard !word.isEmpty else { return nil }
        let limit = word.count <= 3 ? 1 : 2
        var best: (distance: Int, name: String)? = nil
        for candidate in candidates {
            let other = Array(candidate.unicodeScalars)
            guard abs(other.count - word.count) <= limit else { continue }
            let distance = editDistance(word, other)
            guard distance <= limit else { continue }
            if let current = best {
                let better = distance < current.distance
                    || distance == current.distance && (candidate.count, candidate) < (current.name.count, current.name)
                if !better { continue }
            }
            best = (distance, candidate)
        }
        return best?.name
    }

    /// The optimal-string-alignment distance: insertions, deletions,
    /// substitutions and swaps of adjacent characters.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
