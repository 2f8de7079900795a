/// How the tangent space of a model splits into horizontal and vertical
/// directions at a point.
public struct Cylindricity: Hashable, Sendable {
    /// dim T_pM.
    public let dimension: Int
    /// dim (T_pM ∩ H_p).
    public let horizontal: Int
    /// dim (T_pM ∩ V_p).
    public let vertical: Int
    /// ‖(I − P_T) P_H P_T‖, operator norm in the Fisher metric: 0 iff T_pM
    /// is the direct sum of its horizontal and vertical parts.
    public let defect: Double

    /// Principal-angle cosines within this of 1 (or of 0) count as an
    /// intersection (or as orthogonality) when counting dimensions.
    public static let dimensionTolerance = 1e-8
}

extension Point {
    /// The splitting of T_pM, computed in whitened coordinates a ↦ a/√p where
    /// the Fisher metric is Euclidean:
    /// - Q, an orthonormal basis of T = range(diag(p)^(-1/2) J) (from its SVD);
    /// - E, the orthonormal columns e_v(h, v') = δ(v, v') √p(h | v), whose span
    ///   holds H_p (plus the normal direction √p, orthogonal to T);
    /// - M = EᵀQ: its singular values are the cosines of the principal angles
    ///   between T and H, so dim T∩H counts those equal to 1 and
    ///   dim T∩V = dim T − rank M;
    /// - defect = σ_max((I − QQᵀ) E M) = σ_max(E M − Q MᵀM).
    /// Needs p > 0.
    public func cylindricity() throws -> Cylindricity {
        let space = self.space
        let svd = try jointFactorization()
        let q = svd.rangeBasis
        let r = q.columns
        let nV = space.visibleCount, n = space.jointCount
        let cond = try conditional()
        let sqrtCond = cond.map { $0.squareRoot() }
        // M = EᵀQ (nV × r)
        var m = Matrix(rows: nV, columns: r)
        for x in 0..<n {
            let v = x % nV
            for k in 0..<r { m[v, k] += sqrtCond[x] * q[x, k] }
        }
        // D = E M − Q (MᵀM)   (n × r)
        let mtm = m.transposed * m
        let qmtm = q * mtm
        var defectMatrix = Matrix(rows: n, columns: r)
        for x in 0..<n {
            let v = x % nV
            for k in 0..<r { defectMatrix[x, k] = sqrtCond[x] * m[v, k] - qmtm[x, k] }
        }
        let defect = r == 0 ? 0 : try SingularValueDecomposition(defectMatrix).singularValues.first ?? 0
        let cosines = r == 0 ? [] : try SingularValueDecomposition(m).singularValues
        let tol = Cylindricity.dimensionTolerance
        let horizontal = cosines.filter { $0 > 1 - tol }.count
        let vertical = r - cosines.filter { $0 > tol }.count
        return Cylindricity(dimension: r, horizontal: horizontal, vertical: vertical, defect: defect)
    }
}
