/// Validation of probability vectors and the divergences between them.
///
/// A probability vector is finite, non-negative and sums to 1 within
/// `sumTolerance`. Strict positivity is demanded only by the operations whose
/// logarithms or metrics need it.
public enum Probability {
    /// |Σp − 1| allowed for a probability vector.
    public static let sumTolerance = 1e-9

    /// Throws a message naming the first entry that is wrong, or the sum.
    public static func validate(_ p: [Double], count: Int? = nil, what: String = "a probability vector") throws {
        let sum = try checkedSum(p, count: count, what: what)
        guard abs(sum - 1) <= sumTolerance else {
            throw GeometryError.invalidDistribution("\(what) sums to \(String(format: "%.12g", sum)), not 1 (tolerance \(sumTolerance))")
        }
    }

    /// The sum of `p` once its length and entries are checked (finite,
    /// non-negative); throws naming the first entry that is wrong.
    private static func checkedSum(_ p: [Double], count: Int?, what: String) throws -> Double {
        if let count, p.count != count {
            throw GeometryError.invalidDistribution("\(what) must have \(count) entries, got \(p.count)")
        }
        guard !p.isEmpty else { throw GeometryError.invalidDistribution("\(what) is empty") }
        var sum = 0.0
        for (i, x) in p.enumerated() {
            guard x.isFinite else { throw GeometryError.invalidDistribution("entry \(i + 1) of \(what) is \(x)") }
            guard x >= 0 else { throw GeometryError.invalidDistribution("entry \(i + 1) of \(what) is negative (\(x))") }
            sum += x
        }
        return sum
    }

    /// |Σp − 1| allowed for a distribution an author typed (a target, a
    /// probability vector given to a built-in): values copied from a paper
    /// with eight decimals sum to 1 only within about 1e-8.
    public static let typedSumTolerance = 1e-6

    /// A distribution an author typed, checked as `validate` does but with
    /// `typedSumTolerance`, and divided by its sum so that it sums to 1 to
    /// rounding. Beyond the tolerance the error says how to rescale it.
    public static func typed(_ p: [Double], count: Int? = nil, what: String = "a probability vector") throws -> [Double] {
        let sum = try checkedSum(p, count: count, what: what)
        guard abs(sum - 1) <= typedSumTolerance else {
            throw GeometryError.invalidDistribution("\(what) sums to \(String(format: "%.12g", sum)), not 1 (a typed distribution may differ "
                                                    + "from 1 by at most 1e-6); normalize(v) divides it by its sum")
        }
        return sum == 1 ? p : p.map { $0 / sum }
    }

    /// Throws unless every entry is strictly positive.
    public static func requirePositive(_ p: [Double], what: @autoclosure () -> String) throws {
        for (i, x) in p.enumerated() where !(x > 0) {
            throw GeometryError.notPositive(what: what(), index: i, value: x)
        }
    }

    /// D(p ‖ q) = Σ p log(p / q), with 0 log 0 = 0. An infinite divergence
    /// (p > 0 where q = 0) is an error, not a number.
    public static func klDivergence(_ p: [Double], _ q: [Double]) throws -> Double {
        precondition(p.count == q.count, "divergence of vectors of different lengths")
        var d = 0.0
        for i in p.indices where p[i] > 0 {
            guard q[i] > 0 else {
                throw GeometryError.infinite("the divergence is infinite: entry \(i + 1) is \(p[i]) in the first distribution but \(q[i]) in the second")
            }
            d += p[i] * (log(p[i]) - log(q[i]))
        }
        return d
    }

    /// H(p) = −Σ p log p, with 0 log 0 = 0.
    public static func entropy(_ p: [Double]) -> Double {
        p.reduce(0) { $1 > 0 ? $0 - $1 * log($1) : $0 }
    }

    /// −Σ p log q = H(p) + D(p ‖ q); infinite values are errors.
    public static func crossEntropy(_ p: [Double], _ q: [Double]) throws -> Double {
        try entropy(p) + klDivergence(p, q)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
