import InfoGeometry

extension BuiltinRegistry {
    /// The whole language: the core built-ins and the geometry ones.
    public static let evident = BuiltinRegistry.core.adding(GeometryBuiltins.all)
}

/// Built-ins backed by InfoGeometry (LANGUAGE.md, "Built-ins").
package enum GeometryBuiltins {
    package static let all = models + objectives + tangents + flows + sampling

    // MARK: Models

    package static let models: [Builtin] = [
        Builtin("full", parameters: [.named("hidden", "list of strings", required: true), .named("visible", "list of strings", required: true)],
                summary: "the whole open simplex; θ = the probabilities of the first n−1 joint states") { args, _ in
            .object(ModelObject(FullSimplex(space: try space(args))))
        },
        Builtin("independence", parameters: [.named("hidden", "list of strings", required: true), .named("visible", "list of strings", required: true)],
                summary: "one categorical per variable; θ per variable in listed order, probabilities of states 0…k−2") { args, _ in
            let s = try space(args)
            return .object(ModelObject(try geometry(args) { try BayesianNetwork.independence(space: s) }))
        },
        Builtin("bayesnet", parameters: [.positional("edges", "string"), .named("hidden", "list of strings", required: true),
                                         .named("visible", "list of strings", required: true)],
                summary: "a Bayesian network from edges \"x -> y, x -> z\"; CPT parameters per variable, per parent configuration") { args, _ in
            let s = try space(args)
            let text = try args.string(0)
            let edges = try geometry(args) { try BayesianNetwork.parseEdges(text) }
            do {
                return .object(ModelObject(try BayesianNetwork(space: s, edges: edges)))
            } catch let error as GeometryError {
                throw args.error(0, error.description)
            }
        },
        Builtin("rbm", parameters: [.named("hidden", "number", required: true), .named("visible", "number", required: true)],
                summary: "a binary restricted Boltzmann machine h1…hN, v1…vM; θ = visible biases, hidden biases, weights by hidden unit") { args, _ in
            let h = try args.integer("hidden")!, v = try args.integer("visible")!
            return .object(ModelObject(try geometry(args) { try LogLinearModel.rbm(hidden: h, visible: v) }))
        },
        Builtin("loglinear", parameters: [.positional("T", "matrix"), .named("hidden", "list of strings", required: true),
                                          .named("visible", "list of strings", required: true)],
                summary: "the exponential family p ∝ exp(T θ) with a sufficient-statistics matrix T (a row per joint state)") { args, _ in
            let s = try space(args)
            let t = try args.matrix(0)
            do {
                return .object(ModelObject(try LogLinearModel(space: s, statistics: Matrix(rowArrays: t))))
            } catch let error as GeometryError {
                throw args.error(0, error.description)
            }
        },
    ]

    package static func space(_ args: Arguments) throws -> StateSpace {
        let hidden = try args.strings("hidden") ?? [], visible = try args.strings("visible") ?? []
        do {
            return try StateSpace(hidden: hidden, visible: visible)
        } catch let error as GeometryError {
            throw args.error(visible.isEmpty ? "visible" : "hidden", error.description)
        }
    }

    // MARK: Objectives

    package static let objectives: [Builtin] = [
        Builtin("evidence", parameters: [.positional("T", "point or vector")],
                summary: "the evidence loss L = D(T_V ‖ p_V)") { args, _ in
            .object(ObjectiveObject(.evidence(try target(args))))
        },
        Builtin("elbo", parameters: [.positional("T", "point or vector"), .named("q", "\"posterior\", \"target\" or a point", required: true)],
                summary: "the ELBO loss F_q = D(T_V ⊗ q ‖ p)") { args, _ in
            .object(ObjectiveObject(.elbo(try target(args), q: try recognition(args))))
        },
        Builtin("gap", parameters: [.positional("T", "point or vector"), .named("q", "\"posterior\", \"target\" or a point", required: true)],
                summary: "the gap F_q − L between ELBO loss and evidence loss") { args, _ in
            .object(ObjectiveObject(.gap(try target(args), q: try recognition(args))))
        },
        Builtin("value", parameters: [.positional("o", "objective"), .named("at", "point", required: true)],
                summary: "the objective's value at a point") { args, _ in
            let o = try objective(args), p = try point(args, "at")
            return .number(try geometry(args) { try o.value(at: p) })
        }.batched { args, context in
            guard args.isUniform(0), let points = try points(args, "at", context, tractable: false) else { return nil }
            let o = try objective(args.first)
            return .numbers(try context.map(args.count) { i in try o.value(at: points[i]) })
        },
        Builtin("kl", parameters: [.positional("p", "vector"), .positional("q", "vector")],
                summary: "the Kullback–Leibler divergence D(p ‖ q) of two probability vectors (0 log 0 = 0)") { args, _ in
            var p = try args.vector(0), q = try args.vector(1)
            guard p.count == q.count else { throw args.error(1, "kl needs vectors of equal length, got \(p.count) and \(q.count)") }
            try geometry(args) {
                p = try Probability.typed(p, what: "the first distribution")
                q = try Probability.typed(q, what: "the second distribution")
            }
            return .number(try geometry(args) { try Probability.klDivergence(p, q) })
        },
        Builtin("entropy", parameters: [.positional("p", "vector")], summary: "the Shannon entropy −Σ p log p (natural log)") { args, _ in
            var p = try args.vector(0)
            try geometry(args) { p = try Probability.typed(p, what: "the distribution") }
            return .number(Probability.entropy(p))
        },
    ]

    package static func target(_ args: Arguments) throws -> Target {
        let v = try args.value(0)
        if let p = v.asObject as? PointObject { return .point(p.point) }
        if let vector = v.asVector, !vector.isEmpty { return .vector(vector) }
        throw args.typeError(0, expected: "a target (a point, or a vector over the joint or the visible states)")
    }

    package static func recognition(_ args: Arguments) throws -> Recognition {
        guard let q = args.value("q") else { return .posterior }
        if let p = q.asObject as? PointObject { return .point(p.point) }
        switch q.asString {
        case "posterior": return .posterior
        case "target": return .target
        case let s?: throw args.error("q", "q is \"posterior\", \"target\" or a point, got \"\(s)\"")
        case nil: throw args.error("q", "q is \"posterior\", \"target\" or a point, got \(q.typeDescription)")
        }
    }

    package static func objective(_ args: Arguments) throws -> Objective {
        try args.object(0, as: ObjectiveObject.self, typeName: "objective").objective
    }

    package static func point(_ args: Arguments, _ name: String) throws -> Point {
        guard let p = try args.object(name, as: PointObject.self, typeName: "point") else {
            throw LanguageError(.missingArgument, "\(args.callee) needs the argument '\(name):' (a point)", at: args.range)
        }
        return p.point
    }

    package static func metric(_ args: Arguments, default fallback: Metric) throws -> Metric {
        guard let text = try args.string("metric") else { return fallback }
        guard let m = Metric(rawValue: text) else { throw args.error("metric", "metric is \"joint\" or \"visible\", got \"\(text)\"") }
        return m
    }

    // MARK: Tangents and geometry

    package static let tangents: [Builtin] = [
        Builtin("grad", parameters: [.positional("o", "objective"), .named("at", "point", required: true)],
                summary: "the Euclidean gradient ∇_θ f as a tangent vector") { args, context in
            let o = try objective(args), p = try point(args, "at")
            try requireTractable(p.model, args, context)
            return .object(TangentObject(try geometry(args) { try o.gradient(at: p) }))
        }.batched { args, context in
            guard args.isUniform(0), let points = try points(args, "at", context) else { return nil }
            let o = try objective(args.first)
            return TangentColumn(try context.map(args.count) { i in try o.gradient(at: points[i]) }).map(Column.native)
        },
        Builtin("natgrad", parameters: [.positional("o", "objective"), .named("at", "point", required: true),
                                        .named("metric", "\"joint\" or \"visible\"")],
                summary: "the natural gradient G⁺∇f (joint metric) or G_V⁺∇f (visible)") { args, context in
            let o = try objective(args), p = try point(args, "at"), m = try metric(args, default: .joint)
            try requireTractable(p.model, args, context)
            return .object(TangentObject(try geometry(args) { try o.naturalGradient(at: p, metric: m) }))
        }.batched { args, context in
            guard args.isUniform(0), args.isUniform("metric"), let points = try points(args, "at", context) else { return nil }
            let o = try objective(args.first), m = try metric(args.first, default: .joint)
            func column() throws -> Column? {
                // Points of one model (a sample): the target resolved once for all
                // of them, the coordinates written into one flat array.
                if let thetas = try o.naturalGradients(at: points, metric: m, map: { _ = try context.map($0, $1) }) {
                    return .native(TangentColumn(points: points, dimension: points[0].model.dimension, thetas: thetas))
                }
                return TangentColumn(try context.map(args.count) { i in try o.naturalGradient(at: points[i], metric: m) }).map(Column.native)
            }
            // Over a map's own items, the column is kept for every later map
            // over the same list asking for the same natural gradient
            // (experiment 3's two maps per target share G_V⁺∇L). The key holds
            // the objective, so the points its identity names stay alive.
            guard case .items(let items) = args.column("at") else { return try column() }
            var computed = false
            let kept = try items.derived(key: NaturalGradientKey(objective: o, metric: m)) { _ in
                computed = true
                return CachedColumn(column: try column())
            }
            // A kept column counts its items as done, as computing it would.
            if !computed, kept.column != nil { context.progress.advance(by: args.count) }
            return kept.column
        },
        Builtin("norm", parameters: [.positional("x", "vector or tangent"), .named("metric", "\"joint\" or \"visible\"")],
                summary: "the Euclidean norm of a vector; the Fisher norm of a tangent (joint metric unless told)") { args, _ in
            if let t = try args.value(0).asObject as? TangentObject {
                let m = try metric(args, default: .joint)
                return .number(try geometry(args) { try t.tangent.norm(metric: m) })
            }
            if args.has("metric") { throw args.error("metric", "metric: applies to tangent vectors, not to plain vectors") }
            guard let v = try args.value(0).asVector else { throw args.typeError(0, expected: "a vector or a tangent") }
            return .number(v.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }.batched { args, context in
            guard args.isUniform("metric"), case .column(let tangents)? = tangents(args.column(0)!) else { return nil }
            let m = try metric(args.first, default: .joint)
            return .numbers(try context.map(args.count) { i in try tangents.tangent(i).norm(metric: m) })
        },
        Builtin("cosine", parameters: [.positional("a", "tangent"), .positional("b", "tangent"), .named("metric", "\"joint\" or \"visible\"")],
                summary: "the cosine of two tangents at one point in a Fisher metric (visible unless told)") { args, _ in
            let a = try args.object(0, as: TangentObject.self, typeName: "tangent")
            let b = try args.object(1, as: TangentObject.self, typeName: "tangent")
            let m = try metric(args, default: .visible)
            return .number(try geometry(args) { try a.tangent.cosine(b.tangent, metric: m) })
        }.batched { args, context in
            guard args.isUniform("metric"), let a = tangents(args.column(0)!), let b = tangents(args.column(1)!) else { return nil }
            let m = try metric(args.first, default: .visible)
            return .numbers(try cosines(a, b, metric: m, count: args.count, context))
        },
        Builtin("fisher", parameters: [.positional("p", "point"), .named("metric", "\"joint\" or \"visible\"")],
                summary: "the Fisher matrix G (or G_V) at a point; rows index with [i][j]") { args, context in
            let p = try args.object(0, as: PointObject.self, typeName: "point").point, m = try metric(args, default: .joint)
            try requireTractable(p.model, args, context, dense: true)
            return .matrix(try geometry(args) { try p.fisher(metric: m) }.rowArrays)
        },
        Builtin("cylindricity", parameters: [.positional("m", "model"), .named("at", "point", required: true)],
                summary: "{dim, horizontal, vertical, defect}: dims of T, T∩H, T∩V and the splitting defect") { args, context in
            let m = try args.object(0, as: ModelObject.self, typeName: "model").model, p = try point(args, "at")
            try requireTractable(m, args, context, dense: true)
            guard p.model === m else { throw args.error("at", "the point belongs to another model") }
            let c = try geometry(args) { try p.cylindricity() }
            return .record(Record([("dim", .number(Double(c.dimension))), ("horizontal", .number(Double(c.horizontal))),
                                   ("vertical", .number(Double(c.vertical))), ("defect", .number(c.defect))]))
        },
    ]

    /// A natural gradient over a map's items: the objective's identity and
    /// the metric (the objective itself is kept, for the points it names).
    package struct NaturalGradientKey: Hashable {
        package let objective: Objective
        package let metric: Metric
        package static func == (a: Self, b: Self) -> Bool { a.objective.identity == b.objective.identity && a.metric == b.metric }
        package func hash(into hasher: inout Hasher) {
            hasher.combine(objective.identity)
            hasher.combine(metric)
        }
    }

    /// A column kept among a map's derived values.
    package struct CachedColumn {
        package let column: Column?
    }

    /// The points of a batched argument, each model checked as the per-item
    /// call checks it; nil when some item is not a point.
    package static func points(_ args: BatchArguments, _ name: String, _ context: BatchContext, tractable: Bool = true) throws -> [Point]? {
        guard let column = args.column(name) else { return nil }
        // The map's own items: their points found once for every call that takes them.
        let sample: SamplePoints? = if case .items(let items) = column {
            items.derived { SamplePoints($0, threads: context.call.limits.threads) }
        } else {
            SamplePoints((0..<args.count).map { column.value(at: $0) }, threads: context.call.limits.threads)
        }
        guard let sample else { return nil }
        if tractable {
            for model in sample.models { try requireTractable(model, args.first, context.call) }
        }
        return sample.points
    }

    /// The points of a list of values and their distinct models; nil when
    /// some value is not a point.
    package struct SamplePoints {
        package let points: [Point]
        package let models: [any Model]

        package init(points: [Point], models: [any Model]) {
            self.points = points
            self.models = models
        }

        /// The values' points, found on `threads` threads: a sample's
        /// values and points are 100,000 objects scattered in memory, and one
        /// thread reading them kept the other waiting.
        package init?(_ values: [Value], threads: Int = Parallel.defaultThreads) {
            struct NotAPoint: Error {}
            let points: [Point]
            do {
                points = try values.withUnsafeBufferPointer { values in
                    try Parallel.map(count: values.count, threads: threads) { i in
                        guard case .object(let object) = values[i], let p = object as? PointObject else { throw NotAPoint() }
                        return p.point
                    }
                }
            } catch {
                return nil
            }
            // The distinct models in order of first appearance, per chunk and
            // then merged. A sample's points share one model: each point is
            // compared with the last one's model by identity.
            let chunkSize = 4096
            let chunks = (points.count + chunkSize - 1) / chunkSize
            let found = (try? points.withUnsafeBufferPointer { points in
                try Parallel.map(count: chunks, threads: threads) { c -> [any Model] in
                    var models: [any Model] = []
                    var last: ObjectIdentifier?
                    for i in (c * chunkSize)..<min(points.count, (c + 1) * chunkSize) {
                        let model = ObjectIdentifier(points[i].model)
                        if model != last {
                            if !models.contains(where: { ObjectIdentifier($0) == model }) { models.append(points[i].model) }
                            last = model
                        }
                    }
                    return models
                }
            }) ?? []
            var models: [any Model] = []
            for model in found.joined() where !models.contains(where: { $0 === model }) { models.append(model) }
            self.points = points
            self.models = models
        }
    }

    /// The tangents of a batched argument, without boxing them; nil when some
    /// item is not a tangent.
    package static func tangents(_ column: Column) -> TangentSource? {
        switch column {
        case .native(let native as TangentColumn): return .column(native)
        case .uniform(let value):
            guard let t = value.asObject as? TangentObject else { return nil }
            return .uniform(t.tangent)
        default:
            return nil
        }
    }

    package enum TangentSource {
        case uniform(Tangent)
        case column(TangentColumn)

        package func tangent(_ i: Int) -> Tangent {
            switch self {
            case .uniform(let t): return t
            case .column(let c): return c.tangent(i)
            }
        }
    }

    /// cosine(a[i], b[i]) for every item; on flat columns of tangents at the
    /// same points, without building a `Tangent` per item.
    package static func cosines(_ a: TangentSource, _ b: TangentSource, metric m: Metric, count: Int, _ context: BatchContext) throws -> [Double] {
        guard case .column(let a) = a, case .column(let b) = b, a.dimension == b.dimension else {
            return try context.map(count) { i in try a.tangent(i).cosine(b.tangent(i), metric: m) }
        }
        let d = a.dimension
        // Everything the threads share is read through pointers: a shared
        // array copied per item would have them contend for its reference count.
        return try a.thetas.withUnsafeBufferPointer { u in
            try b.thetas.withUnsafeBufferPointer { v in
                try a.points.withUnsafeBufferPointer { pa in
                    try b.points.withUnsafeBufferPointer { pb in
                        try context.map(count) { i in
                            // Tangents at different points: `cosine` says so.
                            guard pa[i] === pb[i] else { return try a.tangent(i).cosine(b.tangent(i), metric: m) }
                            // The point borrowed, not retained (twice a point and cosine otherwise).
                            return try Unmanaged.passUnretained(pa[i])._withUnsafeGuaranteedRef { point in
                                try Tangent.cosine(UnsafeBufferPointer(rebasing: u[(i * d)..<((i + 1) * d)]),
                                                   UnsafeBufferPointer(rebasing: v[(i * d)..<((i + 1) * d)]), at: point, metric: m)
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Flows

    package static let flows: [Builtin] = [
        Builtin("flow", parameters: [.positional("o", "objective"), .named("from", "point", required: true), .named("T", "number"),
                                     .named("dt", "number"), .named("method", "\"euler\" or \"rk4\""), .named("metric", "\"joint\" or \"visible\"")],
                summary: "the natural-gradient flow θ̇ = −G⁺∇f from a point: the start plus round(T/dt) steps") { args, context in
            let o = try objective(args), start = try point(args, "from")
            let duration = try args.number("T", default: 5), step = try args.number("dt", default: 0.01)
            // Beyond maximumFlowSteps (or with a bad T or dt) `flow` itself says what is wrong.
            let steps = (duration / step).rounded()
            if steps.isFinite, steps >= 0, steps <= Double(maximumFlowSteps) {
                try requireTractable(start.model, args, context, count: Int(steps))
                try context.spend(.flowSteps, Int(steps))
            }
            let methodName = try args.string("method", default: "euler")
            guard let method = FlowMethod(rawValue: methodName) else {
                throw args.error("method", "method is \"euler\" or \"rk4\", got \"\(methodName)\"")
            }
            let m = try metric(args, default: .joint)
            return .object(TrajectoryObject(try geometry(args) {
                try flow(o, from: start, duration: duration, step: step, method: method, metric: m, checkpoint: context.checkBudgets)
            }))
        },
    ]

    // MARK: Sampling and statistics

    package static let sampling: [Builtin] = [
        Builtin("jeffreys", parameters: [.positional("m", "model"), .named("n", "number", required: true), .named("seed", "number", required: true),
                                         .named("margin", "number")],
                summary: "n points from the model's Jeffreys prior, deterministic for a seed") { args, context in
            let m = try args.object(0, as: ModelObject.self, typeName: "model").model
            let n = try args.integer("n")!, seed = try seedArgument(args), margin = try args.number("margin", default: Jeffreys.defaultMargin(m))
            guard n >= 0 else { throw args.error("n", "n must be ≥ 0, got \(n)") }
            // Each point keeps θ, p and p_V.
            let perPoint = m.dimension + m.space.jointCount + m.space.visibleCount
            try context.checkSize(n > context.limits.maxElements ? n : n * perPoint)
            try requireTractable(m, args, context, count: n)
            let thetas = try geometry(args) { try m.jeffreys(count: n, seed: seed, margin: margin) }
            // Each point computes its distributions, and is boxed as a value,
            // on its own thread; the points are kept beside the values for the
            // maps that will take the sample (they need not find them again).
            var values: [Value] = []
            let points = try [Point](unsafeUninitializedCapacity: thetas.count) { points, initialized in
                // Making a point cannot fail, so every slot is written (were
                // `map` to throw, the points written would only be leaked).
                values = try Parallel.map(count: thetas.count, threads: context.limits.threads) { i -> Value in
                    let point = Point(model: m, uncheckedTheta: thetas[i])
                    (points.baseAddress! + i).initialize(to: point)
                    return .object(PointObject(point))
                }
                initialized = thetas.count
            }
            context.registerMapItems(values, derived: SamplePoints(points: points, models: [m]) as SamplePoints?)
            return .list(values)
        },
        Builtin("dirichlet", parameters: [.positional("alpha", "vector"), .named("n", "number", required: true), .named("seed", "number", required: true),
                                          .named("margin", "number")],
                summary: "n probability vectors from Dirichlet(α), deterministic for a seed") { args, context in
            let alpha = try args.vector(0), n = try args.integer("n")!, seed = try seedArgument(args)
            let margin = try args.number("margin", default: 0)
            guard n >= 0 else { throw args.error("n", "n must be ≥ 0, got \(n)") }
            try context.checkSize(n * max(1, alpha.count))
            return .list(try geometry(args) { try dirichlet(alpha, count: n, seed: seed, margin: margin) }.map(Value.vector))
        },
        Builtin("histogram", parameters: [.positional("v", "vector"), .named("from", "number"), .named("to", "number"), .named("width", "number")],
                summary: "fixed-width bins over [from, to]: .edges, .count, .probability (fractions of all values)") { args, _ in
            let v = try args.vector(0)
            let from = try args.number("from", default: -1), to = try args.number("to", default: 1), width = try args.number("width", default: 0.1)
            return .object(HistogramObject(try geometry(args) { try Histogram(values: v, from: from, to: to, width: width) }))
        },
    ]
}
