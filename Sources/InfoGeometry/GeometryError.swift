/// Everything that can go wrong in a geometric computation, said precisely.
public enum GeometryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An argument is outside what the operation accepts; the text says how.
    case invalidArgument(String)
    /// A probability vector failed validation; the text says which entry and why.
    case invalidDistribution(String)
    /// A quantity needs strictly positive probabilities and met `value` at `index`.
    case notPositive(what: String, index: Int, value: Double)
    /// A divergence or logarithm would be infinite.
    case infinite(String)
    /// A computation produced NaN or an infinity.
    case nonFinite(String)
    /// A limit on size or work was exceeded.
    case limitExceeded(String)
    /// LAPACK reported failure.
    case linearAlgebra(String)

    public var description: String {
        switch self {
        case .invalidArgument(let s), .invalidDistribution(let s), .infinite(let s),
             .nonFinite(let s), .limitExceeded(let s), .linearAlgebra(let s):
            return s
        case let .notPositive(what, index, value):
            return "\(what) needs positive probabilities, but entry \(index + 1) is \(value)"
        }
    }
}
