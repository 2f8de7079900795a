#if canImport(Glibc)
import EvidentLanguage
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a document: front matter, then the cmark outline of the body, then
/// the evident blocks and spans with their document positions.
///
/// Positions. Lines come straight from cmark, which counts the body's lines,
/// and the body keeps the document's numbering (see `FrontMatter.split`).
/// Columns are recomputed from the source, because cmark counts bytes and,
/// in 0.30, reports code span columns only approximately (it loses the
/// indentation of paragraph continuation lines and the width of multi-backtick
/// openers). A block's code starts on the line after its fence, at the column
/// where the first code line stands as a suffix of that source line (that
/// handles indentation, block quotes and list items). A span is found by
/// searching its line for a `{` that follows a backtick (with at most one
/// space between) and from which the source reads as the span's text, the
/// first such one after the previous span; the expression's column is then
/// that of `{` plus the expression's offset in the span. Should the search
/// fail, cmark's column, converted from bytes to characters, is used.
public enum MarkdownReader {
    public static let blockOptions: Set<String> = ["echo", "hide"]

    public static func read(_ source: String, file: String) -> MarkdownDocument {
        let (source, nulDiagnostics) = prepare(source, file: file)
        let (frontMatter, body, frontDiagnostics) = FrontMatter.split(source, file: file)
        let extraction = BodyExtraction.extract(body, file: file)
        return read(frontMatter: frontMatter, extraction: extraction, diagnostics: nulDiagnostics + frontDiagnostics,
                    outline: CommonMark.outline(extraction.body), lines: SourceLines(body), file: file)
    }

    /// The document of an already split and parsed body: `extraction` is
    /// what was taken out of it before cmark made `outline` of what was
    /// left; `lines` are the body's own lines (its `work` tells how much
    /// reading cost).
    package static func read(frontMatter: FrontMatter, extraction: BodyExtraction, diagnostics frontDiagnostics: [Diagnostic],
                     outline: CommonMark.Outline, lines: SourceLines, file: String) -> MarkdownDocument {
        var diagnostics = frontDiagnostics
        var blocks: [EvidentBlock] = []
        var spans: [EvidentSpan] = []

        for block in outline.codeBlocks {
            guard let (words, unknown) = evidentOptions(block.info) else { continue }
            var echo = words.contains("echo")
            let hide = words.contains("hide")
            for word in unknown {
                let column = wordColumn(word, after: "evident", in: line(block.line, of: lines)) ?? scalarColumn(block.column, in: line(block.line, of: lines))
                let start = SourceLocation(line: block.line, column: column)
                let end = SourceLocation(line: block.line, column: column + word.unicodeScalars.count)
                diagnostics.append(Diagnostic(file: file, range: SourceRange(start: start, end: end),
                                              id: .unknownBlockOption, message: "unknown block option `\(word)` (expected `echo` or `hide`)"))
            }
            if echo && hide {
                diagnostics.append(Diagnostic(file: file, range: SourceRange(SourceLocation(line: block.line, column: scalarColumn(block.column, in: line(block.line, of: lines)))),
                                              id: .conflictingBlockOptions, message: "block options `echo` and `hide` exclude each other; `hide` wins"))
                echo = false
            }
            let origin = codeOrigin(block, lines: lines)
            blocks.append(EvidentBlock(ordinal: block.ordinal, code: block.literal, origin: origin,
                                       fenceLine: block.line, echo: echo, hide: hide))
        }

        var cursor = SourceLocation(line: 0, column: 0)
        for span in outline.codeSpans {
            let reading = InlineCode.read(span.literal)
            if case .notEvident = reading { continue }
            let brace = locate(span, after: cursor, lines: lines)
            if let brace { cursor = brace }
            let start = brace ?? SourceLocation(line: span.line, column: scalarColumn(span.column, in: line(span.line, of: lines)))
            switch reading {
            case .notEvident:
                continue
            case .malformed(let message):
                diagnostics.append(Diagnostic(file: file, range: SourceRange(start), id: .malformedSpan, message: message))
            case .span(let code, let offset):
                let origin = advance(start, by: offset, lines: lines)
                spans.append(EvidentSpan(ordinal: span.ordinal, code: code, origin: origin))
            }
        }

        let (furniture, live, furnitureDiagnostics) = Furniture.read(extraction, outline: outline, frontMatter: frontMatter, file: file,
                                                                     blockOrigin: { codeOrigin($0, lines: lines) })
        spans += live
        diagnostics += furnitureDiagnostics
        let items = inDocumentOrder(blocks, spans)
        diagnostics.sort { $0.range.start < $1.range.start }
        let texts = outline.headings.map { heading in
            extraction.mark.map { furniture.plainText(heading.text, mark: $0) } ?? heading.text
        }
        let ids = HeadingIDs.make(texts)
        // The literals of code spans in headings, looked up by ordinal.
        let inHeadings = Set(outline.headings.flatMap(\.spans))
        let spanLiterals = inHeadings.isEmpty ? [:] : Dictionary(outline.codeSpans.filter { !$0.literal.isEmpty && inHeadings.contains($0.ordinal) }
            .map { ($0.ordinal, $0.literal) }, uniquingKeysWith: { a, _ in a })
        let headings = zip(zip(outline.headings, texts), ids).map { pair, id in
            let (heading, text) = pair
            let spans = heading.spans.compactMap { ordinal in spanLiterals[ordinal].map { HeadingSpan(ordinal: ordinal, literal: $0) } }
            return MarkdownHeading(level: heading.level, text: text, line: heading.line, id: id, spans: spans)
        }
        var document = MarkdownDocument(file: file, frontMatter: frontMatter, body: extraction.body, items: items,
                                        headings: headings, diagnostics: diagnostics)
        document.furniture = furniture
        return document
    }

