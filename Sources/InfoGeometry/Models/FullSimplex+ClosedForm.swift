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
        var out = [Double](repeating: 0, count: dimension)
        for i in 0..<dimension { out[i] = u[i] - last }
        return out
    }

    public func closedFormNaturalGradient(_ u: [Double], at point: Point) throws -> [Double]? {
        let p = point.joint
        precondition(u.count == p.count)
        try Probability.requirePositive(p, what: "the joint Fisher metric")
        var mean = 0.0
        for x in p.indices { mean += p[x] * u[x] }
        var theta = [Double](repeating: 0, count: dimension)
        for x in 0..<dimension { theta[x] = p[x] * (u[x] - mean) }
        return theta
    }
}
