// The standard library lowers `rounded(_:)` and `squareRoot()` to libm calls
// (floor, rint, sqrt, ...) on Linux; importing the C library autolinks libm so
// that executables using InfoGeometry alone link. Both are exact IEEE
// operations, unlike the libm transcendental functions replaced below.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `log` and `exp` written with IEEE-754 basic operations only (+, −, ×, ÷ and
/// exact scaling by powers of two), so that the samplers built on them give
/// bit-identical results on every platform. The system libm makes no such
/// promise: its last-bit rounding differs between C libraries and releases.
///
/// Accuracy (checked in the tests against the system functions): within 2 ulp
/// over the whole domain. They exist for reproducibility, not speed; their
/// hot paths are trimmed only in ways that give the same bits.
enum DeterministicMath {
    /// ln 2 = ln2Hi + ln2Lo with ln2Hi carrying 21 significant bits, so that
    /// k·ln2Hi is exact for |k| < 2¹¹ (every binary exponent of a double).
    static let ln2Hi = 0.6931467056274414
    static let ln2Lo = 4.7493250390316726e-07
    static let invLn2 = 1.4426950408889634
    static let sqrt2 = 1.4142135623730951

    /// Natural logarithm.
    ///
    /// x = 2ᵏ·m with m ∈ [√2/2, √2); with f = m − 1 (exact) and s = f/(2 + f),
    /// ln m = 2 atanh s = f − s·f + 2s·(s²/3 + s⁴/5 + … + s²²/23), using
    /// 2s = f − s·f. |s| ≤ 0.1716, so the truncated series is below 2⁻⁵⁸
    /// relative. ln x = k·ln2Hi + (ln m + k·ln2Lo).
    /// Special values: ln(±0) = −∞, ln(x < 0) = NaN, ln(+∞) = +∞, ln(NaN) = NaN.
    static func log(_ x: Double) -> Double {
        // m and k read off the bits for positive normal numbers (what the
        // samplers pass), through `significand`/`exponent` otherwise; the
        // series' coefficients 1/n are constants, folded to the same
        // correctly rounded values a division gives (tested against the
        // algorithm with the divisions, bit for bit).
        let bits = x.bitPattern
        let biased = Int(truncatingIfNeeded: (bits >> 52) & 0x7FF)
        var m: Double, k: Double
        if bits >> 63 == 0, biased != 0, biased != 0x7FF {
            m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
            k = Double(biased - 1023)
        } else {
            if x.isNaN || x < 0 { return .nan }
            if x == 0 { return -.infinity }
            if x == .infinity { return .infinity }
            m = x.significand
            k = Double(x.exponent)
        }
        if m > sqrt2 {
            m *= 0.5
            k += 1
        }
        let f = m - 1
        if f == 0 { return k * ln2Hi + k * ln2Lo }
        return series(f, k)
    }

    /// ln x = k·ln2Hi + (ln m + k·ln2Lo) from f = m − 1 and k: `log`'s
    /// series, written once for one number (`Double`) and for the lanes of
    /// a vector (`SIMD2<Double>`), whose IEEE arithmetic is the same lane by
    /// lane.
    @inline(__always)
    private static func series<V: LogArithmetic>(_ f: V, _ k: V) -> V {
        let s = f / (2 + f)
        let z = s * s
        var r = V(lanes: 1.0 / 23)
        r = 1.0 / 21 + z * r
        r = 1.0 / 19 + z * r
        r = 1.0 / 17 + z * r
        r = 1.0 / 15 + z * r
        r = 1.0 / 13 + z * r
        r = 1.0 / 11 + z * r
        r = 1.0 / 9 + z * r
        r = 1.0 / 7 + z * r
        r = 1.0 / 5 + z * r
        r = 1.0 / 3 + z * r
        r *= z
        let lnM = f - (s * f - 2 * s * r)
        return k * ln2Hi + (lnM + k * ln2Lo)
    }

