import EvidentLanguage
import Foundation

/// One axis of a figure: its range, its scale and its labelled ticks.
///
/// Shared by the ASCII and the SVG renderer so that both draw the same
/// figure. A logarithmic axis spans whole decades and ticks at powers of ten.
package struct PlotAxis: Equatable {
    package var lower: Double
    package var upper: Double
    package var logarithmic: Bool
    package var ticks: [Double]
    package var labels: [String]

    /// Where `value` falls along the axis, 0 at `lower` and 1 at `upper`;
    /// nil for a value the axis cannot show (non-finite, or ≤ 0 on a log axis).
    package func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let result: Double
        if logarithmic {
            guard value > 0 else { return nil }
            result = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        } else {
            // Halved (exactly, for normal numbers), so that an axis spanning
            // more than the largest double still places its values.
            result = (value / 2 - lower / 2) / (upper / 2 - lower / 2)
        }
        return result.isFinite ? result : nil
    }

    /// A linear axis over the finite `values` with about `target` ticks at
    /// steps of 1, 2 or 5 times a power of ten; the range is widened to the
    /// outer ticks when `snap` is true, otherwise it is exactly the data range.
    ///
    /// Data that is constant to within a few units in the last place (a
    /// converged loss, sums of probabilities that are all 1 up to rounding)
    /// is drawn as constant, around its middle: its spread is rounding, not
    /// information, and steps that small cannot be counted in doubles. Ticks
    /// are counted, never more than a few times `target`, and stay finite.
    package static func linear(_ values: [Double], target: Int = 5, snap: Bool = true) -> PlotAxis {
        let finite = values.filter { $0.isFinite }
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        let scale = max(abs(low), abs(high))
        let spread = high - low
        if spread.isFinite, !(spread > scale * 1e-12) || !spread.isNormal {
            let middle = low / 2 + high / 2
            let pad = middle == 0 || !middle.isNormal ? 1 : abs(middle) * 0.5
            (low, high) = (middle - pad, middle + pad)
        }
        // Halves, so that a spread past the largest double is still counted.
        let targets = Double(max(1, target))
        let step = niceStep(high / targets - low / targets)
        guard step.isNormal, step.isFinite else {
            let edges = [low, high].filter(\.isFinite)
            return PlotAxis(lower: low, upper: high, logarithmic: false, ticks: edges,
                            labels: edges.map { formatTick($0, step: abs($0)) })
        }
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        if snap, (first * step).isFinite, (last * step).isFinite {
            low = first * step
            high = last * step
        }
        var ticks: [Double] = []
        let count = Int(min(last - first, Double(max(1, target) * 4)))
        for k in 0...max(0, count) {
            let tick = (first + Double(k)) * step
            if tick.isFinite, tick >= low - step * 1e-9, tick <= high + step * 1e-9 {
                ticks.append(tick == 0 ? 0 : tick)
            }
        }
        return PlotAxis(lower: low, upper: high, logarithmic: false, ticks: ticks,
                        labels: ticks.map { formatTick($0, step: step) })
    }

    /// A logarithmic axis over the positive finite `values`, from the decade
    /// at or below the smallest to the decade at or above the largest, with a
    /// tick every decade (every few decades when there are more than eight).
    /// Past the decades a double holds (10⁻³²³ to 10³⁰⁸) the axis ends at the
    /// smallest or largest double instead, with no tick there.
    package static func logarithmic(_ values: [Double]) -> PlotAxis {
        let positive = values.filter { $0.isFinite && $0 > 0 }
        var low = (log10(positive.min() ?? 1)).rounded(.down)
        var high = (log10(positive.max() ?? 10)).rounded(.up)
        if high <= low { high = low + 1 }
        // Past the ends only the smallest or largest double is left: a decade more, for two ticks.
        if low >= 308 { low = 307 }
        if low < -323 { high = max(high, -322) }
        let step = max(1, ((high - low) / 8).rounded(.up))
        high = low + ((high - low) / step).rounded(.up) * step
        let lower = low < -323 ? Double.leastNonzeroMagnitude : pow(10, low)
        let upper = high > 308 ? Double.greatestFiniteMagnitude : pow(10, high)
        let exponentForm = low < -3 || high > 4
        var ticks: [Double] = []
        var labels: [String] = []
        func tick(_ factor: Double, _ k: Int) {
            // Read from its label's text: the nearest double even among subnormals, where pow loses digits.
            let value = Double("\(Int(factor))e\(k)") ?? factor * pow(10, Double(k))
            guard value.isFinite, value >= lower, value <= upper else { return }
            ticks.append(value)
            labels.append(factor == 1 ? formatDecade(k, exponentForm: exponentForm) : formatMultiple(Int(factor), of: k, exponentForm: exponentForm))
        }
        if high - low <= 2 {
            // One or two decades: 1, 2 and 5 times each power of ten.
            for k in Int(low)...Int(high) {
                for factor in [1.0, 2, 5] where k < Int(high) || factor == 1 { tick(factor, k) }
            }
        } else {
            var exponent = low
            while exponent <= high {
                tick(1, Int(exponent))
                exponent += step
            }
        }
        return PlotAxis(lower: lower, upper: upper, logarithmic: true, ticks: ticks, labels: labels)
    }

    /// `m × 10^k` as a label, in the style of `formatDecade`.
    package static func formatMultiple(_ m: Int, of exponent: Int, exponentForm: Bool) -> String {
        if exponentForm || exponent > 4 || exponent < -4 { return "\(m)e\(exponent)" }
        let value = Double(m) * pow(10, Double(exponent))
        return String(format: "%.*f", max(0, -exponent), value)
    }

    /// 1, 2 or 5 times a power of ten, the smallest such at least `raw`.
    package static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return raw }
        let magnitude = pow(10, log10(raw).rounded(.down))
        let normalized = raw / magnitude
        let factor: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
        return factor * magnitude
    }

    /// A tick label with as many decimals as the step needs; exponent form
    /// for very large or very small magnitudes.
    package static func formatTick(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        guard value.isFinite else { return NumberFormat.shortest(value) }
        let magnitude = abs(value)
        let step = step.isFinite && step > 0 ? step : magnitude
        let stepExponent = Int(max(-400, min(400, log10(step).rounded(.down))))
        if magnitude >= 1e6 || magnitude < 1e-4 {
            let digits = min(6, max(0, Int(log10(magnitude).rounded(.down)) - stepExponent))
            return String(format: "%.*e", digits, value)
        }
        let decimals = max(0, -stepExponent)
        return String(format: "%.*f", decimals, value)
    }

    /// `10^k` as a label: plain decimals (k in −3…4) or `1e<k>`; an axis
    /// reaching outside −3…4 labels every decade in exponent form.
    package static func formatDecade(_ exponent: Int, exponentForm: Bool) -> String {
        if exponentForm { return "1e\(exponent)" }
        if exponent >= 0 && exponent <= 4 { return String(format: "%.0f", pow(10, Double(exponent))) }
        if exponent < 0 && exponent >= -3 { return String(format: "%.*f", -exponent, pow(10, Double(exponent))) }
        return "1e\(exponent)"
    }
}

