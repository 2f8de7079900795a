/// Householder QR with column pivoting, for the pseudo-inverse of a small
/// matrix that is clearly of full column rank.
///
/// T P = Q R for T (r × c, r ≥ c): P takes the column of largest remaining
/// norm first, Q = H₀ ⋯ H_{c−1} is a product of reflections and R is upper
/// triangular. If T has full column rank, T⁺ = P R⁻¹ Qᵀ — the pseudo-inverse
/// an SVD gives, up to rounding, for about a tenth of the work of Jacobi
/// sweeps. Whether the SVD would keep every column is decided from R: with
/// pivoting σ_min ≥ 2^(1−c) |R_{c−1,c−1}| (Faddeev, Kublanovskaya and
/// Faddeeva) and σ_max ≤ √c |R₀₀|, so when 2^(1−c) |R_{c−1,c−1}| / (√c |R₀₀|)
/// exceeds pinv's relative cut-off max(m, n)·ε by a wide margin, every
/// singular value is kept. Otherwise there is a rank decision to make near
/// the cut-off, and that is left to the SVD (the caller's fallback).
enum PivotedQR {
    /// How far above pinv's cut-off the bound on σ_min / σ_max must be:
    /// room for the rounding of R itself.
    static let margin = 64.0

    /// Writes T⁺ (c × r) for the column-major T at `t` (destroyed), as
    /// `out[row * rowStride + column * columnStride]`, and returns true; or
    /// returns false, with `out` undefined, unless T is finite and clearly of
    /// full column rank for a pinv cut-off of `cutoffFactor` · ε · σ_max.
    static func fullRankPseudoInverse(_ t: UnsafeMutablePointer<Double>, rows r: Int, columns c: Int, cutoffFactor: Double,
                                      into out: UnsafeMutablePointer<Double>, rowStride: Int, columnStride: Int) -> Bool {
        precondition(r >= c && c >= 1)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: c) { order in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * c + c * r) { scratch in
                let diagonal = scratch.baseAddress!, beta = diagonal + c, y = beta + c
                for j in 0..<c { order[j] = j }
                // Factor: column k of t keeps v_k in rows k..<r, R[k, j] sits at t[j * r + k] (j > k).
                for k in 0..<c {
                    var pivot = k, largest = -1.0
                    for j in k..<c {
                        var s = 0.0
                        for i in k..<r { s += t[j * r + i] * t[j * r + i] }
                        if s > largest { largest = s; pivot = j }
                    }
                    guard largest.isFinite else { return false }
                    if pivot != k {
                        for i in 0..<r { swap(&t[k * r + i], &t[pivot * r + i]) }
                        order.swapAt(k, pivot)
                    }
                    let alpha = largest.squareRoot(), x0 = t[k * r + k]
                    guard alpha > 0 else { return false }
                    let sign = x0 >= 0 ? 1.0 : -1.0
                    diagonal[k] = -sign * alpha
                    t[k * r + k] = x0 + sign * alpha
                    beta[k] = 1 / (alpha * (alpha + abs(x0)))
                    for j in (k + 1)..<c {
                        var s = 0.0
                        for i in k..<r { s += t[k * r + i] * t[j * r + i] }
                        s *= beta[k]
                        for i in k..<r { t[j * r + i] -= s * t[k * r + i] }
                    }
                }
                let ratio = abs(diagonal[c - 1]) / abs(diagonal[0])
                let bound = ratio / (Double(1 << min(c - 1, 62)) * Double(c).squareRoot())
                guard bound > margin * cutoffFactor * Double.ulpOfOne else { return false }
                // Y = [R⁻¹ | 0] (c × r, row-major): column j of R⁻¹ by back substitution.
                for e in 0..<(c * r) { y[e] = 0 }
                for j in 0..<c {
                    for i in stride(from: j, through: 0, by: -1) {
                        var s = i == j ? 1.0 : 0.0
                        for l in (i + 1)..<(j + 1) { s -= t[l * r + i] * y[l * r + j] }
                        y[i * r + j] = s / diagonal[i]
                    }
                }
                // Y Qᵀ = Y H_{c−1} ⋯ H₀, row by row; then row k is row order[k] of T⁺.
                for a in 0..<c {
                    let row = y + a * r
                    for k in stride(from: c - 1, through: 0, by: -1) {
                        var s = 0.0
                        for i in k..<r { s += row[i] * t[k * r + i] }
                        s *= beta[k]
                        for i in k..<r { row[i] -= s * t[k * r + i] }
                    }
                    for i in 0..<r { out[order[a] * rowStride + i * columnStride] = row[i] }
                }
                for e in 0..<(c * r) where !y[e].isFinite { return false }
                return true
            }
        }
    }
}
