import InfoGeometry

/// Order statistics, spread, running sums and seeded random numbers
/// (LANGUAGE.md, "Values and statements"). `var` and `std` divide by n − 1
/// (R, Julia); `quantile` interpolates linearly between order statistics
/// (R's type 7, NumPy's default); positions are 1-based. The random numbers
/// are seeded as `jeffreys` and `dirichlet` are: draw i comes from stream i
/// of the seed's xoshiro256** generator, so it is the same on every machine
/// and does not depend on n.
package enum StatisticsBuiltins {
    package static let all: [Builtin] = [
        Builtin("median", parameters: [.positional("v", "vector")], summary: "the middle value (the mean of the two middle ones for an even count)") { args, _ in
            .number(quantile(try sorted(args), 0.5))
        },
        Builtin("quantile", parameters: [.positional("v", "vector"), .positional("q", "number or vector in [0, 1]")],
                summary: "the q-quantile, linear between order statistics (R type 7, NumPy's default); a vector q gives a vector") { args, _ in
            let s = try sorted(args)
            let value = try args.value(1)
            let qs: [Double]
            if case .number(let q) = value { qs = [q] } else if let v = value.asVector { qs = v } else {
                throw args.typeError(1, expected: "a number or a vector")
            }
            for q in qs where !(q >= 0 && q <= 1) {
                throw args.error(1, "quantile needs q in [0, 1], got \(NumberFormat.shortest(q))")
            }
            if case .number = value { return .number(quantile(s, qs[0])) }
            return .vector(qs.map { quantile(s, $0) })
        },
        Builtin("var", parameters: [.positional("v", "vector")], summary: "the sample variance Σ(x − mean)² / (n − 1)") { args, _ in
            .number(try variance(args))
        },
        Builtin("std", parameters: [.positional("v", "vector")], summary: "the sample standard deviation √var(v), dividing by n − 1") { args, _ in
            .number(try variance(args).squareRoot())
        },
        Builtin("sort", parameters: [.positional("v", "vector or list of strings")], summary: "the entries in ascending order") { args, _ in
            if let strings = try args.value(0).asStrings, case .list = try args.value(0) { return .list(strings.sorted().map(Value.string)) }
            let v = try args.vector(0)
            if v.contains(where: \.isNaN) { throw args.error(0, "sort of a vector holding NaN") }
            return .vector(v.sorted())
        },
        Builtin("cumsum", parameters: [.positional("v", "vector")], summary: "the running sums v₁, v₁ + v₂, …") { args, _ in
            var total = 0.0
            return .vector(try args.vector(0).map { total += $0; return total })
        },
        Builtin("diff", parameters: [.positional("v", "vector")], summary: "the differences v₂ − v₁, v₃ − v₂, … (one entry fewer)") { args, _ in
            let v = try args.vector(0)
            guard !v.isEmpty else { throw args.error(0, "diff of an empty vector") }
            return .vector(zip(v.dropFirst(), v).map { $0 - $1 })
        },
        Builtin("argmin", parameters: [.positional("v", "vector")], summary: "the position (1-based) of the smallest entry, the first if tied") { args, _ in
            .number(Double(try position(args, <) + 1))
        },
        Builtin("argmax", parameters: [.positional("v", "vector")], summary: "the position (1-based) of the largest entry, the first if tied") { args, _ in
            .number(Double(try position(args, >) + 1))
        },
        Builtin("normal", parameters: [.named("n", "whole number", required: true), .named("seed", "whole number", required: true),
                                       .named("mean", "number"), .named("sd", "positive number")],
                summary: "n draws from the normal law N(mean, sd²) (default 0, 1), deterministic for a seed") { args, context in
            let n = try count(args, context), seed = try seedArgument(args)
            let mean = try args.number("mean", default: 0), sd = try args.number("sd", default: 1)
            guard sd > 0, sd.isFinite else { throw args.error("sd", "sd: needs a positive number, got \(NumberFormat.shortest(sd))") }
            return .vector(try geometry(args) { try InfoGeometry.normal(count: n, seed: seed, mean: mean, standardDeviation: sd) })
        },
        Builtin("uniform", parameters: [.named("n", "whole number", required: true), .named("seed", "whole number", required: true),
                                        .named("from", "number"), .named("to", "number")],
                summary: "n draws uniform on (from, to) (default (0, 1)), deterministic for a seed") { args, context in
            let n = try count(args, context), seed = try seedArgument(args)
            let from = try args.number("from", default: 0), to = try args.number("to", default: 1)
            guard from < to else { throw args.error("to", "uniform needs from < to, got \(NumberFormat.shortest(from)) and \(NumberFormat.shortest(to))") }
            return .vector(SeededGenerator.draws(count: n, seed: seed) { from + (to - from) * $0.nextUniform() })
        },
        Builtin("categorical", parameters: [.positional("p", "probability vector"), .named("n", "whole number", required: true),
                                            .named("seed", "whole number", required: true)],
                summary: "n states (1 … len(p)) drawn with probabilities p, deterministic for a seed") { args, context in
            let p: [Double]
            do {
                p = try Probability.typed(try args.vector(0), what: "the probability vector")
            } catch let error as GeometryError {
                throw args.error(0, error.description, id: error.diagnosticID)
            }
            let n = try count(args, context), seed = try seedArgument(args)
            var cumulative: [Double] = []
            var total = 0.0
            for x in p { total += x; cumulative.append(total) }
            return .vector(SeededGenerator.draws(count: n, seed: seed) { generator in
                let u = generator.nextUniform() * total
                let state = cumulative.firstIndex { u < $0 } ?? (p.lastIndex { $0 > 0 } ?? p.count - 1)
                return Double(state + 1)
            })
        },
        Builtin("normalize", parameters: [.positional("v", "non-negative vector")], summary: "v divided by its sum: a probability vector") { args, _ in
            let v = try args.vector(0)
            guard !v.isEmpty else { throw args.error(0, "normalize of an empty vector") }
            if let i = v.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
                throw args.error(0, "normalize needs finite entries ≥ 0; entry \(i + 1) is \(NumberFormat.shortest(v[i]))")
            }
            let total = v.reduce(0, +)
            guard total > 0 else { throw args.error(0, "normalize needs a positive sum, got 0") }
            return .vector(v.map { $0 / total })
        },
    ]

    // MARK: Helpers

    private static func sorted(_ args: Arguments) throws -> [Double] {
        let v = try args.vector(0)
        guard !v.isEmpty else { throw args.error(0, "\(args.callee) of an empty vector") }
        if v.contains(where: \.isNaN) { throw args.error(0, "\(args.callee) of a vector holding NaN") }
        return v.sorted()
    }

    /// Type 7: h = (n − 1) q, then x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋), 0-based.
    private static func quantile(_ s: [Double], _ q: Double) -> Double {
        let h = Double(s.count - 1) * q
        let lower = Int(h.rounded(.down))
        guard lower + 1 < s.count else { return s[s.count - 1] }
        let fraction = h - Double(lower)
        return fraction == 0 ? s[lower] : s[lower] + fraction * (s[lower + 1] - s[lower])
    }

    private static func variance(_ args: Arguments) throws -> Double {
        let v = try args.vector(0)
        guard v.count >= 2 else { throw args.error(0, "\(args.callee) needs at least 2 entries (it divides by n − 1), got \(v.count)") }
        let mean = v.reduce(0, +) / Double(v.count)
        return v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
    }

    private static func position(_ args: Arguments, _ better: (Double, Double) -> Bool) throws -> Int {
        let v = try args.vector(0)
        guard !v.isEmpty else { throw args.error(0, "\(args.callee) of an empty vector") }
        if let i = v.firstIndex(where: \.isNaN) { throw args.error(0, "\(args.callee) of a vector holding NaN (entry \(i + 1))") }
        var best = 0
        for i in v.indices.dropFirst() where better(v[i], v[best]) { best = i }
        return best
    }

    private static func count(_ args: Arguments, _ context: CallContext) throws -> Int {
        let n = try args.required("n") { try args.integer($0) }
        guard n >= 0 else { throw args.error("n", "n must be ≥ 0, got \(n)") }
        try context.checkSize(n)
        return n
    }
}
