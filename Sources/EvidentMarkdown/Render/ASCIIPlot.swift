import EvidentLanguage

/// Draws a `Plot` as ASCII art for terminals and `<pre>` blocks.
///
/// Layout: the title, then `height` rows of plot area with labelled y ticks
/// on the left, an x axis with `+` at each tick and the tick labels beneath,
/// then the x label, a legend (one marker per series; a series drawn over
/// one it coincides with says so) and notes on values left out. A scatter
/// plot marks its points without joining them.
/// The whole figure is at most `width` characters wide.
public struct ASCIIPlot {
    public var width: Int
    public var height: Int

    public init(width: Int = 72, height: Int = 20) {
        self.width = max(width, 24)
        self.height = max(height, 5)
    }

    /// Markers of the series, in order; the last is reused past the end.
    package static let markers: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]

    public func render(_ plot: Plot) -> String {
        let geometry = PlotGeometry(plot)
        let yLabels = geometry.y.labels
        let gutter = (yLabels.map { $0.unicodeScalars.count }.max() ?? 1) + 1
        let columns = max(10, width - gutter - 1)
        var grid = Array(repeating: Array(repeating: Character(" "), count: columns), count: height)

        // Fractions far outside the axis (a value on an axis it does not fit) are
        // bounded before they become cell numbers.
        func column(_ fraction: Double) -> Int { clamp(Int((max(-1, min(2, fraction)) * Double(columns - 1)).rounded()), 0, columns - 1) }
        func row(_ fraction: Double) -> Int { clamp(Int(((1 - max(-1, min(2, fraction))) * Double(height - 1)).rounded()), 0, height - 1) }

        for bar in geometry.bars where bar.y != geometry.baseline {
            let c0 = column(bar.x0)
            let c1 = max(c0, column(bar.x1) - 1)
            let top = row(bar.y)
            let base = row(geometry.baseline)
            for c in c0...c1 {
                for r in min(top, base)...max(top, base) { grid[r][c] = "#" }
            }
        }
        for (index, line) in geometry.lines.enumerated() {
            let marker = Self.markers[min(index, Self.markers.count - 1)]
            for segment in line.segments {
                var previous: (Int, Int)?
                for point in segment {
                    let cell = (column(point.x), row(point.y))
                    if let (c0, r0) = previous, !plot.scatter {
                        let steps = max(abs(cell.0 - c0), abs(cell.1 - r0))
                        if steps > 0 {
                            for step in 0...steps {
                                let t = Double(step) / Double(steps)
                                let c = c0 + Int((Double(cell.0 - c0) * t).rounded())
                                let r = r0 + Int((Double(cell.1 - r0) * t).rounded())
                                grid[r][c] = marker
                            }
                        }
                    }
                    grid[cell.1][cell.0] = marker
                    previous = cell
                }
            }
        }

        var tickRows: [Int: String] = [:]
        for (tick, label) in zip(geometry.y.ticks, geometry.y.labels) {
            if let f = geometry.y.fraction(tick) { tickRows[row(f)] = label }
        }

        var lines: [String] = []
        if let title = plot.title, !title.isEmpty {
            let pad = max(0, (gutter + 1 + columns - title.unicodeScalars.count) / 2)
            lines.append(String(repeating: " ", count: pad) + title)
        }
        if let yLabel = plot.yLabel, !yLabel.isEmpty { lines.append(yLabel) }
        for r in 0..<height {
            let label = tickRows[r] ?? ""
            let axis = tickRows[r] == nil ? "|" : "+"
            let text = pad(label, to: gutter - 1) + " " + axis + String(grid[r])
            lines.append(trimTrailing(text))
        }
        var axisLine = Array(repeating: Character("-"), count: columns)
        var labelLine = Array(repeating: Character(" "), count: gutter + 1 + columns)
        var nextFree = 0
        for (tick, label) in zip(geometry.x.ticks, geometry.x.labels) {
            guard let f = geometry.x.fraction(tick) else { continue }
            let c = column(f)
            axisLine[c] = "+"
            let chars = Array(label)
            var start = gutter + 1 + c - chars.count / 2
            start = min(start, labelLine.count - chars.count)
            start = max(start, 0)
            guard start >= nextFree else { continue }
            for (offset, ch) in chars.enumerated() where start + offset < labelLine.count {
                labelLine[start + offset] = ch
            }
            nextFree = start + chars.count + 1
        }
        lines.append(String(repeating: " ", count: gutter) + "+" + String(axisLine))
        lines.append(trimTrailing(String(labelLine)))
        if let xLabel = plot.xLabel, !xLabel.isEmpty {
            let padding = max(0, (gutter + 1 + columns - xLabel.unicodeScalars.count) / 2)
            lines.append(String(repeating: " ", count: padding) + xLabel)
        }
        if geometry.lines.count > 1 || geometry.lines.contains(where: { !$0.label.isEmpty }) {
            for (index, line) in geometry.lines.enumerated() {
                let marker = Self.markers[min(index, Self.markers.count - 1)]
                var entry = "  \(marker) \(line.label)"
                if let other = line.coincidesWith {
                    let name = geometry.lines[other].label.isEmpty ? "series \(other + 1)" : geometry.lines[other].label
                    entry += " (coincides with \(name))"
                }
                lines.append(entry)
            }
        }
        for note in geometry.notes { lines.append("  (\(note))") }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, to width: Int) -> String {
        let count = text.unicodeScalars.count
        return count >= width ? text : String(repeating: " ", count: width - count) + text
    }

    private func trimTrailing(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result.removeLast() }
        return String(result)
    }
}

package func clamp<T: Comparable>(_ value: T, _ low: T, _ high: T) -> T { min(max(value, low), high) }
