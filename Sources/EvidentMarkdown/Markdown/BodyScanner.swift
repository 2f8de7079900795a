import EvidentLanguage

/// The scan behind `BodyExtraction.extract`: line by line for the block
/// structure that matters (fences, indented code, label lines), then
/// paragraph by paragraph for code spans, math and references.
struct BodyScanner {
    let file: String
    let mark: Unicode.Scalar
    /// Whether a `[` before an escaped or encoded caret is escaped (see
    /// `BodyExtraction.extract`).
    let escapingCaretBrackets: Bool
    let lines: [[Unicode.Scalar]]
    /// The labels of the link reference definitions (`[label]:` starting a
    /// line), with their brackets, when carets are escaped.
    private var definitions: Set<String> = []
    var result: BodyExtraction
    /// The body cmark will read, as scalars (appending to a string's
    /// scalar view copies the whole string each time).
    private var out: [Unicode.Scalar] = []

    /// The open fence: its character, its length and the line it opened on.
    private var fence: (character: Unicode.Scalar, length: Int, line: Int)?
    /// The last fenced block or table: its first and last lines.
    private var blockAbove: (first: Int, last: Int)?
    private var previousBlank = true
    /// The last line that was not blank.
    private var lastContentLine = 0
    private var inIndentedCode = false
    /// The lines of the paragraph being gathered, with their numbers.
    private var paragraph: [(number: Int, scalars: [Unicode.Scalar])] = []

    init(body: String, file: String, mark: Unicode.Scalar, escapingCaretBrackets: Bool = false) {
        self.file = file
        self.mark = mark
        self.escapingCaretBrackets = escapingCaretBrackets
        // Split as an array: splitting the string's scalar view counts each
        // line's scalars again to copy them.
        self.lines = Array(body.unicodeScalars).split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        self.result = BodyExtraction(body: body, mark: mark)
        if escapingCaretBrackets {
            for line in lines {
                let content = Self.content(line).drop(while: { $0 == " " })
                guard content.first == "[", let close = content.firstIndex(of: "]"), content.index(after: close) < content.endIndex,
                      content[content.index(after: close)] == ":" else { continue }
                definitions.insert(String(scalars: content[...close]))
            }
        }
    }

    mutating func run() {
        out.reserveCapacity(lines.reduce(lines.count) { $0 + $1.count })
        for (index, line) in lines.enumerated() { handle(line, number: index + 1) }
        flushParagraph()
        result.body = String(scalars: out)
        if result.maths.isEmpty && result.references.isEmpty && result.labels.isEmpty { result.mark = nil }
    }

    private mutating func emit(_ line: [Unicode.Scalar], number: Int) {
        out.append(contentsOf: line)
        if number < lines.count { out.append("\n") }
    }

    // MARK: - Blocks

    private mutating func handle(_ line: [Unicode.Scalar], number: Int) {
        let content = Self.content(line)
        defer { if !content.allSatisfy({ $0 == " " || $0 == "\t" }) { lastContentLine = number } }
        if let open = fence {
            if let run = Self.fenceRun(content), run.character == open.character, run.length >= open.length,
               content.dropFirst(run.length).allSatisfy({ $0 == " " || $0 == "\t" }) {
                fence = nil
                blockAbove = (open.line, number)
            }
            emit(line, number: number)
            return
        }
        if let run = Self.fenceRun(content), run.character == "~" || !content.dropFirst(run.length).contains("`") {
            flushParagraph()
            fence = (run.character, run.length, number)
            inIndentedCode = false
            previousBlank = false
            emit(line, number: number)
            return
        }
        let blank = content.allSatisfy { $0 == " " || $0 == "\t" }
        if blank {
            flushParagraph()
            previousBlank = true
            emit(line, number: number)
            return
        }
        let indented = line.first == "\t" || line.prefix(4).elementsEqual("    ".unicodeScalars)
        if paragraph.isEmpty, indented, previousBlank || inIndentedCode {
            inIndentedCode = true
            emit(line, number: number)
            return
        }
        inIndentedCode = false
        previousBlank = false
        if let label = labelLine(line, number: number) {
            flushParagraph()
            attach(label, number: number)
            emit([], number: number)
            return
        }
        paragraph.append((number, line))
    }

