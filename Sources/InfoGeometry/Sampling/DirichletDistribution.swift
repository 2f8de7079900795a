/// The Dirichlet law Dir(α₁, …, α_k) on the simplex {x : xᵢ > 0, Σxᵢ = 1},
/// density ∝ Π xᵢ^(αᵢ−1); with α₀ = Σαᵢ, E xᵢ = αᵢ/α₀ and
/// Var xᵢ = αᵢ(α₀ − αᵢ) / (α₀²(α₀ + 1)). Optionally truncated to
/// {x : every xᵢ ≥ margin}. Dir(½, …, ½) is the Jeffreys prior of the open
/// simplex.
///
/// A draw normalises independent Gᵢ ~ Γ(αᵢ, 1): xᵢ = Gᵢ/ΣGⱼ, computed from
/// Lᵢ = ln Gᵢ as e^(Lᵢ−M) / Σⱼ e^(Lⱼ−M) with M = max Lⱼ, so small αᵢ do not
/// produce 0/0. Without a margin an entry can round to exactly 0 when its αᵢ is
/// far below 1. With a margin, draws with an entry below it are rejected and
/// redrawn (exact truncation), at most `maxAttempts` times per draw.
public struct DirichletDistribution: Hashable, Sendable {
    public let alpha: [Double]
    /// Every entry of a draw is at least `margin`; 0 means no truncation.
    public let margin: Double
    /// Rejection attempts allowed for one draw before giving up.
    public let maxAttempts: Int
    /// The gamma sampler's constants for each αᵢ.
    let kernels: [GammaDistribution.Kernel]

    /// - Throws: `GeometryError.invalidArgument` unless α is non-empty with
    ///   every αᵢ positive and finite, margin ∈ [0, 1/k) and maxAttempts ≥ 1.
    public init(alpha: [Double], margin: Double = 0, maxAttempts: Int = 100_000) throws {
        guard !alpha.isEmpty else {
            throw GeometryError.invalidArgument("dirichlet: α must have at least one entry")
        }
        for (i, value) in alpha.enumerated() {
            try SamplingChecks.positiveFinite(value, "α[\(i + 1)]", in: "dirichlet")
        }
        try SamplingChecks.margin(margin, dimension: alpha.count, in: "dirichlet")
        try SamplingChecks.attempts(maxAttempts, in: "dirichlet")
        self.alpha = alpha
        self.kernels = alpha.map { GammaDistribution.Kernel(shape: $0) }
        self.margin = margin
        // At most about 10^6 gamma variates per draw, however large k: a
        // margin near 1/k in dimension 10,000 otherwise retried for minutes.
        self.maxAttempts = Swift.min(maxAttempts, Swift.max(10, DirichletDistribution.variateBudget / alpha.count))
    }

    /// Gamma variates one truncated draw may use before giving up.
    public static let variateBudget = 1_000_000

    public var dimension: Int { alpha.count }

    /// Means of the untruncated law, αᵢ/α₀.
    public var mean: [Double] {
        let total = alpha.reduce(0, +)
        return alpha.map { $0 / total }
    }

    /// Variances of the untruncated law, αᵢ(α₀ − αᵢ)/(α₀²(α₀ + 1)).
    public var variance: [Double] {
        let total = alpha.reduce(0, +)
        return alpha.map { $0 * (total - $0) / (total * total * (total + 1)) }
    }

    /// One draw: a vector of k entries summing to 1 up to rounding.
    ///
    /// - Throws: `GeometryError.limitExceeded` when `maxAttempts` draws in a
    ///   row had an entry below the margin.
    public func sample(using generator: inout SeededGenerator) throws -> [Double] {
        try [Double](count: alpha.count) { x in
            try withUnsafeTemporaryAllocation(of: Double.self, capacity: alpha.count) { logs in
                try sample(into: x, logs: logs, using: &generator)
            }
        }
    }

