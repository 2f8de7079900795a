import EvidentLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is taken out of a body before cmark reads it: math (`$…$`, `$$…$$`),
/// references (`@eq-NAME`, `@fig-NAME`, `@tbl-NAME`) and labels (`{#eq-…}`
/// after display math, a line `{#fig-…}` or `: Caption {#tbl-…}` after a
/// block or a table, `{#fig-…}` right after an image).
///
/// cmark would read a formula's `\\`, `_`, `*` and `\{` as Markdown, so math
/// and references become code spans that hold a mark (a control character
/// the body does not contain), their kind and their number; the reader finds
/// them in cmark's outline by that mark, which no author's code span can
/// hold. A formula over several lines keeps its line breaks (each further
/// line holds the mark alone), so cmark's line numbers stay document line
/// numbers. A label line is blanked.
///
/// In a body with footnotes, a `[` before an escaped or encoded caret
/// (`[\^x]`, `[&#94;x]`) that opens no link is escaped (`\[`): cmark-gfm
/// would read it as a footnote reference and misrender it.
///
/// The scan knows just enough block structure to leave code alone: fenced
/// code (also inside block quotes and list items), indented code after a
/// blank line, and code spans. Pandoc's rules for dollars: an opening `$`
/// has a non-space on its right, a closing `$` a non-space on its left and no
/// digit after it; `\$` is a dollar. Math may not cross a blank line.
package struct BodyExtraction: Sendable {
    /// The body cmark reads.
    package var body: String
    /// The mark of the placeholders, nil when the body holds no math,
    /// reference or label (then `body` is the body as given).
    package var mark: Unicode.Scalar?
    package var maths: [MathSpan] = []
    package var references: [Reference] = []
    package var labels: [Label] = []
    package var diagnostics: [Diagnostic] = []

    /// `@eq-coin` in prose.
    package struct Reference: Equatable, Sendable {
        package var name: String
        package var range: SourceRange
    }

    /// A label, and what it names.
    package struct Label: Equatable, Sendable {
        package enum Target: Equatable, Sendable {
            /// The display formula of this number in `maths`.
            case math(Int)
            /// The fenced block, or the table, that ends just above `line`.
            case blockAbove(line: Int)
            /// The image just before the label in its paragraph.
            case image(caption: String)
        }
        package var name: String
        package var caption: String?
        package var target: Target
        package var range: SourceRange

        package var kind: Kind { Kind(name: name)! }
    }

    package enum Kind: String, Sendable, CaseIterable {
        case equation = "eq", figure = "fig", table = "tbl"

        init?(name: String) {
            guard let dash = name.firstIndex(of: "-") else { return nil }
            self.init(rawValue: String(name[..<dash]))
        }
    }

    /// The placeholder kinds, as written after the mark.
    package static let mathKind: Unicode.Scalar = "m"
    package static let referenceKind: Unicode.Scalar = "r"
    /// An image's caption, numbered by its label.
    package static let captionKind: Unicode.Scalar = "c"

    /// What the scan can change starts with one of these: a dollar, a
    /// label after an image, a reference of each `Kind`. An at sign alone
    /// (an address, a matrix product) starts nothing, nor does a brace
    /// alone (a live number's `{= …}`).
    static let changeStarts: [StaticString] = ["$", "{#", "@eq-", "@fig-", "@tbl-"]
    /// And, where carets are escaped, a bracket before an escaped or
    /// encoded one.
    static let caretChangeStarts: [StaticString] = ["[\\^", "[&"]

    /// The body as cmark should read it, and what was taken out.
    package static func extract(_ body: String, file: String) -> BodyExtraction {
        // Most bodies have no dollar, reference or label: nothing to do
        // (found by vectorised scans, as `ControlMark` finds one).
        var bytes = body
        // A body with footnotes (`[^`) where a `[` is followed by an escaped
        // or encoded caret: cmark-gfm takes such a bracket for a footnote
        // reference and copies its text from past the caret's own bytes
        // (`[\^x]` came out as `[^x]]`, `[&#94;x]` as a NUL that ended the
        // page). The scan escapes that bracket (`BodyScanner`).
        var escapesCarets = false
        let (worthScanning, mark): (Bool, UInt8?) = bytes.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return (false, nil) }
            let count = buffer.count
            func holds(_ needle: StaticString) -> Bool { ByteSearch.holds(buffer, needle) }
            let worth = memchr(base, Int32(UInt8(ascii: "$")), count) != nil || changeStarts.contains(where: holds)
            escapesCarets = holds("[^") && caretChangeStarts.contains(where: holds)
            let scanning = worth || escapesCarets
            return (scanning, scanning ? ControlMark.absent(in: buffer) : nil)
        }
        guard worthScanning, let mark else { return BodyExtraction(body: body, mark: nil) }
        return bytes.withUTF8 { buffer in
            var scanner = BodyScanner(body: body, bytes: buffer, file: file, mark: mark, escapingCaretBrackets: escapesCarets)
            scanner.run()
            return scanner.result
        }
    }
}

