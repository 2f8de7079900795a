/// The SVD of a whitened Jacobian with its known null direction removed.
///
/// Every p_θ sums to 1, so 1ᵀJ = 0, and the whitened B = diag(p)^(-1/2) J
/// has sᵀB = 0 for the unit vector s = √p (likewise √p_V for B_V): s is a
/// left null vector of B whatever the model. A Householder reflection H with
/// H s = ±e₁ turns B into [≈ 0; C]; the SVD is taken of C, one row shorter,
/// and U = H [0; U_C]. The null direction is then removed exactly instead of
/// being left to rounding and pinv's cut-off (where a rounding-sized singular
/// value just above the cut-off would be inverted), and the rotations work
/// on one row fewer (for the latent-class model's B_V, 3 × 5 instead of 4 × 5:
/// 3 column pairs per sweep instead of 6).
extension SingularValueDecomposition {
    /// How large sᵀB may be, relative to ‖B‖_F, for s to count as a null
    /// vector; otherwise the ordinary decomposition is taken.
    static let deflationTolerance = 1e-8

    /// The reflected matrix of B = diag(rowScales) A, on the stack: `body`
    /// gets C = rows 2… of HB ((m − 1) × n, row-major), the reflection's
    /// vector h (m entries, H = I − β h hᵀ) and β. Nil, without calling
    /// `body`, when B has one row or no column, is not finite, or `null` is
    /// not (to `deflationTolerance`) a left null vector of B.
    private static func reflected<R>(_ a: Matrix, rowScales: UnsafeBufferPointer<Double>, leftNullVector null: UnsafeBufferPointer<Double>,
                                     _ body: (_ c: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ beta: Double) throws -> R) rethrows -> R? {
        try a.storage.withUnsafeBufferPointer { entries in
            try reflected(entries, rows: a.rows, columns: a.columns, rowScales: rowScales, leftNullVector: null, body)
        }
    }

