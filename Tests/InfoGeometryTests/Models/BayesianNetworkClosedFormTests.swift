import Testing
@testable import InfoGeometry

/// The closed-form natural gradient of Bayesian networks under the joint
/// metric, against the whitened least squares it replaces.
@Suite struct BayesianNetworkClosedFormTests {
    static let networks: [BayesianNetwork] = [
        Fixtures.latentClass, Fixtures.independence, Fixtures.mixed,
        // A hidden variable with a parent, and a child of two parents.
        try! BayesianNetwork(space: StateSpace(hidden: ["h"], visible: ["a:3", "b", "c"]),
                             edges: BayesianNetwork.parseEdges("a -> h -> b, a -> c, h -> c")),
        // A chain through a four-state variable.
        try! BayesianNetwork(space: StateSpace(hidden: ["m:4"], visible: ["u", "w"]),
                             edges: BayesianNetwork.parseEdges("u -> m -> w")),
    ]

    static func objectives(target: Point, other: Point) -> [Objective] {
        [.evidence(.point(target)), .elbo(.point(target), q: .target), .elbo(.point(target), q: .posterior),
         .gap(.point(target), q: .point(other)), .elbo(.vector(target.visible), q: .posterior)]
    }

    /// B⁺(√p ⊙ u), the generic path, from the point's joint factorisation.
    static func leastSquares(_ objective: Objective, at p: Point) throws -> [Double] {
        let u = try objective.ambientGradient(at: p)
        return try p.jointFactorization().solve((0..<u.count).map { p.joint[$0].squareRoot() * u[$0] })
    }

    @Test func naturalGradientMatchesTheWhitenedLeastSquares() throws {
        var rng = Fixtures.Uniforms(seed: 41)
        for model in Self.networks {
            for _ in 0..<40 {
                let p = rng.point(model), target = rng.point(model), other = rng.point(model)
                for objective in Self.objectives(target: target, other: other) {
                    let closed = try objective.naturalGradient(at: p).theta
                    let dense = try Self.leastSquares(objective, at: p)
                    #expect(Vec.maxAbsDifference(closed, dense) <= 1e-10 * max(1, Vec.maxAbs(dense)),
                            "\(model.parameterNames.count) parameters, \(objective.kind)")
                }
            }
        }
    }

    /// G θ = ∇_θ f: the closed form inverts the Fisher matrix itself.
    @Test func solvesTheFisherSystem() throws {
        var rng = Fixtures.Uniforms(seed: 42)
        for model in Self.networks {
            for _ in 0..<20 {
                let p = rng.point(model), target = rng.point(model)
                let objective = Objective.elbo(.point(target), q: .target)
                let theta = try objective.naturalGradient(at: p).theta
                let gradient = try objective.gradient(at: p).theta
                let g = try p.fisher()
                #expect(Vec.maxAbsDifference(g.apply(theta), gradient) <= 1e-10 * max(1, Vec.maxAbs(gradient)))
            }
        }
    }

    /// Near the boundary (rows down to 1e-7) the two still agree, and the
    /// batch over a sample gives the per-point values bit for bit.
    @Test func batchesAndBoundaryDraws() throws {
        let model = Fixtures.latentClass
        let points = try model.jeffreys(count: 400, seed: 7, margin: 1e-7).map { try model.point($0) }
        let target = try model.point(Fixtures.latentStar)
        for objective in [Objective.elbo(.point(target), q: .target), .evidence(.point(target)), .elbo(.point(target), q: .posterior)] {
            let batch = try #require(try objective.naturalGradients(at: points, metric: .joint) { count, body in
                for i in 0..<count { try body(i) }
            })
            for (i, p) in points.enumerated() {
                let single = try objective.naturalGradient(at: p).theta
                #expect(Array(batch[(i * 5)..<((i + 1) * 5)]) == single)
                let dense = try Self.leastSquares(objective, at: p)
                #expect(Vec.maxAbsDifference(single, dense) <= 1e-8 * max(1, Vec.maxAbs(dense)))
            }
        }
    }

    /// A zero table entry makes G singular: the error the least-squares path
    /// gave (the evidence's own gradient is defined: p_V > 0).
    @Test func zeroProbabilityIsTheSameError() throws {
        let p = try Fixtures.latentClass.point([0.5, 0, 0.3, 0.6, 0.2])
        let target = try Fixtures.latentClass.point(Fixtures.latentStar)
        #expect {
            try Objective.evidence(.point(target)).naturalGradient(at: p)
        } throws: { error in
            "\(error)".contains("joint Fisher metric")
        }
    }
}