    /// A line's text inside its containers: block quote markers, list
    /// markers and the indentation before them taken off.
    static func content(_ line: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> {
        var rest = line[...]
        while true {
            let spaces = rest.prefix(while: { $0 == " " }).count
            guard spaces <= 3 || rest.count == spaces else { return rest }
            var after = rest.dropFirst(spaces)
            if after.first == ">" {
                after = after.dropFirst()
                if after.first == " " { after = after.dropFirst() }
                rest = after
                continue
            }
            if let first = after.first, first == "-" || first == "+" || first == "*", after.dropFirst().first == " " {
                rest = after.dropFirst(2)
                continue
            }
            let digits = after.prefix(while: { ("0"..."9").contains($0) }).count
            if digits > 0, digits <= 9, let marker = after.dropFirst(digits).first, marker == "." || marker == ")",
               after.dropFirst(digits + 1).first == " " {
                rest = after.dropFirst(digits + 2)
                continue
            }
            return after
        }
    }

    /// The run of three or more backticks or tildes a line starts with.
    static func fenceRun(_ content: ArraySlice<Unicode.Scalar>) -> (character: Unicode.Scalar, length: Int)? {
        let text = content.drop(while: { $0 == " " })
        guard let first = text.first, first == "`" || first == "~" else { return nil }
        let length = text.prefix(while: { $0 == first }).count
        return length >= 3 ? (first, length) : nil
    }

    /// A line that is only a label: `{#fig-NAME}`, `{#tbl-NAME}`,
    /// `{#eq-NAME}`, or a table caption `: Caption {#tbl-NAME}`.
    private func labelLine(_ line: [Unicode.Scalar], number: Int) -> (name: String, caption: String?, range: SourceRange)? {
        var text = line[...]
        let indent = text.prefix(while: { $0 == " " }).count
        text = text.dropFirst(indent)
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        guard text.last == "}", let open = text.lastIndex(of: "{"), text[open...].starts(with: "{#".unicodeScalars) else { return nil }
        let name = String(scalars: text[(open + 2)..<(text.endIndex - 1)])
        guard Self.isLabelName(name) else { return nil }
        let before = text[..<open]
        var caption: String?
        if before.first == ":" && before.dropFirst().first == " " {
            caption = String(scalars: before.dropFirst(2)).trimmingBlanks
        } else if !before.allSatisfy({ $0 == " " }) {
            return nil
        }
        let start = SourceLocation(line: number, column: open + 1)
        return (name, caption, SourceRange(start: start, end: SourceLocation(line: number, column: text.endIndex + 1)))
    }

    /// `eq-…`, `fig-…` or `tbl-…` followed by letters, digits, `-` and `_`.
    static func isLabelName(_ name: String) -> Bool {
        guard BodyExtraction.Kind(name: name) != nil, let dash = name.firstIndex(of: "-") else { return false }
        let rest = name[name.index(after: dash)...]
        return !rest.isEmpty && rest.unicodeScalars.allSatisfy(isNameScalar)
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }

    /// A label line names the block or table that ends right above it (a
    /// blank line between is allowed).
    private mutating func attach(_ label: (name: String, caption: String?, range: SourceRange), number: Int) {
        guard let block = blockAbove, block.last == lastContentLine, block.last >= number - 2 else {
            result.diagnostics.append(Diagnostic(file: file, range: label.range, id: .misplacedLabel,
                                                 message: "the label `{#\(label.name)}` must stand on the line after a block or a table"))
            return
        }
        result.labels.append(BodyExtraction.Label(name: label.name, caption: label.caption, target: .blockAbove(line: block.first), range: label.range))
    }

    // MARK: - Paragraphs

    private mutating func flushParagraph() {
        guard !paragraph.isEmpty else { return }
        let lines = paragraph
        paragraph = []
        // A pipe table: a row, then a delimiter row.
        let delimiters = lines.count >= 2 ? Self.content(lines[1].scalars) : []
        if delimiters.contains("|"), delimiters.contains("-"), delimiters.allSatisfy({ "|-: \t".unicodeScalars.contains($0) }) {
            blockAbove = (lines[0].number, lines[lines.count - 1].number)
        }
        var text: [Unicode.Scalar] = []
        var starts: [Int] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { text.append("\n") }
            starts.append(text.count)
            text.append(contentsOf: line.scalars)
        }
        // Only a dollar, an at sign, a brace or (with carets escaped) a
        // bracket starts what `scanInline` changes: a paragraph without
        // one (most of a long body's) is the text as it stands.
        let changes = text.contains { $0 == "$" || $0 == "@" || $0 == "{" || ($0 == "[" && escapingCaretBrackets) }
        out.append(contentsOf: changes ? scanInline(text, starts: starts, firstLine: lines[0].number) : text)
        if lines[lines.count - 1].number < self.lines.count { out.append("\n") }
    }

