import EvidentLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scan behind `BodyExtraction.extract`, over the body's UTF-8: line by
/// line for the block structure that matters (fences, indented code, label
/// lines), then paragraph by paragraph for code spans, math and references.
///
/// Everything it looks for is ASCII, so it never decodes a scalar; columns
/// count the scalars before a byte only where a location is made. It reads
/// the body's own bytes (the scanner lives inside `String.withUTF8`), and
/// the body cmark reads is written once: the given one with the changed
/// stretches replaced.
struct BodyScanner {
    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    let file: String
    let mark: UInt8
    /// Whether a `[` before an escaped or encoded caret is escaped (see
    /// `BodyExtraction.extract`).
    let escapingCaretBrackets: Bool
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Where each line starts, then one past the body's end plus one (as if
    /// the last line ended with a line break): line `k` (from 1) is
    /// `lineStarts[k - 1]..<lineStarts[k] - 1`.
    private let lineStarts: [Int]
    /// Where something the scan may change starts
    /// (`BodyExtraction.changeStarts`), in order; a paragraph with none is
    /// copied as it stands.
    private let changeStarts: [Int]
    /// The first of `changeStarts` not before the paragraph being flushed.
    private var nextChange = 0
    /// The labels of the link reference definitions (`[label]:` starting a
    /// line), with their brackets, when carets are escaped.
    private var definitions: Set<[UInt8]> = []
    var result: BodyExtraction
    /// What takes the place of stretches of the body, in order.
    private var replacements: [(range: Range<Int>, bytes: [UInt8])] = []
    /// The last location made: a byte, its line (from 0) and its column.
    private var cursor = (index: 0, line: 0, column: 1)

    /// The open fence: its character, its length and the line it opened on.
    private var fence: (character: UInt8, length: Int, line: Int)?
    /// The last fenced block or table: its first and last lines.
    private var blockAbove: (first: Int, last: Int)?
    private var previousBlank = true
    /// The last line that was not blank.
    private var lastContentLine = 0
    private var inIndentedCode = false
    /// The first and last lines of the paragraph being gathered.
    private var paragraph: (first: Int, last: Int)?

    /// A scanner of `body`, whose UTF-8 is `bytes`.
    init(body: String, bytes: UnsafeBufferPointer<UInt8>, file: String, mark: UInt8, escapingCaretBrackets: Bool = false) {
        self.file = file
        self.mark = mark
        self.escapingCaretBrackets = escapingCaretBrackets
        self.bytes = bytes
        var starts = [0]
        var changes: [Int] = []
        if let base = bytes.baseAddress {
            var from = base
            let end = base + bytes.count
            while from < end, let hit = memchr(from, Int32(UInt8.newline), end - from) {
                let next = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(next - base)
                from = next
            }
            for needle in BodyExtraction.changeStarts + (escapingCaretBrackets ? BodyExtraction.caretChangeStarts : []) {
                var from = base
                while let after = ByteSearch.end(of: needle, from: from, end) {
                    changes.append(after - needle.utf8CodeUnitCount - base)
                    from = after
                }
            }
        }
        starts.append(bytes.count + 1)
        self.lineStarts = starts
        self.changeStarts = changes.sorted()
        self.result = BodyExtraction(body: body, mark: Unicode.Scalar(mark))
        if escapingCaretBrackets {
            for number in 1..<starts.count {
                let content = Self.content(line(number)).drop(while: { $0 == .space })
                guard content.first == .openBracket, let close = content.firstIndex(of: .closeBracket), close + 1 < content.endIndex,
                      content[close + 1] == .colon else { continue }
                definitions.insert(Array(content[...close]))
            }
        }
    }

    mutating func run() {
        for number in 1..<lineStarts.count { handle(number) }
        flushParagraph()
        // Nothing replaced: `result.body` is the body as given.
        if !replacements.isEmpty { result.body = replaced() }
        if result.maths.isEmpty && result.references.isEmpty && result.labels.isEmpty { result.mark = nil }
    }

    /// Line `number` (from 1), without its line break.
    private func line(_ number: Int) -> Bytes { bytes[lineStarts[number - 1]..<(lineStarts[number] - 1)] }

