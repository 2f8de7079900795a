import EvidentLanguage
import Mustache

/// A Mustache page template (`--template FILE`), read once: parsed by
/// swift-mustache after `TemplateShape` has checked what the parser and
/// the renderer cannot bound, every problem a `Diagnostic` located in the
/// template file (1-based line, column in Unicode scalars, lines ended by
/// LF, CRLF or a lone CR, as in documents).
public struct PageTemplate: Sendable {
    /// The path the template's diagnostics name.
    public let file: String
    /// The template as written.
    public let text: String
    /// The parsed template, after `prefix`.
    package let mustache: MustacheTemplate
    /// Whether the template names `content` only as itself in variable tags
    /// (`TemplateShape.contentAsWritten`): then a page is the template
    /// rendered around a marker, with the body put in its place.
    package let contentAsWritten: Bool

    /// Sections may nest this deep (the parser and the renderer recurse once a level).
    public static let maxNesting = 64
    /// The most characters the Mustache reader may walk: it measures the
    /// rest of the template at every tag and every other `{` (more
    /// precisely, the delimiter's first character), so a template of n
    /// characters with t of them costs about t × n. 200,000,000 is, for
    /// instance, 2,000 tags in a 50,000-character template; the default
    /// template needs about 100,000.
    public static let maxReadingWork = 200_000_000

    /// The page's large values may each appear this often, never inside a
    /// section over a list: each is a copy.
    public static let maxContent = 8

    /// The page's large values, with what each is: the body (megabytes for
    /// a large document), the style sheet and the embedded math font.
    public static let largeValues = ["content": "the page's content", "css": "the page's style sheet", "mathFont": "the page's math font"]

    /// The embedded default template.
    public static let `default` = try! PageTemplate(DefaultTemplate.html, file: "templates/default.html")

    /// Reads `text` (the contents of `file`), or throws the `Diagnostic` that
    /// says where and why it cannot be used.
    public init(_ text: String, file: String) throws {
        self.file = file
        self.text = text
        let shape = TemplateShape(text, maxNesting: Self.maxNesting, maxReadingWork: Self.maxReadingWork, maxContent: Self.maxContent)
        if let excess = shape.excess { throw Self.diagnostic(for: excess, in: shape, file: file) }
        contentAsWritten = shape.contentAsWritten
        let prefixed = Self.prefix + text
        do {
            mustache = try MustacheTemplate(string: prefixed)
        } catch let error as MustacheTemplate.ParserError {
            throw Self.diagnostic(for: error, in: shape, parsed: prefixed, file: file)
        }
    }

    /// What goes before the template: the `TEXT` content type, which turns
    /// Mustache's HTML escaping off (escaping happens once, in
    /// `HTML.escape`, before the values reach the template), on a line of
    /// its own, which the parser drops (a standalone tag), so that the
    /// template's first character never joins the pragma's last one in a
    /// grapheme cluster and the template's columns stay its own.
    static let prefix = Page.unescapedPragma + "\n"

    // MARK: Diagnostics

    private static func diagnostic(for excess: TemplateShape.Excess, in shape: TemplateShape, file: String) -> Diagnostic {
        let characters = shape.characters
        switch excess {
        case .nesting(let offset):
            return Diagnostic(file: file, range: range(at: offset, in: characters), id: .templateTooDeep,
                              message: "this section is nested \(maxNesting + 1) deep; page template sections nest at most \(maxNesting) deep")
        case .readingWork(let offset, let work):
            return Diagnostic(file: file, range: range(at: offset, in: characters), id: .templateTooCostly,
                              message: "the page template has too many tags for its length: the Mustache reader walks to its end at every tag "
                                  + "and every `{`, \(work) characters by here, more than the limit of \(maxReadingWork); "
                                  + "use fewer tags or a shorter template")
        case .nestedLists(let offset, let inner, let outer):
            let at = location(at: outer.offset, in: characters)
            return Diagnostic(file: file, range: range(at: offset, in: characters), id: .templateNestedLists,
                              message: "the section over the list `\(inner)` is inside the section over `\(outer.name)` (\(at)): "
                                  + "it would be repeated for every entry of that one; close `\(outer.name)` first")
        case .largeValueInList(let offset, let name, let outer):
            let at = location(at: outer.offset, in: characters)
            return Diagnostic(file: file, range: range(at: offset, in: characters), id: .templateNestedLists,
                              message: "\(largeValues[name]!) (`\(name)`) is inside the section over the list `\(outer.name)` (\(at)): "
                                  + "all of it would be repeated for every entry; close `\(outer.name)` first")
        case .sectionOverLargeValue(let offset, let name):
            return Diagnostic(file: file, range: range(at: offset, in: characters), id: .templateNestedLists,
                              message: "a section over \(largeValues[name]!) (`\(name)`) would let `{{.}}` copy all of it as often as written; "
                                  + "write `{{{\(name)}}}` where it goes")
        case .largeValueRepeated(let offset, let name):
            return Diagnostic(file: file, range: range(at: offset, in: characters), id: .templateNestedLists,
                              message: "\(largeValues[name]!) (`\(name)`) appears more than \(maxContent) times in the template; each is a copy of all of it")
        }
    }

