import EvidentLanguage
import Foundation
import Mustache

/// Everything that goes into one HTML page, before templating.
public struct Page: Sendable {
    public struct Heading: Equatable, Sendable {
        public var level: Int
        public var text: String
        public var id: String
        public init(level: Int, text: String, id: String) {
            self.level = level
            self.text = text
            self.id = id
        }
    }

    public var title: String
    public var file: String
    /// The document body as HTML (from cmark, with generated fragments).
    public var content: String
    public var headings: [Heading]
    /// Every claim of the document, in order, with the id of its badge when
    /// the page shows one.
    public var claims: [(claim: ClaimResult, anchor: String?)]
    public var diagnostics: [Diagnostic]
    /// SHA-256 of the document source, as hex.
    public var sourceHash: String
    /// The `@font-face` rule of the page's embedded math font, or empty.
    public var mathFont = ""
    /// Whether the page shows its title as its first heading (a titled
    /// document without a heading of its own).
    public var titleHeading = false

    public init(title: String, file: String, content: String, headings: [Heading],
                claims: [(claim: ClaimResult, anchor: String?)], diagnostics: [Diagnostic], sourceHash: String) {
        self.title = title
        self.file = file
        self.content = content
        self.headings = headings
        self.claims = claims
        self.diagnostics = diagnostics
        self.sourceHash = sourceHash
    }

    /// The summary sentence: "N claims verified", "F of N claims failed",
    /// preceded by the number of errors when there are any.
    public var summaryText: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let total = claims.count
        let failed = claims.filter { !$0.claim.passed }.count
        var parts: [String] = []
        if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
        if total == 0 {
            parts.append("no claims to verify")
        } else if failed == 0 {
            parts.append(total == 1 ? "1 claim verified" : "\(total) claims verified")
        } else {
            parts.append("\(failed) of \(total) claim\(total == 1 ? "" : "s") failed")
        }
        let text = parts.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The values the template sees. Every value is finished HTML, escaped by
    /// `HTML.escape` where it came from text; `render` switches Mustache's own
    /// escaping off, so `{{title}}` and `{{{title}}}` insert the same text.
    public var templateContext: [String: Any] {
        let errors = diagnostics.filter { $0.severity == .error }
        let failed = claims.filter { !$0.claim.passed }
        let summaryClass = !errors.isEmpty ? "error" : failed.isEmpty ? "ok" : "failed"
        var content = content
        // `removeLast`, not `dropLast`: that counts the characters of the whole page.
        if content.hasSuffix("\n") { content.removeLast() }
        return [
            "title": HTML.escape(title),
            "file": HTML.escape(file),
            "css": DefaultTemplate.css,
            "mathFont": mathFont.isEmpty ? "" : mathFont + "\n",
            "titleHeading": titleHeading,
            "version": HTML.escape(EvidentVersion.string),
            "sourceHash": HTML.escape(sourceHash),
            "content": content,
            "summaryClass": summaryClass,
            "summaryText": HTML.escape(summaryText),
            "hasFailed": !failed.isEmpty,
            "failedClaims": failed.map { entry -> [String: Any] in
                let label = entry.claim.label.flatMap { $0.isEmpty ? nil : $0 } ?? entry.claim.source
                return [
                    "hasAnchor": entry.anchor != nil,
                    "id": HTML.escape(entry.anchor ?? ""),
                    "label": HTML.escape(label),
                    "detail": HTML.escape(entry.claim.detail),
                    "location": HTML.escape("\(file):\(entry.claim.range.start)"),
                ]
            },
            "hasErrors": !errors.isEmpty,
            "errors": errors.map { diagnostic -> [String: Any] in
                [
                    "location": HTML.escape("\(diagnostic.file):\(diagnostic.range.start)"),
                    "message": HTML.escape(diagnostic.message),
                ]
            },
            "hasToc": headings.count > 1,
            "toc": TableOfContents(headings: headings),
            "tocItems": tocItems,
        ]
    }

    /// The table of contents as list items, one line each: what the default
    /// template shows. Made here rather than by a Mustache section over
    /// `toc` (which custom templates may still use): a section costs several
    /// dynamic casts a value, which made headings the most expensive part of
    /// a page (docs/performance.md).
    package var tocItems: String {
        var html = ""
        html.reserveCapacity(headings.reduce(0) { $0 + $1.id.utf8.count + $1.text.utf8.count + 48 })
        for heading in headings {
            html += "<li class=\"toc-level-"
            html += String(heading.level)
            html += "\"><a href=\"#"
            html += HTML.escape(heading.id)
            html += "\">"
            html += HTML.escape(heading.text)
            html += "</a></li>\n"
        }
        return html
    }

    /// The headings as a template's `{{#toc}}` section sees them (`level`,
    /// `id`, `text`), made only when a template has such a section.
    package struct TableOfContents: MustacheSequence {
        let headings: [Heading]

        package func makeIterator() -> AnyIterator<[String: Any]> {
            var rest = headings.makeIterator()
            return AnyIterator {
                rest.next().map { ["level": String($0.level), "id": HTML.escape($0.id), "text": HTML.escape($0.text)] }
            }
        }
    }

    /// The page through `template` (Mustache text, read as `PageTemplate`
    /// reads it), or the default template.
    public func render(template: String? = nil) throws -> String {
        render(try template.map { try PageTemplate($0, file: "template") } ?? .default)
    }

    /// The page through a template.
    public func render(_ template: PageTemplate) -> String {
        template.mustache.render(templateContext)
    }

    package static let unescapedPragma = "{{% CONTENT_TYPE: TEXT}}"

    /// The title rule: front matter, else the first heading, else the file
    /// name without its directory.
    public static func title(frontMatter: String?, headings: [String], file: String) -> String {
        if let title = frontMatter, !title.trimmingCharacters(in: .whitespaces).isEmpty { return title }
        if let first = headings.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) { return first }
        return file.split(separator: "/").last.map(String.init) ?? file
    }
}
