/// The gamma law Γ(k, θ) with shape k > 0 and scale θ > 0:
/// density x^(k−1) e^(−x/θ) / (Γ(k) θᵏ) on x > 0; mean kθ, variance kθ².
///
/// Draws use Marsaglia and Tsang (2000), "A simple method for generating gamma
/// variables": for k ≥ 1, with d = k − 1/3 and c = 1/√(9d), draw x standard
/// normal and u uniform until v = (1 + cx)³ > 0 and either
/// u < 1 − 0.0331x⁴ (squeeze) or ln u < x²/2 + d(1 − v + ln v); return d·v.
/// Acceptance is above 95 % for every k ≥ 1. For k < 1 the boost
/// Γ(k) = Γ(k + 1)·U^(1/k) is used, computed in logarithms
/// (ln Γ(k + 1) + ln U / k) so that tiny shapes underflow only at the final
/// exponential. Every step is deterministic (see ``DeterministicMath``).
public struct GammaDistribution: Hashable, Sendable {
    public let shape: Double
    public let scale: Double

    /// - Throws: `GeometryError.invalidArgument` unless shape and scale are
    ///   positive and finite.
    public init(shape: Double, scale: Double = 1) throws {
        try SamplingChecks.positiveFinite(shape, "shape", in: "gamma")
        try SamplingChecks.positiveFinite(scale, "scale", in: "gamma")
        self.shape = shape
        self.scale = scale
    }

    public var mean: Double { shape * scale }
    public var variance: Double { shape * scale * scale }

    /// One draw. It is 0 only when the draw underflows (possible for shapes far below 1).
    public func sample(using generator: inout SeededGenerator) -> Double {
        scale * DeterministicMath.exp(GammaDistribution.logStandard(shape: shape, using: &generator))
    }

    /// `count` independent draws.
    public func samples(count: Int, using generator: inout SeededGenerator) throws -> [Double] {
        try SamplingChecks.count(count, dimension: 1, in: "gamma")
        return (0..<count).map { _ in sample(using: &generator) }
    }

    /// ln X for X ~ Γ(shape, 1); finite for every positive finite shape.
    static func logStandard(shape: Double, using generator: inout SeededGenerator) -> Double {
        Kernel(shape: shape).logStandard(using: &generator)
    }

    /// Marsaglia and Tsang's constants for one shape, computed once: a
    /// sampler drawing many variates of one shape (a Dirichlet law) need not
    /// recompute ln d for every one. The draws are those of
    /// `logStandard(shape:using:)` bit for bit (ln d is the same value each
    /// time).
    struct Kernel: Hashable, Sendable {
        /// The shape asked for; below 1 it is boosted to shape + 1.
        let shape: Double
        let d: Double
        let c: Double
        let logD: Double

        init(shape: Double) {
            self.shape = shape
            let k = shape < 1 ? shape + 1 : shape
            d = k - 1.0 / 3
            c = 1 / (9 * d).squareRoot()
            logD = DeterministicMath.log(d)
        }

        func logStandard(using generator: inout SeededGenerator) -> Double {
            let (v, loggedV) = boosted(using: &generator)
            return logStandard(v: v, logV: loggedV, boost: shape < 1 ? generator.nextUniform() : 0)
        }

        /// ln(d·v), boosted below shape 1 by the uniform `boost` (unused
        /// otherwise), from the accepted v and its logarithm when the
        /// acceptance test took it.
        @inline(__always)
        private func logStandard(v: Double, logV loggedV: Double?, boost u: Double) -> Double {
            if shape < 1 {
                // ln Γ(k + 1) + ln U / k: ln v and ln U are independent, taken together.
                if let logV = loggedV { return logD + logV + DeterministicMath.log(u) / shape }
                let (logV, logU) = DeterministicMath.log(v, u)
                return logD + logV + logU / shape
            }
            return logD + (loggedV ?? DeterministicMath.log(v))
        }