    /// `reflected` of the row-major `rows` × `columns` matrix in `entries`.
    private static func reflected<R>(_ entries: UnsafeBufferPointer<Double>, rows m: Int, columns n: Int, rowScales: UnsafeBufferPointer<Double>,
                                     leftNullVector null: UnsafeBufferPointer<Double>,
                                     _ body: (_ c: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ beta: Double) throws -> R) rethrows -> R? {
        precondition(rowScales.count == m && null.count == m && entries.count == m * n)
        var nullNorm = 0.0
        for x in null { nullNorm += x * x }
        nullNorm = nullNorm.squareRoot()
        guard m >= 2, n >= 1, nullNorm.isFinite, nullNorm > 0 else { return nil }
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: m * n + m) { scratch in
            let b = scratch.baseAddress!, h = b + m * n
            // B, row-major, and ‖B‖_F².
            var frobenius = 0.0
            for i in 0..<m {
                for j in 0..<n {
                    let x = entries[i * n + j] * rowScales[i]
                    b[i * n + j] = x
                    frobenius += x * x
                }
            }
            guard frobenius.isFinite else { return nil }
            // h = ŝ + sign(ŝ₀) e₁, β = 2 / hᵀh; HB column by column.
            for i in 0..<m { h[i] = null[i] / nullNorm }
            h[0] += h[0] >= 0 ? 1 : -1
            var hh = 0.0
            for i in 0..<m { hh += h[i] * h[i] }
            let beta = 2 / hh
            for j in 0..<n {
                var t = 0.0
                for i in 0..<m { t += h[i] * b[i * n + j] }
                t *= beta
                for i in 0..<m { b[i * n + j] -= t * h[i] }
            }
            // The first row is ∓sᵀB: rounding if s is a null vector.
            var residual = 0.0
            for j in 0..<n { residual += b[j] * b[j] }
            guard residual <= deflationTolerance * deflationTolerance * frobenius else { return nil }
            return try body(b + n, h, beta)
        }
    }

    /// The decomposition of B = diag(rowScales) A, deflated by the left null
    /// vector `null` of B (normalised here). Falls back to
    /// `init(_:rowScales:)` when B has one row, is not finite, or `null` is
    /// not (to `deflationTolerance`) a null vector of B.
    public init(_ a: Matrix, rowScales: [Double], leftNullVector null: [Double]) throws {
        let m = a.rows, n = a.columns
        let deflated = rowScales.withUnsafeBufferPointer { rowScales in
            null.withUnsafeBufferPointer { null in
                Self.reflected(a, rowScales: rowScales, leftNullVector: null) { c, h, beta in
                    (Matrix(rows: m - 1, columns: n, storage: Array(UnsafeBufferPointer(start: c, count: (m - 1) * n))),
                     Array(UnsafeBufferPointer(start: h, count: m)), beta)
                }
            }
        }
        guard let (c, h, beta) = deflated else {
            try self.init(a, rowScales: rowScales)
            return
        }
        let inner = try SingularValueDecomposition(c)
        // U = H [0; U_C]: each column y = (0, u_C) reflected, y − β h (hᵀy).
        let k = inner.u.columns
        let u = [Double](count: m * k) { u in
            inner.u.storage.withUnsafeBufferPointer { uc in
                for j in 0..<k {
                    var t = 0.0
                    for i in 1..<m { t += h[i] * uc[(i - 1) * k + j] }
                    t *= beta
                    u[j] = -t * h[0]
                    for i in 1..<m { u[i * k + j] = uc[(i - 1) * k + j] - t * h[i] }
                }
            }
        }
        self.init(u: Matrix(rows: m, columns: k, storage: u), singularValues: inner.singularValues, vt: inner.vt)
    }

    /// B⁺ for B = diag(rowScales) A deflated by its left null vector `null`,
    /// computed without an SVD value, on the stack, and B⁺ = [0 | C⁺] H.
    /// When C is clearly of full rank (the usual case), C⁺ comes from a
    /// pivoted QR of C or Cᵀ, whichever is tall (`PivotedQR`); otherwise C
    /// is decomposed by `rotate` (one-sided Jacobi) and C⁺ = V Σ⁻² Wᵀ (or
    /// W Σ⁻² Vᵀ) over the singular values above pinv's cut-off
    /// max(m, n)·ε·σ_max. Row-major, n × m, like
    /// `pseudoInverse()`, and equal to it up to rounding (tests). Nil where
    /// this does not apply (see `reflected`, and matrices too large for
    /// Jacobi rotations); then decompose with `init(_:rowScales:leftNullVector:)`.
    public static func deflatedPseudoInverse(_ a: Matrix, rowScales: [Double], leftNullVector null: [Double])
        -> (pseudoInverse: [Double], rank: Int)? {
        rowScales.withUnsafeBufferPointer { rowScales in
            null.withUnsafeBufferPointer { null in deflatedPseudoInverse(a, rowScales: rowScales, leftNullVector: null) }
        }
    }

    /// `deflatedPseudoInverse` of the whitened B = diag(w)^(-1/2) A, A the
    /// row-major `rows` × `columns` matrix in `entries`, with its null vector
    /// √w (w > 0): the row scales 1/√w and √w made on the stack, the result
    /// written into `out` (columns × rows entries; left as it was when the
    /// result is nil); returns the rank. The same numbers as the
    /// `rowScales:leftNullVector:` form given `w.map { 1 / $0.squareRoot() }`
    /// and `w.map { $0.squareRoot() }`. A point's B_V⁺ goes straight into
    /// its cache this way, without an array.
    public static func deflatedPseudoInverse(_ entries: UnsafeBufferPointer<Double>, rows: Int, columns: Int,
                                             weights w: UnsafeBufferPointer<Double>, into out: UnsafeMutablePointer<Double>) -> Int? {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * w.count) { scratch in
            let root = UnsafeMutableBufferPointer(rebasing: scratch[0..<w.count])
            let scales = UnsafeMutableBufferPointer(rebasing: scratch[w.count...])
            for i in w.indices {
                root[i] = w[i].squareRoot()
                scales[i] = 1 / root[i]
            }
            return deflatedPseudoInverse(entries, rows: rows, columns: columns, rowScales: UnsafeBufferPointer(scales),
                                         leftNullVector: UnsafeBufferPointer(root), into: out)
        }
    }

    private static func deflatedPseudoInverse(_ a: Matrix, rowScales: UnsafeBufferPointer<Double>, leftNullVector null: UnsafeBufferPointer<Double>)
        -> (pseudoInverse: [Double], rank: Int)? {
        var rank: Int?
        let pinv = a.storage.withUnsafeBufferPointer { entries in
            [Double](count: a.rows * a.columns) { out in
                rank = deflatedPseudoInverse(entries, rows: a.rows, columns: a.columns, rowScales: rowScales, leftNullVector: null,
                                             into: out.baseAddress!)
            }
        }
        return rank.map { (pinv, $0) }
    }

    private static func deflatedPseudoInverse(_ entries: UnsafeBufferPointer<Double>, rows m: Int, columns n: Int,
                                              rowScales: UnsafeBufferPointer<Double>, leftNullVector null: UnsafeBufferPointer<Double>,
                                              into out: UnsafeMutablePointer<Double>) -> Int? {
        guard m >= 2, min(m - 1, n) <= jacobiMaximumRank, (m - 1) * n <= jacobiMaximumEntries else { return nil }
        let wide = m - 1 < n
        let r = wide ? n : m - 1, c = wide ? m - 1 : n
        let result: Int?? = reflected(entries, rows: m, columns: n, rowScales: rowScales, leftNullVector: null) { cm, h, beta in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: r * c + c * c + c + n * (m - 1)) { scratch in
                let w = scratch.baseAddress!, v = w + r * c, sigma = v + c * c, cplus = sigma + c
                // T = C (tall) or Cᵀ (wide), column-major r × c; returns ‖T‖_F².
                func fillT() -> Double {
                    var frobenius = 0.0
                    for i in 0..<(m - 1) {
                        for j in 0..<n {
                            let x = cm[i * n + j]
                            if wide { w[i * r + j] = x } else { w[j * r + i] = x }
                            frobenius += x * x
                        }
                    }
                    return frobenius
                }
                // C⁺ (n × (m − 1), row-major). Clearly of full rank (the usual case):
                // by pivoted QR of T, T⁺ written straight into C⁺ (transposed if wide).
                _ = fillT()
                var rank = c
                if !PivotedQR.fullRankPseudoInverse(w, rows: r, columns: c, cutoffFactor: Double(max(m, n)), into: cplus,
                                                    rowStride: wide ? 1 : m - 1, columnStride: wide ? m - 1 : 1) {
                    // Otherwise by Jacobi rotations, with pinv's rank rule:
                    // C⁺ = Σ over kept j of (V or W)[a, j] (W or V)[b, j] / σ_j².
                    let frobenius = fillT()
                    rotate(w, rows: r, columns: c, v: v, norms: sigma, frobenius: frobenius)
                    var largest = 0.0
                    for j in 0..<c { largest = max(largest, sigma[j]) }
                    let cutoff = Double(max(m, n)) * Double.ulpOfOne * largest
                    rank = 0
                    for j in 0..<c where sigma[j] > cutoff { rank += 1 }
                    for e in 0..<(n * (m - 1)) { cplus[e] = 0 }
                    for j in 0..<c where sigma[j] > cutoff {
                        let inverse = 1 / (sigma[j] * sigma[j])
                        for row in 0..<n {
                            let left = (wide ? w[j * r + row] : v[j * c + row]) * inverse
                            for column in 0..<(m - 1) {
                                cplus[row * (m - 1) + column] += left * (wide ? v[j * c + column] : w[j * r + column])
                            }
                        }
                    }
                }
                // B⁺ = [0 | C⁺] H: entry (row, k) = C⁺[row, k − 1] − t_row h_k, t_row = β Σ_i C⁺[row, i − 1] h_i.
                for row in 0..<n {
                    var t = 0.0
                    for i in 1..<m { t += cplus[row * (m - 1) + i - 1] * h[i] }
                    t *= beta
                    out[row * m] = -t * h[0]
                    for column in 1..<m { out[row * m + column] = cplus[row * (m - 1) + column - 1] - t * h[column] }
                }
                return rank
            }
        }
        return result ?? nil
    }
}