extension BayesianNetworkClosedFormTests {
    /// DESIGN.md's accuracy measure: the visible part of the gap's natural
    /// gradient, zero in exact arithmetic on a cylindrical model (the
    /// independence model), over 1,000 Jeffreys points down to rows of 1e-6;
    /// the closed form is at least as accurate as the whitened least squares.
    @Test func gapStaysVertical() throws {
        let model = Fixtures.independence
        let draws = try model.jeffreys(count: 3000, seed: 11, margin: 1e-6).map { try model.point($0) }
        var closedWorst = 0.0, denseWorst = 0.0
        for i in 0..<1000 {
            let p = draws[3 * i], target = draws[3 * i + 1], r = draws[3 * i + 2]
            let objective = Objective.gap(.point(target), q: i % 2 == 0 ? .target : .point(r))
            let closed = try objective.naturalGradient(at: p)
            let dense = Tangent(point: p, theta: try Self.leastSquares(objective, at: p))
            let scale = max(1, Vec.maxAbs(closed.ambient))
            closedWorst = max(closedWorst, Vec.maxAbs(closed.visible) / scale)
            denseWorst = max(denseWorst, Vec.maxAbs(dense.visible) / scale)
        }
        #expect(closedWorst < 5e-14)
        #expect(closedWorst <= max(denseWorst, 1e-15), "closed \(closedWorst), least squares \(denseWorst)")
    }
}

extension BayesianNetworkClosedFormTests {
    /// x → y with a 5,000-state y is the full simplex over 10,000 states in
    /// table parameters (d = 9,999): a dense Jacobian would have 10⁸ entries,
    /// past `Point.maximumDenseEntries`, yet the closed form gives the natural
    /// gradient, and pushed to P(X) it is the full simplex's
    /// p − T_V ⊗ p(h | v) (DESIGN.md).
    @Test func networksPastTheDenseLimit() throws {
        let k = 5000
        let space = try StateSpace(hidden: ["x"], visible: ["y:\(k)"])
        let model = try BayesianNetwork(space: space, edges: [("x", "y")])
        #expect(space.jointCount * model.dimension > Point.maximumDenseEntries)
        var rng = Fixtures.Uniforms(seed: 71)
        let p = rng.point(model), target = rng.point(model)
        let theta = try Objective.evidence(.point(target)).naturalGradient(at: p).theta
        #expect(throws: GeometryError.self) { try p.fisher() }
        // A = J θ by hand: p(x, y) = π(x) π(y | x), the last state of each row 1 − Σ.
        let px = [p.theta[0], 1 - p.theta[0]], dx = [theta[0], -theta[0]]
        func row(_ x: Int, _ values: [Double]) -> [Double] {
            let start = 1 + x * (k - 1)
            let head = Array(values[start..<(start + k - 1)])
            return head + [1 - head.reduce(0, +)]
        }
        func rowDerivative(_ x: Int) -> [Double] {
            let start = 1 + x * (k - 1)
            let head = Array(theta[start..<(start + k - 1)])
            return head + [-head.reduce(0, +)]
        }
        let expected = space.joint(visible: target.visible, conditional: try p.conditional())
        var worst = 0.0
        for x in 0..<2 {
            let py = row(x, p.theta), dy = rowDerivative(x)
            for y in 0..<k {
                let a = dx[x] * py[y] + px[x] * dy[y]
                worst = max(worst, abs(a - (p.joint[x * k + y] - expected[x * k + y])))
            }
        }
        #expect(worst < 1e-12, "largest difference \(worst)")
    }
}
