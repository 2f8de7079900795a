import Foundation
import Testing

/// Sample moments and the tolerances that make a moment test meaningful.
///
/// For n i.i.d. draws with mean μ, variance σ² and excess kurtosis κ, the
/// sample mean has standard error σ/√n and the sample variance
/// σ²·√((κ + 2)/n) (to first order). A test passes when both lie within
/// `sigmas` standard errors of the exact law.
struct MomentChecks {
    static func mean(_ x: [Double]) -> Double {
        x.reduce(0, +) / Double(x.count)
    }

    static func variance(_ x: [Double]) -> Double {
        let m = mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    }

    /// Batch means: the chain is cut into `batches` consecutive blocks; the
    /// spread of the block means estimates the standard error of the overall
    /// mean with the chain's autocorrelation included (MCMC draws are
    /// correlated; the spread of single draws would understate it).
    static func batchMeansError(_ x: [Double], batches: Int = 50) -> Double {
        let size = x.count / batches
        let means = (0..<batches).map { b in mean(Array(x[(b * size)..<((b + 1) * size)])) }
        return (variance(means) / Double(batches)).squareRoot()
    }

    /// Excess kurtosis of Beta(a, b).
    static func betaExcessKurtosis(_ a: Double, _ b: Double) -> Double {
        6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2))
            / (a * b * (a + b + 2) * (a + b + 3))
    }

    static func expectMoments(
        _ x: [Double], mean mu: Double, variance sigma2: Double, excessKurtosis kappa: Double,
        sigmas: Double = 4.5, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let n = Double(x.count)
        let meanError = (sigma2 / n).squareRoot()
        let varianceError = sigma2 * ((kappa + 2) / n).squareRoot()
        let m = mean(x)
        let v = variance(x)
        #expect(abs(m - mu) < sigmas * meanError,
                "\(label): mean \(m), exact \(mu), standard error \(meanError)",
                sourceLocation: sourceLocation)
        #expect(abs(v - sigma2) < sigmas * varianceError,
                "\(label): variance \(v), exact \(sigma2), standard error \(varianceError)",
                sourceLocation: sourceLocation)
    }

    /// The Kolmogorov–Smirnov statistic √n·sup|F_n − F|. Under the null its
    /// 0.1 % critical value is 1.95.
    static func kolmogorovSmirnov(_ x: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = x.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, value) in sorted.enumerated() {
            let f = cdf(value)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return d * n.squareRoot()
    }
}
