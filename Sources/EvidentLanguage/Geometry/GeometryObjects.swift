import InfoGeometry

// The geometry core's values as the block language sees them.

/// `v` as `[a, b, …]`, each number written by `NumberFormat.shortest`.
package func vectorText(_ v: [Double]) -> String {
    "[" + v.map(NumberFormat.shortest).joined(separator: ", ") + "]"
}

/// `full(…)`, `independence(…)`, `bayesnet(…)`, `rbm(…)`, `loglinear(…)`.
package final class ModelObject: EvidentObject {
    package let model: any Model
    package init(_ model: any Model) { self.model = model }

    package var typeName: String { "model" }
    package var memberNames: [String] { ["dim", "family", "hidden", "visible", "parameters", "states"] }

    package func member(_ name: String) throws -> Value? {
        switch name {
        case "dim": return .number(Double(model.dimension))
        case "family": return .string(model.family)
        case "hidden": return .list(model.space.hidden.map { .string($0.description) })
        case "visible": return .list(model.space.visible.map { .string($0.description) })
        case "parameters": return .list(model.parameterNames.map { .string($0) })
        case "states": return .number(Double(model.space.jointCount))
        default: return nil
        }
    }

    package var methodNames: [String] { ["at", "random"] }

    package func callMethod(_ name: String, _ args: Arguments, context: CallContext) throws -> Value? {
        switch name {
        case "at":
            try args.expect(positional: 1...1)
            let theta = try args.vector(0)
            do {
                return .object(PointObject(try model.point(theta)))
            } catch let error as GeometryError {
                throw args.error(0, error.description)
            }
        case "random":
            try args.expect(positional: 0...0, named: ["seed", "margin"])
            let seed = try seedArgument(args)
            let margin = try args.number("margin", default: Jeffreys.defaultMargin(model))
            try requireTractable(model, args, context)
            return .object(PointObject(try geometry(args) { try model.point(model.jeffreys(count: 1, seed: seed, margin: margin)[0]) }))
        default:
            return nil
        }
    }

    package func render() throws -> [Output] { [.value(model.description)] }
}

/// A point, possibly a row of a trajectory (then it knows its time and losses).
package final class PointObject: EvidentObject {
    package let point: Point
    /// A trajectory row's time and losses, boxed: a sample's 50,000 points
    /// have none, and three optional numbers inline took 48 bytes a point.
    private let row: TrajectoryRow?

    private final class TrajectoryRow {
        let time: Double?, loss: Double?, kl: Double?
        init(time: Double?, loss: Double?, kl: Double?) { (self.time, self.loss, self.kl) = (time, loss, kl) }
    }

    package var time: Double? { row?.time }
    package var loss: Double? { row?.loss }
    package var kl: Double? { row?.kl }

    package init(_ point: Point, time: Double? = nil, loss: Double? = nil, kl: Double? = nil) {
        self.point = point
        self.row = time == nil && loss == nil && kl == nil ? nil : TrajectoryRow(time: time, loss: loss, kl: kl)
    }

    package var typeName: String { "point" }
    package var memberNames: [String] {
        ["theta", "joint", "visible", "model"] + (time == nil ? [] : ["t", "loss", "kl"])
    }

    package func member(_ name: String) throws -> Value? {
        switch name {
        case "theta": return .vector(point.theta)
        case "joint": return .vector(point.joint)
        case "visible": return .vector(point.visible)
        case "model": return .object(ModelObject(point.model))
        case "t": return time.map(Value.number)
        case "loss": return loss.map(Value.number)
        case "kl": return kl.map(Value.number)
        default: return nil
        }
    }

    package func render() throws -> [Output] {
        [.value("point θ = \(vectorText(point.theta))")]
    }

    package func table(_ options: TableOptions) throws -> Table? {
        let names = point.model.parameterNames
        return Table(title: options.title, columns: ["parameter", "θ"],
                     rows: zip(names, point.theta).map { [$0, Table.cell($1)] }, indexColumns: 1)
    }
}

/// `evidence(T)`, `elbo(T, q:)`, `gap(T, q:)`.
package final class ObjectiveObject: EvidentObject {
    package let objective: Objective
    package init(_ objective: Objective) { self.objective = objective }

    package var typeName: String { "objective" }
    package var memberNames: [String] { ["kind"] }

    package func member(_ name: String) throws -> Value? {
        name == "kind" ? .string(objective.kind.rawValue) : nil
    }

    package func render() throws -> [Output] { [.value("\(objective.kind.rawValue) objective")] }
}