/// A formula: its TeX, where it stands, and the live numbers in it.
package struct MathSpan: Equatable, Sendable {
    /// The TeX, with each live number as a slot (U+E000, its number, U+E001).
    package var tex: String
    package var display: Bool
    /// `eq-NAME` for a numbered equation.
    package var label: String?
    /// The formula with its delimiters.
    package var range: SourceRange
    /// Where the TeX's scalars stand: from each segment's offset on, the TeX
    /// reads as the source from its location (a live slot starts a segment).
    package var segments: [(offset: Int, location: SourceLocation)]
    /// The live numbers, by slot.
    package var live: [(code: InlineCode, origin: SourceLocation)]

    package static func == (a: MathSpan, b: MathSpan) -> Bool {
        a.tex == b.tex && a.display == b.display && a.label == b.label && a.range == b.range
            && a.segments.elementsEqual(b.segments, by: { $0 == $1 }) && a.live.elementsEqual(b.live, by: { $0 == $1 })
    }

    /// The document location of the TeX's `offset`-th scalar.
    package func location(ofOffset offset: Int) -> SourceLocation {
        guard let segment = segments.last(where: { $0.offset <= offset }) else { return range.start }
        var location = segment.location
        let scalars = Array(tex.unicodeScalars)
        for index in segment.offset..<min(offset, scalars.count) {
            if scalars[index] == "\n" { location = SourceLocation(line: location.line + 1, column: 1) } else { location.column += 1 }
        }
        return location
    }

    /// The live slot for number `index`.
    package static func slot(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

    /// Reads TeX that starts at `start`: live numbers `{= EXPR}` or
    /// `{= EXPR | FMT}` become slots. `{=` must be followed by a blank, so
    /// that TeX's own `\overset{def}{=}` stays TeX.
    package static func read(_ scalars: ArraySlice<Unicode.Scalar>, display: Bool, start: SourceLocation, range: SourceRange,
                              file: String, diagnostics: inout [Diagnostic]) -> MathSpan {
        var math = MathSpan(tex: "", display: display, label: nil, range: range, segments: [(0, start)], live: [])
        var tex: [Unicode.Scalar] = []
        tex.reserveCapacity(scalars.count)
        var count = 0
        var location = start
        var i = scalars.startIndex
        func step(_ scalar: Unicode.Scalar) {
            if scalar == "\n" { location = SourceLocation(line: location.line + 1, column: 1) } else { location.column += 1 }
        }
        while i < scalars.endIndex {
            let scalar = scalars[i]
            if scalar == "\u{E000}" || scalar == "\u{E001}" {
                diagnostics.append(Diagnostic(file: file, range: SourceRange(location), id: .mathSyntax,
                                              message: "math cannot hold the private-use character U+\(scalar == "\u{E000}" ? "E000" : "E001")"))
            }
            if scalar == "{", i + 2 < scalars.endIndex, scalars[i + 1] == "=", scalars[i + 2] == " " || scalars[i + 2] == "\t",
               let close = closingBrace(scalars, from: i) {
                let literal = String(scalars: scalars[i...close])
                let opening = location
                switch InlineCode.read(literal) {
                case .span(let code, let offset):
                    var origin = opening
                    for scalar in scalars[i..<(i + offset)] { if scalar == "\n" { origin = SourceLocation(line: origin.line + 1, column: 1) } else { origin.column += 1 } }
                    let slot = slot(math.live.count)
                    math.live.append((code, origin))
                    tex.append(contentsOf: slot.unicodeScalars)
                    count += slot.unicodeScalars.count
                default:
                    diagnostics.append(Diagnostic(file: file, range: SourceRange(opening), id: .malformedSpan,
                                                  message: "a live number in math reads `{= EXPR}` or `{= EXPR | FMT}`"))
                }
                for scalar in scalars[i...close] { step(scalar) }
                i = close + 1
                math.segments.append((count, location))
                continue
            }
            tex.append(scalar)
            count += 1
            step(scalar)
            i += 1
        }
        math.tex = String(scalars: tex)
        return math
    }

    /// The index of the `}` that closes the `{` at `open`, counting nested
    /// braces and skipping backslash escapes; nil when it does not close.
    private static func closingBrace(_ scalars: ArraySlice<Unicode.Scalar>, from open: Int) -> Int? {
        var depth = 0
        var i = open
        while i < scalars.endIndex {
            switch scalars[i] {
            case "\\": i += 1
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }
}
