import Testing
@testable import InfoGeometry

/// The pivoted-QR pseudo-inverse against LAPACK's SVD: equal up to rounding
/// where it answers, and no answer wherever a rank decision near pinv's
/// cut-off is to be made (which the SVD then makes).
@Suite struct PivotedQRTests {
    /// T⁺ of `a` (tall) by `PivotedQR`, row-major c × r, or nil.
    static func viaQR(_ a: Matrix, cutoffFactor: Double? = nil) -> [Double]? {
        let r = a.rows, c = a.columns
        var t = [Double].zeros(r * c)
        for i in 0..<r { for j in 0..<c { t[j * r + i] = a[i, j] } }
        var out = [Double].zeros(c * r)
        let ok = t.withUnsafeMutableBufferPointer { t in
            out.withUnsafeMutableBufferPointer { out in
                PivotedQR.fullRankPseudoInverse(t.baseAddress!, rows: r, columns: c, cutoffFactor: cutoffFactor ?? Double(max(r, c)),
                                                into: out.baseAddress!, rowStride: r, columnStride: 1)
            }
        }
        return ok ? out : nil
    }

    static func random(_ m: Int, _ n: Int, _ rng: inout Fixtures.Uniforms) -> Matrix {
        Matrix(rows: m, columns: n, storage: (0..<(m * n)).map { _ in 2 * rng.next() - 1 })
    }

    @Test(arguments: [(5, 3), (3, 3), (8, 5), (1, 1), (6, 1), (16, 16), (40, 16)])
    func agreesWithTheSVDOnFullRankMatrices(shape: (Int, Int)) throws {
        var rng = Fixtures.Uniforms(seed: 71)
        for _ in 0..<20 {
            let a = Self.random(shape.0, shape.1, &rng)
            let reference = try SingularValueDecomposition.lapack(a)
            #expect(reference.rank == shape.1)
            let pinv = try #require(Self.viaQR(a))
            let expected = reference.pseudoInverse()
            #expect(Vec.maxAbsDifference(pinv, expected) <= 1e-12 * max(1, Vec.maxAbs(expected)), "\(shape)")
        }
    }

    /// Columns of very different scales (the whitened Jacobians near the
    /// boundary of the simplex): the pivoting keeps the answer accurate.
    @Test func gradedColumns() throws {
        var rng = Fixtures.Uniforms(seed: 72)
        for _ in 0..<20 {
            var a = Self.random(5, 3, &rng)
            for i in 0..<5 { a[i, 0] *= 1e-6; a[i, 2] *= 1e5 }
            let reference = try SingularValueDecomposition.lapack(a)
            let pinv = try #require(Self.viaQR(a))
            let expected = reference.pseudoInverse()
            #expect(Vec.maxAbsDifference(pinv, expected) <= 1e-9 * Vec.maxAbs(expected))
        }
    }

    /// Rank deficiency, exact or within rounding of the cut-off, is not
    /// answered; nor are non-finite entries or a zero matrix.
    @Test func declinesRankDecisions() {
        var rng = Fixtures.Uniforms(seed: 73)
        var repeated = Self.random(5, 3, &rng)
        for i in 0..<5 { repeated[i, 2] = 2 * repeated[i, 0] }
        #expect(Self.viaQR(repeated) == nil)
        var nearly = repeated
        nearly[0, 2] += 1e-16
        #expect(Self.viaQR(nearly) == nil)
        #expect(Self.viaQR(Matrix(rows: 4, columns: 2)) == nil)
        var infinite = Self.random(4, 2, &rng)
        infinite[1, 1] = .infinity
        #expect(Self.viaQR(infinite) == nil)
        var nan = Self.random(4, 2, &rng)
        nan[3, 0] = .nan
        #expect(Self.viaQR(nan) == nil)
    }

    /// Just above the bound it answers; where the bound cannot rule out a
    /// singular value under pinv's cut-off it declines. Singular values are
    /// set exactly by the construction A = diag(s) on orthonormal columns.
    @Test func decidesByTheBound() {
        func diagonal(_ s: [Double]) -> Matrix {
            var a = Matrix(rows: s.count + 1, columns: s.count)
            for (i, x) in s.enumerated() { a[i, i] = x }
            return a
        }
        // c = 3: the bound is |R₂₂| / (4 √3 |R₀₀|); the cut-off 4 ε, the margin 64×.
        let needed = 64 * 4 * Double.ulpOfOne * 4 * Double(3).squareRoot()
        #expect(Self.viaQR(diagonal([1, 0.5, 2 * needed])) != nil)
        #expect(Self.viaQR(diagonal([1, 0.5, needed / 2])) == nil)
    }

    /// In the deflated pseudo-inverse, a matrix whose smallest singular value
    /// straddles the cut-off goes to the Jacobi rotations and gets pinv's rank.
    @Test func theDeflatedPseudoInverseFallsBackToRotations() throws {
        // B = diag(w)^(-1/2) J with J's columns orthogonal to 1 and scaled
        // so that the last singular value lies under the cut-off.
        let w = [0.25, 0.25, 0.25, 0.25]
        let j = Matrix(rowArrays: [[1, 1, 1e-17], [-1, 1, -1e-17], [1, -1, -1e-17], [-1, -1, 1e-17]])
        let scales = w.map { 1 / $0.squareRoot() }, root = w.map { $0.squareRoot() }
        let fast = try #require(SingularValueDecomposition.deflatedPseudoInverse(j, rowScales: scales, leftNullVector: root))
        let reference = try SingularValueDecomposition(j, rowScales: scales, leftNullVector: root)
        #expect(fast.rank == 2 && reference.rank == 2)
        #expect(Vec.maxAbsDifference(fast.pseudoInverse, reference.pseudoInverse()) <= 1e-12)
    }
}
