import EvidentLanguage
import Foundation

/// Draws a `Plot` as an inline SVG figure of the plot's size (640 × 360 px
/// by default): the title when asked, axes with ticks at round numbers, the
/// series as polylines (markers for a scatter plot) or bars, the axis labels
/// (x under the axis, y turned along it), and a legend under the axes, in
/// rows, that no series can cover. A series drawn over an earlier one it
/// coincides with is dashed, so both stay visible, and its legend entry
/// says so.
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

    /// Average advance of a character of the 12 px labels, for layout only.
    private static let characterWidth = 6.6

    private struct LegendEntry {
        var colour: String?
        var dashed: Bool
        var text: String
        var width: Double { (colour == nil ? 0 : 26) + Double(text.count) * SVGPlot.characterWidth }
    }

    /// The figure; `showTitle: false` when the title stands in the caption.
    public func render(_ plot: Plot, showTitle: Bool = true) -> String {
        let width = Double(plot.width ?? self.width)
        let height = Double(plot.height ?? self.height)
        let geometry = PlotGeometry(plot)
        let title = showTitle ? plot.title.flatMap { $0.isEmpty ? nil : $0 } : nil
        let xLabel = plot.xLabel.flatMap { $0.isEmpty ? nil : $0 }
        let yLabel = plot.yLabel.flatMap { $0.isEmpty ? nil : $0 }

        var legend: [LegendEntry] = []
        if geometry.lines.count > 1 || geometry.lines.contains(where: { !$0.label.isEmpty }) {
            for (index, line) in geometry.lines.enumerated() {
                var text = line.label.isEmpty ? "series \(index + 1)" : line.label
                if let other = line.coincidesWith {
                    let name = geometry.lines[other].label.isEmpty ? "series \(other + 1)" : geometry.lines[other].label
                    text += " (coincides with \(name))"
                }
                legend.append(LegendEntry(colour: Self.palette[index % Self.palette.count], dashed: line.coincidesWith != nil, text: text))
            }
        }
        for note in geometry.notes { legend.append(LegendEntry(colour: nil, dashed: false, text: "(\(note))")) }

        let yTickWidth = Double(geometry.y.labels.map { Self.plainLength($0) }.max() ?? 1) * Self.characterWidth
        let left = (yLabel == nil ? 10 : 30) + yTickWidth + 10
        let right = 18.0
        let plotWidthGuess = width - left - right
        // Legend entries flow in rows as wide as the plot area.
        var legendRows: [[Int]] = []
        var rowWidth = 0.0
        for (index, entry) in legend.enumerated() {
            let entryWidth = entry.width + 18
            if legendRows.isEmpty || (rowWidth + entryWidth > plotWidthGuess && !legendRows[legendRows.count - 1].isEmpty) || entry.colour == nil {
                legendRows.append([index])
                rowWidth = entryWidth
            } else {
                legendRows[legendRows.count - 1].append(index)
                rowWidth += entryWidth
            }
        }
        let top = title == nil ? 12.0 : 34.0
        let legendHeight = legendRows.isEmpty ? 0 : Double(legendRows.count) * 18 + 6
        let bottom = 26 + (xLabel == nil ? 0 : 20) + legendHeight
        let plotWidth = max(40, width - left - right)
        let plotHeight = max(40, height - top - bottom)
        let totalHeight = top + plotHeight + bottom

        // Markers keep clear of the axes: a scatter plot's data and ticks
        // stand inside a margin of the plot area.
        let inset = plot.scatter ? 0.04 : 0
        func inside(_ f: Double) -> Double { inset + (1 - 2 * inset) * clamp(f, 0, 1) }
        func px(_ f: Double) -> String { Self.number(left + inside(f) * plotWidth) }
        func py(_ f: Double) -> String { Self.number(top + (1 - inside(f)) * plotHeight) }
        let x0 = Self.number(left), x1 = Self.number(left + plotWidth)
        let y0 = Self.number(top + plotHeight), y1 = Self.number(top)

        var out: [String] = []
        let name = HTML.escape(plot.title ?? plot.caption ?? "plot")
        out.append(##"<svg xmlns="http://www.w3.org/2000/svg" class="svg-plot" viewBox="0 0 \##(Self.number(width, decimals: 0)) \##(Self.number(totalHeight, decimals: 0))" width="\##(Self.number(width, decimals: 0))" height="\##(Self.number(totalHeight, decimals: 0))" role="img" aria-label="\##(name)" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">"##)
        out.append("<title>\(name)</title>")
        if let title {
            out.append(##"<text class="plot-title" x="\##(Self.number(left + plotWidth / 2))" y="22" text-anchor="middle" font-size="14" font-weight="600" fill="#222222">\##(HTML.escape(title))</text>"##)
        }
        out.append(##"<g class="grid" stroke="#ececec" stroke-width="1">"##)
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
            let dash = line.coincidesWith == nil ? "" : #" stroke-dasharray="6 5""#
            for segment in line.segments {
                if plot.scatter || segment.count == 1 {
                    for point in segment {
                        out.append(##"<circle cx="\##(px(point.x))" cy="\##(py(point.y))" r="\##(plot.scatter ? "3" : "2")" fill="\##(colour)"\##(line.coincidesWith == nil ? "" : #" fill-opacity="0.6""#)/>"##)
                    }
                } else {
                    let points = segment.map { "\(px($0.x)),\(py($0.y))" }.joined(separator: " ")
                    out.append(##"<polyline points="\##(points)" fill="none" stroke="\##(colour)" stroke-width="1.75" stroke-linejoin="round"\##(dash)/>"##)
                }
            }
        }
        out.append("</g>")

        out.append(##"<g class="axes" stroke="#333333" stroke-width="1">"##)
        out.append(##"<line x1="\##(x0)" y1="\##(y0)" x2="\##(x1)" y2="\##(y0)"/>"##)
        out.append(##"<line x1="\##(x0)" y1="\##(y0)" x2="\##(x0)" y2="\##(y1)"/>"##)
        for tick in geometry.x.ticks { if let f = geometry.x.fraction(tick) { out.append(##"<line x1="\##(px(f))" y1="\##(y0)" x2="\##(px(f))" y2="\##(Self.number(top + plotHeight + 4))"/>"##) } }
        for tick in geometry.y.ticks { if let f = geometry.y.fraction(tick) { out.append(##"<line x1="\##(Self.number(left - 4))" y1="\##(py(f))" x2="\##(x0)" y2="\##(py(f))"/>"##) } }
        out.append("</g>")

        out.append(##"<g class="tick-labels" fill="#333333">"##)
        var nextFree = -Double.infinity
        for (tick, label) in zip(geometry.x.ticks, geometry.x.labels) {
            guard let f = geometry.x.fraction(tick) else { continue }
            // Labels that would overlap the previous one are left out.
            let centre = left + inside(f) * plotWidth
            let half = Double(Self.plainLength(label)) * Self.characterWidth / 2
            guard centre - half >= nextFree else { continue }
            nextFree = centre + half + 6
            out.append(##"<text x="\##(px(f))" y="\##(Self.number(top + plotHeight + 17))" text-anchor="middle">\##(Self.tickText(label))</text>"##)
        }
        for (tick, label) in zip(geometry.y.ticks, geometry.y.labels) {
            if let f = geometry.y.fraction(tick) {
                out.append(##"<text x="\##(Self.number(left - 7))" y="\##(Self.number(top + (1 - inside(f)) * plotHeight + 4))" text-anchor="end">\##(Self.tickText(label))</text>"##)
            }
        }
        out.append("</g>")
        if let xLabel {
            out.append(##"<text class="axis-label" x="\##(Self.number(left + plotWidth / 2))" y="\##(Self.number(top + plotHeight + 38))" text-anchor="middle" fill="#222222">\##(HTML.escape(xLabel))</text>"##)
        }
        if let yLabel {
            let cy = Self.number(top + plotHeight / 2)
            out.append(##"<text class="axis-label" x="16" y="\##(cy)" text-anchor="middle" transform="rotate(-90 16 \##(cy))" fill="#222222">\##(HTML.escape(yLabel))</text>"##)
        }

        if !legendRows.isEmpty {
            out.append(##"<g class="legend" fill="#222222">"##)
            let legendTop = top + plotHeight + 26 + (xLabel == nil ? 0 : 20) + 14
            for (row, indices) in legendRows.enumerated() {
                let y = legendTop + Double(row) * 18
                var x = left
                for index in indices {
                    let entry = legend[index]
                    if let colour = entry.colour {
                        if plot.scatter {
                            out.append(##"<circle cx="\##(Self.number(x + 10))" cy="\##(Self.number(y - 4))" r="3" fill="\##(colour)"/>"##)
                        } else {
                            let dash = entry.dashed ? #" stroke-dasharray="6 5""# : ""
                            out.append(##"<line x1="\##(Self.number(x))" y1="\##(Self.number(y - 4))" x2="\##(Self.number(x + 20))" y2="\##(Self.number(y - 4))" stroke="\##(colour)" stroke-width="2"\##(dash)/>"##)
                        }
                        x += 26
                    }
                    let style = entry.colour == nil ? ##" fill="#666666" font-style="italic""## : ""
                    out.append(##"<text x="\##(Self.number(x))" y="\##(Self.number(y))"\##(style)>\##(HTML.escape(entry.text))</text>"##)
                    x += Double(entry.text.count) * Self.characterWidth + 18
                }
            }
            out.append("</g>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// A tick label as SVG text: real minus signs, and `1e-5` / `2e-5` as
    /// 10⁻⁵ / 2×10⁻⁵ with a raised exponent.
    package static func tickText(_ label: String) -> String {
        func minus(_ text: Substring) -> String { HTML.escape(text.replacingOccurrences(of: "-", with: "\u{2212}")) }
        guard let e = label.firstIndex(of: "e"), let exponent = Int(label[label.index(after: e)...]) else {
            return minus(Substring(label))
        }
        let mantissa = label[..<e]
        let power = ##"10<tspan baseline-shift="super" font-size="9">\##(minus(Substring(String(exponent))))</tspan>"##
        if mantissa == "1" { return power }
        if mantissa == "-1" { return "\u{2212}" + power }
        return minus(mantissa) + "×" + power
    }

    /// The length a tick label shows, for layout.
    private static func plainLength(_ label: String) -> Int { label.count }

    /// A coordinate with two decimals; a non-finite input prints as 0 so that
    /// a coordinate can never read `nan` or `inf`.
    package static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        let text = String(format: "%.*f", decimals, value)
        return text.hasPrefix("-") && text.allSatisfy({ "-0.".contains($0) }) ? String(text.dropFirst()) : text
    }
}
