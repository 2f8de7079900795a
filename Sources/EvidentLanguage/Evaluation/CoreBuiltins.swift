import Foundation
import InfoGeometry

extension BuiltinRegistry {
    /// The generic built-ins: statistics over vectors, elementwise functions,
    /// boolean counting, `map`, `maxdiff`, and the `table`/`plot` renderers.
    /// Domain layers extend it with `BuiltinRegistry.core.adding(…)`.
    public static let core = BuiltinRegistry(CoreBuiltins.statistics + CoreBuiltins.elementwise
                                             + CoreBuiltins.collections + CoreBuiltins.rendering
                                             + LinearAlgebraBuiltins.all + StatisticsBuiltins.all + DataBuiltins.all
                                             + FunctionalBuiltins.all)
}

/// The definitions behind `BuiltinRegistry.core`.
package enum CoreBuiltins {
    package static let statistics: [Builtin] = [
        Builtin("mean", parameters: [.positional("x", "vector")], summary: "the arithmetic mean of the entries") { args, _ in
            let v = try nonEmpty(args, "mean")
            return .number(v.reduce(0, +) / Double(v.count))
        },
        Builtin("sum", parameters: [.positional("x", "vector")], summary: "the sum of the entries (0 for an empty vector)") { args, _ in
            .number(try args.vector(0).reduce(0, +))
        },
        Builtin("min", parameters: [.positional("x", "vector or number"), .variadic("more", "number", optional: true)],
                summary: "the smallest entry of a vector, or the smallest of several numbers") { args, _ in
            .number(try extremum(args, "min", <))
        },
        Builtin("max", parameters: [.positional("x", "vector or number"), .variadic("more", "number", optional: true)],
                summary: "the largest entry of a vector, or the largest of several numbers") { args, _ in
            .number(try extremum(args, "max", >))
        },
        Builtin("maxdiff", parameters: [.positional("A", "vector or matrix"), .positional("B", "vector or matrix")],
                summary: "max |A − B| over two vectors or matrices of the same shape") { args, _ in
            let a = try args.value(0), b = try args.value(1)
            let (x, y): ([Double], [Double])
            if let v = a.asVector, let w = b.asVector {
                guard v.count == w.count else {
                    throw args.error(1, "maxdiff needs equal lengths, got \(v.count) and \(w.count) entries")
                }
                (x, y) = (v, w)
            } else if let m = a.asMatrix, let n = b.asMatrix {
                guard m.count == n.count, m.first?.count == n.first?.count else {
                    throw args.error(1, "maxdiff needs equal shapes, got \(m.count)×\(m.first?.count ?? 0) and \(n.count)×\(n.first?.count ?? 0)")
                }
                (x, y) = (m.flatMap { $0 }, n.flatMap { $0 })
            } else {
                throw Diagnostic(.typeMismatch, "maxdiff needs two vectors or two matrices, got \(a.typeDescription) and \(b.typeDescription)", at: args.range)
            }
            guard !x.isEmpty else { throw Diagnostic(.invalidArgument, "maxdiff of empty vectors", at: args.range) }
            var worst = 0.0
            for (p, q) in zip(x, y) {
                let d = abs(p - q)
                if d.isNaN { return .number(.nan) }
                worst = max(worst, d)
            }
            return .number(worst)
        },
        Builtin("count", parameters: [.positional("b", "boolean vector")], summary: "how many entries are true, e.g. count(v > 0)") { args, _ in
            .number(Double(trueCount(try args.booleans(0))))
        },
        Builtin("fraction", parameters: [.positional("b", "boolean vector")], summary: "the share of true entries, e.g. fraction(c > 0.9)") { args, _ in
            let b = try args.booleans(0)
            guard !b.isEmpty else { throw args.error(0, "fraction of an empty boolean vector") }
            return .number(Double(trueCount(b)) / Double(b.count))
        },
        Builtin("all", parameters: [.positional("b", "boolean vector")], summary: "true iff every entry is true") { args, _ in
            .bool(try args.booleans(0).allSatisfy { $0 })
        },
        Builtin("any", parameters: [.positional("b", "boolean vector")], summary: "true iff some entry is true") { args, _ in
            .bool(try args.booleans(0).contains(true))
        },
    ]

    package static let elementwise: [Builtin] = [
        unary("abs", "the absolute value, entry by entry") { Swift.abs($0) },
        unary("sqrt", "the square root, entry by entry", { Foundation.sqrt($0) }) { $0 < 0 ? "sqrt of a negative number (\(NumberFormat.shortest($0)))" : nil },
        unary("log", "the natural logarithm, entry by entry", { Foundation.log($0) }) { $0 <= 0 ? "log of a non-positive number (\(NumberFormat.shortest($0)))" : nil },
        unary("exp", "e to the power x, entry by entry") { Foundation.exp($0) },
        unary("round", "the nearest whole number, entry by entry (halves away from zero)") { $0.rounded() },
    ]

    package static let collections: [Builtin] = [
        Builtin("len", parameters: [.positional("x", "vector, list, matrix or string")],
                summary: "the number of entries, items, rows or characters") { args, _ in
            let value = try args.value(0)
            if let count = value.count { return .number(Double(count)) }
            if case .string(let s) = value { return .number(Double(s.count)) }
            throw args.typeError(0, expected: "a vector, list, matrix or string")
        },
        Builtin("map", parameters: [.positional("list", "list, vector or matrix"), .positional("f", "function x => …")],
                summary: "f applied to every item: a vector when every result is a number, a boolean vector when every result is a boolean, a list otherwise") { args, context in
            let items = try args.items(0)
            let f = try args.lambda(1)
            guard f.parameters.count == 1 else {
                throw args.error(1, "map needs a function of one argument, got one of \(f.parameters.count)")
            }
            try context.checkSize(items.count)
            return try context.map(f, over: items)
        },
        Builtin("column", parameters: [.positional("m", "matrix"), .positional("j", "whole number")],
                summary: "column j (1-based) of a matrix, as a vector") { args, _ in
            let m = try args.matrix(0)
            let j = try args.integer(1)
            let width = m.first?.count ?? 0
            guard j >= 1, j <= width else { throw args.error(1, "column \(j) is out of range: expected 1…\(width)") }
            return .vector(m.map { $0[j - 1] })
        },
        Builtin("linspace", parameters: [.positional("from", "number"), .positional("to", "number"), .positional("n", "whole number")],
                summary: "n evenly spaced numbers from `from` to `to`, both included") { args, context in
            let a = try args.number(0), b = try args.number(1), n = try args.integer(2)
            guard n >= 2 else { throw args.error(2, "linspace needs at least 2 points, got \(n)") }
            try context.checkSize(n)
            return .vector((0..<n).map { a + (b - a) * Double($0) / Double(n - 1) })
        },
    ]

    package static let rendering: [Builtin] = [
        Builtin("table", parameters: [.positional("X", "vector, matrix, record, list of records or tabular object"),
                                      .named("every", "whole number"), .named("columns", "list of strings, or a record of new names"),
                                      .named("title", "string"), .named("digits", "whole number"), .named("format", "string")],
                summary: "a table; every: k keeps every k-th row (and the last); digits: N significant digits (default 6) or format: \"%.3e\" for its numbers") { args, _ in
            let options = try tableOptions(args)
            do {
                var table = try Tabulation.table(try args.value(0), options: options)
                if let numbers = options.numbers { table.numbers = numbers }
                return .table(table)
            } catch let error as Diagnostic where !error.isPlaced {
                throw error.located(at: args.positional[0].range)
            }
        },
        Builtin("plot", parameters: [.positional("X", "vector or plottable object"), .variadic("Y", "vector or matrix", optional: true),
                                     .named("labels", "list of strings"), .named("title", "string"), .named("logy", "boolean"),
                                     .named("logx", "boolean"), .named("xlabel", "string"), .named("ylabel", "string"),
                                     .named("scatter", "boolean"), .named("caption", "string"),
                                     .named("width", "whole number"), .named("height", "whole number")],
                summary: "line plot of the Y series (matrix columns each a series) against X; plot(Y) uses 1…n; plot(object) asks the object") { args, _ in
            let options = PlotOptions(title: try args.string("title"), logY: try args.bool("logy", default: false),
                                      labels: try args.strings("labels"), logX: try args.bool("logx", default: false),
                                      xLabel: try args.string("xlabel"), yLabel: try args.string("ylabel"),
                                      scatter: try args.bool("scatter", default: false), caption: try args.string("caption"),
                                      width: try size(args, "width", 200...2400), height: try size(args, "height", 120...1600))
            let plot = try linePlot(args, options)
            switch try args.value(0) {
            case .object, .plot: break
            default: try checkLogAxes(plot, args)
            }
            return .plot(plot)
        },
    ]

    /// A log axis cannot place a negative number: series of mixed signs on a
    /// log axis are an error at `logy:` or `logx:` naming the value, instead
    /// of a figure that leaves half the data out. Zeros (a loss that reached
    /// 0, values an author set to 0 to leave them out) and non-finite values
    /// are left out with a note, as before; so are an object's own series.
    private static func checkLogAxes(_ plot: Plot, _ args: Arguments) throws {
        guard case .lines(let series) = plot.kind else { return }
        for (name, isLog, values) in [("logy", plot.logY, series.map { ($0.label, $0.y) }), ("logx", plot.logX, series.map { ($0.label, $0.x) })] where isLog {
            for (label, vector) in values {
                guard let i = vector.firstIndex(where: { $0 < 0 }) else { continue }
                let which = label.isEmpty ? "the data" : "'\(label)'"
                let message = "\(name): true needs values that are not negative, but \(which) has \(NumberFormat.shortest(vector[i])) at entry \(i + 1): "
                    + "a log axis cannot place a negative number"
                throw args.has(name) ? args.error(name, message) : Diagnostic(.invalidArgument, message, at: args.range)
            }
        }
    }

    /// `digits:` (1…17 significant digits) or `format:` (a printf
    /// conversion `%e`, `%f` or `%g`), not both; `columns:` as a list of
    /// names or a record of new names.
    private static func tableOptions(_ args: Arguments) throws -> TableOptions {
        let every = try args.integer("every")
        if let every, every < 1 { throw args.error("every", "every: needs a positive whole number, got \(every)") }
        var numbers: Table.NumberStyle?
        if let digits = try args.integer("digits") {
            guard (1...17).contains(digits) else {
                throw args.error("digits", "digits: needs a number of significant digits from 1 to 17, got \(digits)")
            }
            numbers = .significant(digits)
        }
        if let spec = try args.string("format") {
            guard numbers == nil else { throw args.error("format", "give digits: or format:, not both") }
            let format: NumberFormat
            do {
                format = try NumberFormat(spec)
            } catch let error as Diagnostic {
                throw args.error("format", error.message)
            }
            guard !format.wholeNumbersOnly else {
                throw args.error("format", "format: for a table needs %e, %f or %g (its numbers need not be whole), got '\(spec)'")
            }
            numbers = .printf(spec)
        }
        var columns: [String]?
        var renamed: [String]?
        if let value = args.value("columns") {
            if case .record(let record) = value {
                columns = record.names
                renamed = try record.fields.map { field in
                    guard case .string(let name) = field.value else {
                        throw args.error("columns", "columns: {\(field.name): …} needs a string as the new name, got \(field.value.typeDescription)")
                    }
                    return name
                }
            } else {
                columns = try args.strings("columns")
            }
        }
        return TableOptions(every: every, columns: columns, title: try args.string("title"), renamed: renamed, numbers: numbers)
    }

    /// A figure size in pixels within `range`, or nil when not given.
    private static func size(_ args: Arguments, _ name: String, _ range: ClosedRange<Int>) throws -> Int? {
        guard let value = try args.integer(name) else { return nil }
        guard range.contains(value) else {
            throw args.error(name, "\(name): needs a size in pixels from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return value
    }

    // MARK: Helpers

    private static func nonEmpty(_ args: Arguments, _ name: String) throws -> [Double] {
        let v = try args.vector(0)
        guard !v.isEmpty else { throw args.error(0, "\(name) of an empty vector") }
        return v
    }

    /// How many entries are true, without a branch per entry (the
    /// comparisons of a sample are true and false at random, and a branch
    /// mispredicted half the time cost more than the count).
    package static func trueCount(_ b: [Bool]) -> Int {
        // A Bool is one byte holding 0 or 1: the bytes' sum is the count.
        b.withUnsafeBufferPointer { booleans in
            booleans.withMemoryRebound(to: UInt8.self) { bytes in
                var count = 0
                for byte in bytes { count &+= Int(byte) }
                return count
            }
        }
    }

    private static func extremum(_ args: Arguments, _ name: String, _ better: (Double, Double) -> Bool) throws -> Double {
        let values: [Double]
        if args.count == 1, case .number(let x) = try args.value(0) {
            values = [x]
        } else if args.count == 1 {
            values = try nonEmpty(args, name)
        } else {
            values = try (0..<args.count).map { try args.number($0) }
        }
        if let i = values.firstIndex(where: \.isNaN) { return values[i] }
        return values.dropFirst().reduce(values[0]) { better($1, $0) ? $1 : $0 }
    }

    /// A built-in applying `f` to a number, or to every entry of a vector or
    /// matrix; `domain` names an input outside the function's domain.
    package static func unary(_ name: String, _ summary: String, _ f: @escaping @Sendable (Double) -> Double,
                              domain: @escaping @Sendable (Double) -> String? = { _ in nil }) -> Builtin {
        Builtin(name, parameters: [.positional("x", "number, vector or matrix")], summary: summary) { args, _ in
            func apply(_ x: Double) throws -> Double {
                if let problem = domain(x) { throw args.error(0, problem) }
                return f(x)
            }
            switch try args.value(0) {
            case .number(let x): return .number(try apply(x))
            case .vector(let v): return .vector(try v.map(apply))
            case .matrix(let m): return .matrix(try m.map { try $0.map(apply) })
            default: throw args.typeError(0, expected: "a number, vector or matrix")
            }
        }
    }

    private static func linePlot(_ args: Arguments, _ options: PlotOptions) throws -> Plot {
        let first = try args.value(0)
        switch first {
        case .object(let object):
            guard args.count == 1 else { throw args.error(1, "plot(\(object.typeName)) takes no further series") }
            if let plot = try object.plot(options) { return options.applied(to: plot) }
            throw args.typeError(0, expected: "a vector or a plottable object")
        case .plot(let plot):
            guard args.count == 1 else { throw args.error(1, "plot(plot) takes no further series") }
            var result = options.applied(to: plot)
            if args.has("logy") { result.logY = options.logY }
            if args.has("logx") { result.logX = options.logX }
            if args.has("scatter") { result.scatter = options.scatter }
            return result
        default:
            break
        }
        var x = try args.vector(0)
        var ys: [[Double]] = []
        if args.count == 1 {
            ys = [x]
            x = (1...max(x.count, 1)).prefix(x.count).map(Double.init)
        } else {
            for i in 1..<args.count {
                let value = try args.value(i)
                if case .matrix(let m) = value {
                    guard m.count == x.count else { throw args.error(i, "the matrix has \(m.count) rows, but X has \(x.count) points") }
                    for j in 0..<(m.first?.count ?? 0) { ys.append(m.map { $0[j] }) }
                } else {
                    let y = try args.vector(i)
                    guard y.count == x.count else { throw args.error(i, "series \(i) has \(y.count) points, but X has \(x.count)") }
                    ys.append(y)
                }
            }
        }
        guard !x.isEmpty else { throw args.error(0, "plot needs at least one point") }
        var labels = ys.count == 1 ? [""] : (1...ys.count).map { "series \($0)" }
        if let given = options.labels {
            guard given.count == ys.count else {
                throw args.error("labels", "labels: gives \(given.count) names for \(ys.count) series")
            }
            labels = given
        }
        let series = zip(labels, ys).map { Plot.Series(label: $0, x: x, y: $1) }
        return options.applied(to: Plot(title: options.title, kind: .lines(series)))
    }
}
