import Testing
@testable import InfoGeometry

/// The SVD of a whitened Jacobian deflated by its left null vector √p against
/// the ordinary decomposition: the same singular values, rank, A⁺b, (AᵀA)⁺g
/// and A⁺ on every model and both metrics; a vector that is not a null
/// vector falls back to the ordinary decomposition.
@Suite struct DeflatedSVDTests {
    static func whitened(_ p: Point, _ metric: Metric) -> (Matrix, [Double]) {
        metric == .joint ? (p.jacobian, p.joint) : (p.visibleJacobian, p.visible)
    }

    /// `body` for the whitened Jacobian of 30 random points of every model
    /// under both metrics, with its row scales w^(-1/2) and null vector √w.
    static func eachWhitened(seed: UInt64, _ body: (_ label: String, _ j: Matrix, _ w: [Double], _ scales: [Double], _ null: [Double],
                                                    _ rng: inout Fixtures.Uniforms) throws -> Void) rethrows {
        var rng = Fixtures.Uniforms(seed: seed)
        for model in ModelTests.models {
            for metric in Metric.allCases {
                for _ in 0..<30 {
                    let (j, w) = whitened(rng.point(model), metric)
                    try body("\(model.family) \(metric)", j, w, w.map { 1 / $0.squareRoot() }, w.map { $0.squareRoot() }, &rng)
                }
            }
        }
    }

    @Test func agreesWithTheOrdinaryDecomposition() throws {
        try Self.eachWhitened(seed: 61) { label, j, w, scales, null, rng in
            let plain = try SingularValueDecomposition(j, rowScales: scales)
            let deflated = try SingularValueDecomposition(j, rowScales: scales, leftNullVector: null)
            #expect(deflated.u.columns == min(j.rows - 1, j.columns), "\(label)")
            #expect(deflated.rank == plain.rank, "\(label)")
            let scale = max(1, plain.singularValues.first ?? 0)
            for i in 0..<plain.rank {
                #expect(abs(deflated.singularValues[i] - plain.singularValues[i]) <= 1e-12 * scale, "\(label)")
            }
            // U's first `rank` columns are orthonormal and orthogonal to √p.
            for a in 0..<deflated.rank {
                var onNull = 0.0
                for x in 0..<j.rows { onNull += deflated.u[x, a] * w[x].squareRoot() }
                #expect(abs(onNull) < 1e-12, "\(label)")
                for b in 0..<deflated.rank {
                    let dot = (0..<j.rows).reduce(0.0) { $0 + deflated.u[$1, a] * deflated.u[$1, b] }
                    #expect(abs(dot - (a == b ? 1 : 0)) < 1e-12, "\(label)")
                }
            }
            let b = (0..<j.rows).map { _ in 2 * rng.next() - 1 }
            let x = deflated.solve(b), y = plain.solve(b)
            #expect(Vec.maxAbsDifference(x, y) <= 1e-10 * max(1, Vec.maxAbs(y)), "\(label): A⁺b")
            let pinv = deflated.pseudoInverse()
            let viaPinv = (0..<j.columns).map { c in (0..<j.rows).reduce(0.0) { $0 + pinv[c * j.rows + $1] * b[$1] } }
            #expect(Vec.maxAbsDifference(viaPinv, y) <= 1e-10 * max(1, Vec.maxAbs(y)), "\(label): A⁺ applied")
            let g = j.scalingRows(by: scales).applyTransposed(b)
            let kappa = plain.rank == 0 ? 1 : (plain.singularValues.first ?? 1) / plain.singularValues[plain.rank - 1]
            #expect(Vec.maxAbsDifference(deflated.gramPseudoInverse(g), plain.gramPseudoInverse(g))
                    <= 1e-10 * max(1, Vec.maxAbs(plain.gramPseudoInverse(g))) * max(1, kappa), "\(label): (AᵀA)⁺g")
        }
    }

    @Test func aVectorThatIsNotANullVectorFallsBack() throws {
        var rng = Fixtures.Uniforms(seed: 62)
        let p = rng.point(Fixtures.latentClass)
        let scales = p.joint.map { 1 / $0.squareRoot() }
        let plain = try SingularValueDecomposition(p.jacobian, rowScales: scales)
        let other = try SingularValueDecomposition(p.jacobian, rowScales: scales,
                                                   leftNullVector: (0..<8).map { _ in rng.next() })
        #expect(other.u.columns == plain.u.columns)
        #expect(other.singularValues == plain.singularValues)
    }

    /// The stack-only B⁺ agrees with the one formed from the deflated SVD,
    /// rank included, on every model and both metrics, tall and wide.
    @Test func stackPseudoInverseAgreesWithTheDecomposition() throws {
        try Self.eachWhitened(seed: 63) { label, j, _, scales, null, _ in
            let svd = try SingularValueDecomposition(j, rowScales: scales, leftNullVector: null)
            guard let fast = SingularValueDecomposition.deflatedPseudoInverse(j, rowScales: scales, leftNullVector: null) else {
                // Only matrices past the Jacobi sizes are left to the decomposition.
                #expect(min(j.rows - 1, j.columns) > SingularValueDecomposition.jacobiMaximumRank)
                return
            }
            let reference = svd.pseudoInverse()
            #expect(fast.rank == svd.rank, "\(label)")
            #expect(Vec.maxAbsDifference(fast.pseudoInverse, reference) <= 1e-10 * max(1, Vec.maxAbs(reference)), "\(label)")
        }
        var rng = Fixtures.Uniforms(seed: 64)
        let p = rng.point(Fixtures.latentClass)
        #expect(SingularValueDecomposition.deflatedPseudoInverse(
            p.jacobian, rowScales: p.joint.map { 1 / $0.squareRoot() }, leftNullVector: (0..<8).map { _ in rng.next() }) == nil)
    }
}
