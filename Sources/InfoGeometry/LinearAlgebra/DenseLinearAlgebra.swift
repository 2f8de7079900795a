#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dense linear algebra for the language's built-ins (`solve`, `inverse`,
/// `det`, `pinv`, `rank`, `eigen`, `svd`), every factorisation by LAPACK:
/// `dgesv` (LU with partial pivoting) for systems and inverses, `dgetrf`
/// for determinants, `dsyevd` for symmetric eigenproblems and `dgesdd` for
/// singular values, which also give the 2-norm condition number
/// σ_max / σ_min named when a system is singular.
public enum DenseLinearAlgebra {
    /// A system whose condition number exceeds this (1/ε, about 4.5e15) is
    /// treated as singular: its solution would carry no correct digit.
    public static let singularCondition = 1 / Double.ulpOfOne

    /// Why a square system cannot be solved: its condition number (infinite
    /// for an exactly singular matrix).
    public struct Singular: Error, Hashable, Sendable {
        public let condition: Double
    }

    /// The singular values of `a`, largest first (LAPACK `dgesdd`).
    public static func singularValues(_ a: Matrix) throws -> [Double] {
        guard a.rows > 0, a.columns > 0 else { return [] }
        return try svd(a).singularValues
    }

    /// The thin decomposition A = U Σ Vᵀ by LAPACK `dgesdd`, whatever the size.
    public static func svd(_ a: Matrix) throws -> SingularValueDecomposition {
        try finite(a)
        return try SingularValueDecomposition.lapack(a)
    }

    /// σ_max / σ_min of a square matrix (infinite when σ_min is 0).
    public static func condition(_ a: Matrix) throws -> Double {
        let s = try singularValues(a)
        guard let largest = s.first, let smallest = s.last else { return .infinity }
        return smallest == 0 ? .infinity : largest / smallest
    }

    /// X with A X = B for a square, non-singular A (LAPACK `dgesv`).
    ///
    /// - Throws: `Singular` when LAPACK meets a zero pivot or the condition
    ///   number exceeds `singularCondition`.
    public static func solve(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        precondition(a.rows == a.columns && b.rows == a.rows)
        try finite(a)
        try finite(b)
        let n = a.rows
        guard n > 0 else { return b }
        let cond = try condition(a)
        guard cond.isFinite, cond <= singularCondition else { throw Singular(condition: cond) }
        let dgesv = try Routines.dgesv.get()
        var lu = a.storage
        var x = b.storage
        var pivots = [Int32](repeating: 0, count: n)
        let info = lu.withUnsafeMutableBufferPointer { lp in
            pivots.withUnsafeMutableBufferPointer { pp in
                x.withUnsafeMutableBufferPointer { xp in
                    dgesv(LAPACK.rowMajor, Int32(n), Int32(b.columns), lp.baseAddress, Int32(n), pp.baseAddress, xp.baseAddress, Int32(b.columns))
                }
            }
        }
        if info > 0 { throw Singular(condition: .infinity) }
        guard info == 0 else { throw GeometryError.linearAlgebra("LAPACK dgesv rejected its argument \(-info)") }
        return Matrix(rows: n, columns: b.columns, storage: x)
    }

    /// A⁻¹ (`solve(A, I)`).
    public static func inverse(_ a: Matrix) throws -> Matrix {
        try solve(a, Matrix.identity(a.rows))
    }

    /// The determinant from the LU factors of LAPACK `dgetrf`: the product of
    /// the pivots, its sign flipped by each row interchange (0 for a singular
    /// matrix).
    public static func determinant(_ a: Matrix) throws -> Double {
        precondition(a.rows == a.columns)
        try finite(a)
        let n = a.rows
        guard n > 0 else { return 1 }
        let dgetrf = try Routines.dgetrf.get()
        var lu = a.storage
        var pivots = [Int32](repeating: 0, count: n)
        let info = lu.withUnsafeMutableBufferPointer { lp in
            pivots.withUnsafeMutableBufferPointer { pp in
                dgetrf(LAPACK.rowMajor, Int32(n), Int32(n), lp.baseAddress, Int32(n), pp.baseAddress)
            }
        }
        if info > 0 { return 0 }
        guard info == 0 else { throw GeometryError.linearAlgebra("LAPACK dgetrf rejected its argument \(-info)") }
        var det = 1.0
        for i in 0..<n {
            det *= lu[i * n + i]
            if pivots[i] != Int32(i + 1) { det = -det }
        }
        return det
    }

    /// The eigenvalues of a symmetric matrix in ascending order and the
    /// orthonormal eigenvectors as the columns of a matrix (LAPACK `dsyevd`,
    /// which reads the lower triangle).
    public static func symmetricEigen(_ a: Matrix) throws -> (values: [Double], vectors: Matrix) {
        precondition(a.rows == a.columns)
        try finite(a)
        let n = a.rows
        guard n > 0 else { return ([], a) }
        let dsyevd = try Routines.dsyevd.get()
        var vectors = a.storage
        var values = [Double](repeating: 0, count: n)
        let info = vectors.withUnsafeMutableBufferPointer { vp in
            values.withUnsafeMutableBufferPointer { wp in
                dsyevd(LAPACK.rowMajor, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")), Int32(n), vp.baseAddress, Int32(n), wp.baseAddress)
            }
        }
        guard info == 0 else { throw GeometryError.linearAlgebra("the symmetric eigenproblem did not converge (LAPACK dsyevd info \(info))") }
        return (values, Matrix(rows: n, columns: n, storage: vectors))
    }

    private static func finite(_ a: Matrix) throws {
        guard a.storage.allSatisfy(\.isFinite) else {
            throw GeometryError.nonFinite("cannot factorise a matrix with NaN or infinite entries")
        }
    }

    /// The LAPACKE entry points, loaded from the library `LAPACK` loads.
    private enum Routines {
        /// `LAPACKE_dgesv(layout, n, nrhs, a, lda, ipiv, b, ldb)`.
        typealias Dgesv = @convention(c) (Int32, Int32, Int32, UnsafeMutablePointer<Double>?, Int32,
                                          UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Double>?, Int32) -> Int32
        /// `LAPACKE_dgetrf(layout, m, n, a, lda, ipiv)`.
        typealias Dgetrf = @convention(c) (Int32, Int32, Int32, UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Int32>?) -> Int32
        /// `LAPACKE_dsyevd(layout, jobz, uplo, n, a, lda, w)`.
        typealias Dsyevd = @convention(c) (Int32, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Double>?) -> Int32

        static let dgesv: Result<Dgesv, GeometryError> = symbol("LAPACKE_dgesv").map { unsafeBitCast($0, to: Dgesv.self) }
        static let dgetrf: Result<Dgetrf, GeometryError> = symbol("LAPACKE_dgetrf").map { unsafeBitCast($0, to: Dgetrf.self) }
        static let dsyevd: Result<Dsyevd, GeometryError> = symbol("LAPACKE_dsyevd").map { unsafeBitCast($0, to: Dsyevd.self) }

        static func symbol(_ name: String) -> Result<UnsafeMutableRawPointer, GeometryError> {
            // Loading dgesdd first sets OpenBLAS to one thread (see `LAPACK`).
            if case .failure(let error) = LAPACK.dgesdd { return .failure(error) }
            guard let handle = LAPACK.libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first,
                  let pointer = dlsym(handle, name) else {
                return .failure(.linearAlgebra("the LAPACK library that was loaded has no \(name)"))
            }
            return .success(pointer)
        }
    }
}