    private static func diagnostic(for error: MustacheTemplate.ParserError, in shape: TemplateShape, parsed: String,
                                   file: String) -> Diagnostic {
        let characters = shape.characters
        // The parser's place, as an offset into the template.
        let parsedCharacters = Array(parsed)
        let prefix = Array(Self.prefix).count
        var offset = max(0, (parserOffset(error.context, in: parsedCharacters) ?? parsedCharacters.count) - prefix)
        let message: String
        switch error.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?:
            if let innermost = shape.open.last {
                message = "this closing tag does not close the section `\(innermost.name)` open at \(location(at: innermost.offset, in: characters))"
            } else {
                message = "this closing tag closes no section"
            }
        case .expectedSectionEnd?:
            if let innermost = shape.open.last {
                offset = innermost.offset
                message = "the section `\(innermost.name)` is never closed (`{{/\(innermost.name)}}`)"
            } else {
                message = "a section is never closed"
            }
        case .unfinishedName?:
            message = "a tag that does not end as expected: a name (letters, digits and `._-?*()`) and then the closing delimiter"
        case .invalidSetDelimiter?:
            message = "a delimiter-setting tag that is not of the form `{{=<% %>=}}`"
        case .transformAppliedToInheritanceSection?:
            message = "a transform applied to a block `{{$…}}`"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            message = "only blocks `{{$…}}` may stand inside a partial with blocks `{{<…}}`"
        case .invalidConfigVariableSyntax?:
            message = "a setting that is not of the form `{{% NAME: VALUE}}`"
        case .unrecognisedConfigVariable?:
            message = "a setting Mustache does not know (only CONTENT_TYPE)"
        case nil:
            message = "the page template ends inside a tag"
        }
        return Diagnostic(file: file, range: range(at: min(offset, characters.count), in: characters), id: .templateUnusable,
                          message: message)
    }

    /// The character offset of the parser's error context: its line number
    /// counts every character that `isNewline` (from the start), its column
    /// the characters since the last `"\n"` character (a CRLF is one
    /// character, not that one). Within one LF-ended stretch the column
    /// grows by one a character and the count of newlines differs from
    /// stretch to stretch, so at most one offset has both.
    static func parserOffset(_ context: MustacheParserContext, in characters: [Character]) -> Int? {
        var newlines = 0, sinceLF = 0
        for (offset, character) in characters.enumerated() {
            if newlines == context.lineNumber - 1, sinceLF == context.columnNumber - 1 { return offset }
            if character.isNewline { newlines += 1 }
            sinceLF = character == "\n" ? 0 : sinceLF + 1
        }
        return newlines == context.lineNumber - 1 && sinceLF == context.columnNumber - 1 ? characters.count : nil
    }

    /// The template's 1-based line and column (Unicode scalars) at a character offset.
    static func location(at offset: Int, in characters: [Character]) -> SourceLocation {
        var line = 1, column = 1
        for character in characters[..<min(offset, characters.count)] {
            // A CRLF is one character; a lone CR or LF ends a line too.
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourceLocation(line: line, column: column)
    }

    private static func range(at offset: Int, in characters: [Character]) -> SourceRange {
        SourceRange(location(at: offset, in: characters))
    }

    /// A template's lines as `Diagnostic.formatted(lines:)` shows them for
    /// a diagnostic thrown by `init` (a lone CR ends a line, as it does for
    /// the locations).
    public static func lines(of text: String) -> [Substring] {
        Diagnostic.lines(of: MarkdownReader.normalizingLoneCarriageReturns(text))
    }
}
