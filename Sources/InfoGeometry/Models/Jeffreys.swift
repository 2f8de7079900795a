/// Jeffreys priors, density ∝ √det G(θ), for every model family.
///
/// `margin` keeps draws away from the boundary, where the metric blows up:
/// - full simplex: every joint probability ≥ margin;
/// - Bayesian networks (and the independence model): every probability of
///   every conditional table row, the implicit last one included, ≥ margin;
/// - log-linear models: every joint probability ≥ margin (margin > 0 needed:
///   it makes the parameter region bounded).
/// Draws are reproducible: the same seed gives the same points on every machine.
/// Exact draws take point i from its own stream (`SeededGenerator.draws`),
/// so a sample's first points do not depend on its length.
public enum Jeffreys {
    /// The largest sample one call may draw (each point holds its joint and
    /// visible distributions, so this bounds memory too).
    public static let maximumCount = 1_000_000
    /// Sweeps of the slice sampler before the first kept draw.
    public static let burnIn = 500
    /// Sweeps between kept draws (cuts the correlation of neighbouring draws).
    public static let thinning = 5

    static func validate(count: Int, margin: Double, states: Int) throws {
        guard count >= 0, count <= maximumCount else {
            throw GeometryError.limitExceeded("a Jeffreys sample has between 0 and \(maximumCount) points, got \(count)")
        }
        guard margin.isFinite, margin >= 0, margin * Double(states) < 1 else {
            throw GeometryError.invalidArgument("the margin must lie in [0, 1/\(states)), got \(margin)")
        }
    }
}

extension FullSimplex {
    /// On P(X) the Jeffreys prior is Dirichlet(½, …, ½), drawn exactly.
    public func jeffreys(count: Int, seed: UInt64, margin: Double) throws -> [[Double]] {
        try Jeffreys.validate(count: count, margin: margin, states: space.jointCount)
        let law = try DirichletDistribution(alpha: Array(repeating: 0.5, count: space.jointCount), margin: margin)
        return try SeededGenerator.parallelDraws(count: count, seed: seed) { Array(try law.sample(using: &$0).dropLast()) }
    }
}

extension BayesianNetwork {
    /// G is block-diagonal over the rows of the conditional tables, the block of
    /// row (i, c) being p(pa_i = c) times the categorical Fisher matrix, so
    ///   √det G = Π_{i,c} p(pa_i = c)^{(k_i − 1)/2} Π_s θ_{i,c,s}^{−1/2}.
    /// When every parent is a root, p(pa_i = c) = Π_j θ_j(c_j) and the density
    /// factorises: each root row is Dirichlet with α_s = ½ + Σ_children
    /// (k_i − 1)/2 · Π_{other parents j} k_j, every other row Dirichlet(½)
    /// (for the latent-class model: Beta(3/2, 3/2) × Beta(½, ½)⁴). Otherwise
    /// the same density is sampled by slice sampling (`Jeffreys.burnIn`,
    /// `Jeffreys.thinning`), started at the uniform tables.
    public func jeffreys(count: Int, seed: UInt64, margin: Double) throws -> [[Double]] {
        let vars = space.variables
        try Jeffreys.validate(count: count, margin: margin, states: vars.map(\.cardinality).max() ?? 2)
        let roots = Set(vars.indices.filter { parents[$0].isEmpty })
        if vars.indices.allSatisfy({ parents[$0].allSatisfy(roots.contains) }) {
            return try exactJeffreys(count: count, seed: seed, margin: margin)
        }
        return try sliceJeffreys(count: count, seed: seed, margin: margin)
    }

