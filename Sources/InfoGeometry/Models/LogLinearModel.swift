/// A log-linear (exponential-family) model p_θ(x) = exp(T(x)·θ − ψ(θ)) with
/// sufficient statistics T, an n × d matrix, and θ ∈ ℝᵈ.
///
/// J = diag(p)(T − 1 μᵀ) with μ = Tᵀp, the mean of the statistics.
public final class LogLinearModel: Model {
    public let space: StateSpace
    public let statistics: Matrix
    public let family: String
    public let parameterNames: [String]
    public var dimension: Int { statistics.columns }

    public init(space: StateSpace, statistics: Matrix, parameterNames: [String]? = nil, family: String = "loglinear") throws {
        guard statistics.rows == space.jointCount else {
            throw GeometryError.invalidArgument("the statistics matrix needs one row per joint state (\(space.jointCount)), got \(statistics.rows)")
        }
        guard statistics.columns >= 1 else {
            throw GeometryError.invalidArgument("the statistics matrix needs at least one column")
        }
        guard statistics.storage.allSatisfy(\.isFinite) else {
            throw GeometryError.invalidArgument("the statistics matrix has NaN or infinite entries")
        }
        self.space = space
        self.statistics = statistics
        self.family = family
        self.parameterNames = parameterNames ?? (1...statistics.columns).map { "θ\($0)" }
    }

    /// The binary restricted Boltzmann machine with hidden units h1…hN and
    /// visible units v1…vM (state 0 = off): p ∝ exp(bᵀv + cᵀh + hᵀWv) with
    /// θ = (b, c, W row-major by hidden unit).
    public static func rbm(hidden: Int, visible: Int) throws -> LogLinearModel {
        guard hidden >= 1, visible >= 1 else {
            throw GeometryError.invalidArgument("an RBM needs at least one hidden and one visible unit")
        }
        guard hidden + visible <= 24 else {
            throw GeometryError.limitExceeded("an RBM may have at most 24 units in all, got \(hidden + visible)")
        }
        // Its sufficient statistics are a dense 2^(N+M) × d matrix: within
        // the dense limit, or a located error (21 + 3 units asked for 11 GB).
        let d = visible + hidden + hidden * visible
        let (entries, overflow) = (1 << (hidden + visible)).multipliedReportingOverflow(by: d)
        guard !overflow, entries <= Point.maximumDenseEntries else {
            throw GeometryError.limitExceeded(
                "an RBM with \(hidden) hidden and \(visible) visible units needs a \(1 << (hidden + visible)) × \(d) matrix of "
                + "sufficient statistics, more than \(Point.maximumDenseEntries) entries")
        }
        let space = try StateSpace(
            hidden: (1...hidden).map { try Variable(name: "h\($0)") },
            visible: (1...visible).map { try Variable(name: "v\($0)") })
        var t = Matrix(rows: space.jointCount, columns: d)
        for x in 0..<space.jointCount {
            let config = space.configuration(ofJoint: x)
            let h = config[0..<hidden].map(Double.init), v = config[hidden...].map(Double.init)
            for j in 0..<visible { t[x, j] = v[j] }
            for i in 0..<hidden { t[x, visible + i] = h[i] }
            for i in 0..<hidden { for j in 0..<visible { t[x, visible + hidden + i * visible + j] = h[i] * v[j] } }
        }
        let names = (1...visible).map { "b_v\($0)" } + (1...hidden).map { "c_h\($0)" }
            + (1...hidden).flatMap { i in (1...visible).map { "W_h\(i)v\($0)" } }
        return try LogLinearModel(space: space, statistics: t, parameterNames: names, family: "rbm")
    }

    public func validate(_ theta: [Double]) throws { try requireDimension(theta) }

    public func distribution(at theta: [Double]) -> [Double] {
        let e = statistics.apply(theta)
        let top = e.max() ?? 0
        let w = e.map { exp($0 - top) }
        let z = w.reduce(0, +)
        return w.map { $0 / z }
    }

    public func jacobian(at theta: [Double]) -> Matrix {
        let p = distribution(at: theta)
        let mu = statistics.applyTransposed(p)
        var j = statistics
        for x in 0..<j.rows {
            for k in 0..<j.columns { j[x, k] = p[x] * (statistics[x, k] - mu[k]) }
        }
        return j
    }
}

import Foundation
