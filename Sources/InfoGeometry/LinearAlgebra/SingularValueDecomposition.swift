/// The thin singular value decomposition A = U Σ Vᵀ of an m × n matrix,
/// k = min(m, n) (one less when deflated by a known null vector): by one-sided Jacobi for small matrices (no LAPACK call,
/// two scratch buffers on the stack), by LAPACK's `dgesdd` otherwise.
///
/// It carries the numerical rank with pinv's cut-off
/// σ_i > max(m, n) · ε · σ_max, and applies the Moore–Penrose inverse
/// without ever forming it.
public struct SingularValueDecomposition: Sendable {
    /// m × k; the first `rank` columns are orthonormal (columns past the rank
    /// belong to singular values below the cut-off and are not used).
    public let u: Matrix
    /// k singular values, largest first.
    public let singularValues: [Double]
    /// k × n; the first `rank` rows are orthonormal.
    public let vt: Matrix
    /// The number of singular values above the cut-off.
    public let rank: Int

    /// Decomposes `a`: small matrices (at most `jacobiMaximumRank` in the
    /// smaller dimension and `jacobiMaximumEntries` entries, e.g. the whitened
    /// Jacobians of the paper's models) by one-sided Jacobi rotations written
    /// out in Swift, larger ones by LAPACK. Both give the singular values to
    /// working accuracy and the same rank rule.
    public init(_ a: Matrix) throws {
        let m = a.rows, n = a.columns, k = min(m, n)
        guard k > 0 else {
            self.init(u: Matrix(rows: m, columns: 0), singularValues: [], vt: Matrix(rows: 0, columns: n))
            return
        }
        guard a.storage.allSatisfy(\.isFinite) else {
            throw GeometryError.nonFinite("cannot decompose a matrix with NaN or infinite entries")
        }
        if Self.usesJacobi(a) {
            self = Self.jacobi(a)
        } else {
            self = try Self.lapack(a)
        }
    }

    /// The decomposition of diag(w) A, the rows of `a` scaled by `rowScales`
    /// (a whitened Jacobian), without forming the scaled matrix when Jacobi
    /// rotations do the work; the same arithmetic as `init(a.scalingRows(by: w))`.
    public init(_ a: Matrix, rowScales: [Double]) throws {
        precondition(rowScales.count == a.rows)
        guard Self.usesJacobi(a), rowScales.allSatisfy(\.isFinite), a.storage.allSatisfy(\.isFinite) else {
            try self.init(a.scalingRows(by: rowScales))
            return
        }
        self = Self.jacobi(a, rowScales: rowScales)
        guard singularValues.allSatisfy(\.isFinite) else { try self.init(a.scalingRows(by: rowScales)); return }
    }

    private static func usesJacobi(_ a: Matrix) -> Bool {
        let k = min(a.rows, a.columns)
        return k > 0 && k <= jacobiMaximumRank && a.rows * a.columns <= jacobiMaximumEntries
    }

    /// The factors as given; the rank follows pinv's rule
    /// σ_i > max(m, n) · ε · σ_max.
    init(u: Matrix, singularValues s: [Double], vt: Matrix) {
        self.u = u
        self.singularValues = s
        self.vt = vt
        let cutoff = Double(max(u.rows, vt.columns)) * Double.ulpOfOne * (s.first ?? 0)
        var rank = 0
        for sigma in s where sigma > cutoff { rank += 1 }
        self.rank = rank
    }

    /// LAPACK's divide-and-conquer `dgesdd` (thin factors).
    static func lapack(_ a: Matrix) throws -> SingularValueDecomposition {
        let dgesdd = try LAPACK.dgesdd.get()
        let m = a.rows, n = a.columns, k = min(m, n)
        var work = a.storage
        var s = [Double].zeros(k)
        var uStorage = [Double].zeros(m * k)
        var vtStorage = [Double].zeros(k * n)
        let info = work.withUnsafeMutableBufferPointer { w in
            s.withUnsafeMutableBufferPointer { sp in
                uStorage.withUnsafeMutableBufferPointer { up in
                    vtStorage.withUnsafeMutableBufferPointer { vp in
                        dgesdd(
                            LAPACK.rowMajor, CChar(UInt8(ascii: "S")),
                            Int32(m), Int32(n), w.baseAddress, Int32(n),
                            sp.baseAddress, up.baseAddress, Int32(k), vp.baseAddress, Int32(n))
                    }
                }
            }
        }
        guard info == 0 else {
            throw GeometryError.linearAlgebra("the singular value decomposition did not converge (LAPACK dgesdd info \(info))")
        }
        return SingularValueDecomposition(
            u: Matrix(rows: m, columns: k, storage: uStorage), singularValues: s,
            vt: Matrix(rows: k, columns: n, storage: vtStorage))
    }