    /// One draw written into the first k entries of `x`, with `logs` (k
    /// entries) as scratch space: `sample(using:)` without allocating.
    public func sample(into x: UnsafeMutableBufferPointer<Double>, logs: UnsafeMutableBufferPointer<Double>,
                       using generator: inout SeededGenerator) throws {
        precondition(x.count >= alpha.count && logs.count >= alpha.count)
        let drawn = kernels.withUnsafeBufferPointer { kernels in
            Self.draw(kernels: kernels, margin: margin, maxAttempts: maxAttempts, into: x, logs: logs, using: &generator)
        }
        if !drawn { throw attemptsExhausted }
    }

    /// The error of a draw that found no entry vector above the margin.
    var attemptsExhausted: GeometryError {
        .limitExceeded(
            "dirichlet: no draw from Dirichlet(\(alpha.count <= 8 ? "\(alpha)" : "α of \(alpha.count) entries")) had every entry ≥ \(margin) in \(maxAttempts) attempts; the margin is too large for this α in dimension \(alpha.count) (it must be below 1/\(alpha.count), and acceptance falls quickly as it nears that)")
    }

    /// `sample(into:logs:using:)` on a law's gamma kernels read through a
    /// pointer, so that threads drawing from one law touch no shared
    /// reference count (copying the law per draw retained its arrays, and
    /// the threads contended for them); false when `maxAttempts` draws in a
    /// row had an entry below the margin.
    static func draw(kernels: UnsafeBufferPointer<GammaDistribution.Kernel>, margin: Double, maxAttempts: Int,
                     into x: UnsafeMutableBufferPointer<Double>, logs: UnsafeMutableBufferPointer<Double>,
                     using generator: inout SeededGenerator) -> Bool {
        for _ in 0..<maxAttempts {
            untruncated(kernels, into: x, logs: logs, using: &generator)
            if isAbove(margin, x, count: kernels.count) { return true }
        }
        return false
    }

    /// Two draws at once, each from its own generator: bit for bit
    /// `draw(kernels:margin:maxAttempts:into:logs:using:)` for each. The
    /// first attempts of both run side by side (their Gamma variates, then
    /// their exponentials in the lanes of a vector), so that their chains
    /// of dependent operations overlap; further attempts, rare, one after
    /// the other.
    static func draw(kernels: UnsafeBufferPointer<GammaDistribution.Kernel>, margin: Double, maxAttempts: Int,
                     into x: UnsafeMutableBufferPointer<Double>, logs: UnsafeMutableBufferPointer<Double>,
                     using generator: inout SeededGenerator,
                     into y: UnsafeMutableBufferPointer<Double>, logs logsY: UnsafeMutableBufferPointer<Double>,
                     using other: inout SeededGenerator) -> (Bool, Bool) {
        guard maxAttempts > 0 else { return (false, false) }
        logStandards(kernels, into: logs, using: &generator)
        logStandards(kernels, into: logsY, using: &other)
        let largestX = largest(logs, count: kernels.count), largestY = largest(logsY, count: kernels.count)
        if largestX > -.infinity, largestY > -.infinity {
            var totalX = 0.0, totalY = 0.0
            for i in kernels.indices {
                (x[i], y[i]) = DeterministicMath.exp(logs[i] - largestX, logsY[i] - largestY)
                totalX += x[i]
                totalY += y[i]
            }
            for i in kernels.indices {
                x[i] /= totalX
                y[i] /= totalY
            }
        } else {
            normalised(kernels, into: x, logs: logs, largest: largestX, using: &generator)
            normalised(kernels, into: y, logs: logsY, largest: largestY, using: &other)
        }
        let rest = maxAttempts - 1
        let first = isAbove(margin, x, count: kernels.count)
            || draw(kernels: kernels, margin: margin, maxAttempts: rest, into: x, logs: logs, using: &generator)
        let second = isAbove(margin, y, count: kernels.count)
            || draw(kernels: kernels, margin: margin, maxAttempts: rest, into: y, logs: logsY, using: &other)
        return (first, second)
    }

    /// Whether the first `count` entries of `x` are all at least `margin` (always, without one).
    @inline(__always)
    private static func isAbove(_ margin: Double, _ x: UnsafeMutableBufferPointer<Double>, count: Int) -> Bool {
        if margin > 0 { for i in 0..<count where !(x[i] >= margin) { return false } }
        return true
    }

