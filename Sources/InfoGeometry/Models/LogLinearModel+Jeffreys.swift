extension LogLinearModel {
    public var jeffreysMarginCount: Int { space.jointCount }

    /// Slice sampling of ½ log det G(θ) over the θ whose joint probabilities
    /// are all ≥ margin (`Jeffreys.burnIn`, `Jeffreys.thinning`), coordinate
    /// by coordinate, started at θ = 0 (the uniform distribution). The
    /// density along each coordinate line comes from `JeffreysLines`.
    public func jeffreys(count: Int, seed: UInt64, margin: Double) throws -> [[Double]] {
        try Jeffreys.validate(count: count, margin: margin, states: jeffreysMarginCount)
        guard margin > 0 else {
            throw GeometryError.invalidArgument("the Jeffreys prior of a \(family) model needs a margin > 0 to bound its parameters")
        }
        guard count > 0 else { return [] }
        let lines = JeffreysLines(statistics: statistics, margin: margin)
        let start = [Double].zeros(dimension)
        guard lines.along(start, axis: 0)(0) > -.infinity else {
            throw GeometryError.invalidArgument("the \(family) model's metric is singular at θ = 0; its Jeffreys prior cannot be sampled from there")
        }
        let bound = 4 * (DeterministicMath.log(1 / margin) + 1)
        let sampler = try SliceSampler(
            lineLogDensity: lines.along,
            lower: [Double](repeating: -bound, count: dimension),
            upper: [Double](repeating: bound, count: dimension),
            width: 1, burnIn: Jeffreys.burnIn, thinning: Jeffreys.thinning)
        var generator = SeededGenerator(seed: seed)
        return try sampler.sample(count: count, start: start, generator: &generator)
    }
}

/// ½ log det G of a log-linear model p_θ(x) ∝ exp(T_x·θ) along coordinate
/// lines θ + t·e_k, for the slice sampler's coordinatewise updates.
///
/// G = Cov_θ(T), the Schur complement of the (0, 0) entry of the second
/// moment A = Σ_x p_x T̃_x T̃_xᵀ of T̃_x = (1, T_x), so det G = det A.
/// Along the line p_x(t) ∝ p_x(θ) e^{t·T_xk}: the states with one value v_g
/// of T_xk keep their proportions. With M_g = Σ_{x: T_xk = v_g} p_x(θ) T̃_x T̃_xᵀ
/// (one pass over the states per line),
///   A(t) = Σ_g e^{t v_g} M_g / Z(t),   Z(t) = Σ_g e^{t v_g} (M_g)₀₀,
///   ℓ(t) = ½ log det A(t)   (Cholesky: Σ log of the pivots, halved),
/// −∞ where some p_x(t) = e^{t v_g} p_x(θ) / Z(t) < margin or A(t) is not
/// positive definite. Each point of the line costs O(groups · d² + d³)
/// instead of the O(n · d²) of forming G from the Jacobian: an RBM's
/// statistics are binary, two groups a line.
///
/// Each column of T is shifted by its most common value (p is unchanged by
/// a shift of T): binary statistics stay sparse, and the pass over the
/// states touches only the pairs of nonzero entries of each T̃_x (an
/// RBM(4,6) state has 12 of 35 on average, 78 of 630 pairs); statistics
/// with a large common offset do not make A ill-conditioned.
///
/// Consecutive lines of a sweep share their origins' probabilities: the line
/// of coordinate k starts where the line of coordinate j ended, at
/// θ' = θ + δ·e_j, where p' = p e^{δ v_g} / Z(δ) by the groups of j, without
/// the exponentials of the n states. Every `parameters` lines (a sweep) p is
/// computed afresh from θ, so rounding does not accumulate along the chain.
/// The moments are summed afresh for every line from positive terms, so that
/// A(t) is as accurate far along the line as at its origin. (Taking the most
/// common group's moments as A(0) minus the others' would halve the pass, but
/// its rounding, relative to A(0), grows as 1/e^{t v_g} where a group is
/// suppressed, up to 1/margin.)
///
/// Only IEEE arithmetic and `DeterministicMath`, so the chain is the same on
/// every machine. Not thread-safe: one chain owns it.
final class JeffreysLines {
    let states: Int
    let parameters: Int
    let margin: Double
    /// The nonzero entries of T̃_x (shifted), x after x, columns ascending:
    /// entries rowStart[x]..<rowStart[x + 1] of `columns` and `values`.
    private let rowStart: UnsafeMutableBufferPointer<Int>
    private let columns: UnsafeMutableBufferPointer<Int>
    private let values: UnsafeMutableBufferPointer<Double>
    /// groupOf[k · n + x]: the group of state x on the lines of coordinate k;
    /// groupValue[k][g]: its value of T_xk (shifted).
    private let groupOf: UnsafeMutableBufferPointer<Int32>
    private let groupValue: [[Double]]
    /// p at the line's origin; each group's packed lower triangle of M_g
    /// (the packed index of (a, b), b ≤ a, is a(a+1)/2 + b); each group's
    /// least p_x; the factorised A(t); e^{t v_g} / Z(t).
    private let weights: UnsafeMutableBufferPointer<Double>
    private let moments: UnsafeMutableBufferPointer<Double>
    private let least: UnsafeMutableBufferPointer<Double>
    private let factor: UnsafeMutableBufferPointer<Double>
    private let scale: UnsafeMutableBufferPointer<Double>
    /// The previous line's origin and coordinate, and lines since p and
    /// the groups were last computed afresh.
    private var origin: [Double] = []
    private var axis = -1
    private var sinceRefresh = 0