    /// Code spans kept, math and references made placeholders, image
    /// labels taken out.
    private mutating func scanInline(_ text: [Unicode.Scalar], starts: [Int], firstLine: Int) -> [Unicode.Scalar] {
        func location(_ index: Int) -> SourceLocation {
            var line = starts.count - 1
            while starts[line] > index { line -= 1 }
            return SourceLocation(line: firstLine + line, column: index - starts[line] + 1)
        }
        func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count)
        let n = text.count
        let closers = Closers(text)
        var i = 0
        while i < n {
            let c = text[i]
            if c == "\\", i + 1 < n {
                out.append(c)
                out.append(text[i + 1])
                i += 2
                continue
            }
            if c == "`" {
                // A backtick inside a run (the run's first one escaped by a
                // backslash) starts no span: it is text.
                let run = closers.backtickRun[i]
                guard run > 0 else {
                    out.append(c)
                    i += 1
                    continue
                }
                let end = closers.matchingRun[i].map { $0 + run } ?? i + run
                out.append(contentsOf: text[i..<end])
                i = end
                continue
            }
            if c == "$" {
                let display = i + 1 < n && text[i + 1] == "$"
                if let (end, contentRange) = display ? closers.display(from: i) : closers.inline(from: i),
                   out.last != "`", end >= n || text[end] != "`" {
                    var after = end
                    var label: String?
                    if display {
                        var k = end
                        while k < n, text[k] == " " || text[k] == "\t" { k += 1 }
                        if k + 2 < n, text[k] == "{", text[k + 1] == "#", let close = text[k..<min(n, k + 128)].firstIndex(of: "}") {
                            let name = String(scalars: text[(k + 2)..<close])
                            if Self.isLabelName(name), BodyExtraction.Kind(name: name) == .equation {
                                label = name
                                after = close + 1
                            }
                        }
                    }
                    let range = SourceRange(start: location(i), end: location(end))
                    var math = MathSpan.read(text[contentRange], display: display, start: location(contentRange.lowerBound), range: range,
                                             file: file, diagnostics: &result.diagnostics)
                    math.label = label
                    if let label {
                        result.labels.append(BodyExtraction.Label(name: label, caption: nil, target: .math(result.maths.count),
                                                                  range: SourceRange(start: location(end), end: location(after))))
                    }
                    out.append(contentsOf: placeholder(BodyExtraction.mathKind, result.maths.count, covering: text[i..<after]))
                    result.maths.append(math)
                    i = after
                    continue
                }
                out.append(c)
                if display { out.append(c) }
                i += display ? 2 : 1
                continue
            }
            if c == "@", i == 0 || !(Self.isNameScalar(text[i - 1]) || text[i - 1] == "."), let end = referenceEnd(text, from: i) {
                let name = String(scalars: text[(i + 1)..<end])
                result.references.append(BodyExtraction.Reference(name: name, range: SourceRange(start: location(i), end: location(end))))
                out.append(contentsOf: placeholder(BodyExtraction.referenceKind, result.references.count - 1, covering: text[i..<end]))
                i = end
                continue
            }
            if c == "{", out.last == ")", i + 2 < n, text[i + 1] == "#", let close = text[i..<min(n, i + 128)].firstIndex(of: "}"),
               case let name = String(scalars: text[(i + 2)..<close]), Self.isLabelName(name) {
                let range = SourceRange(start: location(i), end: location(close + 1))
                if BodyExtraction.Kind(name: name) == .figure, let caption = imageCaption(before: out) {
                    result.labels.append(BodyExtraction.Label(name: name, caption: caption, target: .image(caption: caption), range: range))
                    out.append(contentsOf: placeholder(BodyExtraction.captionKind, result.labels.count - 1, covering: []))
                } else {
                    result.diagnostics.append(Diagnostic(file: file, range: range, id: .misplacedLabel,
                                                         message: "`{#\(name)}` after an image must be a figure label `{#fig-NAME}`"))
                }
                i = close + 1
                continue
            }
            if c == "[", escapingCaretBrackets, takesCaretForFootnote(text, at: i) {
                out.append("\\")
                out.append(c)
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Whether cmark-gfm would take the `[` at `i` for a footnote
    /// reference it cannot read: an escaped or encoded caret and more text
    /// follow it, and it opens no link (its `]` is followed by none of `(`,
    /// `[`, `:`, and no definition names it). Escaped, it is text, as with
    /// no footnotes in the body. The `]` is looked for within a link
    /// label's length (999), so that a paragraph of such brackets is still
    /// scanned in linear time.
    private func takesCaretForFootnote(_ text: [Unicode.Scalar], at i: Int) -> Bool {
        guard let caretEnd = Self.escapedCaretEnd(text, from: i + 1),
              let close = text[caretEnd..<min(text.count, i + 1000)].firstIndex(of: "]"), close > caretEnd else { return false }
        if close + 1 < text.count, text[close + 1] == "(" || text[close + 1] == "[" || text[close + 1] == ":" { return false }
        return !definitions.contains(String(scalars: text[i...close]))
    }

    /// The end of `\^`, `&Hat;`, or a numeric character reference to `^`
    /// (`&#94;`, `&#x5E;`) starting at `j`.
    static func escapedCaretEnd(_ text: [Unicode.Scalar], from j: Int) -> Int? {
        func at(_ k: Int) -> Unicode.Scalar? { k < text.count ? text[k] : nil }
        if at(j) == "\\", at(j + 1) == "^" { return j + 2 }
        guard at(j) == "&" else { return nil }
        if text[j...].starts(with: "&Hat;".unicodeScalars) { return j + 5 }
        guard at(j + 1) == "#" else { return nil }
        let hex = at(j + 2) == "x" || at(j + 2) == "X"
        var k = j + (hex ? 3 : 2)
        var value = 0, digits = 0
        while let scalar = at(k), let digit = Int(String(scalar), radix: hex ? 16 : 10), digits < (hex ? 6 : 7) {
            value = value * (hex ? 16 : 10) + digit
            digits += 1
            k += 1
        }
        return digits > 0 && at(k) == ";" && value == 0x5E ? k + 1 : nil
    }

    /// The end of a reference `@eq-NAME` at `i` (a trailing `-` or `_` is
    /// not part of the name).
    private func referenceEnd(_ text: [Unicode.Scalar], from i: Int) -> Int? {
        var end = i + 1
        while end < text.count, Self.isNameScalar(text[end]) { end += 1 }
        while end > i + 1, text[end - 1] == "-" || text[end - 1] == "_" { end -= 1 }
        let name = String(scalars: text[(i + 1)..<end])
        return Self.isLabelName(name) ? end : nil
    }

    /// The caption of the image `![Caption](…)` that `text` ends with.
    private func imageCaption(before text: [Unicode.Scalar]) -> String? {
        let recent = text[max(0, text.count - 2048)...]
        guard let middle = recent.lastIndex(where: { $0 == "]" }), middle + 1 < text.count, text[middle + 1] == "(",
              let open = recent[..<middle].lastIndex(of: "["), open > 0, text[open - 1] == "!" else { return nil }
        return String(scalars: text[(open + 1)..<middle])
    }

    /// A code span holding the mark, `kind` and `number`; each line break
    /// of what it stands for is kept, followed by the mark alone.
    private func placeholder(_ kind: Unicode.Scalar, _ number: Int, covering source: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = ["`", mark, kind]
        scalars.append(contentsOf: String(number).unicodeScalars)
        for scalar in source where scalar == "\n" {
            scalars.append("\n")
            scalars.append(mark)
        }
        scalars.append("`")
        return scalars
    }
}

/// Where the constructs of a paragraph close, found in one pass from the
/// end, so that a paragraph of many unclosed dollars or backticks is still
/// scanned in linear time.
struct Closers {
    /// The length of the backtick run starting at each index (0 elsewhere).
    var backtickRun: [Int]
    /// The start of the next backtick run of the same length, for each run.
    var matchingRun: [Int?]
    /// The first unescaped `$` at or after each index.
    private var nextDollar: [Int?]
    /// The first unescaped `$$` at or after each index.
    private var nextDisplayCloser: [Int?]
    private let text: [Unicode.Scalar]

    init(_ text: [Unicode.Scalar]) {
        self.text = text
        let n = text.count
        func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" }
        // Which characters a backslash escapes, left to right.
        var escaped = [Bool](repeating: false, count: n)
        var k = 0
        while k < n {
            if text[k] == "\\", k + 1 < n { escaped[k + 1] = true; k += 2 } else { k += 1 }
        }
        backtickRun = [Int](repeating: 0, count: n)
        matchingRun = [Int?](repeating: nil, count: n)
        nextDollar = [Int?](repeating: nil, count: n + 1)
        nextDisplayCloser = [Int?](repeating: nil, count: n + 1)
        var lastRun: [Int: Int] = [:]
        var j = n - 1
        while j >= 0 {
            nextDollar[j] = nextDollar[j + 1]
            nextDisplayCloser[j] = nextDisplayCloser[j + 1]
            if text[j] == "$", !escaped[j] {
                nextDollar[j] = j
                if j + 1 < n, text[j + 1] == "$" { nextDisplayCloser[j] = j }
            }
            if text[j] == "`", j == 0 || text[j - 1] != "`" {
                var length = 1
                while j + length < n, text[j + length] == "`" { length += 1 }
                backtickRun[j] = length
                matchingRun[j] = lastRun[length]
                lastRun[length] = j
            }
            j -= 1
        }
    }

    /// The end of `$$…$$` opened at `i` and the range of its TeX.
    func display(from i: Int) -> (Int, Range<Int>)? {
        guard i + 2 <= text.count, let j = nextDisplayCloser[i + 2] else { return nil }
        guard text[(i + 2)..<j].contains(where: { $0 != " " && $0 != "\t" && $0 != "\n" }) else { return nil }
        return (j + 2, (i + 2)..<j)
    }

    /// The end of `$…$` opened at `i` and the range of its TeX, by pandoc's
    /// rules: the next unescaped `$` closes it when a non-blank stands
    /// before it and no digit after it; otherwise the `$` at `i` is a dollar.
    func inline(from i: Int) -> (Int, Range<Int>)? {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" }
        guard i + 1 < text.count, !isBlank(text[i + 1]), let j = nextDollar[i + 1], j > i + 1, !isBlank(text[j - 1]),
              j + 1 >= text.count || !("0"..."9").contains(text[j + 1]) else { return nil }
        return (j + 1, (i + 1)..<j)
    }
}

extension String {
    /// The text without the blanks around it.
    var trimmingBlanks: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars: scalars)
    }
}
