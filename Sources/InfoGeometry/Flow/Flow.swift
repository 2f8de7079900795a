/// How a flow integrates θ̇ = −G⁺∇_θ f.
public enum FlowMethod: String, Sendable, CaseIterable {
    /// θ ← θ − dt · G⁺∇f (the paper's scheme).
    case euler
    /// The classical fourth-order Runge–Kutta scheme.
    case rk4
}

/// The record of a flow: the start plus one row per step.
public struct Trajectory: Sendable {
    public let objective: Objective
    public let metric: Metric
    public let method: FlowMethod
    public let times: [Double]
    public let thetas: [[Double]]
    /// p_V along the way.
    public let visibles: [[Double]]
    /// The objective's value along the way.
    public let losses: [Double]
    /// The evidence loss D(T_V ‖ p_V) along the way.
    public let evidenceLosses: [Double]
    /// The last point.
    public let final: Point

    public var count: Int { times.count }

    /// The index of the recorded time nearest `t` (the earlier one on a tie).
    public func index(nearest t: Double) -> Int {
        var best = 0
        for i in times.indices where abs(times[i] - t) < abs(times[best] - t) { best = i }
        return best
    }

    /// Rows 0, k, 2k, …, with the last row always kept.
    public func rowIndices(every k: Int) -> [Int] {
        precondition(k >= 1)
        var rows = Array(stride(from: 0, to: count, by: k))
        if rows.last != count - 1 { rows.append(count - 1) }
        return rows
    }
}

/// The most steps a flow may take.
public let maximumFlowSteps = 1_000_000
/// The most numbers a trajectory may record (times, θ, p_V and losses).
public let maximumFlowRecord = 50_000_000

/// Integrates θ̇ = −G⁺∇_θ f (joint metric) or −G_V⁺∇_θ f (visible metric)
/// from `start` for round(duration/step) steps.
///
/// The flow needs positivity only of the distributions its objective and
/// metric use; a step that reaches a non-positive one stops the flow with an
/// error naming the time. With `Recognition.posterior` the recognition model
/// is the current point's posterior at every evaluation. `checkpoint` runs
/// before every step; what it throws ends the flow.
public func flow(_ objective: Objective, from start: Point, duration: Double, step: Double,
                 method: FlowMethod = .euler, metric: Metric = .joint,
                 maximumSteps: Int = maximumFlowSteps, checkpoint: () throws -> Void = {}) throws -> Trajectory {
    guard step.isFinite, step > 0 else { throw GeometryError.invalidArgument("the step dt must be positive, got \(step)") }
    guard duration.isFinite, duration >= 0 else { throw GeometryError.invalidArgument("the duration T must be non-negative, got \(duration)") }
    let ratio = (duration / step).rounded()
    guard ratio <= Double(maximumSteps) else {
        throw GeometryError.limitExceeded("the flow would take \(ratio) steps; at most \(maximumSteps) are allowed (raise dt or lower T)")
    }
    let steps = Int(ratio)
    let model = start.model
    let recorded = Double(steps + 1) * Double(model.dimension + model.space.visibleCount + 3)
    guard recorded <= Double(maximumFlowRecord) else {
        throw GeometryError.limitExceeded(
            "the flow would record \(steps + 1) rows of \(model.dimension + model.space.visibleCount + 3) numbers; at most \(maximumFlowRecord) numbers are kept (raise dt or lower T)")
    }
    let evidence = objective.evidenceLoss

    var times = [Double](), thetas = [[Double]](), visibles = [[Double]](), losses = [Double](), kls = [Double]()
    times.reserveCapacity(steps + 1)
    var point = start

    func at(_ t: Double, _ body: () throws -> Void) throws {
        do { try body() } catch let error as GeometryError {
            throw GeometryError.invalidArgument("the flow stopped at t = \(formatTime(t)): \(error)")
        }
    }
    func velocity(_ theta: [Double]) throws -> [Double] {
        let p = Point(model: model, uncheckedTheta: theta)
        return try objective.naturalGradient(at: p, metric: metric).theta.map { -$0 }
    }
    func record(_ t: Double, _ p: Point) throws {
        guard p.theta.allSatisfy(\.isFinite) else { throw GeometryError.nonFinite("the parameters are no longer finite") }
        times.append(t)
        thetas.append(p.theta)
        visibles.append(p.visible)
        losses.append(try objective.value(at: p))
        kls.append(try evidence.value(at: p))
    }

    try at(0) { try record(0, point) }
    for k in 0..<steps {
        try checkpoint()
        let t = Double(k) * step
        var next = point.theta
        try at(t) {
            switch method {
            case .euler:
                let v = try objective.naturalGradient(at: point, metric: metric).theta
                for i in next.indices { next[i] -= step * v[i] }
            case .rk4:
                let th = point.theta
                let k1 = try velocity(th)
                let k2 = try velocity(zip(th, k1).map { $0 + step / 2 * $1 })
                let k3 = try velocity(zip(th, k2).map { $0 + step / 2 * $1 })
                let k4 = try velocity(zip(th, k3).map { $0 + step * $1 })
                for i in next.indices { next[i] += step / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) }
            }
        }
        point = Point(model: model, uncheckedTheta: next)
        let tNext = Double(k + 1) * step
        try at(tNext) { try record(tNext, point) }
    }
    return Trajectory(objective: objective, metric: metric, method: method, times: times, thetas: thetas,
                      visibles: visibles, losses: losses, evidenceLosses: kls, final: point)
}

private func formatTime(_ t: Double) -> String {
    let s = String(format: "%.6g", t)
    return s
}

import Foundation
