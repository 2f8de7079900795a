/// The whole simplex P(X): θ are the probabilities of the first n − 1 joint
/// states, p_n = 1 − Σθ. J = [I; −1ᵀ]. Its Jeffreys prior is Dirichlet(½, …, ½).
///
/// Products with J and the joint natural gradient have closed forms in O(n)
/// time and memory (see `FullSimplex+ClosedForm.swift`), so spaces of up to
/// 2^24 states work without an n × (n − 1) matrix.
public final class FullSimplex: Model {
    public let space: StateSpace
    public var dimension: Int { space.jointCount - 1 }
    public var family: String { "full" }

    public init(space: StateSpace) { self.space = space }

    public var parameterNames: [String] {
        (0..<dimension).map { "p(\(space.label(ofJoint: $0)))" }
    }

    public func validate(_ theta: [Double]) throws {
        try requireDimension(theta)
        try Probability.validate(distribution(at: theta), count: space.jointCount, what: "the joint distribution of these parameters")
    }

    public func distribution(at theta: [Double]) -> [Double] {
        var p = theta
        p.append(1 - theta.reduce(0, +))
        return p
    }

    public func jacobian(at theta: [Double]) -> Matrix {
        let d = dimension
        var j = Matrix(rows: d + 1, columns: d)
        for i in 0..<d {
            j[i, i] = 1
            j[d, i] = -1
        }
        return j
    }
}
