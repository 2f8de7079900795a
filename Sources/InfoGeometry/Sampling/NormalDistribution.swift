/// The normal law N(μ, σ²), density exp(−(x − μ)²/(2σ²)) / (σ√(2π)).
///
/// Draws use Marsaglia's polar method: u, v uniform on (−1, 1), accepted when
/// 0 < s = u² + v² < 1 (probability π/4); then u·√(−2 ln s / s) is standard
/// normal. The second normal of each accepted pair, v·√(−2 ln s / s), is
/// discarded so that a draw depends only on the generator state, not on a
/// cached value. Only +, −, ×, ÷, `sqrt` (correctly rounded by IEEE 754) and
/// the deterministic logarithm are used, so draws are identical on every
/// machine.
public struct NormalDistribution: Hashable, Sendable {
    public let mean: Double
    public let standardDeviation: Double

    /// - Throws: `GeometryError.invalidArgument` unless `mean` is finite and
    ///   `standardDeviation` is positive and finite.
    public init(mean: Double = 0, standardDeviation: Double = 1) throws {
        guard mean.isFinite else {
            throw GeometryError.invalidArgument("normal: mean must be finite, got \(mean)")
        }
        try SamplingChecks.positiveFinite(standardDeviation, "standardDeviation", in: "normal")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    public var variance: Double { standardDeviation * standardDeviation }

    /// One draw; consumes an even number (two per attempt) of `nextUniform()` values.
    public func sample(using generator: inout SeededGenerator) -> Double {
        mean + standardDeviation * NormalDistribution.standard(using: &generator)
    }

    /// `count` independent draws.
    public func samples(count: Int, using generator: inout SeededGenerator) throws -> [Double] {
        try SamplingChecks.count(count, dimension: 1, in: "normal")
        return (0..<count).map { _ in sample(using: &generator) }
    }

    /// A standard normal draw by the polar method.
    static func standard(using generator: inout SeededGenerator) -> Double {
        let (u, s) = polar(using: &generator)
        return standard(u: u, s: s, logS: DeterministicMath.log(s))
    }

    /// The polar method's accepted point: u and s = u² + v² ∈ (0, 1). The
    /// draw is `standard(u:s:logS:)`; apart, a sampler can take ln s beside
    /// another logarithm.
    @inline(__always)
    static func polar(using generator: inout SeededGenerator) -> (u: Double, s: Double) {
        while true {
            let u = 2 * generator.nextUniform() - 1
            let v = 2 * generator.nextUniform() - 1
            let s = u * u + v * v
            if s < 1 && s > 0 { return (u, s) }
        }
    }

    /// The standard normal u·√(−2 ln s / s) of an accepted polar point.
    @inline(__always)
    static func standard(u: Double, s: Double, logS: Double) -> Double {
        u * (-2 * logS / s).squareRoot()
    }
}

/// `count` draws from N(mean, standardDeviation²); draw i comes from
/// `SeededGenerator(seed: seed, stream: i)` (see ``SeededGenerator/draws(count:seed:_:)``).
public func normal(
    count: Int, seed: UInt64, mean: Double = 0, standardDeviation: Double = 1
) throws -> [Double] {
    let law = try NormalDistribution(mean: mean, standardDeviation: standardDeviation)
    try SamplingChecks.count(count, dimension: 1, in: "normal")
    return SeededGenerator.draws(count: count, seed: seed) { law.sample(using: &$0) }
}