/// Tangents of a batched `map`, one per item: item i's point and its
/// parameter coordinates `thetas[i·d ..< (i+1)·d]`, in one flat array
/// (no array and no `Tangent` per item), boxed only when asked.
package struct TangentColumn: NativeColumn {
    package let points: [Point]
    package let dimension: Int
    package let thetas: [Double]

    package init(points: [Point], dimension: Int, thetas: [Double]) {
        precondition(thetas.count == points.count * dimension)
        self.points = points
        self.dimension = dimension
        self.thetas = thetas
    }

    /// Nil when the tangents have different dimensions (points of several models).
    package init?(_ tangents: [Tangent]) {
        let d = tangents.first?.theta.count ?? 0
        guard tangents.allSatisfy({ $0.theta.count == d }) else { return nil }
        self.init(points: tangents.map(\.point), dimension: d, thetas: tangents.flatMap(\.theta))
    }

    package var count: Int { points.count }

    package func tangent(_ i: Int) -> Tangent {
        Tangent(point: points[i], theta: Array(thetas[(i * dimension)..<((i + 1) * dimension)]))
    }

    package func value(at i: Int) -> Value { .object(TangentObject(tangent(i))) }
}

/// A tangent vector at a point: `grad(…)`, `natgrad(…)`.
package final class TangentObject: EvidentObject {
    package let tangent: Tangent
    package init(_ tangent: Tangent) { self.tangent = tangent }

    package var typeName: String { "tangent" }
    package var memberNames: [String] { ["theta", "ambient", "visible", "horizontal", "vertical", "point"] }

    package func member(_ name: String) throws -> Value? {
        switch name {
        case "theta": return .vector(tangent.theta)
        case "ambient": return .vector(tangent.ambient)
        case "visible": return .vector(tangent.visible)
        case "horizontal": return .vector(try tangent.horizontal())
        case "vertical": return .vector(try tangent.vertical())
        case "point": return .object(PointObject(tangent.point))
        default: return nil
        }
    }

    package func render() throws -> [Output] { [.value("tangent θ̇ = \(vectorText(tangent.theta))")] }
}

/// `flow(…)`.
package final class TrajectoryObject: EvidentObject {
    package let trajectory: Trajectory
    package init(_ trajectory: Trajectory) { self.trajectory = trajectory }

    package var typeName: String { "trajectory" }
    package var memberNames: [String] { ["t", "theta", "visible", "loss", "kl", "final", "steps"] }

    package func member(_ name: String) throws -> Value? {
        switch name {
        case "t": return .vector(trajectory.times)
        case "theta": return .matrix(trajectory.thetas)
        case "visible": return .matrix(trajectory.visibles)
        case "loss": return .vector(trajectory.losses)
        case "kl": return .vector(trajectory.evidenceLosses)
        case "final": return .object(row(trajectory.count - 1))
        case "steps": return .number(Double(trajectory.count - 1))
        default: return nil
        }
    }

    package var methodNames: [String] { ["at", "every"] }

    package func callMethod(_ name: String, _ args: Arguments, context: CallContext) throws -> Value? {
        switch name {
        case "at":
            try args.expect(positional: 1...1)
            return .object(row(trajectory.index(nearest: try args.number(0))))
        case "every":
            try args.expect(positional: 1...1)
            let k = try args.integer(0)
            guard k >= 1 else { throw args.error(0, "every(k) needs k ≥ 1, got \(k)") }
            return .object(TrajectoryRows(trajectory, rows: trajectory.rowIndices(every: k)))
        default:
            return nil
        }
    }

    package func row(_ i: Int) -> PointObject {
        let point = i == trajectory.count - 1
            ? trajectory.final
            : Point(model: trajectory.final.model, uncheckedTheta: trajectory.thetas[i])
        return PointObject(point, time: trajectory.times[i], loss: trajectory.losses[i], kl: trajectory.evidenceLosses[i])
    }

    package func render() throws -> [Output] {
        [.table(try table(TableOptions(every: max(1, (trajectory.count - 1) / 10)))!)]
    }

    package func table(_ options: TableOptions) throws -> Table? {
        try TrajectoryRows(trajectory, rows: Array(0..<trajectory.count)).table(options)
    }

    package func plot(_ options: PlotOptions) throws -> Plot? {
        let label = options.labels?.first ?? "evidence loss"
        return Plot(title: options.title, kind: .lines([Plot.Series(label: label, x: trajectory.times, y: trajectory.evidenceLosses)]),
                    logY: options.logY, xLabel: "t", yLabel: "D(p*_V ‖ p_V)")
    }
}

