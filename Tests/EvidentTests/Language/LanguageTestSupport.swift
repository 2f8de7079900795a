import Foundation
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// A small domain object for tests: a point with coordinates, members,
/// a method, a table and a plot.
final class TestPoint: EvidentObject {
    let coordinates: [Double]

    init(_ coordinates: [Double]) { self.coordinates = coordinates }

    var typeName: String { "testpoint" }
    var memberNames: [String] { ["theta", "first", "norm"] }
    var methodNames: [String] { ["scaled", "shift"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "theta": return .vector(coordinates)
        case "first": return .number(coordinates.first ?? 0)
        case "norm": return .number(coordinates.map { $0 * $0 }.reduce(0, +).squareRoot())
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments, context: CallContext) throws -> Value? {
        switch name {
        case "scaled":
            try args.expect(positional: 1...1)
            let k = try args.number(0)
            return .object(TestPoint(coordinates.map { $0 * k }))
        case "shift":
            try args.expect(positional: 0...0, named: ["by"])
            let by = try args.number("by", default: 1)
            return .object(TestPoint(coordinates.map { $0 + by }))
        default:
            return nil
        }
    }

    func render() throws -> [Output] { [.value("testpoint(\(coordinates.map(NumberFormat.shortest).joined(separator: ", ")))")] }

    func table(_ options: TableOptions) throws -> Table? {
        let rows = options.keptRows(of: coordinates.count).map { ["\($0 + 1)", NumberFormat.shortest(coordinates[$0])] }
        return Table(title: options.title, columns: ["i", "coordinate"], rows: rows)
    }

    func plot(_ options: PlotOptions) throws -> Plot? {
        Plot(title: options.title, kind: .bars(edges: Array(0...coordinates.count).map(Double.init), values: coordinates), logY: options.logY)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String { "the test stand-in failed" }
}

enum LanguageTestSupport {
    /// The core registry plus `testpoint(…)` and `points(n)` (a list of n test points),
    /// and `natgrad`, a dummy that only exists so that suggestions have a target.
    static let registry = BuiltinRegistry.core.adding(
        Builtin("testpoint", parameters: [.variadic("x", "number")], summary: "a test point") { args, _ in
            .object(TestPoint(try (0..<args.count).map { try args.number($0) }))
        },
        Builtin("points", parameters: [.positional("n", "whole number")], summary: "n test points (k, 2k)") { args, _ in
            let n = try args.integer(0)
            return .list((1...max(n, 1)).prefix(n).map { .object(TestPoint([Double($0), 2 * Double($0)])) })
        },
        Builtin("natgrad", parameters: [.positional("o", "anything"), .named("at", "anything", required: true)],
                summary: "a test stand-in that returns its first argument") { args, _ in
            try args.value(0)
        },
        Builtin("failing", parameters: [], summary: "throws a non-language error") { _, _ in
            throw TestFailure()
        },
        Builtin("nan", parameters: [], summary: "returns NaN, which the interpreter must reject") { _, _ in
            .number(.nan)
        }
    )

    static func interpreter(params: [String: ParamValue] = [:], limits: Limits = .standard) -> Interpreter {
        Interpreter(file: "test.md", params: params, builtins: registry, limits: limits)
    }

    /// `L:C: message` for every diagnostic.
    static func errors(_ interpreter: Interpreter) -> [String] {
        interpreter.diagnostics.map { "\($0.range.start): \($0.message)" }
    }

    static func fixturesURL() -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }
}
