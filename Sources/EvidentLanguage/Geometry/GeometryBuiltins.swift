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
                summary: "the objective's value at a point", kernel: Kernel(items: [.point("at", tractable: false)]) { args, items in
            let o = try objective(args), at = try items.points("at")
            return .numbers { i in try o.value(at: at[i]) }
        }),
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
            throw Diagnostic(.missingArgument, "\(args.callee) needs the argument '\(name):' (a point)", at: args.range)
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
                summary: "the Euclidean gradient ∇_θ f as a tangent vector", kernel: Kernel(items: [.point("at", tractable: true)]) { args, items in
            let o = try objective(args), at = try items.points("at")
            return .tangents { i in try o.gradient(at: at[i]) }
        }),
        Builtin("natgrad", parameters: [.positional("o", "objective"), .named("at", "point", required: true),
                                        .named("metric", "\"joint\" or \"visible\"")],
                summary: "the natural gradient G⁺∇f (joint metric) or G_V⁺∇f (visible)",
                kernel: Kernel(items: [.point("at", tractable: true)]) { args, items in
            let o = try objective(args), at = try items.points("at"), m = try metric(args, default: .joint)
            // Points of one model (a sample): the target resolved once for all
            // of them, the coordinates written into one flat array; kept for a
            // later map over the same items asking for the same natural
            // gradient (experiment 3's two maps per target share G_V⁺∇L).
            return .tangents({ i in try o.naturalGradient(at: at[i], metric: m) }, all: { map in
                try o.naturalGradients(at: at, metric: m, map: map).map { TangentColumn(points: at, dimension: at[0].model.dimension, thetas: $0) }
            }, kept: NaturalGradientKey(objective: o, metric: m))
        }),
        Builtin("norm", parameters: [.positional("x", "vector or tangent"), .named("metric", "\"joint\" or \"visible\"")],
                summary: "the Euclidean norm of a vector; the Fisher norm of a tangent (joint metric unless told)",
                kernel: Kernel(items: [.tangent(0)]) { args, items in
            let t = try items.tangents(0), m = try metric(args, default: .joint)
            return .numbers { i in try t.tangent(i).norm(metric: m) }
        }, otherwise: { args, _ in
            if args.has("metric") { throw args.error("metric", "metric: applies to tangent vectors, not to plain vectors") }
            guard let v = try args.value(0).asVector else { throw args.typeError(0, expected: "a vector or a tangent") }
            return .number(v.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }),
        Builtin("cosine", parameters: [.positional("a", "tangent"), .positional("b", "tangent"), .named("metric", "\"joint\" or \"visible\"")],
                summary: "the cosine of two tangents at one point in a Fisher metric (visible unless told)",
                kernel: Kernel(items: [.tangent(0), .tangent(1)]) { args, items in
            let a = try items.tangents(0), b = try items.tangents(1), m = try metric(args, default: .visible)
            return .numbers { i in
                try a.withTangent(i) { u, p in
                    try b.withTangent(i) { v, q in
                        // Tangents at two points: `cosine` says so (or takes them for one).
                        guard p === q else { return try a.tangent(i).cosine(b.tangent(i), metric: m) }
                        return try Tangent.cosine(u, v, at: p, metric: m)
                    }
                }
            }
        }),
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