        /// ln X₁ and ln X₂ of draws with kernels `a` and `b`, made one after
        /// the other from `generator`: bit for bit what `logStandard` twice
        /// gives, the generator left where it leaves it. The second draw is
        /// started where the first ends when it keeps its first candidate
        /// (nineteen times in twenty), so that the two draws' chains of
        /// dependent operations, each two logarithms long, run side by side
        /// instead of one after the other; when the first takes another
        /// candidate, the second is drawn again after it.
        static func logStandard(_ a: Kernel, _ b: Kernel, using generator: inout SeededGenerator) -> (Double, Double) {
            var ahead = generator
            let first = a.candidate(using: &ahead)
            let afterFirst = ahead
            let second = b.candidate(using: &ahead)
            let (logS1, logS2) = DeterministicMath.log(first.s, second.s)
            guard let x1 = a.kept(first, logS: logS1) else {
                let x1 = a.logStandard(using: &generator)
                return (x1, b.logStandard(using: &generator))
            }
            if let x2 = b.kept(second, logS: logS2) {
                generator = ahead
                return (x1, x2)
            }
            generator = afterFirst
            return (x1, b.logStandard(using: &generator))
        }

        /// The uniforms a draw takes when it keeps its first candidate, in
        /// the order `logStandard(using:)` takes them: the polar point, the
        /// acceptance test's uniform and, below shape 1, the boost's.
        struct Candidate {
            let u: Double
            let s: Double
            let acceptance: Double
            let boost: Double
        }

        @inline(__always)
        func candidate(using generator: inout SeededGenerator) -> Candidate {
            let (u, s) = NormalDistribution.polar(using: &generator)
            let acceptance = generator.nextUniform()
            return Candidate(u: u, s: s, acceptance: acceptance, boost: shape < 1 ? generator.nextUniform() : 0)
        }

        /// ln X from `candidate` (ln s given), as `logStandard(using:)`
        /// computes it when it keeps that candidate; nil when it does not
        /// (v ≤ 0, or the acceptance test fails).
        @inline(__always)
        func kept(_ candidate: Candidate, logS: Double) -> Double? {
            let x = NormalDistribution.standard(u: candidate.u, s: candidate.s, logS: logS)
            var v = 1 + c * x
            guard v > 0 else { return nil }
            v = v * v * v
            let x2 = x * x
            if candidate.acceptance < 1 - 0.0331 * x2 * x2 { return logStandard(v: v, logV: nil, boost: candidate.boost) }
            let (logV, logU) = DeterministicMath.log(v, candidate.acceptance)
            guard logU < 0.5 * x2 + d * (1 - v + logV) else { return nil }
            return logStandard(v: v, logV: logV, boost: candidate.boost)
        }

        /// The accepted v of a Γ(max(shape, shape + 1 if shape < 1), 1) draw
        /// d·v, with ln v when the acceptance test needed it (the squeeze
        /// accepts without it; the caller takes it then, beside any other
        /// logarithm it needs).
        private func boosted(using generator: inout SeededGenerator) -> (v: Double, logV: Double?) {
            while true {
                var x: Double
                var v: Double
                repeat {
                    x = NormalDistribution.standard(using: &generator)
                    v = 1 + c * x
                } while v <= 0
                v = v * v * v
                let u = generator.nextUniform()
                let x2 = x * x
                if u < 1 - 0.0331 * x2 * x2 { return (v, nil) }
                let (logV, logU) = DeterministicMath.log(v, u)
                if logU < 0.5 * x2 + d * (1 - v + logV) { return (v, logV) }
            }
        }
    }
}

/// `count` draws from Γ(shape, scale); draw i comes from
/// `SeededGenerator(seed: seed, stream: i)` (see ``SeededGenerator/draws(count:seed:_:)``).
public func gamma(shape: Double, scale: Double = 1, count: Int, seed: UInt64) throws -> [Double] {
    let law = try GammaDistribution(shape: shape, scale: scale)
    try SamplingChecks.count(count, dimension: 1, in: "gamma")
    return SeededGenerator.draws(count: count, seed: seed) { law.sample(using: &$0) }
}