    /// `count` independent draws.
    public func samples(count: Int, using generator: inout SeededGenerator) throws -> [[Double]] {
        try SamplingChecks.count(count, dimension: alpha.count, in: "dirichlet")
        var result: [[Double]] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            result.append(try sample(using: &generator))
        }
        return result
    }

    private static func untruncated(_ kernels: UnsafeBufferPointer<GammaDistribution.Kernel>, into x: UnsafeMutableBufferPointer<Double>,
                                    logs: UnsafeMutableBufferPointer<Double>, using generator: inout SeededGenerator) {
        logStandards(kernels, into: logs, using: &generator)
        normalised(kernels, into: x, logs: logs, largest: largest(logs, count: kernels.count), using: &generator)
    }

    /// Lᵢ = ln Gᵢ for Gᵢ ~ Γ(αᵢ, 1), drawn two at a time (a pair's draws run
    /// side by side: `GammaDistribution.Kernel.logStandard(_:_:using:)`).
    @inline(__always)
    private static func logStandards(_ kernels: UnsafeBufferPointer<GammaDistribution.Kernel>, into logs: UnsafeMutableBufferPointer<Double>,
                                     using generator: inout SeededGenerator) {
        var i = 0
        while i + 1 < kernels.count {
            (logs[i], logs[i + 1]) = GammaDistribution.Kernel.logStandard(kernels[i], kernels[i + 1], using: &generator)
            i += 2
        }
        if i < kernels.count { logs[i] = kernels[i].logStandard(using: &generator) }
    }

    @inline(__always)
    private static func largest(_ logs: UnsafeMutableBufferPointer<Double>, count: Int) -> Double {
        var largest = -Double.infinity
        for i in 0..<count { largest = Swift.max(largest, logs[i]) }
        return largest
    }

    /// xᵢ = e^(Lᵢ−M) / Σⱼ e^(Lⱼ−M) for M the `largest` Lᵢ.
    private static func normalised(_ kernels: UnsafeBufferPointer<GammaDistribution.Kernel>, into x: UnsafeMutableBufferPointer<Double>,
                                   logs: UnsafeMutableBufferPointer<Double>, largest: Double, using generator: inout SeededGenerator) {
        guard largest > -Double.infinity else {
            // Every ln Gᵢ ≈ ln Uᵢ / αᵢ overflowed (αᵢ subnormal): the draw is a
            // vertex, the one whose ln Uᵢ / αᵢ is largest, that is whose
            // ln(−ln Uᵢ) − ln αᵢ is smallest (finite however small αᵢ): vertex
            // i with probability αᵢ / Σα, as the limit of the law.
            var best = 0, bestKey = Double.infinity
            for i in kernels.indices {
                let key = DeterministicMath.log(-DeterministicMath.log(generator.nextUniform())) - DeterministicMath.log(kernels[i].shape)
                if key < bestKey { (best, bestKey) = (i, key) }
            }
            for i in kernels.indices { x[i] = i == best ? 1 : 0 }
            return
        }
        var total = 0.0
        for i in kernels.indices {
            x[i] = DeterministicMath.exp(logs[i] - largest)
            total += x[i]
        }
        for i in kernels.indices { x[i] /= total }
    }
}

/// `count` draws from Dirichlet(α), each entry at least `margin`; draw i comes
/// from `SeededGenerator(seed: seed, stream: i)` (see
/// ``SeededGenerator/draws(count:seed:_:)``).
public func dirichlet(
    _ alpha: [Double], count: Int, seed: UInt64, margin: Double = 0
) throws -> [[Double]] {
    let law = try DirichletDistribution(alpha: alpha, margin: margin)
    try SamplingChecks.count(count, dimension: alpha.count, in: "dirichlet")
    return try SeededGenerator.draws(count: count, seed: seed) { try law.sample(using: &$0) }
}

/// `count` successive draws from Dirichlet(α), each entry at least `margin`,
/// from `generator`.
public func dirichlet(
    _ alpha: [Double], count: Int, margin: Double = 0,
    using generator: inout SeededGenerator
) throws -> [[Double]] {
    try DirichletDistribution(alpha: alpha, margin: margin).samples(count: count, using: &generator)
}
