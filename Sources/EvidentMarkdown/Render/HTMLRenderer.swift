import EvidentLanguage

/// Turns evaluation outputs into HTML fragments for the page.
///
/// Pure functions of their inputs; all text passes through `HTML.escape`.
public enum HTMLRenderer {
    /// Where a fragment stands: in a block of its own or inside a paragraph.
    public enum Placement: Sendable { case block, inline }

    /// The fragment for one output. `claimID` becomes the `id` of a claim
    /// badge, so that the summary can link to it; `label` numbers a plot or
    /// a table (figures and tables referred to from the prose).
    public static func render(_ output: Output, placement: Placement, claimID: String? = nil, label: OutputLabel? = nil) -> String {
        var html = ""
        render(output, placement: placement, claimID: claimID, label: label, into: &html)
        return html
    }

    /// `render` appending to `html`: a block's fragments go into one string
    /// instead of each into its own.
    package static func render(_ output: Output, placement: Placement, claimID: String?, label: OutputLabel? = nil, into html: inout String) {
        switch output {
        case .value(let text): value(text, placement: placement, into: &html)
        case .table(let table): html += self.table(table, label: label)
        case .plot(let plot): html += self.plot(plot, label: label)
        case .claim(let claim): self.claim(claim, placement: placement, id: claimID, into: &html)
        }
    }

    public static func value(_ text: String, placement: Placement) -> String {
        var html = ""
        value(text, placement: placement, into: &html)
        return html
    }

    /// An inline value is text of the sentence (`<span class="evident-value">`,
    /// real minus signs); a block value is a preformatted output.
    package static func value(_ text: String, placement: Placement, into html: inout String) {
        // Only a string of its own: reserving room for a little more in a
        // shared buffer would reallocate it at every value.
        if placement == .inline {
            let escaped = HTML.escape(typographicMinus(text))
            if html.isEmpty { html.reserveCapacity(escaped.utf8.count + 40) }
            html += #"<span class="evident-value">"#
            html += escaped
            html += "</span>"
            return
        }
        let escaped = HTML.escape(text)
        if html.isEmpty { html.reserveCapacity(escaped.utf8.count + 64) }
        html += #"<pre class="evident-output"><code class="evident-value">"#
        html += escaped
        html += "</code></pre>"
    }

    /// `text` with every hyphen-minus that is a number's sign or an
    /// exponent's as U+2212 (`-0.5`, `[1, -2]`, `1e-5`); hyphens inside words
    /// (`x-y`, `non-finite`) stay. ASCII text without a `-` is returned as is.
    package static func typographicMinus(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "-")) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            guard scalar == "-", i + 1 < scalars.count else { result.unicodeScalars.append(scalar); continue }
            let next = scalars[i + 1]
            let startsNumber = ("0"..."9").contains(next) || next == "." || next == "∞"
            let previous = i > 0 ? scalars[i - 1] : " "
            let beforeIsBoundary = " ([{,:=;/\t\n".unicodeScalars.contains(previous)
            let isExponent = (previous == "e" || previous == "E") && i >= 2 && ("0"..."9").contains(scalars[i - 2])
            result.unicodeScalars.append(startsNumber && (beforeIsBoundary || isExponent) ? "\u{2212}" : scalar)
        }
        return result
    }

    /// A pinned number: the number as typed, plain text in the sentence,
    /// with the check in its title; a failing one is marked and shows the
    /// value computed beside it.
    package static func pin(typed: String, claim: ClaimResult, id: String?, into html: inout String) {
        let status = claim.passed ? "passed" : "failed"
        var details = "\(status): \(claim.source)"
        if !claim.detail.isEmpty { details += " — \(claim.detail)" }
        openTag("span", classes: "evident-pin " + status, id: id, into: &html)
        html += #" title=""#
        html += HTML.escape(details)
        html += #"">"#
        // As typed: the author's minus, hyphen or exponent stays.
        html += HTML.escape(typed)
        if !claim.passed {
            html += #" <span class="pin-check">✗ "#
            html += HTML.escape(claim.detail)
            html += "</span>"
        }
        html += "</span>"
    }

    /// `<ELEMENT class="CLASSES" id="ID"` (no id when nil), left open for
    /// more attributes; the classes are the renderer's own, the id escaped.
    private static func openTag(_ element: String, classes: String, id: String?, into html: inout String) {
        html += "<"
        html += element
        html += #" class=""#
        html += classes
        html += "\""
        if let id {
            html += #" id=""#
            html += HTML.escape(id)
            html += "\""
        }
    }

    /// A claim: a block claim is a badge (status, the label or the source,
    /// what was observed); an inline claim a compact ✓ or ✗ in the sentence,
    /// its label or source and what was observed in its `title`.
    public static func claim(_ claim: ClaimResult, placement: Placement, id: String?) -> String {
        var html = ""
        self.claim(claim, placement: placement, id: id, into: &html)
        return html
    }

    /// `claim(_:placement:id:)`, appended to `html`.
    package static func claim(_ claim: ClaimResult, placement: Placement, id: String?, into html: inout String) {
        // One string grown in place: a page may hold thousands of badges.
        let status = claim.passed ? "passed" : "failed"
        let source = HTML.escape(claim.source)
        if placement == .inline {
            let name = claim.label.flatMap { $0.isEmpty ? nil : $0 } ?? claim.source
            var details = "\(status): \(name)"
            if !claim.detail.isEmpty { details += " — \(claim.detail)" }
            let escaped = HTML.escape(details)
            if html.isEmpty { html.reserveCapacity(2 * escaped.utf8.count + 120) }
            openTag("span", classes: "evident-claim claim-mark " + status, id: id, into: &html)
            html += #" role="img" title=""#
            html += escaped
            html += #"" aria-label=""#
            html += escaped
            html += #"">"#
            html += claim.passed ? "✓" : "✗"
            html += "</span>"
            return
        }
        if html.isEmpty { html.reserveCapacity(2 * source.utf8.count + claim.detail.utf8.count + 200) }
        openTag("div", classes: "evident-claim " + status, id: id, into: &html)
        html += #" title=""#
        html += source
        html += #""><span class="claim-status">"#
        html += claim.passed ? "✓" : "✗"
        html += " "
        html += status
        html += "</span> "
        if let text = claim.label, !text.isEmpty {
            html += #"<span class="claim-label">"#
            html += HTML.escape(text)
            html += "</span>"
        } else {
            html += #"<code class="claim-label">"#
            html += source
            html += "</code>"
        }
        if !claim.detail.isEmpty {
            html += #" <span class="claim-detail">"#
            html += HTML.escape(claim.detail)
            html += "</span>"
        }
        html += "</div>"
    }
}