/// Selected rows of a trajectory, as `.every(k)` gives them.
package final class TrajectoryRows: EvidentObject {
    package let trajectory: Trajectory
    package let rows: [Int]
    package init(_ trajectory: Trajectory, rows: [Int]) {
        self.trajectory = trajectory
        self.rows = rows
    }

    package var typeName: String { "trajectory" }
    package var memberNames: [String] { ["t", "theta", "visible", "loss", "kl"] }

    package func member(_ name: String) throws -> Value? {
        switch name {
        case "t": return .vector(rows.map { trajectory.times[$0] })
        case "theta": return .matrix(rows.map { trajectory.thetas[$0] })
        case "visible": return .matrix(rows.map { trajectory.visibles[$0] })
        case "loss": return .vector(rows.map { trajectory.losses[$0] })
        case "kl": return .vector(rows.map { trajectory.evidenceLosses[$0] })
        default: return nil
        }
    }

    package func render() throws -> [Output] { [.table(try table(TableOptions())!)] }

    /// Columns t, θ1…θd, loss, kl; `columns:` selects and orders them.
    package func table(_ options: TableOptions) throws -> Table? {
        let d = trajectory.thetas.first?.count ?? 0
        let all = ["t"] + (1...max(d, 1)).prefix(d).map { "θ\($0)" } + ["loss", "kl"]
        let chosen = options.columns ?? all
        let indices = try chosen.map { name -> Int in
            guard let i = all.firstIndex(of: name) else {
                throw Diagnostic(.unknownMember, "a trajectory has no column '\(name)'; its columns are \(all.joined(separator: ", "))")
            }
            return i
        }
        let kept = options.keptRows(of: rows.count).map { rows[$0] }
        let body = kept.map { r -> [String] in
            let cells = [Table.cell(trajectory.times[r])] + trajectory.thetas[r].map(Table.cell)
                + [Table.cell(trajectory.losses[r]), Table.cell(trajectory.evidenceLosses[r])]
            return indices.map { cells[$0] }
        }
        return Table(title: options.title, columns: chosen, rows: body, indexColumns: chosen.first == "t" ? 1 : 0)
    }
}

/// `histogram(v, from:, to:, width:)`.
package final class HistogramObject: EvidentObject {
    package let histogram: Histogram
    package init(_ histogram: Histogram) { self.histogram = histogram }

    package var typeName: String { "histogram" }
    package var memberNames: [String] { ["edges", "count", "probability", "centers", "below", "above", "total"] }

    package func member(_ name: String) throws -> Value? {
        switch name {
        case "edges": return .vector(histogram.edges)
        case "count": return .vector(histogram.counts.map(Double.init))
        case "probability": return .vector(histogram.probabilities)
        case "centers": return .vector(histogram.centers)
        case "below": return .number(Double(histogram.below))
        case "above": return .number(Double(histogram.above))
        case "total": return .number(Double(histogram.total))
        default: return nil
        }
    }

    package func render() throws -> [Output] { [.plot(try plot(PlotOptions())!)] }

    package func table(_ options: TableOptions) throws -> Table? {
        let rows = histogram.counts.indices.map { i in
            ["[\(NumberFormat.shortest(histogram.edges[i])), \(NumberFormat.shortest(histogram.edges[i + 1])))",
             String(histogram.counts[i]), Table.cell(histogram.probabilities[i])]
        }
        return Table(title: options.title, columns: options.columns ?? ["bin", "count", "fraction"], rows: rows, indexColumns: 1)
    }

    package func plot(_ options: PlotOptions) throws -> Plot? {
        Plot(title: options.title, kind: .bars(edges: histogram.edges, values: histogram.probabilities),
             logY: options.logY, xLabel: nil, yLabel: "fraction")
    }
}

/// Operations one factorization of a model's n × d Jacobian may take
/// (n·d·min(n, d), the cost of its SVD): about a few seconds. A natural
/// gradient of a 4096-state model otherwise ran for minutes, and a
/// 16-million-state one would ask for 10^14 doubles.
package let maximumFactorizationWork = 2e10

/// A located error unless `model`'s Jacobian fits `Limits.maxElements` and its
/// factorization `maximumFactorizationWork`; `count` multiplies the work (the
/// points a sampler visits, the steps of a flow).
///
/// A family whose Jacobian products and joint natural gradient are closed
/// forms (the full simplex) forms no Jacobian for draws, gradients and
/// joint natural gradients: there only its `count` vectors of n entries
/// count against the limit, unless `dense` says the operation needs the
/// dense matrices anyway (Fisher matrices, cylindricity). Operations on
/// such a model that still need a dense matrix (the visible metric) stop
/// at `Point.maximumDenseEntries` with their own located error.
package func requireTractable(_ model: any Model, _ args: Arguments, _ context: CallContext, count: Int = 1, dense: Bool = false) throws {
    let n = model.space.jointCount, d = model.dimension
    if !dense && !model.usesDenseJacobianProducts {
        let entries = Double(n) * Double(max(count, 1))
        if entries > Double(context.limits.maxElements) {
            throw Diagnostic(.tooManyEntries, "\(args.callee) needs \(max(count, 1)) vector\(count > 1 ? "s" : "") of this model's \(n) states, "
                                + "\(Int(entries)) entries, more than the limit of \(context.limits.maxElements)", at: args.range)
        }
        return
    }
    let entries = Double(n) * Double(d)
    if entries > Double(context.limits.maxElements) {
        throw Diagnostic(.tooManyEntries, "\(args.callee) needs this model's \(n) × \(d) Jacobian, \(Int(entries)) entries, more than the limit of \(context.limits.maxElements)", at: args.range)
    }
    let work = entries * Double(min(n, d)) * Double(max(count, 1))
    if work > maximumFactorizationWork {
        throw Diagnostic(.tooManyEntries, "\(args.callee) would take about \(String(format: "%.1e", work)) operations on this \(n)-state, \(d)-parameter model, more than the limit of \(String(format: "%.0e", maximumFactorizationWork))", at: args.range)
    }
}
