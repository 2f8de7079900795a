/// Which Fisher metric: on the joint states (G) or on the visible marginal (G_V).
public enum Metric: String, Sendable, CaseIterable {
    case joint
    case visible
}

extension Point {
    /// G = Jᵀ diag(1/p) J (joint) or G_V = J_Vᵀ diag(1/p_V) J_V (visible), d × d.
    /// Needs positive probabilities where the metric divides by them.
    public func fisher(metric: Metric = .joint) throws -> Matrix {
        try requireDense(rows: metric == .joint ? space.jointCount : space.visibleCount, what: "the \(metric.rawValue) Fisher matrix")
        let (j, p) = metric == .joint ? (jacobian, joint) : (visibleJacobian, visible)
        try Probability.requirePositive(p, what: metric == .joint ? "the joint Fisher metric" : "the visible Fisher metric")
        let d = j.columns
        var g = Matrix(rows: d, columns: d)
        for x in 0..<j.rows {
            let w = 1 / p[x]
            for a in 0..<d {
                let ja = j[x, a] * w
                if ja == 0 { continue }
                for b in a..<d { g[a, b] += ja * j[x, b] }
            }
        }
        for a in 0..<d { for b in 0..<a { g[a, b] = g[b, a] } }
        return g
    }

    /// The factorisation of the whitened Jacobian for a metric.
    public func factorization(metric: Metric) throws -> SingularValueDecomposition {
        metric == .joint ? try jointFactorization() : try visibleFactorization()
    }
}
