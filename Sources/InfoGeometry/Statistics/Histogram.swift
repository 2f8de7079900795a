/// Counts of a sample in equal-width bins with fixed edges.
///
/// Bins: edges e₀ = from < e₁ < … < e_m = to with eᵢ = from + i·width for
/// i < m and e_m = to exactly; bin i is [eᵢ, eᵢ₊₁) except the last, which is
/// closed, [e_{m−1}, to], so a value equal to `to` counts in the last bin.
/// Values below `from` or above `to` (±∞ included) are counted in no bin but
/// are part of the total: `probabilities[i] = counts[i] / values.count`, the
/// fraction of *all* values in bin i, so the probabilities sum to less than 1
/// when some values are outside [from, to]. `below` and `above` count those.
///
/// The width must divide the range: with m = round((to − from)/width),
/// |m·width − (to − from)| ≤ 1e-9·(to − from). This accepts decimal widths
/// such as 0.1 on [−1, 1] (whose binary quotient is not an integer) and
/// rejects widths that leave a partial last bin.
public struct Histogram: Hashable, Sendable {
    /// The most bins a histogram may have.
    public static let maxBins = 10_000_000

    /// m + 1 increasing edges, the first `from`, the last `to`.
    public let edges: [Double]
    /// m bin counts.
    public let counts: [Int]
    /// Values below `from`.
    public let below: Int
    /// Values above `to`.
    public let above: Int
    /// The number of values, in bins or not.
    public let total: Int

    /// - Throws: `GeometryError.invalidArgument` for an empty sample, a NaN
    ///   value (naming its 1-based position), non-finite or unordered
    ///   `from`/`to`, a width that is not positive and finite, or a width that
    ///   does not divide the range; `GeometryError.limitExceeded` for more than
    ///   `maxBins` bins.
    public init(values: [Double], from: Double, to: Double, width: Double) throws {
        guard from.isFinite, to.isFinite, from < to else {
            throw GeometryError.invalidArgument(
                "histogram: need finite from < to, got from \(from), to \(to)")
        }
        guard width.isFinite, width > 0 else {
            throw GeometryError.invalidArgument(
                "histogram: width must be positive and finite, got \(width)")
        }
        let range = to - from
        let exactBins = range / width
        guard exactBins <= Double(Histogram.maxBins) + 0.5 else {
            throw GeometryError.limitExceeded(
                "histogram: width \(width) on [\(from), \(to)] gives more than \(Histogram.maxBins) bins")
        }
        let binCount = Int(exactBins.rounded())
        guard binCount >= 1, abs(Double(binCount) * width - range) <= 1e-9 * range else {
            throw GeometryError.invalidArgument(
                "histogram: width \(width) does not divide [\(from), \(to)] into whole bins (\(exactBins) bins)")
        }
        guard !values.isEmpty else {
            throw GeometryError.invalidArgument("histogram: the sample is empty")
        }

        var edges = (0..<binCount).map { from + Double($0) * width }
        edges.append(to)
        var counts = [Int](repeating: 0, count: binCount)
        var below = 0
        var above = 0
        try values.withUnsafeBufferPointer { values in
            try edges.withUnsafeBufferPointer { edges in
                try counts.withUnsafeMutableBufferPointer { counts in
                    // The bin guess multiplies by 1/width (a division per value
                    // took most of the loop); `bin` corrects it against the edges.
                    let perWidth = Histogram.reciprocal(width)
                    for index in values.indices {
                        let value = values[index]
                        if value.isNaN {
                            throw GeometryError.invalidArgument(
                                "histogram: value \(index + 1) of \(values.count) is NaN")
                        }
                        if value < from {
                            below += 1
                        } else if value > to {
                            above += 1
                        } else {
                            counts[Histogram.bin(of: value, edges: edges, from: from, width: width, perWidth: perWidth)] += 1
                        }
                    }
                }
            }
        }
        self.edges = edges
        self.counts = counts
        self.below = below
        self.above = above
        self.total = values.count
    }

    /// The number of bins m.
    public var binCount: Int { counts.count }

    /// counts[i] / total: the fraction of all values (outside ones included) in bin i.
    public var probabilities: [Double] {
        counts.map { Double($0) / Double(total) }
    }

    /// The midpoints (eᵢ + eᵢ₊₁)/2 of the bins.
    public var centers: [Double] {
        (0..<binCount).map { (edges[$0] + edges[$0 + 1]) / 2 }
    }

    /// 1/width, or 0 when that is not finite (a width below about 1e-308),
    /// which has `bin` divide instead.
    static func reciprocal(_ width: Double) -> Double {
        let r = 1 / width
        return r.isFinite ? r : 0
    }

    /// The bin i with edges[i] ≤ value < edges[i + 1] (≤ for the last bin),
    /// for from ≤ value ≤ to. The quotient (by `perWidth`, `reciprocal(width)`)
    /// gives a guess that is then corrected against the stored edges, so bin
    /// membership agrees with the edges as reported, whatever the rounding.
    @inline(__always)
    static func bin(of value: Double, edges: UnsafeBufferPointer<Double>, from: Double, width: Double, perWidth: Double) -> Int {
        let last = edges.count - 2
        // The guess is ≥ 0 (value ≥ from), where truncation is the floor;
        // at most `maxBins` + 1 or so (value ≤ to), well within Int.
        let guess = perWidth != 0 ? (value - from) * perWidth : (value - from) / width
        var i = Swift.min(Int(guess), last)
        while i > 0 && value < edges[i] { i -= 1 }
        while i < last && value >= edges[i + 1] { i += 1 }
        return i
    }
}
