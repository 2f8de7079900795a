/// The natural gradient of a Bayesian network under the joint metric in
/// closed form: one pass over the joint states, no Jacobian, no matrix.
///
/// In the table parameters, G is block-diagonal over the rows (i, c) of the
/// conditional tables (see `jeffreys`): the block of row (i, c) is
/// w = p(pa_i = c) times the categorical Fisher matrix diag(1/π) + 11ᵀ/π_k of
/// the row's probabilities π (π_k = 1 − Σ_{s<k} π_s), whose inverse is
/// (diag(π) − ππᵀ)/w. With ∂p(x)/∂θ_{i,c,s} = p(x) [pa_i(x) = c]
/// ([x_i = s]/π_s − [x_i = k]/π_k), G⁻¹ Jᵀ u reduces to
///
///   θ_{i,c,s} = (m_{i,c}(s) − π_s M_{i,c}) / w_{i,c}
///             = E[u [x_i = s] | pa_i = c] − π_s E[u | pa_i = c],
///
/// m_{i,c}(s) = Σ_{x: pa_i(x) = c, x_i = s} p(x) u(x), M_{i,c} the same sum
/// over all x_i. G is invertible exactly when p > 0 (every table entry and
/// every parent marginal positive), which is what the whitened least squares
/// require too; there G⁺ = G⁻¹ and both agree to rounding (tests). Unlike
/// that path it needs no dense n × d Jacobian, so it also serves networks
/// past `Point.maximumDenseEntries`, and it never whitens, so it stays exact
/// where diag(p)^(-1/2) J would lose rank to rounding (a row of weight
/// 1e-300); a result past the largest double is an error.
extension BayesianNetwork {
    public func closedFormNaturalGradient(_ u: UnsafeBufferPointer<Double>, at point: Point,
                                          into x: UnsafeMutableBufferPointer<Double>) throws -> Bool {
        let p = point.joint, m = rowWidths.count, n = p.count, d = dimension
        precondition(u.count == n && x.count >= d)
        try Probability.requirePositive(p, what: "the joint Fisher metric")
        // Per row, indexed by the offset of its first parameter (k ≥ 2, so
        // rows have distinct offsets): w in `weights`, M in `totals`; m(s) in x.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * d) { scratch in
            let weights = scratch.baseAddress!, totals = weights + d
            for a in 0..<d { x[a] = 0; weights[a] = 0; totals[a] = 0 }
            p.withUnsafeBufferPointer { p in
                rowOffset.withUnsafeBufferPointer { rowOffset in
                    stateOf.withUnsafeBufferPointer { stateOf in
                        rowWidths.withUnsafeBufferPointer { widths in
                            for j in 0..<n {
                                let pj = p[j], pu = pj * u[j]
                                for i in 0..<m {
                                    let offset = Int(rowOffset[j * m + i]), state = stateOf[j * m + i]
                                    weights[offset] += pj
                                    totals[offset] += pu
                                    if state < widths[i] { x[offset + Int(state)] += pu }
                                }
                            }
                        }
                    }
                }
            }
            // θ = (m − θ M) / w, row by row (the rows are laid out in order).
            point.theta.withUnsafeBufferPointer { theta in
                rowWidths.withUnsafeBufferPointer { widths in
                    rowCounts.withUnsafeBufferPointer { counts in
                        var offset = 0
                        for i in 0..<m {
                            let width = Int(widths[i])
                            for _ in 0..<Int(counts[i]) {
                                let w = weights[offset], total = totals[offset]
                                for s in offset..<(offset + width) { x[s] = (x[s] - theta[s] * total) / w }
                                offset += width
                            }
                        }
                    }
                }
            }
        }
        // Rows of tiny weight have huge natural gradients; past the largest
        // double (or with a u that overflowed) there is no answer to give.
        for a in 0..<d where !x[a].isFinite {
            throw GeometryError.nonFinite(
                "the natural gradient overflows at this point (parameter \(a + 1), \(parameterNames[a])): it is too close to the "
                + "boundary of the simplex (smallest joint probability \(p.min() ?? 0)) for the joint Fisher metric in double precision")
        }
        return true
    }
}