    /// x = A⁺ b: the least-squares solution of A x ≈ b of least norm.
    public func solve(_ b: [Double]) -> [Double] {
        b.withUnsafeBufferPointer { solve($0) }
    }

    /// `solve` of a vector held elsewhere (on the stack, say).
    public func solve(_ bs: UnsafeBufferPointer<Double>) -> [Double] {
        [Double](count: vt.columns) { x in
            solve(bs, into: x)
        }
    }

    /// `solve` written into `x` (n entries).
    public func solve(_ bs: UnsafeBufferPointer<Double>, into x: UnsafeMutableBufferPointer<Double>) {
        precondition(bs.count == u.rows && x.count >= vt.columns)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(rank, 1)) { coefficients in
            u.storage.withUnsafeBufferPointer { us in
                singularValues.withUnsafeBufferPointer { sigma in
                    let k = u.columns, rows = u.rows
                    for i in 0..<rank {
                        var s = 0.0
                        for r in 0..<rows { s += us[r * k + i] * bs[r] }
                        coefficients[i] = s / sigma[i]
                    }
                }
            }
            combineRowsOfVt(coefficients, into: x)
        }
    }

    /// A⁺ = V Σ⁺ Uᵀ (n × m, row-major), the singular values under the
    /// cut-off dropped: `solve(b)` is A⁺ b up to rounding.
    public func pseudoInverse() -> [Double] {
        let m = u.rows, n = vt.columns, k = u.columns
        return [Double](count: n * m) { out in
            for i in 0..<(n * m) { out[i] = 0 }
            u.storage.withUnsafeBufferPointer { us in
                vt.storage.withUnsafeBufferPointer { v in
                    for i in 0..<rank {
                        let inverse = 1 / singularValues[i]
                        for c in 0..<n {
                            let vc = v[i * n + c] * inverse
                            for r in 0..<m { out[c * m + r] += vc * us[r * k + i] }
                        }
                    }
                }
            }
        }
    }

    /// x = (AᵀA)⁺ g = V Σ⁻² Vᵀ g, for a g given in the column space of A.
    public func gramPseudoInverse(_ g: [Double]) -> [Double] {
        precondition(g.count == vt.columns)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(rank, 1)) { coefficients in
            for i in 0..<rank {
                var s = 0.0
                for c in 0..<vt.columns { s += vt[i, c] * g[c] }
                coefficients[i] = s / (singularValues[i] * singularValues[i])
            }
            return combineRowsOfVt(coefficients)
        }
    }

    /// The first `rank` columns of U: an orthonormal basis of the range of A.
    public var rangeBasis: Matrix {
        var q = Matrix(rows: u.rows, columns: rank)
        for r in 0..<u.rows { for c in 0..<rank { q[r, c] = u[r, c] } }
        return q
    }

    private func combineRowsOfVt(_ coefficients: UnsafeMutableBufferPointer<Double>) -> [Double] {
        [Double](count: vt.columns) { x in
            combineRowsOfVt(coefficients, into: x)
        }
    }

    private func combineRowsOfVt(_ coefficients: UnsafeMutableBufferPointer<Double>, into x: UnsafeMutableBufferPointer<Double>) {
        let n = vt.columns
        for c in 0..<n { x[c] = 0 }
        vt.storage.withUnsafeBufferPointer { v in
            for i in 0..<rank {
                let ci = coefficients[i]
                for c in 0..<n { x[c] += ci * v[i * n + c] }
            }
        }
    }
}
