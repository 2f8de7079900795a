import Testing
@testable import InfoGeometry

/// The O(n) closed forms of the full simplex against the dense generic path.
@Suite struct FullSimplexClosedFormTests {
    static let spaces = [Fixtures.xyz, try! StateSpace(hidden: ["h:3"], visible: ["a", "b:3"]), try! StateSpace(hidden: [], visible: ["v:5"])]

    @Test func productsWithJMatchTheMaterialisedJacobian() {
        var rng = Fixtures.Uniforms(seed: 21)
        for space in Self.spaces {
            let model = FullSimplex(space: space)
            for _ in 0..<20 {
                let p = rng.point(model)
                let v = (0..<model.dimension).map { _ in rng.next() - 0.5 }
                let u = (0..<space.jointCount).map { _ in rng.next() - 0.5 }
                #expect(Vec.maxAbsDifference(model.jacobianProduct(v, at: p), p.jacobian.apply(v)) < 1e-15)
                #expect(Vec.maxAbsDifference(model.visibleJacobianProduct(v, at: p), p.visibleJacobian.apply(v)) < 1e-15)
                #expect(Vec.maxAbsDifference(model.jacobianTransposedProduct(u, at: p), p.jacobian.applyTransposed(u)) < 1e-15)
            }
        }
    }

    @Test func naturalGradientMatchesTheWhitenedLeastSquares() throws {
        var rng = Fixtures.Uniforms(seed: 22)
        for space in Self.spaces {
            let model = FullSimplex(space: space)
            for _ in 0..<30 {
                let p = rng.point(model), target = rng.point(model)
                for objective in [Objective.evidence(.point(target)), .elbo(.point(target), q: .target),
                                  .elbo(.point(target), q: .posterior), .gap(.point(target), q: .point(rng.point(model)))] {
                    let fast = try objective.naturalGradient(at: p).theta
                    let u = try objective.ambientGradient(at: p)
                    let w = (0..<u.count).map { p.joint[$0].squareRoot() * u[$0] }
                    let dense = try p.jointFactorization().solve(w)
                    #expect(Vec.maxAbsDifference(fast, dense) <= 1e-12 * max(1, Vec.maxAbs(dense)), "\(objective.kind)")
                }
            }
        }
    }

    @Test func evidenceOnTwentyBinaryVariablesInLinearTime() throws {
        let names = (1...10).map { "h\($0)" } + (1...10).map { "v\($0)" }
        let space = try StateSpace(hidden: Array(names.prefix(10)), visible: Array(names.suffix(10)))
        let model = FullSimplex(space: space)
        let p = try model.point(model.jeffreys(count: 1, seed: 1, margin: 0)[0])
        let target = try model.point(model.jeffreys(count: 1, seed: 2, margin: 0)[0])
        let g = try Objective.evidence(.point(target)).naturalGradient(at: p)
        // Pushed to P(X): p − T_V ⊗ p(h | v).
        let a = g.ambient
        let expected = space.joint(visible: target.visible, conditional: try p.conditional())
        // Entries 1…n−1 are θ itself; the last is −Σθ, a sum of 2^20 − 1 terms.
        var worst = 0.0, sum = 0.0
        for x in a.indices.dropLast() { worst = max(worst, abs(a[x] - (p.joint[x] - expected[x]))); sum += a[x] }
        #expect(worst < 1e-15)
        #expect(abs(a[a.count - 1] - (p.joint[a.count - 1] - expected[a.count - 1])) < 1e-12)
        #expect(abs(sum + a[a.count - 1]) < 1e-12)
        // Anything dense is a located error, not an 8 TB allocation.
        #expect(throws: GeometryError.self) { try p.fisher() }
        #expect(throws: GeometryError.self) { try Objective.evidence(.point(target)).naturalGradient(at: p, metric: .visible) }
    }
}