    init(statistics t: Matrix, margin: Double) {
        let n = t.rows, d = t.columns
        states = n
        parameters = d
        self.margin = margin
        var shifted = t
        for k in 0..<d {
            // The most common value, the first in state order among ties.
            var counts: [Double: Int] = [:]
            var mode = t[0, k], best = 0
            for x in 0..<n {
                let c = counts[t[x, k], default: 0] + 1
                counts[t[x, k]] = c
                if c > best { best = c; mode = t[x, k] }
            }
            for x in 0..<n { shifted[x, k] = t[x, k] - mode }
        }
        var rowStart = [0], columns: [Int] = [], values: [Double] = []
        for x in 0..<n {
            columns.append(0)
            values.append(1)
            for k in 0..<d where shifted[x, k] != 0 {
                columns.append(k + 1)
                values.append(shifted[x, k])
            }
            rowStart.append(columns.count)
        }
        groupOf = .allocate(capacity: n * d)
        var groupValue: [[Double]] = []
        for k in 0..<d {
            var index: [Double: Int32] = [:], distinct: [Double] = []
            for x in 0..<n {
                let v = shifted[x, k]
                if let g = index[v] {
                    groupOf[k * n + x] = g
                } else {
                    index[v] = Int32(distinct.count)
                    groupOf[k * n + x] = Int32(distinct.count)
                    distinct.append(v)
                }
            }
            groupValue.append(distinct)
        }
        func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: a.count)
            _ = b.initialize(from: a)
            return b
        }
        self.rowStart = copy(rowStart)
        self.columns = copy(columns)
        self.values = copy(values)
        self.groupValue = groupValue
        let packed = (d + 1) * (d + 2) / 2, groups = groupValue.map(\.count).max() ?? 1
        weights = copy(.zeros(n))
        moments = copy(.zeros(groups * packed))
        least = copy(.zeros(groups))
        factor = copy(.zeros(packed))
        scale = copy(.zeros(groups))
    }

    deinit {
        rowStart.deallocate()
        columns.deallocate()
        values.deallocate()
        groupOf.deallocate()
        for b in [weights, moments, least, factor, scale] { b.deallocate() }
    }

    /// e^{t v_g} / Z(t) for the groups of coordinate k's lines, the
    /// exponents shifted by their largest so that none overflows, into `scale`.
    private func scales(_ t: Double, axis k: Int) {
        let value = groupValue[k], packed = (parameters + 1) * (parameters + 2) / 2
        var top = -Double.infinity
        for v in value { top = max(top, t * v) }
        var z = 0.0
        for g in value.indices {
            scale[g] = DeterministicMath.exp(t * value[g] - top)
            z += scale[g] * moments[g * packed]
        }
        for g in value.indices { scale[g] /= z }
    }

    /// t ↦ ℓ(θ + t·e_k), valid until the next call.
    func along(_ theta: [Double], axis k: Int) -> (Double) -> Double {
        let n = states, dim = parameters + 1, packed = dim * (dim + 1) / 2
        var moved = -1
        if axis >= 0, sinceRefresh + 1 < parameters {
            moved = axis
            for j in 0..<parameters where j != axis && theta[j] != origin[j] { moved = -1 }
        }
        if moved >= 0 {
            // p at θ from the previous line's groups (see above).
            scales(theta[moved] - origin[moved], axis: moved)
            for x in 0..<n { weights[x] *= scale[Int(groupOf[moved * n + x])] }
            sinceRefresh += 1
        } else {
            // p(θ) ∝ exp(T̃_x·(0, θ)), scaled by its largest term.
            var top = -Double.infinity
            for x in 0..<n {
                var e = 0.0
                for i in (rowStart[x] + 1)..<rowStart[x + 1] { e += values[i] * theta[columns[i] - 1] }
                weights[x] = e
                top = max(top, e)
            }
            var z = 0.0
            for x in 0..<n {
                weights[x] = DeterministicMath.exp(weights[x] - top)
                z += weights[x]
            }
            for x in 0..<n { weights[x] /= z }
            sinceRefresh = 0
        }
        origin = theta
        axis = k

        let groups = groupValue[k].count
        for i in 0..<(groups * packed) { moments[i] = 0 }
        for g in 0..<groups { least[g] = .infinity }
        for x in 0..<n {
            let g = Int(groupOf[k * n + x]), wx = weights[x]
            least[g] = min(least[g], wx)
            let base = g * packed, first = rowStart[x], end = rowStart[x + 1]
            for i in first..<end {
                let a = columns[i], row = base + a * (a + 1) / 2, va = wx * values[i]
                for j in first...i { moments[row + columns[j]] += va * values[j] }
            }
        }
        return { [self] t in
            scales(t, axis: k)
            for g in 0..<groups where scale[g] * least[g] < margin { return -.infinity }
            for i in 0..<packed { factor[i] = scale[0] * moments[i] }
            for g in 1..<groups {
                let s = scale[g], base = g * packed
                for i in 0..<packed { factor[i] += s * moments[base + i] }
            }
            // Cholesky: ℓ = ½ log det A = Σ log of the pivots' square roots.
            var ell = 0.0
            for r in 0..<dim {
                let rowR = r * (r + 1) / 2
                for c in 0...r {
                    let rowC = c * (c + 1) / 2
                    var s = factor[rowR + c]
                    for j in 0..<c { s -= factor[rowR + j] * factor[rowC + j] }
                    if r == c {
                        guard s > 0 else { return -.infinity }
                        factor[rowR + r] = s.squareRoot()
                        ell += DeterministicMath.log(s) / 2
                    } else {
                        factor[rowR + c] = s / factor[rowC + c]
                    }
                }
            }
            return ell
        }
    }
}
