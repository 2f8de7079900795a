/// Summary statistics of a sample x₁ … x_n of doubles.
///
/// Every function rejects an empty sample and NaN entries
/// (`GeometryError.invalidArgument`, naming the 1-based position), and throws
/// `GeometryError.nonFinite` when its result is not finite (an infinite entry,
/// or overflow), so a NaN or an infinity never passes silently.
public enum Statistics {
    /// Σxᵢ by Neumaier's compensated summation: the error is about one
    /// rounding of the result plus n·ε²·Σ|xᵢ|, whatever the order of the terms.
    /// Deterministic: the terms are added in index order.
    public static func sum(_ values: [Double]) throws -> Double {
        try check(values, "sum")
        return try finite(compensatedSum(values), "sum")
    }

    /// The arithmetic mean (1/n) Σxᵢ.
    public static func mean(_ values: [Double]) throws -> Double {
        try check(values, "mean")
        return try finite(compensatedSum(values) / Double(values.count), "mean")
    }

    /// The smallest entry.
    public static func minimum(_ values: [Double]) throws -> Double {
        try check(values, "minimum")
        return try finite(values.min()!, "minimum")
    }

    /// The largest entry.
    public static func maximum(_ values: [Double]) throws -> Double {
        try check(values, "maximum")
        return try finite(values.max()!, "maximum")
    }

    /// The sample variance s² = Σ(xᵢ − x̄)² / (n − 1), unbiased for i.i.d.
    /// draws (R's `var`, NumPy's `var(ddof=1)`). Two passes (mean first), so no
    /// cancellation between Σxᵢ² and n·x̄². Needs n ≥ 2.
    public static func variance(_ values: [Double]) throws -> Double {
        try check(values, "variance")
        guard values.count >= 2 else {
            throw GeometryError.invalidArgument(
                "variance: the sample variance needs at least 2 values, got 1")
        }
        return try finite(squaredDeviations(values) / Double(values.count - 1), "variance")
    }

    /// The population variance σ² = Σ(xᵢ − x̄)² / n (NumPy's default `var`).
    public static func populationVariance(_ values: [Double]) throws -> Double {
        try check(values, "populationVariance")
        return try finite(squaredDeviations(values) / Double(values.count), "populationVariance")
    }

    /// The sample standard deviation √s².
    public static func standardDeviation(_ values: [Double]) throws -> Double {
        try variance(values).squareRoot()
    }

    static func squaredDeviations(_ values: [Double]) throws -> Double {
        let mean = compensatedSum(values) / Double(values.count)
        guard mean.isFinite else {
            throw GeometryError.nonFinite("variance: the mean is \(mean)")
        }
        return compensatedSum(values.map { ($0 - mean) * ($0 - mean) })
    }

    static func compensatedSum(_ values: [Double]) -> Double {
        var total = 0.0
        var compensation = 0.0
        for value in values {
            let next = total + value
            if abs(total) >= abs(value) {
                compensation += (total - next) + value
            } else {
                compensation += (value - next) + total
            }
            total = next
        }
        // With an infinite term or overflow the compensation is NaN (∞ − ∞);
        // the plain sum then says what happened (±∞, or NaN for ∞ − ∞).
        guard total.isFinite else { return total }
        return total + compensation
    }

    /// Throws for an empty sample or a NaN entry.
    static func check(_ values: [Double], _ function: String) throws {
        guard !values.isEmpty else {
            throw GeometryError.invalidArgument("\(function): the sample is empty")
        }
        if let index = values.firstIndex(where: { $0.isNaN }) {
            throw GeometryError.invalidArgument(
                "\(function): value \(index + 1) of \(values.count) is NaN")
        }
    }

    static func finite(_ result: Double, _ function: String) throws -> Double {
        guard result.isFinite else {
            throw GeometryError.nonFinite("\(function): the result is \(result)")
        }
        return result
    }
}