    /// `log` of two numbers at once, bit for bit what `log` gives each: the
    /// same operations in two lanes of a vector (IEEE arithmetic lane by lane),
    /// so that the two chains of dependent operations (a division and the
    /// eleven multiply-adds of the series) overlap instead of running one
    /// after the other. A sampler that needs two logarithms of independent
    /// numbers waits for one chain instead of two. Falls back to `log` twice
    /// unless both are positive normal numbers. (When f = 0 the series gives
    /// ln m = +0 exactly, so `log`'s shortcut for it needs no lane of its own.)
    static func log(_ a: Double, _ b: Double) -> (Double, Double) {
        let bitsA = a.bitPattern, bitsB = b.bitPattern
        let biasedA = (bitsA >> 52) & 0x7FF, biasedB = (bitsB >> 52) & 0x7FF
        guard bitsA >> 63 == 0, bitsB >> 63 == 0, biasedA != 0, biasedA != 0x7FF, biasedB != 0, biasedB != 0x7FF else {
            return (log(a), log(b))
        }
        let fraction: UInt64 = 0x000F_FFFF_FFFF_FFFF, one: UInt64 = 0x3FF0_0000_0000_0000
        var m = SIMD2(Double(bitPattern: (bitsA & fraction) | one), Double(bitPattern: (bitsB & fraction) | one))
        var k = SIMD2(Double(Int(truncatingIfNeeded: biasedA) - 1023), Double(Int(truncatingIfNeeded: biasedB) - 1023))
        let large = m .> SIMD2(repeating: sqrt2)
        m.replace(with: m * 0.5, where: large)
        k.replace(with: k + 1, where: large)
        let result = series(m - 1, k)
        return (result[0], result[1])
    }

    /// Exponential.
    ///
    /// k = round(x/ln 2), r = (x − k·ln2Hi) − k·ln2Lo with |r| ≤ 0.347;
    /// eʳ = Σ_{n≤15} rⁿ/n! (truncation below 2⁻⁵⁷ relative) by Horner;
    /// eˣ = 2ᵏ·eʳ with one final IEEE rounding for subnormal results.
    /// Overflows to +∞ above 709.78…, underflows to 0 below −745.13….
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        // What the steps below give for ±0 (r = 0, p = 1), without them: a
        // Dirichlet draw takes the exponential of 0 for its largest entry.
        if x == 0 { return 1 }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        let k = (x * invLn2).rounded(.toNearestOrEven)
        let p = exponentialSeries((x - k * ln2Hi) - k * ln2Lo)
        let kInt = Int(k)
        if kInt < -1000 {
            // Scale in two exact steps so that only the last one rounds.
            return Double(sign: .plus, exponent: kInt + 60, significand: p) * 0x1p-60
        }
        return Double(sign: .plus, exponent: kInt, significand: p)
    }

    /// eʳ = Σ_{n≤15} rⁿ/n! by Horner, p = 1 + p·r/n for n = 15 … 1, for one
    /// number or the lanes of a vector. Dividing by 8, 4, 2 or 1 is
    /// multiplying by 1/8, 1/4, 1/2 or 1: the same real number, so the same
    /// correctly rounded result, without a division's latency.
    @inline(__always)
    private static func exponentialSeries<V: LogArithmetic>(_ r: V) -> V {
        var p = V(lanes: 1)
        p = 1 + p * r / 15
        p = 1 + p * r / 14
        p = 1 + p * r / 13
        p = 1 + p * r / 12
        p = 1 + p * r / 11
        p = 1 + p * r / 10
        p = 1 + p * r / 9
        p = 1 + p * r * 0.125
        p = 1 + p * r / 7
        p = 1 + p * r / 6
        p = 1 + p * r / 5
        p = 1 + p * r * 0.25
        p = 1 + p * r / 3
        p = 1 + p * r * 0.5
        p = 1 + p * r
        return p
    }

    /// `exp` of two numbers at once, bit for bit what `exp` gives each: its
    /// series in the two lanes of a vector, so that the two chains of
    /// dependent divisions overlap. Falls back to `exp` twice unless both
    /// lie where `exp` takes its plain path (finite, and at least −690, so
    /// that the result is a normal number scaled in one step).
    static func exp(_ a: Double, _ b: Double) -> (Double, Double) {
        guard a >= -690, b >= -690, a <= 709, b <= 709 else { return (exp(a), exp(b)) }
        let x = SIMD2(a, b)
        let k = (x * invLn2).rounded(.toNearestOrEven)
        let p = exponentialSeries((x - k * ln2Hi) - k * ln2Lo)
        return (Double(sign: .plus, exponent: Int(k[0]), significand: p[0]),
                Double(sign: .plus, exponent: Int(k[1]), significand: p[1]))
    }
}

/// The arithmetic `DeterministicMath`'s series needs, for one number or the
/// lanes of a vector (each lane's operations those of a `Double`).
protocol LogArithmetic {
    init(lanes value: Double)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static func *= (a: inout Self, b: Self)
    static func + (a: Double, b: Self) -> Self
    static func * (a: Double, b: Self) -> Self
    static func * (a: Self, b: Double) -> Self
    static func / (a: Self, b: Double) -> Self
}

extension Double: LogArithmetic {
    init(lanes value: Double) { self = value }
}

extension SIMD2: LogArithmetic where Scalar == Double {
    init(lanes value: Double) { self.init(repeating: value) }
}
