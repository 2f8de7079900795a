extension Statistics {
    /// The p-quantile by linear interpolation between order statistics
    /// (Hyndman and Fan 1996, type 7; R's default, NumPy's `method="linear"`).
    ///
    /// With x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ sorted, h = (n − 1)·p, j = ⌊h⌋, g = h − j:
    /// Q(p) = x₍ⱼ₎ + g·(x₍ⱼ₊₁₎ − x₍ⱼ₎) (x₍ₙ₋₁₎ when j = n − 1). The interpolation
    /// is evaluated as NumPy does — from the upper neighbour,
    /// x₍ⱼ₊₁₎ − (1 − g)(x₍ⱼ₊₁₎ − x₍ⱼ₎), when g ≥ ½ — so results agree with
    /// NumPy to the last bit. Q(0) is the minimum, Q(1) the maximum.
    /// Cost O(n log n) for the sort.
    ///
    /// - Throws: `GeometryError.invalidArgument` for an empty sample, a NaN
    ///   entry or p outside [0, 1]; `GeometryError.nonFinite` when the result
    ///   is not finite.
    public static func quantile(_ values: [Double], _ p: Double) throws -> Double {
        try quantiles(values, [p])[0]
    }

    /// The type-7 quantiles at each of `probabilities`, sorting once.
    public static func quantiles(_ values: [Double], _ probabilities: [Double]) throws -> [Double] {
        try check(values, "quantile")
        for p in probabilities where !(p >= 0 && p <= 1) {
            throw GeometryError.invalidArgument("quantile: p must lie in [0, 1], got \(p)")
        }
        let sorted = values.sorted()
        let last = sorted.count - 1
        return try probabilities.map { p in
            let h = Double(last) * p
            let j = Swift.min(Int(h.rounded(.down)), last)
            let g = h - Double(j)
            let below = sorted[j]
            let above = sorted[Swift.min(j + 1, last)]
            let difference = above - below
            let result = g >= 0.5 ? above - difference * (1 - g) : below + difference * g
            return try finite(result, "quantile")
        }
    }

    /// The median, the type-7 quantile at ½.
    public static func median(_ values: [Double]) throws -> Double {
        try quantile(values, 0.5)
    }
}