/// The drawable content of a figure, shared by both renderers: its axes, the
/// points of each series split at values that cannot be shown, and notes on
/// what was left out.
package struct PlotGeometry {
    package struct Line {
        package var label: String
        /// Runs of consecutive drawable points, as axis fractions.
        package var segments: [[(x: Double, y: Double)]]
        /// An earlier series this one covers point for point (to a tenth
        /// of a percent of the axes), which it would hide where drawn.
        package var coincidesWith: Int?
    }
    package struct Bar {
        package var x0: Double
        package var x1: Double
        package var y: Double
    }

    package var x: PlotAxis
    package var y: PlotAxis
    package var lines: [Line] = []
    package var bars: [Bar] = []
    /// Where bars start, as a fraction of the y axis.
    package var baseline: Double = 0
    package var notes: [String] = []

    package init(_ plot: Plot) {
        var skippedNonFinite = 0
        var skippedNonPositive = 0
        switch plot.kind {
        case .lines(let series):
            let xs = series.flatMap { $0.x }
            let ys = series.flatMap { $0.y }
            x = plot.logX ? PlotAxis.logarithmic(xs) : PlotAxis.linear(xs)
            y = plot.logY ? PlotAxis.logarithmic(ys) : PlotAxis.linear(ys)
            for s in series {
                var segments: [[(x: Double, y: Double)]] = []
                var current: [(x: Double, y: Double)] = []
                for i in 0..<min(s.x.count, s.y.count) {
                    let (px, py) = (s.x[i], s.y[i])
                    if !px.isFinite || !py.isFinite {
                        skippedNonFinite += 1
                    } else if (plot.logY && py <= 0) || (plot.logX && px <= 0) {
                        skippedNonPositive += 1
                    }
                    if let fx = x.fraction(px), let fy = y.fraction(py) {
                        current.append((fx, fy))
                    } else if !current.isEmpty {
                        segments.append(current)
                        current = []
                    }
                }
                if !current.isEmpty { segments.append(current) }
                var line = Line(label: s.label, segments: segments)
                line.coincidesWith = lines.firstIndex { Self.coincide($0.segments, segments) }
                lines.append(line)
            }
            if xs.allSatisfy({ !$0.isFinite }) || lines.allSatisfy({ $0.segments.isEmpty }) {
                notes.append("no data to plot")
            }
        case .bars(let edges, let values):
            let finiteEdges = edges.filter { $0.isFinite }
            x = plot.logX ? PlotAxis.logarithmic(finiteEdges) : PlotAxis.linear(finiteEdges, target: 5, snap: false)
            if plot.logY {
                y = PlotAxis.logarithmic(values)
                baseline = 0
            } else {
                y = PlotAxis.linear(values + [0])
                baseline = y.fraction(0) ?? 0
            }
            for i in 0..<min(values.count, max(0, edges.count - 1)) {
                let v = values[i]
                if !v.isFinite { skippedNonFinite += 1; continue }
                if plot.logY && v <= 0 { skippedNonPositive += 1; continue }
                guard let x0 = x.fraction(edges[i]), let x1 = x.fraction(edges[i + 1]),
                      let fy = y.fraction(v) else { skippedNonFinite += 1; continue }
                bars.append(Bar(x0: min(x0, x1), x1: max(x0, x1), y: fy))
            }
            if bars.isEmpty { notes.append("no data to plot") }
        }
        if skippedNonPositive > 0 {
            let axes = plot.logX && plot.logY ? "axes" : "axis"
            notes.append("\(skippedNonPositive) non-positive value\(skippedNonPositive == 1 ? "" : "s") not shown on the log \(axes)")
        }
        if skippedNonFinite > 0 {
            notes.append("\(skippedNonFinite) non-finite value\(skippedNonFinite == 1 ? "" : "s") not shown")
        }
    }

    /// Whether two series are drawn at the same places: the same runs of
    /// points, each within `tolerance` of the axes' lengths.
    package static func coincide(_ a: [[(x: Double, y: Double)]], _ b: [[(x: Double, y: Double)]],
                                 tolerance: Double = 1e-3) -> Bool {
        guard a.count == b.count, !a.isEmpty else { return false }
        for (p, q) in zip(a, b) {
            guard p.count == q.count else { return false }
            for (u, v) in zip(p, q) where abs(u.x - v.x) > tolerance || abs(u.y - v.y) > tolerance { return false }
        }
        return true
    }
}