    private func exactJeffreys(count: Int, seed: UInt64, margin: Double) throws -> [[Double]] {
        let vars = space.variables
        var alphas = vars.map { [Double](repeating: 0.5, count: $0.cardinality) }
        for i in vars.indices {
            for j in parents[i] {
                let others = parents[i].filter { $0 != j }.reduce(1) { $0 * vars[$1].cardinality }
                let extra = Double(vars[i].cardinality - 1) / 2 * Double(others)
                for s in alphas[j].indices { alphas[j][s] += extra }
            }
        }
        let laws = try alphas.map { try DirichletDistribution(alpha: $0, margin: margin) }
        let largest = laws.map(\.dimension).max() ?? 0
        // Every table row in parameter order with its law's gamma kernels (a
        // range of one flat array) and attempts, read by the drawing threads
        // through pointers: arrays shared by the threads and retained per
        // draw had them contend for their reference counts.
        let kernels = laws.flatMap(\.kernels)
        var starts: [Int] = [], next = 0
        for law in laws { starts.append(next); next += law.dimension }
        var rows: [(law: Int, kernels: Int, count: Int, attempts: Int, offset: Int)] = []
        for i in vars.indices {
            for offset in offsets[i] { rows.append((i, starts[i], laws[i].dimension, laws[i].maxAttempts, offset)) }
        }
        let d = dimension
        return try kernels.withUnsafeBufferPointer { kernels in
            try rows.withUnsafeBufferPointer { rows in
                try SeededGenerator.parallelDraws(count: count, seed: seed) { generator in
                    try withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * largest) { scratch in
                        let row = UnsafeMutableBufferPointer(rebasing: scratch[0..<largest])
                        let logs = UnsafeMutableBufferPointer(rebasing: scratch[largest...])
                        return try [Double](count: d) { theta in
                            for r in rows {
                                let law = UnsafeBufferPointer(rebasing: kernels[r.kernels..<(r.kernels + r.count)])
                                guard DirichletDistribution.draw(kernels: law, margin: margin, maxAttempts: r.attempts,
                                                                 into: row, logs: logs, using: &generator) else {
                                    throw laws[r.law].attemptsExhausted
                                }
                                for s in 0..<(r.count - 1) { theta[r.offset + s] = row[s] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// ½ Σ_{i,c} [(k_i − 1) log p(pa_i = c) − Σ_s log θ_{i,c,s}], or −∞ outside
    /// the tables whose entries are all ≥ margin.
    func logJeffreysDensity(_ theta: [Double], margin: Double) -> Double {
        let vars = space.variables
        var total = 0.0
        for i in vars.indices {
            let k = vars[i].cardinality
            for offset in offsets[i] {
                var last = 1.0
                for s in 0..<(k - 1) {
                    let x = theta[offset + s]
                    guard x >= margin else { return -.infinity }
                    total -= 0.5 * DeterministicMath.log(x)
                    last -= x
                }
                guard last >= margin else { return -.infinity }
                total -= 0.5 * DeterministicMath.log(last)
            }
        }
        // Parent-configuration marginals from the joint distribution.
        let p = distribution(at: theta)
        for i in vars.indices where !parents[i].isEmpty {
            var marginal = [Double].zeros(offsets[i].count)
            for x in 0..<space.jointCount { marginal[parentConfiguration(ofJoint: x, variable: i)] += p[x] }
            for m in marginal {
                guard m > 0 else { return -.infinity }
                total += 0.5 * Double(vars[i].cardinality - 1) * DeterministicMath.log(m)
            }
        }
        return total
    }

    func sliceJeffreys(count: Int, seed: UInt64, margin: Double) throws -> [[Double]] {
        guard count > 0 else { return [] }
        let vars = space.variables
        var start = [Double].zeros(dimension)
        for i in vars.indices {
            for offset in offsets[i] { for s in 0..<(vars[i].cardinality - 1) { start[offset + s] = 1 / Double(vars[i].cardinality) } }
        }
        let sampler = try SliceSampler(
            logDensity: { [self] in logJeffreysDensity($0, margin: margin) },
            lower: [Double](repeating: margin, count: dimension),
            upper: [Double](repeating: 1 - margin, count: dimension),
            width: 0.25, burnIn: Jeffreys.burnIn, thinning: Jeffreys.thinning)
        var generator = SeededGenerator(seed: seed)
        return try sampler.sample(count: count, start: start, generator: &generator)
    }
}

extension LogLinearModel {
    /// Slice sampling of ½ log det G(θ) over the θ whose joint probabilities
    /// are all ≥ margin (`Jeffreys.burnIn`, `Jeffreys.thinning`), started at
    /// θ = 0 (the uniform distribution). det G comes from a Cholesky
    /// factorisation of G = Jᵀ diag(1/p) J written out here, so that the
    /// chain does not depend on the LAPACK build.
    public func jeffreys(count: Int, seed: UInt64, margin: Double) throws -> [[Double]] {
        try Jeffreys.validate(count: count, margin: margin, states: space.jointCount)
        guard margin > 0 else {
            throw GeometryError.invalidArgument("the Jeffreys prior of a \(family) model needs a margin > 0 to bound its parameters")
        }
        guard count > 0 else { return [] }
        let bound = 4 * (DeterministicMath.log(1 / margin) + 1)
        let sampler = try SliceSampler(
            logDensity: { [self] in logJeffreysDensity($0, margin: margin) },
            lower: [Double](repeating: -bound, count: dimension),
            upper: [Double](repeating: bound, count: dimension),
            width: 1, burnIn: Jeffreys.burnIn, thinning: Jeffreys.thinning)
        var generator = SeededGenerator(seed: seed)
        let start = [Double].zeros(dimension)
        guard logJeffreysDensity(start, margin: margin) > -.infinity else {
            throw GeometryError.invalidArgument("the \(family) model's metric is singular at θ = 0; its Jeffreys prior cannot be sampled from there")
        }
        return try sampler.sample(count: count, start: start, generator: &generator)
    }

    func logJeffreysDensity(_ theta: [Double], margin: Double) -> Double {
        let p = distribution(at: theta)
        guard p.allSatisfy({ $0 >= margin }) else { return -.infinity }
        let j = jacobian(at: theta), d = dimension
        var g = [Double].zeros(d * d)
        for x in 0..<j.rows {
            for a in 0..<d { for b in 0...a { g[a * d + b] += j[x, a] * j[x, b] / p[x] } }
        }
        // Cholesky: log det G = 2 Σ log L_aa.
        var total = 0.0
        for a in 0..<d {
            for b in 0...a {
                var s = g[a * d + b]
                for k in 0..<b { s -= g[a * d + k] * g[b * d + k] }
                if a == b {
                    guard s > 0 else { return -.infinity }
                    g[a * d + a] = s.squareRoot()
                    total += DeterministicMath.log(s) / 2
                } else {
                    g[a * d + b] = s / g[b * d + b]
                }
            }
        }
        return total
    }
}
