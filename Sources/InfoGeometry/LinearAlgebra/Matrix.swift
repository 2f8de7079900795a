/// A dense real matrix stored row by row.
///
/// Small and plain on purpose: the matrices of this library are Jacobians
/// (joint states × parameters) and Fisher matrices (parameters × parameters).
public struct Matrix: Hashable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Entries in row-major order: entry (i, j) is `storage[i * columns + j]`.
    public var storage: [Double]

    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0 && storage.count == rows * columns, "matrix storage does not match its shape")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, storage: value == 0 ? .zeros(rows * columns) : Array(repeating: value, count: rows * columns))
    }

    /// Rows given as arrays of equal length.
    public init(rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows of unequal length")
        self.init(rows: rowArrays.count, columns: columns, storage: rowArrays.flatMap { $0 })
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i * columns + j] }
        set { storage[i * columns + j] = newValue }
    }

    public func row(_ i: Int) -> [Double] { Array(storage[(i * columns)..<((i + 1) * columns)]) }
    public func column(_ j: Int) -> [Double] { (0..<rows).map { self[$0, j] } }
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }

    /// M·v.
    public func apply(_ v: [Double]) -> [Double] {
        precondition(v.count == columns, "vector length \(v.count) does not match \(columns) columns")
        var out = [Double].zeros(rows)
        for i in 0..<rows {
            var s = 0.0
            let base = i * columns
            for j in 0..<columns { s += storage[base + j] * v[j] }
            out[i] = s
        }
        return out
    }

    /// Mᵀ·v.
    public func applyTransposed(_ v: [Double]) -> [Double] {
        precondition(v.count == rows, "vector length \(v.count) does not match \(rows) rows")
        var out = [Double].zeros(columns)
        for i in 0..<rows {
            let vi = v[i]
            if vi == 0 { continue }
            let base = i * columns
            for j in 0..<columns { out[j] += storage[base + j] * vi }
        }
        return out
    }

    /// A·B.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "matrix shapes do not match")
        var c = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for k in 0..<a.columns {
                let aik = a[i, k]
                if aik == 0 { continue }
                for j in 0..<b.columns { c[i, j] += aik * b[k, j] }
            }
        }
        return c
    }

    /// Each row i multiplied by `factors[i]`.
    public func scalingRows(by factors: [Double]) -> Matrix {
        precondition(factors.count == rows)
        var m = self
        for i in 0..<rows { for j in 0..<columns { m[i, j] *= factors[i] } }
        return m
    }

    /// The largest absolute entry of A − B (shapes must agree).
    public func maxAbsDifference(_ other: Matrix) -> Double {
        precondition(rows == other.rows && columns == other.columns)
        return zip(storage, other.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

/// Plain vector helpers used across the library.
enum Vec {
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    static func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }

    static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}
