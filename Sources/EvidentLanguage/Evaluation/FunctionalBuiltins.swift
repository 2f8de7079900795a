import Foundation

/// The built-ins that make the language one to compute in: the constants
/// `pi` and `e`, trigonometry and rounding, `format`, `range`, and the
/// functions that take functions (`iterate`, `fold`, `scan`, `filter`) or
/// pair lists (`zip`). Registered in `BuiltinRegistry.core`.
package enum FunctionalBuiltins {
    package static let all: [Builtin] = elementwise + strings + sequences

    /// Names that read as numbers; `let` may bind them anew.
    package static let constantNames = ["pi", "e"]

    package static func constant(_ name: String) -> Value? {
        switch name {
        case "pi": return .number(Double.pi)
        case "e": return .number(M_E)
        default: return nil
        }
    }

    package static let elementwise: [Builtin] = [
        CoreBuiltins.unary("sin", "the sine (radians), entry by entry") { Foundation.sin($0) },
        CoreBuiltins.unary("cos", "the cosine (radians), entry by entry") { Foundation.cos($0) },
        CoreBuiltins.unary("tan", "the tangent (radians), entry by entry") { Foundation.tan($0) },
        CoreBuiltins.unary("floor", "the largest whole number not above x, entry by entry") { $0.rounded(.down) },
        CoreBuiltins.unary("ceil", "the smallest whole number not below x, entry by entry") { $0.rounded(.up) },
        CoreBuiltins.unary("log2", "the base-2 logarithm, entry by entry", { Foundation.log2($0) }) {
            $0 <= 0 ? "log2 of a non-positive number (\(NumberFormat.shortest($0)))" : nil
        },
        CoreBuiltins.unary("log10", "the base-10 logarithm, entry by entry", { Foundation.log10($0) }) {
            $0 <= 0 ? "log10 of a non-positive number (\(NumberFormat.shortest($0)))" : nil
        },
        Builtin("atan2", parameters: [.positional("y", "number or vector"), .positional("x", "number or vector")],
                summary: "the angle of the point (x, y) in (−π, π], entry by entry") { args, _ in
            let y = try args.value(0), x = try args.value(1)
            switch (y, x) {
            case (.number(let a), .number(let b)):
                return .number(Foundation.atan2(a, b))
            default:
                guard let a = y.asVector ?? y.asNumber.map({ [$0] }) else { throw args.typeError(0, expected: "a number or vector") }
                guard let b = x.asVector ?? x.asNumber.map({ [$0] }) else { throw args.typeError(1, expected: "a number or vector") }
                let n = max(a.count, b.count)
                guard a.count == b.count || a.count == 1 || b.count == 1 else {
                    throw args.error(1, "atan2 needs vectors of equal length, got \(a.count) and \(b.count) entries", id: .shapeMismatch)
                }
                return .vector((0..<n).map { Foundation.atan2(a[a.count == 1 ? 0 : $0], b[b.count == 1 ? 0 : $0]) })
            }
        },
    ]

    package static let strings: [Builtin] = [
        Builtin("format", parameters: [.positional("x", "number or vector"), .positional("spec", "string")],
                summary: "x written with a printf-style format (%.3f, %.2e, %g, %d), as a string") { args, _ in
            let spec = try args.string(1)
            let format: NumberFormat
            do {
                format = try NumberFormat(spec)
            } catch let error as Diagnostic {
                throw args.error(1, error.message)
            }
            let value = try args.value(0)
            guard value.asNumber != nil || value.asVector != nil else { throw args.typeError(0, expected: "a number or vector") }
            do {
                return .string(try Interpreter.formatted(value.asNumber.map(Value.number) ?? .vector(value.asVector!), with: format))
            } catch let error as Diagnostic {
                throw args.error(0, error.message)
            }
        },
    ]

    package static let sequences: [Builtin] = [
        Builtin("range", parameters: [.positional("a", "whole number"), .positional("b", "whole number")],
                summary: "the whole numbers a, a + 1, …, b as a vector (empty when b < a)") { args, context in
            let a = try args.integer(0), b = try args.integer(1)
            guard b >= a else { return .vector([]) }
            try context.checkSize(b - a + 1)
            return .vector((a...b).map(Double.init))
        },
        Builtin("iterate", parameters: [.positional("x0", "any value"), .positional("n", "whole number"), .positional("f", "function x => …")],
                summary: "x0, f(x0), f(f(x0)), …: the n + 1 states of n steps") { args, context in
            let n = try args.integer(1)
            guard n >= 0 else { throw args.error(1, "iterate needs a number of steps ≥ 0, got \(n)") }
            let f = try function(args, 2, arity: 1, "x => …")
            try context.checkSize(n + 1)
            var states = [try args.value(0)]
            states.reserveCapacity(n + 1)
            let progress = ProgressCounter(label: "iterate", total: n, stride: 1, reportingTo: context.evaluator.progress)
            defer { progress.finish() }
            for step in 0..<n {
                let state = try inStep(step, of: n, "iterate") { try context.call(f, [states[step]]) }
                // The states are kept: counted against the document's entries as they are made.
                try context.spend(.entries, Evaluator.entries(in: state))
                states.append(state)
                progress.advance()
            }
            return Value.collection(states)
        },
        Builtin("fold", parameters: [.positional("list", "list, vector or matrix"), .positional("init", "any value"),
                                     .positional("f", "function (acc, x) => …")],
                summary: "the accumulator after f(acc, x) has taken every item in turn, starting from init") { args, context in
            let items = try args.items(0)
            let f = try function(args, 2, arity: 2, "(acc, x) => …")
            var acc = try args.value(1)
            for (i, item) in items.enumerated() {
                acc = try inStep(i, of: items.count, "fold") { try context.call(f, [acc, item]) }
            }
            return acc
        },
        Builtin("scan", parameters: [.positional("list", "list, vector or matrix"), .positional("init", "any value"),
                                     .positional("f", "function (acc, x) => …")],
                summary: "like fold, every accumulator after each item (as many as the items; init not included)") { args, context in
            let items = try args.items(0)
            let f = try function(args, 2, arity: 2, "(acc, x) => …")
            var acc = try args.value(1)
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                acc = try inStep(i, of: items.count, "scan") { try context.call(f, [acc, item]) }
                try context.spend(.entries, Evaluator.entries(in: acc))
                out.append(acc)
            }
            return Value.collection(out)
        },
        Builtin("filter", parameters: [.positional("list", "list, vector or matrix"), .positional("keep", "function x => boolean")],
                summary: "the items for which keep(x) is true, in order") { args, context in
            let value = try args.value(0)
            let items = try args.items(0)
            let f = try function(args, 1, arity: 1, "x => …")
            var kept: [Value] = []
            for (i, item) in items.enumerated() {
                let verdict = try inStep(i, of: items.count, "filter") { try context.call(f, [item]) }
                guard case .bool(let keep) = verdict else {
                    throw Diagnostic(.typeMismatch, "filter needs a function giving a boolean, got \(verdict.typeDescription) for item \(i + 1)",
                                        at: args.positional[1].range)
                }
                if keep { kept.append(item) }
            }
            switch value {
            case .vector: return .vector(kept.map { $0.asNumber! })
            case .booleans: return .booleans(kept.map { $0.asBool! })
            case .list: return .list(kept)
            default: return Value.collection(kept)
            }
        },
        Builtin("zip", parameters: [.positional("a", "list, vector or matrix"), .positional("b", "list, vector or matrix")],
                summary: "the pairs [a[i], b[i]]: a matrix of two columns for two vectors, a list of pairs otherwise") { args, _ in
            let a = try args.items(0), b = try args.items(1)
            guard a.count == b.count else {
                throw args.error(1, "zip needs equal lengths, got \(a.count) and \(b.count) items", id: .shapeMismatch)
            }
            return Value.collection(zip(a, b).map { Value.collection([$0, $1]) })
        },
    ]

    /// The function argument at `index`, checked to take `arity` arguments.
    private static func function(_ args: Arguments, _ index: Int, arity: Int, _ shape: String) throws -> Lambda {
        let f = try args.lambda(index)
        guard f.parameters.count == arity else {
            let count = ["none", "one", "two", "three"]
            let takes = f.parameters.count < count.count ? count[f.parameters.count] : "\(f.parameters.count)"
            throw args.error(index, "\(args.callee) needs a function of \(count[arity]) argument\(arity == 1 ? "" : "s") \(shape), got one of \(takes)",
                             id: .argumentCount)
        }
        return f
    }

    /// Runs one step, naming it in an error from inside (as `map` names its item).
    private static func inStep<T>(_ i: Int, of n: Int, _ callee: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as Diagnostic {
            if !error.isSilent, error.id != .recursionTooDeep { error.message += " (in \(callee), step \(i + 1) of \(n))" }
            throw error
        }
    }
}
