import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Stand-ins with the shapes LANGUAGE.md gives geometry values (points with
/// vectors, trajectories with matrices and methods, histograms that plot,
/// records from cylindricity), so the statements of the acceptance documents
/// run through the interpreter end to end. The numbers are arbitrary.
private final class FakePoint: EvidentObject {
    let theta: [Double]
    init(_ theta: [Double]) { self.theta = theta }
    var typeName: String { "point" }
    var memberNames: [String] { ["theta", "visible", "kl"] }
    func member(_ name: String) throws -> Value? {
        switch name {
        case "theta": return .vector(theta)
        case "visible": return .vector(theta.map { $0 / 2 })
        case "kl": return .number(theta.reduce(0, +) / 1000)
        default: return nil
        }
    }
}

private final class FakeTrajectory: EvidentObject {
    let steps: Int
    init(steps: Int) { self.steps = steps }
    var typeName: String { "trajectory" }
    var memberNames: [String] { ["t", "kl", "visible", "final"] }
    var methodNames: [String] { ["every"] }
    var times: [Double] { (0...steps).map { Double($0) / 100 } }
    func member(_ name: String) throws -> Value? {
        switch name {
        case "t": return .vector(times)
        case "kl": return .vector(times.map { 0.5 * Foundation.exp(-$0) })
        case "visible": return .matrix(times.map { [0.5, 0.5 + $0 / 100] })
        case "final": return .object(FakePoint([0.02, 0.1]))
        default: return nil
        }
    }
    func callMethod(_ name: String, _ args: Arguments, context: CallContext) throws -> Value? {
        guard name == "every" else { return nil }
        try args.expect(positional: 1...1)
        return .object(FakeTrajectory(steps: steps / (try args.integer(0))))
    }
    func table(_ options: TableOptions) throws -> Table? {
        Table(title: options.title, columns: ["t"], rows: options.keptRows(of: steps + 1).map { [NumberFormat.shortest(times[$0])] })
    }
    func plot(_ options: PlotOptions) throws -> Plot? { nil }
}

private final class FakeHistogram: EvidentObject {
    let values: [Double]
    init(_ values: [Double]) { self.values = values }
    var typeName: String { "histogram" }
    func plot(_ options: PlotOptions) throws -> Plot? {
        Plot(title: options.title, kind: .bars(edges: [-1, 0, 1], values: [Double(values.filter { $0 < 0 }.count), Double(values.filter { $0 >= 0 }.count)]))
    }
}

private let geometry = BuiltinRegistry.core.adding(
    Builtin("model", parameters: [.named("hidden", "list of strings", required: true), .named("visible", "list of strings", required: true)],
            summary: "a fake model") { args, _ in
        _ = try args.strings("hidden")
        return .record(Record([("dim", .number(Double(try args.strings("visible")!.count)))]))
    },
    Builtin("point", parameters: [.positional("theta", "vector")], summary: "a fake point") { args, _ in
        .object(FakePoint(try args.vector(0)))
    },
    Builtin("flow", parameters: [.positional("from", "point"), .named("T", "number"), .named("dt", "number")], summary: "a fake flow") { args, _ in
        _ = try args.object(0, as: FakePoint.self, typeName: "point")
        let steps = Int((try args.number("T", default: 5) / (try args.number("dt", default: 0.01))).rounded())
        return .object(FakeTrajectory(steps: steps))
    },
    Builtin("cylindricity", parameters: [.positional("m", "model"), .named("at", "point", required: true)], summary: "a fake record") { args, _ in
        _ = try args.required("at") { try args.object($0, as: FakePoint.self, typeName: "point") }
        return .record(Record([("dim", .number(3)), ("horizontal", .number(2)), ("vertical", .number(1)), ("defect", .number(1e-17))]))
    },
    Builtin("fisher", parameters: [.positional("p", "point")], summary: "a fake Fisher matrix") { args, _ in
        let p = try args.object(0, as: FakePoint.self, typeName: "point")
        return .matrix([[1 / (p.theta[0] * (1 - p.theta[0]))]])
    },
    Builtin("jeffreys", parameters: [.named("n", "whole number", required: true)], summary: "fake samples") { args, context in
        let n = try args.integer("n")!
        try context.checkSize(n)
        return .list((0..<n).map { .object(FakePoint([Double($0) / Double(n), 0.5])) })
    },
    Builtin("cosine", parameters: [.positional("p", "point")], summary: "a fake cosine") { args, _ in
        .number(Foundation.cos(try args.object(0, as: FakePoint.self, typeName: "point").theta[0] * 3))
    },
    Builtin("histogram", parameters: [.positional("v", "vector"), .named("from", "number"), .named("to", "number"), .named("width", "number")],
            summary: "a fake histogram") { args, _ in
        .object(FakeHistogram(try args.vector(0)))
    }
)

@Suite struct AcceptanceShapeTests {
    @Test func theAcceptanceStatementShapesEvaluate() {
        let interpreter = Interpreter(file: "doc.md", params: ["theta": .number(0.3)], builtins: geometry)
        let outputs = interpreter.evaluateBlock("""
            let M = model(hidden: [], visible: ["y", "z"])
            let start = point([0.02, 0.95])
            let a = flow(start, T: 5, dt: 0.01)
            let c = a.every(2)
            plot(a.t, a.kl, a.kl * 2, labels: ["one", "two"], logy: true, title: "losses")
            table(a, every: 100)
            cylindricity(M, at: start)
            table([cylindricity(M, at: start), cylindricity(M, at: start)], title: "two")
            fisher(point([theta]))
            claim "cylindrical": cylindricity(M, at: start).defect < 1e-10
            claim "alike": maxdiff(a.visible, a.visible) < 1e-10 and maxdiff(a.visible, a.visible) < 1e-10
            claim "fixed": a.final.theta[1] ≈ 0.02 ± 1e-12
            claim "lowers": a.final.kl < a.kl[1] and c.kl[1] <= a.kl[1]
            claim "formula": fisher(point([theta]))[1][1] ≈ 1 / (theta * (1 - theta)) ± 1e-9
            claim "dim": M.dim == 2
            let S = jeffreys(n: 50000)
            let cs = map(S, p => cosine(p))
            plot(histogram(cs, from: -1, to: 1, width: 0.1), title: "cosines")
            claim "share": fraction(cs > 0.9) > 0.1
            claim "bounded": min(cs) >= -1 - 1e-9 and max(cs) <= 1 + 1e-9
            """, origin: SourceLocation(line: 10, column: 1))
        #expect(interpreter.diagnostics.map(\.headline) == [])
        #expect(interpreter.claims.map(\.passed) == Array(repeating: true, count: 8))
        #expect(interpreter.claims.map(\.detail)[0...3] == [
            "1e-17 < 1e-10",
            "0 < 1e-10 and 0 < 1e-10",
            "|a − b| = 0 ≤ 1e-12",
            "0.00012 < 0.5 and 0.5 ≤ 0.5",
        ])
        #expect(outputs.count == 14)
        #expect(outputs[1] == .table(Table(columns: ["t"], rows: [["0"], ["1"], ["2"], ["3"], ["4"], ["5"]])))
        #expect(outputs[2] == .table(Table(columns: ["dim", "horizontal", "vertical", "defect"], rows: [["3", "2", "1", "1e-17"]])))
        #expect(outputs[4] == .value("4.761905"), "a 1×1 matrix reads as its number")
        guard case .plot(let losses) = outputs[0], case .lines(let series) = losses.kind else {
            Issue.record("expected a line plot")
            return
        }
        #expect(series.map(\.label) == ["one", "two"])
        #expect(series.map(\.x.count) == [501, 501])
        #expect(losses.logY && losses.title == "losses")
        #expect(interpreter.evaluateInline("fraction(cs > 0.9)", format: "%.3f", origin: SourceLocation(line: 40, column: 1)) == .value("0.150"))
        #expect(interpreter.evaluateInline("a.final.kl", format: "%.3e", origin: SourceLocation(line: 41, column: 1)) == .value("1.200e-04"))
        #expect(interpreter.evaluateInline("cylindricity(M, at: M)", format: nil, origin: SourceLocation(line: 42, column: 1)) == .value("?"))
        #expect(interpreter.diagnostics.map(\.headline) == ["doc.md:42:17: error: expected a point for argument 'at' of cylindricity, got a record"])
    }
}
