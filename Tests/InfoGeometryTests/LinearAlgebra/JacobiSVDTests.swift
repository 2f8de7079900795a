import Testing
@testable import InfoGeometry

/// The one-sided Jacobi SVD used for small matrices against LAPACK's dgesdd:
/// singular values, rank, A⁺b and (AᵀA)⁺g agree within 1e-12 (relative to
/// the scale of the result) on random matrices, tall and wide, full rank and
/// rank-deficient, and on the whitened Jacobians of the paper's models.
@Suite struct JacobiSVDTests {
    static let shapes = [(8, 5), (4, 5), (5, 4), (1, 1), (1, 6), (6, 1), (16, 16), (3, 7), (12, 3), (40, 16), (16, 40)]

    func random(_ m: Int, _ n: Int, _ rng: inout Fixtures.Uniforms) -> Matrix {
        Matrix(rows: m, columns: n, storage: (0..<(m * n)).map { _ in 2 * rng.next() - 1 })
    }

    /// Rank-deficient with an exact structure: columns repeated or scaled by
    /// powers of two, and zero rows, so that both methods see the same rank.
    func deficient(_ m: Int, _ n: Int, _ rng: inout Fixtures.Uniforms) -> Matrix {
        var a = random(m, n, &rng)
        for j in stride(from: 1, to: n, by: 2) {
            for i in 0..<m { a[i, j] = a[i, j - 1] * (j % 4 == 1 ? 2 : -0.5) }
        }
        if m > 2 { for j in 0..<n { a[m - 1, j] = 0 } }
        return a
    }

    func compare(_ a: Matrix, _ rng: inout Fixtures.Uniforms, _ label: String) throws {
        let fast = SingularValueDecomposition.jacobi(a)
        let reference = try SingularValueDecomposition.lapack(a)
        let smax = reference.singularValues.first ?? 0
        #expect(fast.rank == reference.rank, "\(label): rank \(fast.rank) vs \(reference.rank)")
        #expect(Vec.maxAbsDifference(fast.singularValues, reference.singularValues) <= 1e-12 * max(smax, 1), "\(label)")
        // The first `rank` columns of U and rows of Vᵀ are orthonormal.
        for i in 0..<fast.rank {
            for j in 0..<fast.rank {
                let uu = (0..<a.rows).reduce(0.0) { $0 + fast.u[$1, i] * fast.u[$1, j] }
                let vv = (0..<a.columns).reduce(0.0) { $0 + fast.vt[i, $1] * fast.vt[j, $1] }
                #expect(abs(uu - (i == j ? 1 : 0)) < 1e-12 && abs(vv - (i == j ? 1 : 0)) < 1e-12, "\(label)")
            }
        }
        for _ in 0..<3 {
            let b = (0..<a.rows).map { _ in 2 * rng.next() - 1 }
            let x = fast.solve(b), y = reference.solve(b)
            #expect(Vec.maxAbsDifference(x, y) <= 1e-12 * max(Vec.maxAbs(y), 1), "\(label): A⁺b")
            let g = a.applyTransposed(b)
            // V Σ⁻² Vᵀ g carries the condition number once more than A⁺b: both
            // methods' rounding errors grow with it, so the tolerance does too.
            let gx = fast.gramPseudoInverse(g), gy = reference.gramPseudoInverse(g)
            let kappa = reference.rank == 0 ? 1 : smax / reference.singularValues[reference.rank - 1]
            #expect(Vec.maxAbsDifference(gx, gy) <= 1e-12 * max(Vec.maxAbs(gy), 1) * max(kappa, 1), "\(label): (AᵀA)⁺g")
        }
    }

    @Test func matchesLAPACKOnRandomMatrices() throws {
        var rng = Fixtures.Uniforms(seed: 11)
        for (m, n) in Self.shapes {
            for trial in 0..<20 {
                try compare(random(m, n, &rng), &rng, "random \(m)×\(n) #\(trial)")
                try compare(deficient(m, n, &rng), &rng, "deficient \(m)×\(n) #\(trial)")
            }
        }
        try compare(Matrix(rows: 5, columns: 3), &rng, "zero 5×3")
    }

    @Test func matchesLAPACKOnWhitenedJacobians() throws {
        var rng = Fixtures.Uniforms(seed: 12)
        for model in ModelTests.models {
            for trial in 0..<50 {
                let p = rng.point(model)
                try compare(p.jacobian.scalingRows(by: p.joint.map { 1 / $0.squareRoot() }), &rng, "\(model.family) joint #\(trial)")
                try compare(p.visibleJacobian.scalingRows(by: p.visible.map { 1 / $0.squareRoot() }), &rng, "\(model.family) visible #\(trial)")
            }
        }
    }

    @Test func smallMatricesTakeTheJacobiPath() throws {
        // The public initialiser picks Jacobi for small matrices: same factors.
        var rng = Fixtures.Uniforms(seed: 13)
        let a = random(8, 5, &rng)
        let svd = try SingularValueDecomposition(a), fast = SingularValueDecomposition.jacobi(a)
        #expect(svd.singularValues == fast.singularValues && svd.u == fast.u && svd.vt == fast.vt)
    }
}