    /// The items in document order: the blocks and the spans each come in
    /// order, so they are merged, blocks first at equal places; should
    /// either not be in order (a span placed by cmark's approximate column,
    /// or a formula's live numbers after the spans), they are sorted.
    /// Compared by their origins in place: copying items to compare them
    /// cost more than the merge.
    package static func inDocumentOrder(_ blocks: [EvidentBlock], _ spans: [EvidentSpan]) -> [MarkdownDocument.Item] {
        var merged: [MarkdownDocument.Item] = []
        merged.reserveCapacity(blocks.count + spans.count)
        guard blocks.indices.dropFirst().allSatisfy({ blocks[$0 - 1].origin <= blocks[$0].origin }),
              spans.indices.dropFirst().allSatisfy({ spans[$0 - 1].origin <= spans[$0].origin }) else {
            merged += blocks.map { .block($0) }
            merged += spans.map { .span($0) }
            return merged.sorted { $0.origin < $1.origin }
        }
        var (i, j) = (0, 0)
        while i < blocks.count || j < spans.count {
            if j == spans.count || (i < blocks.count && blocks[i].origin <= spans[j].origin) {
                merged.append(.block(blocks[i]))
                i += 1
            } else {
                merged.append(.span(spans[j]))
                j += 1
            }
        }
        return merged
    }

    /// The options of an evident block's info string (`evident`, then words):
    /// those it knows and the others, in order; nil for any other code block.
    package static func evidentOptions(_ info: String) -> (known: [String], unknown: [String])? {
        // The usual info string, `evident` alone, needs no splitting.
        if info == "evident" { return ([], []) }
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.first == "evident" else { return nil }
        let options = words.dropFirst()
        return (options.filter(blockOptions.contains), options.filter { !blockOptions.contains($0) })
    }

    // MARK: - Positions

