/// One-sided (Hestenes) Jacobi SVD for small matrices.
///
/// For A (m × n, m ≥ n; a wide A is decomposed through Aᵀ) plane rotations
/// applied on the right, A V = W, make the columns of W mutually orthogonal;
/// then σ_j = ‖w_j‖, u_j = w_j / σ_j. A pair (p, q) is rotated while
/// |w_p·w_q| > ε ‖w_p‖ ‖w_q‖ (Demmel–Veselić), which gives singular values
/// with small relative error. Columns whose norm is below ε‖A‖_F are left
/// alone: their singular values fall under pinv's cut-off anyway, and
/// rotating rounding noise would only cost sweeps.
///
/// Cost per sweep about n²/2 · 2(2m + n) flops (one dot product per pair:
/// the squared column norms are computed once per sweep and updated through
/// the rotations); a handful of sweeps converge
/// (quadratic convergence). Scratch space comes from the stack
/// (`withUnsafeTemporaryAllocation`); only the returned factors allocate.
extension SingularValueDecomposition {
    /// The largest min(m, n) decomposed by Jacobi rotations.
    public static let jacobiMaximumRank = 16
    /// The most entries m · n decomposed by Jacobi rotations.
    public static let jacobiMaximumEntries = 4096
    static let jacobiMaximumSweeps = 40

    static func jacobi(_ a: Matrix, rowScales: [Double]? = nil) -> SingularValueDecomposition {
        let wide = a.rows < a.columns
        // Work on B = A (tall) or B = Aᵀ (wide): rows r ≥ columns c.
        let r = wide ? a.columns : a.rows, c = wide ? a.rows : a.columns
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: c) { order in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: r * c + c * c + c) { scratch in
            let w = scratch.baseAddress!              // B column-major: column j at w + j * r
            let v = w + r * c                          // V column-major, c × c
            let norms = v + c * c                      // squared column norms, then σ
            var frobenius = 0.0
            a.storage.withUnsafeBufferPointer { entries in
                for i in 0..<a.rows {
                    let scale = rowScales?[i] ?? 1
                    for j in 0..<a.columns {
                        let x = rowScales == nil ? entries[i * a.columns + j] : entries[i * a.columns + j] * scale
                        if wide { w[i * r + j] = x } else { w[j * r + i] = x }
                        frobenius += x * x
                    }
                }
            }
            rotate(w, rows: r, columns: c, v: v, norms: norms, frobenius: frobenius)
            // Columns by decreasing singular value (insertion sort, c ≤ 16).
            for j in 0..<c { order[j] = j }
            for i in 1..<max(c, 1) {
                var k = i
                while k > 0 && norms[order[k - 1]] < norms[order[k]] { order.swapAt(k - 1, k); k -= 1 }
            }
            // B = W̃ Σ Vᵀ with W̃ = W Σ⁻¹. For A = B: U = W̃ (r × c), Vᵀ (c × c).
            // For A = Bᵀ = V Σ W̃ᵀ: U = V (c × c), Vᵀ = W̃ᵀ (c × r). Written in place, row-major.
            var s = [Double].zeros(c)
            var left = [Double].zeros(r * c)
            var right = [Double].zeros(c * c)
            left.withUnsafeMutableBufferPointer { left in
                right.withUnsafeMutableBufferPointer { right in
                    for k in 0..<c {
                        let j = order[k]
                        let sigma = norms[j]
                        s[k] = sigma
                        let scale = sigma > 0 ? 1 / sigma : 0
                        if wide {
                            for i in 0..<r { left[k * r + i] = w[j * r + i] * scale }
                            for i in 0..<c { right[i * c + k] = v[j * c + i] }
                        } else {
                            for i in 0..<r { left[i * c + k] = w[j * r + i] * scale }
                            for i in 0..<c { right[k * c + i] = v[j * c + i] }
                        }
                    }
                }
            }
            if !wide {
                return SingularValueDecomposition(
                    u: Matrix(rows: r, columns: c, storage: left), singularValues: s,
                    vt: Matrix(rows: c, columns: c, storage: right))
            }
            return SingularValueDecomposition(
                u: Matrix(rows: c, columns: c, storage: right), singularValues: s,
                vt: Matrix(rows: c, columns: r, storage: left))
          }
        }
    }

    /// The rotations themselves, in place: on return the c columns of `w`
    /// (r × c, column-major, r ≥ c) are mutually orthogonal, `v` (c × c,
    /// column-major) holds the accumulated rotation V with B V = W, and
    /// `norms[j]` = σ_j = ‖w_j‖ (unsorted). `frobenius` is ‖B‖_F².
    static func rotate(_ w: UnsafeMutablePointer<Double>, rows r: Int, columns c: Int, v: UnsafeMutablePointer<Double>,
                       norms: UnsafeMutablePointer<Double>, frobenius: Double) {
        for i in 0..<(c * c) { v[i] = 0 }
        for j in 0..<c { v[j * c + j] = 1 }
        let eps = Double.ulpOfOne
        let negligible = eps * eps * frobenius
        for _ in 0..<jacobiMaximumSweeps {
            // Squared norms, exact at the start of each sweep and carried
            // through the rotations (α' = α − tγ, β' = β + tγ), so that a
            // pair needs one dot product instead of three.
            for j in 0..<c {
                let wj = w + j * r
                var s = 0.0
                for i in 0..<r { s += wj[i] * wj[i] }
                norms[j] = s
            }
            var rotated = false
            for p in 0..<(c - 1) {
                let wp = w + p * r
                for q in (p + 1)..<c {
                    let alpha = norms[p], beta = norms[q]
                    if alpha <= negligible || beta <= negligible { continue }
                    let wq = w + q * r
                    var gamma = 0.0
                    for i in 0..<r { gamma += wp[i] * wq[i] }
                    if abs(gamma) <= eps * (alpha * beta).squareRoot() { continue }
                    rotated = true
                    // tan θ of the rotation that zeroes w_p · w_q, the smaller root.
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = abs(zeta) > 1e150
                        ? 1 / (2 * zeta)
                        : (zeta >= 0 ? 1 : -1) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let cs = 1 / (1 + t * t).squareRoot(), sn = cs * t
                    for i in 0..<r {
                        let x = wp[i], y = wq[i]
                        wp[i] = cs * x - sn * y
                        wq[i] = sn * x + cs * y
                    }
                    let vp = v + p * c, vq = v + q * c
                    for i in 0..<c {
                        let x = vp[i], y = vq[i]
                        vp[i] = cs * x - sn * y
                        vq[i] = sn * x + cs * y
                    }
                    norms[p] = max(alpha - t * gamma, 0)
                    norms[q] = beta + t * gamma
                }
            }
            if !rotated { break }
        }
        for j in 0..<c {
            var s = 0.0
            for i in 0..<r { s += w[j * r + i] * w[j * r + i] }
            norms[j] = s.squareRoot()
        }
    }
}
