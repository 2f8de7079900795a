import EvidentLanguage

extension HTMLRenderer {
    /// A plot as a figure: the SVG drawing, its ASCII rendering as the text
    /// alternative in a collapsed `<details>`, and the caption (with
    /// "Figure N." when labelled). The caption is the label's, else the
    /// plot's `caption:`, else (for a labelled figure) its title; the title
    /// is drawn in the SVG unless it is the caption, so it shows once.
    ///
    /// The caption comes last in the markup (a `figcaption` is a figure's
    /// first or last child); the stylesheet shows it above the text version.
    public static func plot(_ plot: Plot, label: OutputLabel? = nil) -> String {
        let title = plot.title.flatMap { $0.isEmpty ? nil : $0 }
        let caption = label?.caption ?? plot.caption.flatMap { $0.isEmpty ? nil : $0 } ?? (label == nil ? nil : title)
        let titleIsCaption = caption != nil && caption == title
        let svg = SVGPlot().render(plot, showTitle: !titleIsCaption)
        let ascii = ASCIIPlot().render(plot)
        var html = "<figure"
        if let label { html += #" id="\#(HTML.escape(label.id))""# }
        html += #" class="evident-plot">"#
        html += svg
        html += #"<details class="plot-text"><summary>Text version</summary><pre class="ascii-plot">"#
        html += HTML.escape(ascii)
        html += "</pre></details>"
        if label != nil || caption != nil {
            html += "<figcaption>"
            if let label { html += #"<span class="figure-number">Figure \#(label.number).</span>"# }
            if let caption { html += (label == nil ? "" : " ") + HTML.escape(caption) }
            html += "</figcaption>"
        }
        html += "</figure>"
        return html
    }
}
