#if canImport(Glibc)
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
        return read(frontMatter: frontMatter, body: body, diagnostics: nulDiagnostics + frontDiagnostics,
                    outline: Cmark.outline(body), lines: SourceLines(body), file: file)
    }

    /// The document of an already split and parsed body; `lines` are the
    /// body's lines (its `work` tells how much reading cost).
    static func read(frontMatter: FrontMatter, body: String, diagnostics frontDiagnostics: [Diagnostic],
                     outline: Cmark.Outline, lines: SourceLines, file: String) -> MarkdownDocument {
        var diagnostics = frontDiagnostics
        var items: [MarkdownDocument.Item] = []

        for block in outline.codeBlocks {
            guard let (words, unknown) = evidentOptions(block.info) else { continue }
            var echo = words.contains("echo")
            let hide = words.contains("hide")
            for word in unknown {
                let column = wordColumn(word, after: "evident", in: line(block.line, of: lines)) ?? scalarColumn(block.column, in: line(block.line, of: lines))
                let start = SourceLocation(line: block.line, column: column)
                let end = SourceLocation(line: block.line, column: column + word.unicodeScalars.count)
                diagnostics.append(Diagnostic(file: file, range: SourceRange(start: start, end: end),
                                              message: "unknown block option `\(word)` (expected `echo` or `hide`)"))
            }
            if echo && hide {
                diagnostics.append(Diagnostic(file: file, range: SourceRange(SourceLocation(line: block.line, column: scalarColumn(block.column, in: line(block.line, of: lines)))),
                                              message: "block options `echo` and `hide` exclude each other; `hide` wins"))
                echo = false
            }
            let origin = codeOrigin(block, lines: lines)
            items.append(.block(EvidentBlock(ordinal: block.ordinal, code: block.literal, origin: origin,
                                             fenceLine: block.line, echo: echo, hide: hide)))
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
                diagnostics.append(Diagnostic(file: file, range: SourceRange(start), message: message))
            case .span(let code, let offset):
                let origin = advance(start, by: offset, lines: lines)
                items.append(.span(EvidentSpan(ordinal: span.ordinal, code: code, origin: origin)))
            }
        }

        items.sort { $0.origin < $1.origin }
        diagnostics.sort { $0.range.start < $1.range.start }
        let headings = outline.headings.map { MarkdownHeading(level: $0.level, text: $0.text, line: $0.line) }
        return MarkdownDocument(file: file, frontMatter: frontMatter, body: body, items: items,
                                headings: headings, diagnostics: diagnostics)
    }

    /// The options of an evident block's info string (`evident`, then words):
    /// those it knows and the others, in order; nil for any other code block.
    static func evidentOptions(_ info: String) -> (known: [String], unknown: [String])? {
        // The usual info string, `evident` alone, needs no splitting.
        if info == "evident" { return ([], []) }
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.first == "evident" else { return nil }
        let options = words.dropFirst()
        return (options.filter(blockOptions.contains), options.filter { !blockOptions.contains($0) })
    }

    /// What rendering needs to know of the outline before any evaluation:
    /// the evident blocks it replaces, the hidden ones it removes and the
    /// evident spans it replaces (those `read` makes items of), and the
    /// headings' ids.
    static func layout(of outline: Cmark.Outline, unsafe: Bool) -> Cmark.Layout {
        var layout = Cmark.Layout(headingIDs: HeadingIDs.make(outline.headings.map(\.text)), unsafe: unsafe, link: { PageLink.rewrite($0) })
        for block in outline.codeBlocks {
            guard let (known, _) = evidentOptions(block.info) else { continue }
            if known.contains("hide") { layout.removedBlocks.insert(block.ordinal) } else { layout.blocks.insert(block.ordinal) }
        }
        for span in outline.codeSpans {
            if case .span = InlineCode.read(span.literal) { layout.spans.insert(span.ordinal) }
        }
        return layout
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
                                              message: "the document contains a NUL byte (U+0000); remove it")])
    }

    /// `source` with each carriage return that is not part of a CRLF made a
    /// line feed. cmark (like editors) ends a line at a lone CR; every other
    /// pass counts lines by LF, and the two counts must agree or diagnostics
    /// point past the end of the document.
    /// Whether `source`'s UTF-8 holds `byte`, scanned in place by `memchr`
    /// (vectorized): the generic `utf8.contains` cost about 30 instructions
    /// a byte (7% of a build), `Sequence.contains` on the buffer 12.
    static func containsByte(_ source: String, _ byte: UInt8) -> Bool {
        var source = source
        return source.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

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
    static func scalarColumn(_ byteColumn: Int, in line: [Unicode.Scalar]) -> Int {
        var bytes = 0
        for (index, scalar) in line.enumerated() {
            if bytes >= byteColumn - 1 { return index + 1 }
            bytes += UTF8.width(scalar)
        }
        return line.count + 1
    }

    /// The column of `word` on a fence line, searched after `anchor`.
    private static func wordColumn(_ word: String, after anchor: String, in line: [Unicode.Scalar]) -> Int? {
        let text = String(String.UnicodeScalarView(line))
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
    private static func codeOrigin(_ block: Cmark.CodeBlock, lines: SourceLines) -> SourceLocation {
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
                var column = 1
                for byte in line[..<before] where byte & 0xC0 != 0x80 { column += 1 }
                return column
            }
        }
        if let column { return SourceLocation(line: lineNumber, column: column) }
        let fence = line(block.line, of: lines)
        return SourceLocation(line: lineNumber, column: scalarColumn(block.column, in: fence))
    }

    /// The position of the `{` that opens `span`, the first one after `cursor`
    /// on cmark's line, the lines next to it or those below that reads as the span's text.
    private static func locate(_ span: Cmark.CodeSpan, after cursor: SourceLocation, lines: SourceLines) -> SourceLocation? {
        let needle = Array(span.literal.unicodeScalars)
        // cmark 0.30 does not count the line breaks inside code spans, so a
        // span after a multi-line one in its paragraph is reported that many
        // lines early: the search goes on down the next lines (a bounded
        // number, to stay linear).
        for number in [span.line, span.line + 1, span.line - 1] + Array(span.line + 2 ... span.line + 16)
        where number >= 1 && number <= lines.count && number >= cursor.line {
            let source = lines[number]
            // Spans come in document order: on the cursor's line, only what
            // follows the previous span is searched.
            let first = number == cursor.line ? min(cursor.column, source.count) : 0
            for index in first..<source.count {
                lines.count(1)
                guard source[index] == "{" else { continue }
                let location = SourceLocation(line: number, column: index + 1)
                guard location > cursor else { continue }
                let afterTick = index >= 1 && source[index - 1] == "`"
                let afterTickSpace = index >= 2 && source[index - 1] == " " && source[index - 2] == "`"
                guard afterTick || afterTickSpace else { continue }
                if reads(source[index...], as: needle) { return location }
            }
        }
        return nil
    }

    /// Whether the rest of a source line spells `needle`, or its beginning
    /// when the span continues on the next line (cmark turns that line
    /// ending into a space).
    private static func reads(_ rest: ArraySlice<Unicode.Scalar>, as needle: [Unicode.Scalar]) -> Bool {
        var k = rest.startIndex
        for scalar in needle {
            if k == rest.endIndex { return scalar == " " }
            if rest[k] != scalar { return false }
            k += 1
        }
        return true
    }

    /// `start` moved `offset` characters to the right, continuing at the first
    /// non-blank character of the next line when it runs past the line's end.
    private static func advance(_ start: SourceLocation, by offset: Int, lines: SourceLines) -> SourceLocation {
        let source = line(start.line, of: lines)
        let column = start.column + offset
        if column <= source.count || start.line >= lines.count { return SourceLocation(line: start.line, column: column) }
        let next = line(start.line + 1, of: lines)
        let firstNonBlank = next.firstIndex(where: { $0 != " " && $0 != "\t" }) ?? 0
        return SourceLocation(line: start.line + 1, column: firstNonBlank + 1)
    }
}
