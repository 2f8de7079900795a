import EvidentLanguage

/// Turns evaluation outputs into HTML fragments for the page.
///
/// Pure functions of their inputs; all text passes through `HTML.escape`.
public enum HTMLRenderer {
    /// Where a fragment stands: in a block of its own or inside a paragraph.
    public enum Placement: Sendable { case block, inline }

    /// The fragment for one output. `claimID` becomes the `id` of a claim
    /// badge, so that the summary can link to it.
    public static func render(_ output: Output, placement: Placement, claimID: String? = nil) -> String {
        var html = ""
        render(output, placement: placement, claimID: claimID, into: &html)
        return html
    }

    /// `render` appending to `html`: a block's fragments go into one string
    /// instead of each into its own.
    package static func render(_ output: Output, placement: Placement, claimID: String?, into html: inout String) {
        switch output {
        case .value(let text): value(text, placement: placement, into: &html)
        case .table(let table): html += self.table(table)
        case .plot(let plot): html += self.plot(plot)
        case .claim(let claim): self.claim(claim, placement: placement, id: claimID, into: &html)
        }
    }

    public static func value(_ text: String, placement: Placement) -> String {
        var html = ""
        value(text, placement: placement, into: &html)
        return html
    }

    package static func value(_ text: String, placement: Placement, into html: inout String) {
        let escaped = HTML.escape(text)
        // Only a string of its own: reserving room for a little more in a
        // shared buffer would reallocate it at every value.
        if html.isEmpty { html.reserveCapacity(escaped.utf8.count + 64) }
        if placement == .block { html += #"<pre class="evident-output">"# }
        html += #"<code class="evident-value">"#
        html += escaped
        html += "</code>"
        if placement == .block { html += "</pre>" }
    }

    /// A table with its title as caption; numeric columns get `class="num"`
    /// (right-aligned by the stylesheet).
    public static func table(_ table: Table) -> String {
        let count = table.columnCount
        let numeric = (0..<count).map { table.isNumericColumn($0) }
        func cellClass(_ index: Int) -> String { numeric[index] ? #" class="num""# : "" }
        var html = #"<table class="evident-table">"#
        if let title = table.title, !title.isEmpty {
            html += "<caption>\(HTML.escape(title))</caption>"
        }
        if !table.columns.isEmpty {
            html += "<thead><tr>"
            for index in 0..<count {
                let name = index < table.columns.count ? table.columns[index] : ""
                html += "<th\(cellClass(index))>\(HTML.escape(name))</th>"
            }
            html += "</tr></thead>"
        }
        html += "<tbody>"
        for row in table.rows {
            html += "<tr>"
            for index in 0..<count {
                let cell = index < row.count ? row[index] : ""
                html += "<td\(cellClass(index))>\(HTML.escape(cell))</td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table>"
        return html
    }

    /// The ASCII figure in a `<pre class="ascii-plot">` beside an SVG figure
    /// of the same data.
    public static func plot(_ plot: Plot) -> String {
        let ascii = ASCIIPlot().render(plot)
        let svg = SVGPlot().render(plot)
        var html = #"<div class="evident-plot">"#
        html += #"<pre class="ascii-plot">\#(HTML.escape(ascii))</pre>"#
        html += #"<figure class="svg-plot">\#(svg)"#
        if let title = plot.title, !title.isEmpty {
            html += "<figcaption>\(HTML.escape(title))</figcaption>"
        }
        html += "</figure></div>"
        return html
    }

    /// A pass/fail badge: status, the label (or the source when unlabeled)
    /// and what was observed.
    public static func claim(_ claim: ClaimResult, placement: Placement, id: String?) -> String {
        var html = ""
        self.claim(claim, placement: placement, id: id, into: &html)
        return html
    }

    package static func claim(_ claim: ClaimResult, placement: Placement, id: String?, into html: inout String) {
        // One string grown in place: a page may hold thousands of badges.
        let element = placement == .inline ? "span" : "div"
        let status = claim.passed ? "passed" : "failed"
        let source = HTML.escape(claim.source)
        if html.isEmpty { html.reserveCapacity(2 * source.utf8.count + claim.detail.utf8.count + 200) }
        html += "<"
        html += element
        html += #" class="evident-claim "#
        html += status
        html += "\""
        if let id {
            html += #" id=""#
            html += HTML.escape(id)
            html += "\""
        }
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
        html += "</"
        html += element
        html += ">"
    }
}
