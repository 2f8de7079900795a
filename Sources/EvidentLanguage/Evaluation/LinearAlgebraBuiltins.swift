import InfoGeometry

/// Linear algebra over matrices as lists of rows (LANGUAGE.md, "Values and
/// statements"): shapes and products written out, every factorisation by
/// LAPACK (`DenseLinearAlgebra`).
package enum LinearAlgebraBuiltins {
    package static let all: [Builtin] = [
        Builtin("transpose", parameters: [.positional("A", "matrix or vector")],
                summary: "the transpose Aᵀ; a vector becomes one column") { args, _ in
            if case .vector(let v) = try args.value(0) { return matrix(v.map { [$0] }) }
            let a = try args.matrix(0)
            let columns = a.first?.count ?? 0
            return matrix((0..<columns).map { j in a.map { $0[j] } })
        },
        Builtin("identity", parameters: [.positional("n", "whole number")], summary: "the n × n identity matrix") { args, context in
            let n = try args.integer(0)
            guard n >= 1 else { throw args.error(0, "identity needs a size of at least 1, got \(n)") }
            try context.checkSize(n * n)
            return matrix((0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } })
        },
        Builtin("diag", parameters: [.positional("v", "vector or square matrix")],
                summary: "the diagonal matrix with v on its diagonal; of a matrix, its diagonal as a vector") { args, context in
            if let m = try args.value(0).asMatrix, case .matrix = try args.value(0) {
                return .vector((0..<min(m.count, m[0].count)).map { m[$0][$0] })
            }
            let v = try args.vector(0)
            guard !v.isEmpty else { throw args.error(0, "diag of an empty vector") }
            try context.checkSize(v.count * v.count)
            return matrix(v.indices.map { i in v.indices.map { $0 == i ? v[i] : 0 } })
        },
        Builtin("outer", parameters: [.positional("a", "vector"), .positional("b", "vector")],
                summary: "the outer product a bᵀ, the matrix of a_i b_j") { args, context in
            let a = try args.vector(0), b = try args.vector(1)
            guard !a.isEmpty, !b.isEmpty else { throw args.error(a.isEmpty ? 0 : 1, "outer of an empty vector") }
            try context.checkSize(a.count * b.count)
            return try finite(matrix(a.map { x in b.map { x * $0 } }), args)
        },
        Builtin("dot", parameters: [.positional("a", "vector"), .positional("b", "vector")],
                summary: "the inner product Σ a_i b_i of two vectors of one length") { args, _ in
            let a = try args.vector(0), b = try args.vector(1)
            guard a.count == b.count else {
                throw args.error(1, "dot needs vectors of one length, got \(a.count) and \(b.count) entries", id: .shapeMismatch)
            }
            return try finite(.number(zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }), args)
        },
        Builtin("solve", parameters: [.positional("A", "square matrix"), .positional("b", "vector or matrix")],
                summary: "x with A x = b (LAPACK dgesv); a singular A is an error naming its condition number") { args, _ in
            let a = try square(args, 0)
            let rhs = try args.value(1)
            let b: Matrix
            if let v = rhs.asVector {
                b = Matrix(rows: v.count, columns: 1, storage: v)
            } else if let m = rhs.asMatrix {
                b = Matrix(rowArrays: m)
            } else {
                throw args.typeError(1, expected: "a vector or a matrix")
            }
            guard b.rows == a.rows else {
                throw args.error(1, "solve needs b with \(a.rows) \(rhs.asVector != nil ? "entries" : "rows") for a \(a.rows)×\(a.rows) matrix, got \(b.rows)",
                                 id: .shapeMismatch)
            }
            let x = try lapack(args) { try DenseLinearAlgebra.solve(a, b) }
            return rhs.asVector != nil ? .vector(x.storage) : matrix(x.rowArrays)
        },
        Builtin("inverse", parameters: [.positional("A", "square matrix")],
                summary: "A⁻¹ (LAPACK dgesv); a singular A is an error naming its condition number") { args, _ in
            let a = try square(args, 0)
            return matrix(try lapack(args) { try DenseLinearAlgebra.inverse(a) }.rowArrays)
        },
        Builtin("det", parameters: [.positional("A", "square matrix")], summary: "the determinant (LAPACK dgetrf)") { args, _ in
            let a = try square(args, 0)
            return try finite(.number(try lapack(args) { try DenseLinearAlgebra.determinant(a) }), args)
        },
        Builtin("pinv", parameters: [.positional("A", "matrix")],
                summary: "the Moore–Penrose pseudo-inverse A⁺ (LAPACK dgesdd; singular values up to max(m, n)·ε·σ_max count as 0)") { args, _ in
            let a = Matrix(rowArrays: try args.matrix(0))
            let svd = try lapack(args) { try DenseLinearAlgebra.svd(a) }
            return matrix(Matrix(rows: a.columns, columns: a.rows, storage: svd.pseudoInverse()).rowArrays)
        },
        Builtin("rank", parameters: [.positional("A", "matrix")],
                summary: "the numerical rank: singular values above max(m, n)·ε·σ_max (LAPACK dgesdd), as NumPy's matrix_rank") { args, _ in
            let a = Matrix(rowArrays: try args.matrix(0))
            return .number(Double(try lapack(args) { try DenseLinearAlgebra.svd(a) }.rank))
        },
        Builtin("eigen", parameters: [.positional("S", "symmetric matrix")],
                summary: "of a symmetric matrix: .values ascending and .vectors, the orthonormal eigenvectors as columns (LAPACK dsyevd)") { args, _ in
            let s = try square(args, 0)
            let scale = s.storage.reduce(0) { max($0, abs($1)) }
            let asymmetry = s.maxAbsDifference(s.transposed)
            guard asymmetry <= 1e-12 * max(scale, 1) else {
                throw args.error(0, "eigen needs a symmetric matrix, and this one differs from its transpose by up to \(NumberFormat.shortest(asymmetry))")
            }
            let (values, vectors) = try lapack(args) { try DenseLinearAlgebra.symmetricEigen(s) }
            return .record(Record([("values", .vector(values)), ("vectors", matrix(vectors.rowArrays))]))
        },
        Builtin("svd", parameters: [.positional("A", "matrix")],
                summary: "the thin singular value decomposition A = U diag(s) Vᵀ: .u (m×k), .s (k, largest first), .v (n×k), k = min(m, n) (LAPACK dgesdd)") { args, _ in
            let a = Matrix(rowArrays: try args.matrix(0))
            let svd = try lapack(args) { try DenseLinearAlgebra.svd(a) }
            return .record(Record([("u", matrix(svd.u.rowArrays)), ("s", .vector(svd.singularValues)), ("v", matrix(svd.vt.transposed.rowArrays))]))
        },
    ]

    // MARK: Helpers

    /// A matrix value; a matrix with one column stays a matrix.
    private static func matrix(_ rows: [[Double]]) -> Value { .matrix(rows) }

    private static func square(_ args: Arguments, _ index: Int) throws -> Matrix {
        let m = try args.matrix(index)
        guard m.count == m[0].count else {
            throw args.error(index, "\(args.callee) needs a square matrix, got \(m.count)×\(m[0].count)", id: .shapeMismatch)
        }
        return Matrix(rowArrays: m)
    }

    private static func finite(_ value: Value, _ args: Arguments) throws -> Value {
        let entries: [Double]
        switch value {
        case .number(let x): entries = [x]
        case .matrix(let m): entries = m.flatMap { $0 }
        default: entries = []
        }
        guard entries.allSatisfy(\.isFinite) else { throw Diagnostic(.nonFinite, "\(args.callee) overflowed: a result is infinite", at: args.range) }
        return value
    }

    /// Runs a factorisation, a singular matrix and LAPACK's failures as
    /// located errors.
    private static func lapack<T>(_ args: Arguments, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let singular as DenseLinearAlgebra.Singular {
            let condition = singular.condition.isFinite ? "condition number \(NumberFormat.significant(singular.condition, digits: 3))"
                                                         : "condition number ∞: a pivot is exactly 0"
            throw args.error(0, "\(args.callee): the matrix is singular (\(condition)); pinv(A) gives the least-squares solution of least norm",
                             id: .linearAlgebra)
        } catch let error as GeometryError {
            throw Diagnostic(error.diagnosticID, "\(args.callee): \(error.description)", at: args.range)
        }
    }
}
