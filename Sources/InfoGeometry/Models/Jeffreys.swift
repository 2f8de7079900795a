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

    /// The margin when none is given: 10⁻³ · min(1, 8/N)³ for N bounded
    /// probabilities (`Model.jeffreysMarginCount`: the joint states of the
    /// full simplex and of log-linear models, the largest conditional table
    /// row of a Bayesian network). 10⁻³ for the paper's models of 8 states;
    /// beyond, it falls as 1/N³ because on the full simplex that keeps the
    /// share of Dirichlet(½) draws the margin turns away where it is at 8
    /// states, about 42 % (P(p_x < m) ≈ √(2mN/π) for each of N entries), so
    /// that the truncated Dirichlet stays exact and quick to draw; and
    /// margin · N < 1 always holds, as every model needs.
    public static func defaultMargin(_ model: any Model) -> Double {
        let ratio = min(1, 8 / Double(model.jeffreysMarginCount))
        return 1e-3 * (ratio * ratio * ratio)
    }

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
    public var jeffreysMarginCount: Int { space.jointCount }

    /// On P(X) the Jeffreys prior is Dirichlet(½, …, ½), drawn exactly.
    public func jeffreys(count: Int, seed: UInt64, margin: Double) throws -> [[Double]] {
        try Jeffreys.validate(count: count, margin: margin, states: jeffreysMarginCount)
        let law = try DirichletDistribution(alpha: Array(repeating: 0.5, count: space.jointCount), margin: margin)
        return try SeededGenerator.parallelDraws(count: count, seed: seed) { Array(try law.sample(using: &$0).dropLast()) }
    }
}

extension BayesianNetwork {
    public var jeffreysMarginCount: Int { space.variables.map(\.cardinality).max() ?? 2 }

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
        try Jeffreys.validate(count: count, margin: margin, states: jeffreysMarginCount)
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
        // Two points at a time, each from its own stream, side by side
        // (`DirichletDistribution.draw` of two draws). The error is that of
        // the first point and row that failed, as one at a time: the first
        // point's ends the pair at once; after the second's, the first
        // point goes on alone in case it fails too.
        return try kernels.withUnsafeBufferPointer { kernels in
            try rows.withUnsafeBufferPointer { rows in
                try SeededGenerator.parallelDrawPairs(count: count, seed: seed) { generator, other in
                    try withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * largest) { scratch in
                        let row = UnsafeMutableBufferPointer(rebasing: scratch[0..<largest])
                        let logs = UnsafeMutableBufferPointer(rebasing: scratch[largest..<(2 * largest)])
                        let otherRow = UnsafeMutableBufferPointer(rebasing: scratch[(2 * largest)..<(3 * largest)])
                        let otherLogs = UnsafeMutableBufferPointer(rebasing: scratch[(3 * largest)...])
                        var theta = [Double](repeating: 0, count: d), otherTheta = theta
                        var otherFailed: Int?
                        for r in rows {
                            let law = UnsafeBufferPointer(rebasing: kernels[r.kernels..<(r.kernels + r.count)])
                            let drawn: Bool
                            if otherFailed == nil {
                                let otherDrawn: Bool
                                (drawn, otherDrawn) = DirichletDistribution.draw(
                                    kernels: law, margin: margin, maxAttempts: r.attempts,
                                    into: row, logs: logs, using: &generator, into: otherRow, logs: otherLogs, using: &other)
                                if !otherDrawn { otherFailed = r.law }
                            } else {
                                drawn = DirichletDistribution.draw(kernels: law, margin: margin, maxAttempts: r.attempts,
                                                                   into: row, logs: logs, using: &generator)
                            }
                            guard drawn else { throw laws[r.law].attemptsExhausted }
                            for s in 0..<(r.count - 1) {
                                theta[r.offset + s] = row[s]
                                otherTheta[r.offset + s] = otherRow[s]
                            }
                        }
                        if let law = otherFailed { throw laws[law].attemptsExhausted }
                        return (theta, otherTheta)
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