    /// The text every pass reads: lone carriage returns made line feeds (see
    /// `normalizingLoneCarriageReturns`) and NUL bytes made U+FFFD, each NUL
    /// an error at its place (text files have none; one in a name or a string
    /// would otherwise be invisible). One scalar for one, so columns agree.
    public static func prepare(_ source: String, file: String) -> (String, [Diagnostic]) {
        let source = normalizingLoneCarriageReturns(source)
        guard containsByte(source, 0) else { return (source, []) }
        var location = SourceLocation(line: 1, column: 1)
        for scalar in source.unicodeScalars {
            if scalar == "\0" { break }
            if scalar == "\n" { location = SourceLocation(line: location.line + 1, column: 1) } else { location.column += 1 }
        }
        var replaced = String.UnicodeScalarView()
        for scalar in source.unicodeScalars { replaced.append(scalar == "\0" ? "\u{FFFD}" : scalar) }
        return (String(replaced), [Diagnostic(file: file, range: SourceRange(location),
                                              id: .nulByte, message: "the document contains a NUL byte (U+0000); remove it")])
    }

    /// Whether `source`'s UTF-8 holds `byte`, scanned in place by `memchr`
    /// (vectorized), where the generic `utf8.contains` looks at one byte at
    /// a time.
    package static func containsByte(_ source: String, _ byte: UInt8) -> Bool {
        var source = source
        return source.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// `source` with each carriage return that is not part of a CRLF made a
    /// line feed. cmark (like editors) ends a line at a lone CR; every other
    /// pass counts lines by LF, and the two counts must agree or diagnostics
    /// point past the end of the document.
    public static func normalizingLoneCarriageReturns(_ source: String) -> String {
        guard containsByte(source, 0x0D) else { return source }
        var result = String.UnicodeScalarView()
        let scalars = Array(source.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\r", i + 1 == scalars.count || scalars[i + 1] != "\n" {
                result.append("\n")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func line(_ number: Int, of lines: SourceLines) -> [Unicode.Scalar] {
        lines[number]
    }

    /// The character column of a 1-based byte column on a line.
    package static func scalarColumn(_ byteColumn: Int, in line: [Unicode.Scalar]) -> Int {
        var bytes = 0
        for (index, scalar) in line.enumerated() {
            if bytes >= byteColumn - 1 { return index + 1 }
            bytes += UTF8.width(scalar)
        }
        return line.count + 1
    }

    /// The column of `word` on a fence line, searched after `anchor`.
    private static func wordColumn(_ word: String, after anchor: String, in line: [Unicode.Scalar]) -> Int? {
        let text = String(scalars: line)
        guard let anchorRange = text.range(of: anchor) else { return nil }
        var searchStart = anchorRange.upperBound
        while let found = text.range(of: word, range: searchStart..<text.endIndex) {
            let before = found.lowerBound == text.startIndex ? " " : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? " " : text[found.upperBound]
            if (before == " " || before == "\t") && (after == " " || after == "\t" || after == "\r") {
                return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: found.lowerBound) + 1
            }
            searchStart = found.upperBound
        }
        return nil
    }

    /// Where a fenced block's code starts in the document.
    ///
    /// Compared as UTF-8 bytes, which match exactly when the scalars do; the
    /// column counts the scalars (the bytes that start one) before the match.
    private static func codeOrigin(_ block: CommonMark.CodeBlock, lines: SourceLines) -> SourceLocation {
        let lineNumber = block.line + 1
        let source = lines.utf8(lineNumber)
        lines.count(source.count)
        var literal = block.literal
        let column: Int? = literal.withUTF8 { code in
            let firstCount = code.firstIndex(of: UInt8(ascii: "\n")) ?? code.count
            guard firstCount > 0, source.count >= firstCount else { return nil }
            return source.withUnsafeBufferPointer { line -> Int? in
                let before = line.count - firstCount
                guard memcmp(line.baseAddress! + before, code.baseAddress!, firstCount) == 0 else { return nil }
                return 1 + line[..<before].scalarCount
            }
        }
        if let column { return SourceLocation(line: lineNumber, column: column) }
        let fence = line(block.line, of: lines)
        return SourceLocation(line: lineNumber, column: scalarColumn(block.column, in: fence))
    }

    /// The lines `locate` searches, as offsets from the line cmark gives.
    private static let searchedLines = [0, 1, -1] + Array(2...16)

    /// The position of the `{` that opens `span`, the first one after `cursor`
    /// on cmark's line, the lines next to it or those below that reads as the span's text.
    ///
    /// A line of ASCII text is searched as bytes (one per character, as the
    /// columns count them); any other as decoded scalars.
    private static func locate(_ span: CommonMark.CodeSpan, after cursor: SourceLocation, lines: SourceLines) -> SourceLocation? {
        let asciiNeedle = span.literal.utf8.allSatisfy { $0 < 0x80 }
        let needleBytes = asciiNeedle ? Array(span.literal.utf8) : []
        var needleScalars: [Unicode.Scalar]?
        // cmark 0.30 does not count the line breaks inside code spans, so a
        // span after a multi-line one in its paragraph is reported that many
        // lines early: the search goes on down the next lines (a bounded
        // number, to stay linear).
        for offset in searchedLines {
            let number = span.line + offset
            guard number >= 1, number <= lines.count, number >= cursor.line else { continue }
            let asciiSearch: SourceLocation?? = asciiNeedle ? lines.withASCIILine(number) { source in
                search(source, for: needleBytes, brace: UInt8(ascii: "{"), tick: UInt8(ascii: "`"), space: UInt8(ascii: " "),
                       line: number, after: cursor, lines: lines)
            } : nil
            let found: SourceLocation?
            if let asciiSearch {
                found = asciiSearch
            } else {
                if needleScalars == nil { needleScalars = Array(span.literal.unicodeScalars) }
                found = search(lines[number], for: needleScalars!, brace: "{", tick: "`", space: " ", line: number, after: cursor, lines: lines)
            }
            if let found { return found }
        }
        return nil
    }

    /// `locate` on one line, as bytes or scalars.
    private static func search<Line: RandomAccessCollection>(_ source: Line, for needle: [Line.Element], brace: Line.Element,
                                                              tick: Line.Element, space: Line.Element, line number: Int,
                                                              after cursor: SourceLocation, lines: SourceLines) -> SourceLocation?
    where Line.Element: Equatable, Line.Index == Int {
        // Spans come in document order: on the cursor's line, only what
        // follows the previous span is searched.
        let first = source.startIndex + (number == cursor.line ? min(cursor.column, source.count) : 0)
        for index in first..<source.endIndex {
            lines.count(1)
            guard source[index] == brace else { continue }
            let column = index - source.startIndex + 1
            let location = SourceLocation(line: number, column: column)
            guard location > cursor else { continue }
            let afterTick = column >= 2 && source[index - 1] == tick
            let afterTickSpace = column >= 3 && source[index - 1] == space && source[index - 2] == tick
            guard afterTick || afterTickSpace else { continue }
            if reads(source[index...], as: needle, space: space) { return location }
        }
        return nil
    }

    /// Whether the rest of a source line spells `needle`, or its beginning
    /// when the span continues on the next line (cmark turns that line
    /// ending into a space).
    private static func reads<Rest: Collection>(_ rest: Rest, as needle: [Rest.Element], space: Rest.Element) -> Bool where Rest.Element: Equatable {
        var k = rest.startIndex
        for unit in needle {
            if k == rest.endIndex { return unit == space }
            if rest[k] != unit { return false }
            k = rest.index(after: k)
        }
        return true
    }

    /// `start` moved `offset` characters to the right, continuing at the first
    /// non-blank character of the next line when it runs past the line's end.
    private static func advance(_ start: SourceLocation, by offset: Int, lines: SourceLines) -> SourceLocation {
        let column = start.column + offset
        if column <= lines.scalarCount(start.line) || start.line >= lines.count { return SourceLocation(line: start.line, column: column) }
        // Blanks are one byte each: the first other byte's offset is its column.
        let next = lines.utf8(start.line + 1)
        let firstNonBlank = next.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }).map { $0 - next.startIndex } ?? 0
        return SourceLocation(line: start.line + 1, column: firstNonBlank + 1)
    }
}