    /// The body with the replacements made, written once into a string of
    /// its size (valid UTF-8: each replaced stretch starts and ends at
    /// ASCII, and what replaces it is ASCII or the body's own text).
    private func replaced() -> String {
        let count = replacements.reduce(bytes.count) { $0 - $1.range.count + $1.bytes.count }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var end = 0, copied = 0
            func write(_ piece: UnsafeBufferPointer<UInt8>) {
                guard let base = piece.baseAddress, !piece.isEmpty else { return }
                (buffer.baseAddress! + end).initialize(from: base, count: piece.count)
                end += piece.count
            }
            for (range, replacement) in replacements {
                write(UnsafeBufferPointer(rebasing: bytes[copied..<range.lowerBound]))
                replacement.withUnsafeBufferPointer(write)
                copied = range.upperBound
            }
            write(UnsafeBufferPointer(rebasing: bytes[copied...]))
            return end
        }
    }

    /// Where the byte at `index` stands: its line, and its column in
    /// scalars, counted from the last location asked for when that is on
    /// the same line (a long line holding many formulas is counted once).
    private mutating func location(_ index: Int) -> SourceLocation {
        if index < lineStarts[cursor.line] || index >= lineStarts[cursor.line + 1] {
            var low = 0, high = lineStarts.count - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if lineStarts[middle] <= index { low = middle } else { high = middle }
            }
            cursor = (lineStarts[low], low, 1)
        }
        if index >= cursor.index {
            cursor.column += bytes[cursor.index..<index].scalarCount
        } else {
            cursor.column -= bytes[index..<cursor.index].scalarCount
        }
        cursor.index = index
        return SourceLocation(line: cursor.line + 1, column: cursor.column)
    }

    // MARK: - Blocks

    private mutating func handle(_ number: Int) {
        let line = self.line(number)
        // A line that starts with an ASCII letter (most of a body's) is
        // prose or fenced code: no container, fence, label or blank.
        if let first = line.first, first.isASCIILetter {
            lastContentLine = number
            guard fence == nil else { return }
            inIndentedCode = false
            previousBlank = false
            paragraph = (paragraph?.first ?? number, number)
            return
        }
        let content = Self.content(line)
        let blank = content.allSatisfy { $0 == .space || $0 == .tab }
        defer { if !blank { lastContentLine = number } }
        if let open = fence {
            if let run = Self.fenceRun(content), run.character == open.character, run.length >= open.length,
               content.dropFirst(run.length).allSatisfy({ $0 == .space || $0 == .tab }) {
                fence = nil
                blockAbove = (open.line, number)
            }
            return
        }
        if let run = Self.fenceRun(content), run.character == .tilde || !content.dropFirst(run.length).contains(.backtick) {
            flushParagraph()
            fence = (run.character, run.length, number)
            inIndentedCode = false
            previousBlank = false
            return
        }
        if blank {
            flushParagraph()
            previousBlank = true
            return
        }
        let indented = line.first == .tab || line.prefix(4).elementsEqual("    ".utf8)
        if paragraph == nil, indented, previousBlank || inIndentedCode {
            inIndentedCode = true
            return
        }
        inIndentedCode = false
        previousBlank = false
        if let label = labelLine(line, number: number) {
            flushParagraph()
            attach(label, number: number)
            replacements.append((line.startIndex..<line.endIndex, []))
            return
        }
        paragraph = (paragraph?.first ?? number, number)
    }

    /// A line's text inside its containers: block quote markers, list
    /// markers and the indentation before them taken off.
    static func content(_ line: Bytes) -> Bytes {
        var rest = line
        while true {
            let spaces = rest.prefix(while: { $0 == .space }).count
            guard spaces <= 3 || rest.count == spaces else { return rest }
            var after = rest.dropFirst(spaces)
            if after.first == .greater {
                after = after.dropFirst()
                if after.first == .space { after = after.dropFirst() }
                rest = after
                continue
            }
            if let first = after.first, first == .dash || first == .plus || first == .star, after.dropFirst().first == .space {
                rest = after.dropFirst(2)
                continue
            }
            let digits = after.prefix(while: \.isASCIIDigit).count
            if digits > 0, digits <= 9, let marker = after.dropFirst(digits).first, marker == .dot || marker == .closeParen,
               after.dropFirst(digits + 1).first == .space {
                rest = after.dropFirst(digits + 2)
                continue
            }
            return after
        }
    }

    /// The run of three or more backticks or tildes a line starts with.
    static func fenceRun(_ content: Bytes) -> (character: UInt8, length: Int)? {
        let text = content.drop(while: { $0 == .space })
        guard let first = text.first, first == .backtick || first == .tilde else { return nil }
        let length = text.prefix(while: { $0 == first }).count
        return length >= 3 ? (first, length) : nil
    }

    /// A line that is only a label: `{#fig-NAME}`, `{#tbl-NAME}`,
    /// `{#eq-NAME}`, or a table caption `: Caption {#tbl-NAME}`.
    private mutating func labelLine(_ line: Bytes, number: Int) -> (name: String, caption: String?, range: SourceRange)? {
        var text = line.drop(while: { $0 == .space })
        while let last = text.last, last == .space || last == .tab || last == .carriageReturn { text = text.dropLast() }
        guard text.last == .closeBrace, let open = text.lastIndex(of: .openBrace), text[open...].starts(with: "{#".utf8) else { return nil }
        let name = String(decoding: text[(open + 2)..<(text.endIndex - 1)], as: UTF8.self)
        guard Self.isLabelName(name) else { return nil }
        let before = text[..<open]
        var caption: String?
        if before.first == .colon && before.dropFirst().first == .space {
            caption = String(decoding: before.dropFirst(2), as: UTF8.self).trimmingBlanks
        } else if !before.allSatisfy({ $0 == .space }) {
            return nil
        }
        return (name, caption, SourceRange(start: location(open), end: location(text.endIndex)))
    }

    /// `eq-…`, `fig-…` or `tbl-…` followed by letters, digits, `-` and `_`.
    static func isLabelName(_ name: String) -> Bool {
        guard BodyExtraction.Kind(name: name) != nil, let dash = name.utf8.firstIndex(of: .dash) else { return false }
        let rest = name.utf8[name.utf8.index(after: dash)...]
        return !rest.isEmpty && rest.allSatisfy(isNameByte)
    }

    /// An ASCII letter or digit, `-` or `_`.
    static func isNameByte(_ byte: UInt8) -> Bool {
        byte.isASCIIDigit || byte.isASCIILetter || byte == .dash || byte == .underscore
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
        guard let (first, last) = paragraph else { return }
        paragraph = nil
        // A pipe table: a row, then a delimiter row.
        if last > first {
            let delimiters = Self.content(line(first + 1))
            if delimiters.contains(.pipe), delimiters.contains(.dash),
               delimiters.allSatisfy({ $0 == .pipe || $0 == .dash || $0 == .colon || $0 == .space || $0 == .tab }) {
                blockAbove = (first, last)
            }
        }
        // The paragraph's lines stand together in the body. One where
        // nothing `scanInline` changes starts (most of a long body's) is the
        // text as it stands.
        let range = lineStarts[first - 1]..<(lineStarts[last] - 1)
        while nextChange < changeStarts.count, changeStarts[nextChange] < range.lowerBound { nextChange += 1 }
        guard nextChange < changeStarts.count, changeStarts[nextChange] < range.upperBound else { return }
        replacements.append((range, scanInline(Array(bytes[range]), at: range.lowerBound)))
    }

    /// Code spans kept, math and references made placeholders, image
    /// labels taken out, in `text`, which stands at `base` in the body.
    private mutating func scanInline(_ text: [UInt8], at base: Int) -> [UInt8] {
        func location(_ index: Int) -> SourceLocation { self.location(base + index) }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        let n = text.count
        let closers = Closers(text)
        var i = 0
        while i < n {
            let c = text[i]
            if c == .backslash, i + 1 < n {
                out.append(c)
                out.append(text[i + 1])
                i += 2
                continue
            }
            if c == .backtick {
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
            if c == .dollar {
                let display = i + 1 < n && text[i + 1] == .dollar
                if let (end, contentRange) = display ? closers.display(from: i) : closers.inline(from: i),
                   out.last != .backtick, end >= n || text[end] != .backtick {
                    var after = end
                    var label: String?
                    if display {
                        var k = end
                        while k < n, text[k] == .space || text[k] == .tab { k += 1 }
                        if k + 2 < n, text[k] == .openBrace, text[k + 1] == .hash,
                           let close = text[k..<min(n, k + 128)].firstIndex(of: .closeBrace) {
                            let name = String(decoding: text[(k + 2)..<close], as: UTF8.self)
                            if Self.isLabelName(name), BodyExtraction.Kind(name: name) == .equation {
                                label = name
                                after = close + 1
                            }
                        }
                    }
                    let start = location(i), texStart = location(contentRange.lowerBound)
                    let range = SourceRange(start: start, end: location(end))
                    let tex = Array(String(decoding: text[contentRange], as: UTF8.self).unicodeScalars)
                    var math = MathSpan.read(tex[...], display: display, start: texStart, range: range,
                                             file: file, diagnostics: &result.diagnostics)
                    math.label = label
                    if let label {
                        let labelRange = SourceRange(start: location(end), end: location(after))
                        result.labels.append(BodyExtraction.Label(name: label, caption: nil, target: .math(result.maths.count), range: labelRange))
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
            if c == .at, i == 0 || !(Self.isNameByte(text[i - 1]) || text[i - 1] == .dot), let end = referenceEnd(text, from: i) {
                let name = String(decoding: text[(i + 1)..<end], as: UTF8.self)
                let range = SourceRange(start: location(i), end: location(end))
                result.references.append(BodyExtraction.Reference(name: name, range: range))
                out.append(contentsOf: placeholder(BodyExtraction.referenceKind, result.references.count - 1, covering: text[i..<end]))
                i = end
                continue
            }
            if c == .openBrace, out.last == .closeParen, i + 2 < n, text[i + 1] == .hash,
               let close = text[i..<min(n, i + 128)].firstIndex(of: .closeBrace),
               case let name = String(decoding: text[(i + 2)..<close], as: UTF8.self), Self.isLabelName(name) {
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
            if c == .openBracket, escapingCaretBrackets, takesCaretForFootnote(text, at: i, closers: closers) {
                out.append(.backslash)
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
    /// follow it, and it opens no link (the `]` that closes it, past
    /// brackets nested in it and code spans, is followed by none of `(`,
    /// `[`, `:`, and no definition names it). Escaped, it is text, as with
    /// no footnotes in the body. The `]` is looked for within a link
    /// label's length (999 characters), so that a paragraph of such
    /// brackets is still scanned in linear time.
    private func takesCaretForFootnote(_ text: [UInt8], at i: Int, closers: Closers) -> Bool {
        guard let caretEnd = Self.escapedCaretEnd(text, from: i + 1) else { return false }
        var depth = 1, k = caretEnd
        var characters = text[i..<caretEnd].scalarCount
        while k < text.count, characters < 1000 {
            var next = k + 1
            switch text[k] {
            case .backslash: next = min(k + 2, text.count)
            case .openBracket: depth += 1
            case .closeBracket: depth -= 1
            case .backtick where closers.backtickRun[k] > 0:
                next = (closers.matchingRun[k] ?? k) + closers.backtickRun[k]
            default: break
            }
            if depth == 0 { break }
            characters += text[k..<next].scalarCount
            k = next
        }
        guard depth == 0, k > caretEnd, k < text.count else { return false }
        if k + 1 < text.count, text[k + 1] == .openParen || text[k + 1] == .openBracket || text[k + 1] == .colon { return false }
        return !definitions.contains(Array(text[i...k]))
    }

    /// The end of `\^`, `&Hat;`, or a numeric character reference to `^`
    /// (`&#94;`, `&#x5E;`) starting at `j`.
    static func escapedCaretEnd(_ text: [UInt8], from j: Int) -> Int? {
        func at(_ k: Int) -> UInt8? { k < text.count ? text[k] : nil }
        if at(j) == .backslash, at(j + 1) == .caret { return j + 2 }
        guard at(j) == .ampersand else { return nil }
        if text[j...].starts(with: "&Hat;".utf8) { return j + 5 }
        guard at(j + 1) == .hash else { return nil }
        let hex = at(j + 2) == UInt8(ascii: "x") || at(j + 2) == UInt8(ascii: "X")
        var k = j + (hex ? 3 : 2)
        var value = 0, digits = 0
        while let byte = at(k), let digit = digitValue(byte, hex: hex), digits < (hex ? 6 : 7) {
            value = value * (hex ? 16 : 10) + digit
            digits += 1
            k += 1
        }
        return digits > 0 && at(k) == .semicolon && value == 0x5E ? k + 1 : nil
    }

    /// The value of a decimal or hexadecimal digit.
    private static func digitValue(_ byte: UInt8, hex: Bool) -> Int? {
        if byte.isASCIIDigit { return Int(byte - UInt8(ascii: "0")) }
        let lower = byte | 0x20
        return hex && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") ? Int(lower - UInt8(ascii: "a")) + 10 : nil
    }

    /// The end of a reference `@eq-NAME` at `i` (a trailing `-` or `_` is
    /// not part of the name).
    private func referenceEnd(_ text: [UInt8], from i: Int) -> Int? {
        var end = i + 1
        while end < text.count, Self.isNameByte(text[end]) { end += 1 }
        while end > i + 1, text[end - 1] == .dash || text[end - 1] == .underscore { end -= 1 }
        return Self.isLabelName(String(decoding: text[(i + 1)..<end], as: UTF8.self)) ? end : nil
    }

    /// The caption of the image `![Caption](…)` that `text` ends with,
    /// looked for in its last 2,048 characters.
    private func imageCaption(before text: [UInt8]) -> String? {
        var start = text.count, characters = 0
        while start > 0, characters < 2048 {
            start -= 1
            if !text[start].isUTF8Continuation { characters += 1 }
        }
        let recent = text[start...]
        guard let middle = recent.lastIndex(of: .closeBracket), middle + 1 < text.count, text[middle + 1] == .openParen,
              let open = recent[..<middle].lastIndex(of: .openBracket), open > 0, text[open - 1] == .bang else { return nil }
        return String(decoding: text[(open + 1)..<middle], as: UTF8.self)
    }

    /// A code span holding the mark, `kind` and `number`; each line break
    /// of what it stands for is kept, followed by the mark alone.
    private func placeholder(_ kind: Unicode.Scalar, _ number: Int, covering source: ArraySlice<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = [.backtick, mark, UInt8(ascii: kind)]
        bytes.append(contentsOf: String(number).utf8)
        for byte in source where byte == .newline {
            bytes.append(.newline)
            bytes.append(mark)
        }
        bytes.append(.backtick)
        return bytes
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
    private let text: [UInt8]

    init(_ text: [UInt8]) {
        self.text = text
        let n = text.count
        // Which characters a backslash escapes, left to right.
        var escaped = [Bool](repeating: false, count: n)
        var k = 0
        while k < n {
            if text[k] == .backslash, k + 1 < n { escaped[k + 1] = true; k += 2 } else { k += 1 }
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
            if text[j] == .dollar, !escaped[j] {
                nextDollar[j] = j
                if j + 1 < n, text[j + 1] == .dollar { nextDisplayCloser[j] = j }
            }
            if text[j] == .backtick, j == 0 || text[j - 1] != .backtick {
                var length = 1
                while j + length < n, text[j + length] == .backtick { length += 1 }
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
        guard text[(i + 2)..<j].contains(where: { !Self.isBlank($0) }) else { return nil }
        return (j + 2, (i + 2)..<j)
    }

    /// The end of `$…$` opened at `i` and the range of its TeX, by pandoc's
    /// rules: the next unescaped `$` closes it when a non-blank stands
    /// before it and no digit after it; otherwise the `$` at `i` is a dollar.
    func inline(from i: Int) -> (Int, Range<Int>)? {
        guard i + 1 < text.count, !Self.isBlank(text[i + 1]), let j = nextDollar[i + 1], j > i + 1, !Self.isBlank(text[j - 1]),
              j + 1 >= text.count || !text[j + 1].isASCIIDigit else { return nil }
        return (j + 1, (i + 1)..<j)
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == .space || byte == .tab || byte == .newline }
}

/// The ASCII the scan looks for.
private extension UInt8 {
    static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r"), tab = UInt8(ascii: "\t"), space = UInt8(ascii: " ")
    static let backtick = UInt8(ascii: "`"), tilde = UInt8(ascii: "~"), dollar = UInt8(ascii: "$"), at = UInt8(ascii: "@")
    static let backslash = UInt8(ascii: "\\"), caret = UInt8(ascii: "^"), ampersand = UInt8(ascii: "&"), hash = UInt8(ascii: "#")
    static let semicolon = UInt8(ascii: ";"), colon = UInt8(ascii: ":"), dot = UInt8(ascii: "."), bang = UInt8(ascii: "!")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")"), pipe = UInt8(ascii: "|"), greater = UInt8(ascii: ">")
    static let dash = UInt8(ascii: "-"), plus = UInt8(ascii: "+"), star = UInt8(ascii: "*"), underscore = UInt8(ascii: "_")
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
