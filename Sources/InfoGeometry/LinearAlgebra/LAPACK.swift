#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// LAPACK (Debian's liblapacke over OpenBLAS), loaded on first use.
///
/// Most matrices here are small enough for `SingularValueDecomposition`'s own
/// Jacobi rotations, so most runs never call LAPACK. Linking it would still
/// load OpenBLAS at start-up, and OpenBLAS starts a pool of threads that
/// spin for a while on every process: about 0.1 s of CPU taken from the
/// computation itself. Loaded when first needed, with `OPENBLAS_NUM_THREADS`
/// at 1 unless the environment says otherwise (the command line sets it
/// before any thread starts) and `openblas_set_num_threads(1)` after loading:
/// parallelism belongs to the callers (`Parallel.map` over points), and a
/// multithreaded BLAS underneath would oversubscribe the cores.
public enum LAPACK {
    /// `LAPACK_ROW_MAJOR` of lapacke.h.
    static let rowMajor: Int32 = 101

    /// `lapack_int LAPACKE_dgesdd(int layout, char jobz, lapack_int m, lapack_int n, double *a, lapack_int lda,
    /// double *s, double *u, lapack_int ldu, double *vt, lapack_int ldvt)` (LP64: lapack_int is 32 bits).
    typealias Dgesdd = @convention(c) (
        Int32, CChar, Int32, Int32, UnsafeMutablePointer<Double>?, Int32,
        UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Double>?, Int32
    ) -> Int32

    /// The shared libraries tried, in order.
    static let libraryNames = ["liblapacke.so.3", "liblapacke.so", "liblapacke.dylib"]

    /// `LAPACKE_dgesdd`, or why it is not available.
    static let dgesdd: Result<Dgesdd, GeometryError> = {
        guard let handle = libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(.linearAlgebra("LAPACK is needed for matrices this large, and liblapacke could not be loaded "
                                           + "(tried \(libraryNames.joined(separator: ", ")); on Debian: apt-get install liblapacke)"))
        }
        typealias SetThreads = @convention(c) (Int32) -> Void
        if let setThreads = dlsym(handle, "openblas_set_num_threads") {
            unsafeBitCast(setThreads, to: SetThreads.self)(1)
        }
        guard let symbol = dlsym(handle, "LAPACKE_dgesdd") else {
            return .failure(.linearAlgebra("the LAPACK library that was loaded has no LAPACKE_dgesdd"))
        }
        return .success(unsafeBitCast(symbol, to: Dgesdd.self))
    }()

    /// Sets `OPENBLAS_NUM_THREADS=1` unless it is set: call before any
    /// thread starts (setenv is not thread-safe).
    public static func preferSingleThreadedBLAS() {
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
    }
}
