/// The beta law B(a, b), density x^(a−1)(1 − x)^(b−1) / B(a, b) on (0, 1);
/// mean a/(a + b), variance ab / ((a + b)²(a + b + 1)). Optionally truncated to
/// [margin, 1 − margin].
///
/// A draw is X/(X + Y) with X ~ Γ(a, 1), Y ~ Γ(b, 1) independent, computed from
/// ln X and ln Y as 1/(1 + e^(ln Y − ln X)) so that small shapes do not turn
/// into 0/0. Without a margin a draw can round to exactly 0 or 1 when a or b is
/// far below 1. With a margin, draws outside [margin, 1 − margin] are rejected
/// and redrawn (exact truncation), at most `maxAttempts` times per draw.
public struct BetaDistribution: Hashable, Sendable {
    public let a: Double
    public let b: Double
    /// Every draw lies in [margin, 1 − margin]; 0 means no truncation.
    public let margin: Double
    /// Rejection attempts allowed for one draw before giving up.
    public let maxAttempts: Int

    /// - Throws: `GeometryError.invalidArgument` unless a, b are positive and
    ///   finite, margin ∈ [0, 1/2) and maxAttempts ≥ 1.
    public init(a: Double, b: Double, margin: Double = 0, maxAttempts: Int = 100_000) throws {
        try SamplingChecks.positiveFinite(a, "a", in: "beta")
        try SamplingChecks.positiveFinite(b, "b", in: "beta")
        try SamplingChecks.margin(margin, dimension: 2, in: "beta")
        try SamplingChecks.attempts(maxAttempts, in: "beta")
        self.a = a
        self.b = b
        self.margin = margin
        self.maxAttempts = maxAttempts
    }

    /// Mean of the untruncated law.
    public var mean: Double { a / (a + b) }
    /// Variance of the untruncated law.
    public var variance: Double { a * b / ((a + b) * (a + b) * (a + b + 1)) }

    /// One draw.
    ///
    /// - Throws: `GeometryError.limitExceeded` when `maxAttempts` draws in a
    ///   row fell outside [margin, 1 − margin].
    public func sample(using generator: inout SeededGenerator) throws -> Double {
        for _ in 0..<maxAttempts {
            let x = untruncated(using: &generator)
            if margin == 0 || (x >= margin && x <= 1 - margin) {
                return x
            }
        }
        throw GeometryError.limitExceeded(
            "beta: no draw from Beta(\(a), \(b)) fell in [\(margin), \(1 - margin)] in \(maxAttempts) attempts; the margin is too large for these shapes")
    }

    /// `count` independent draws.
    public func samples(count: Int, using generator: inout SeededGenerator) throws -> [Double] {
        try SamplingChecks.count(count, dimension: 1, in: "beta")
        var result: [Double] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            result.append(try sample(using: &generator))
        }
        return result
    }

    private func untruncated(using generator: inout SeededGenerator) -> Double {
        let (logX, logY) = GammaDistribution.Kernel.logStandard(.init(shape: a), .init(shape: b), using: &generator)
        return 1 / (1 + DeterministicMath.exp(logY - logX))
    }
}

/// `count` draws from Beta(a, b), truncated to [margin, 1 − margin]; draw i
/// comes from `SeededGenerator(seed: seed, stream: i)` (see
/// ``SeededGenerator/draws(count:seed:_:)``).
public func beta(
    _ a: Double, _ b: Double, count: Int, seed: UInt64, margin: Double = 0
) throws -> [Double] {
    let law = try BetaDistribution(a: a, b: b, margin: margin)
    try SamplingChecks.count(count, dimension: 1, in: "beta")
    return try SeededGenerator.draws(count: count, seed: seed) { try law.sample(using: &$0) }
}

/// `count` successive draws from Beta(a, b), truncated to [margin, 1 − margin],
/// from `generator`.
public func beta(
    _ a: Double, _ b: Double, count: Int, margin: Double = 0,
    using generator: inout SeededGenerator
) throws -> [Double] {
    try BetaDistribution(a: a, b: b, margin: margin).samples(count: count, using: &generator)
}
