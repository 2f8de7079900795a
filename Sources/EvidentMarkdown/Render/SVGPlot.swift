import EvidentLanguage
import Foundation

/// Draws a `Plot` as an inline SVG figure: axes, ticks with labels, the
/// series (polylines) or bars, the title, and a legend below the axes (which
/// makes the figure taller by one line per entry).
///
/// Every coordinate is computed from finite axis fractions in [0, 1] and
/// printed with two decimals, so no `nan` or `inf` can reach the markup;
/// every text goes through `HTML.escape`. The SVG holds no script and no
/// external reference.
public struct SVGPlot {
    public var width: Int
    public var height: Int

    public init(width: Int = 640, height: Int = 360) {
        self.width = width
        self.height = height
    }

    /// Series colours, in order; reused cyclically.
    package static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

    public func render(_ plot: Plot) -> String {
        let geometry = PlotGeometry(plot)
        let left = 72.0, right = 16.0, top = plot.title == nil ? 16.0 : 36.0
        let bottom = plot.xLabel == nil ? 40.0 : 58.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        func px(_ f: Double) -> String { Self.number(left + clamp(f, 0, 1) * plotWidth) }
        func py(_ f: Double) -> String { Self.number(top + (1 - clamp(f, 0, 1)) * plotHeight) }
        let x0 = px(0), x1 = px(1), y0 = py(0), y1 = py(1)

        var legend: [(colour: String?, text: String)] = []
        if geometry.lines.count > 1 || geometry.lines.contains(where: { !$0.label.isEmpty }) {
            for (index, line) in geometry.lines.enumerated() {
                legend.append((Self.palette[index % Self.palette.count], line.label))
            }
        }
        for note in geometry.notes { legend.append((nil, "(\(note))")) }
        let totalHeight = height + (legend.isEmpty ? 0 : legend.count * 16 + 6)

        var out: [String] = []
        let name = HTML.escape(plot.title ?? "plot")
        out.append(##"<svg xmlns="http://www.w3.org/2000/svg" class="svg-plot" viewBox="0 0 \##(width) \##(totalHeight)" width="\##(width)" height="\##(totalHeight)" role="img" aria-label="\##(name)" font-family="sans-serif" font-size="11">"##)
        out.append("<title>\(name)</title>")
        if let title = plot.title {
            out.append(##"<text class="plot-title" x="\##(Self.number(Double(width) / 2))" y="22" text-anchor="middle" font-size="13">\##(HTML.escape(title))</text>"##)
        }
        out.append(##"<g class="grid" stroke="#e6e6e6" stroke-width="1">"##)
        for tick in geometry.y.ticks { if let f = geometry.y.fraction(tick) { out.append(##"<line x1="\##(x0)" y1="\##(py(f))" x2="\##(x1)" y2="\##(py(f))"/>"##) } }
        out.append("</g>")

        out.append(##"<g class="data">"##)
        for bar in geometry.bars {
            let high = clamp(max(bar.y, geometry.baseline), 0, 1)
            let low = clamp(min(bar.y, geometry.baseline), 0, 1)
            let x = left + bar.x0 * plotWidth
            let w = max(0, (bar.x1 - bar.x0) * plotWidth)
            let y = top + (1 - high) * plotHeight
            let h = (high - low) * plotHeight
            out.append(##"<rect x="\##(Self.number(x))" y="\##(Self.number(y))" width="\##(Self.number(w))" height="\##(Self.number(h))" fill="\##(Self.palette[0])" fill-opacity="0.75" stroke="#ffffff" stroke-width="0.5"/>"##)
        }
        for (index, line) in geometry.lines.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            for segment in line.segments {
                if segment.count == 1 {
                    out.append(##"<circle cx="\##(px(segment[0].x))" cy="\##(py(segment[0].y))" r="2" fill="\##(colour)"/>"##)
                } else {
                    let points = segment.map { "\(px($0.x)),\(py($0.y))" }.joined(separator: " ")
                    out.append(##"<polyline points="\##(points)" fill="none" stroke="\##(colour)" stroke-width="1.5"/>"##)
                }
            }
        }
        out.append("</g>")

        out.append(##"<g class="axes" stroke="#333333" stroke-width="1">"##)
        out.append(##"<line x1="\##(x0)" y1="\##(y0)" x2="\##(x1)" y2="\##(y0)"/>"##)
        out.append(##"<line x1="\##(x0)" y1="\##(y0)" x2="\##(x0)" y2="\##(y1)"/>"##)
        for tick in geometry.x.ticks { if let f = geometry.x.fraction(tick) { out.append(##"<line x1="\##(px(f))" y1="\##(y0)" x2="\##(px(f))" y2="\##(Self.number(top + plotHeight + 5))"/>"##) } }
        for tick in geometry.y.ticks { if let f = geometry.y.fraction(tick) { out.append(##"<line x1="\##(Self.number(left - 5))" y1="\##(py(f))" x2="\##(x0)" y2="\##(py(f))"/>"##) } }
        out.append("</g>")

        out.append(##"<g class="tick-labels" fill="#333333">"##)
        for (tick, label) in zip(geometry.x.ticks, geometry.x.labels) {
            if let f = geometry.x.fraction(tick) {
                out.append(##"<text x="\##(px(f))" y="\##(Self.number(top + plotHeight + 18))" text-anchor="middle">\##(HTML.escape(label))</text>"##)
            }
        }
        for (tick, label) in zip(geometry.y.ticks, geometry.y.labels) {
            if let f = geometry.y.fraction(tick) {
                out.append(##"<text x="\##(Self.number(left - 8))" y="\##(Self.number(top + (1 - f) * plotHeight + 4))" text-anchor="end">\##(HTML.escape(label))</text>"##)
            }
        }
        out.append("</g>")
        if let xLabel = plot.xLabel {
            out.append(##"<text class="axis-label" x="\##(Self.number(left + plotWidth / 2))" y="\##(Self.number(Double(height) - 10))" text-anchor="middle">\##(HTML.escape(xLabel))</text>"##)
        }
        if let yLabel = plot.yLabel {
            out.append(##"<text class="axis-label" x="14" y="\##(Self.number(top + plotHeight / 2))" text-anchor="middle" transform="rotate(-90 14 \##(Self.number(top + plotHeight / 2)))">\##(HTML.escape(yLabel))</text>"##)
        }

        if !legend.isEmpty {
            out.append(##"<g class="legend">"##)
            for (index, entry) in legend.enumerated() {
                let y = Double(height) + 10 + Double(index) * 16
                if let colour = entry.colour {
                    out.append(##"<line x1="\##(Self.number(left))" y1="\##(Self.number(y - 4))" x2="\##(Self.number(left + 18))" y2="\##(Self.number(y - 4))" stroke="\##(colour)" stroke-width="2"/>"##)
                }
                out.append(##"<text x="\##(Self.number(left + 24))" y="\##(Self.number(y))">\##(HTML.escape(entry.text))</text>"##)
            }
            out.append("</g>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// A coordinate with two decimals; a non-finite input prints as 0 so that
    /// a coordinate can never read `nan` or `inf`.
    package static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = String(format: "%.2f", value)
        return text == "-0.00" ? "0.00" : text
    }
}
