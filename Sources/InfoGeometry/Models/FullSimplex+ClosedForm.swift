/// Closed forms on the full simplex, O(n) time and memory.
///
/// With J = [I; −1ᵀ] (n × d, d = n − 1):
/// - J v = (v, −Σv);  Π J v = the visible marginal of that;
/// - Jᵀ u = (u_i − u_n)_{i<n};
/// - J is injective and G = Jᵀ diag(1/p) J invertible for p > 0, so the
///   natural gradient pushed to P(X) is the Fisher-gradient there,
///   A = J G⁻¹ Jᵀ u = p ⊙ (u − ⟨p, u⟩), and its θ-coordinates are the first
///   d entries of A. For the evidence (u = −T_V(v)/p_V(v)) this is
///   A = p − T_V ⊗ p(h | v) (DESIGN.md). The whitened least squares of the
///   generic path solves the same problem and agrees to rounding (tests).
extension FullSimplex {
    public var usesDenseJacobianProducts: Bool { false }

    public func jacobianProduct(_ v: [Double], at point: Point) -> [Double] {
        precondition(v.count == dimension)
        var out = v
        var sum = 0.0
        for x in v { sum += x }
        out.append(-sum)
        return out
    }

    public func visibleJacobianProduct(_ v: [Double], at point: Point) -> [Double] {
        space.marginal(jacobianProduct(v, at: point))
    }

    public func jacobianTransposedProduct(_ u: [Double], at point: Point) -> [Double] {
        precondition(u.count == space.jointCount)
        let last = u[dimension]
        var out = [Double].zeros(dimension)
        for i in 0..<dimension { out[i] = u[i] - last }
        return out
    }

    public func closedFormNaturalGradient(_ u: [Double], at point: Point) throws -> [Double]? {
        let p = point.joint
        precondition(u.count == p.count)
        try Probability.requirePositive(p, what: "the joint Fisher metric")
        var mean = 0.0
        for x in p.indices { mean += p[x] * u[x] }
        var theta = [Double].zeros(dimension)
        for x in 0..<dimension { theta[x] = p[x] * (u[x] - mean) }
        return theta
    }

    /// For u(h, v) = u_V(v): θ(h, v) = p(h, v) (u_V(v) − ⟨p_V, u_V⟩), one pass
    /// over p that also checks its positivity; no joint-sized u is formed.
    public func closedFormNaturalGradient(visibleGradient uv: [Double], at point: Point) throws -> [Double]? {
        let p = point.joint, pv = point.visible, nV = space.visibleCount
        precondition(uv.count == nV)
        var mean = 0.0
        for v in 0..<nV { mean += pv[v] * uv[v] }
        let d = dimension
        var failure: Int?
        let theta = [Double](count: d) { out in
            p.withUnsafeBufferPointer { p in
                uv.withUnsafeBufferPointer { uv in
                    for h in 0..<space.hiddenCount {
                        let base = h * nV
                        for v in 0..<nV where base + v < d {
                            let x = base + v
                            if !(p[x] > 0), failure == nil { failure = x }
                            out[x] = p[x] * (uv[v] - mean)
                        }
                    }
                }
            }
        }
        if !(p[d] > 0), failure == nil { failure = d }
        if let x = failure { throw GeometryError.notPositive(what: "the joint Fisher metric", index: x, value: p[x]) }
        return theta
    }
}
