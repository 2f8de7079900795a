import Foundation
import Testing
@testable import Evident
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// A document's budgets (`Limits`: entries, string bytes, flow steps,
/// time): the first one spent ends the document with a located error naming
/// it; authors set them in front matter, in evident.yml or with `--limit`.
@Suite struct BudgetTests {
    static let model = """
    let m = full(hidden: ["h"], visible: ["v"])
    let p = m.at([0.2, 0.3, 0.1])
    let o = evidence([0.6, 0.4])
    """

    func run(_ code: String, _ limits: Limits) -> Interpreter {
        let interpreter = Interpreter(file: "t.md", params: [:], builtins: .evident, limits: limits)
        _ = interpreter.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
        return interpreter
    }

    @Test func flowStepsAreCountedOverTheDocument() throws {
        // Each flow alone fits; the third takes the document past 250 steps.
        let code = Self.model + "\nlet a = flow(o, from: p, T: 1, dt: 0.01)\nlet b = flow(o, from: p, T: 1, dt: 0.01)\nlet c = flow(o, from: p, T: 1, dt: 0.01)\nclaim 1 == 1"
        let spent = run(code, Limits(maxFlowSteps: 250))
        #expect(spent.diagnostics.map(\.id) == [.budgetSpent])
        let error = try #require(spent.diagnostics.first)
        #expect(error.range.start == SourceLocation(line: 6, column: 9))
        #expect(error.message.contains("flow-steps budget (250 flow steps) is spent"), "\(error.message)")
        // The document ends there: the claim after it is not run.
        #expect(spent.claims.isEmpty)
        #expect(spent.value(named: "b") != nil && spent.value(named: "c") == nil)
        let enough = run(code, Limits(maxFlowSteps: 300))
        #expect(enough.diagnostics.isEmpty && enough.claims.count == 1)
    }

    @Test func flowsInsideMapsShareTheBudget() {
        let code = Self.model + "\nlet fs = map(range(1, 8), i => flow(o, from: p, T: i, dt: 0.01))"
        let spent = run(code, Limits(threads: 2, maxFlowSteps: 1_000))
        #expect(spent.diagnostics.map(\.id) == [.budgetSpent])
        #expect(spent.diagnostics.first?.range.start == SourceLocation(line: 4, column: 32))
        #expect(run(code, Limits(threads: 2, maxFlowSteps: 3_600)).diagnostics.isEmpty)
    }

    @Test func stringBytesAreCountedOverTheDocument() {
        let code = "let s = \"abcdefghij\"\nlet t = map(range(1, 60), i => s + s)"
        let spent = run(code, Limits(threads: 1, maxStringBytes: 1_000))
        #expect(spent.diagnostics.map(\.id) == [.budgetSpent])
        #expect(spent.diagnostics.first?.message.contains("string-bytes budget") == true)
        #expect(run(code, Limits(threads: 1, maxStringBytes: 1_200)).diagnostics.isEmpty)
        // Strings built-ins make count too.
        let formatted = run("let t = map(range(1, 100), i => format(i, \"%.20f\"))", Limits(threads: 1, maxStringBytes: 500))
        #expect(formatted.diagnostics.map(\.id) == [.budgetSpent])
    }

    /// A document that would compute for long stops once its time is spent,
    /// from a function's recursion, a map's items or a flow's steps alike.
    @Test(arguments: [
        "let f = n => if n == 0 then 0 else 1 + f(n - 1)\nlet xs = map(range(1, 100000), i => f(150))",
        "let xs = map(range(1, 2000000), i => i * 2 + 1)",
        "let m = full(hidden: [\"h\"], visible: [\"v\"])\nlet fl = flow(evidence([0.6, 0.4]), from: m.at([0.2, 0.3, 0.1]), T: 10000, dt: 0.01)",
    ])
    func timeRunsOut(_ code: String) throws {
        let spent = run(code + "\nclaim 1 == 1", Limits(threads: 2, maxSeconds: 0.05))
        #expect(spent.diagnostics.map(\.id) == [.budgetSpent], "\(spent.diagnostics.map(\.headline))")
        let error = try #require(spent.diagnostics.first)
        #expect(error.message.contains("time budget (0.05 s) is spent"), "\(error.message)")
        // Located at the statement that was running, wherever in it time ran out.
        #expect(error.range.start.line == code.split(separator: "\n").count && error.range.start.column > 1)
        #expect(spent.claims.isEmpty)
        // Inline code after it is not evaluated either.
        #expect(spent.evaluateInline("1 + 1", format: nil, origin: SourceLocation(line: 9, column: 1)) == .value("?"))
        if case .claim(let claim) = spent.evaluateInlineClaim("2 == 2", origin: SourceLocation(line: 9, column: 1)) {
            #expect(!claim.passed && claim.detail.contains("time budget is spent"))
        } else {
            Issue.record("an inline claim gives a claim")
        }
    }

    @Test func settingsParse() throws {
        #expect(try BudgetSetting.parse(assignment: "time=90").get() == BudgetSetting(.time, 90))
        #expect(try BudgetSetting.parse(assignment: "time=30m").get() == BudgetSetting(.time, 1800))
        #expect(try BudgetSetting.parse(assignment: "time=2h").get() == BudgetSetting(.time, 7200))
        #expect(try BudgetSetting.parse(assignment: "flow-steps=1e8").get() == BudgetSetting(.flowSteps, 1e8))
        for bad in ["time", "time=0", "time=-1", "time=nan", "time=2d", "flow-steps=1.5", "entries=1e300", "tim=3", "string-bytes="] {
            #expect(throws: BudgetSetting.Problem.self, "\(bad)") { try BudgetSetting.parse(assignment: bad).get() }
        }
        if case .failure(let problem) = BudgetSetting.parse(assignment: "tim=3") { #expect(problem.message.contains("did you mean 'time'")) }
        let limits = Limits.standard.applying([BudgetSetting(.time, 10), BudgetSetting(.entries, 5), BudgetSetting(.time, 20)])
        #expect(limits.maxSeconds == 20 && limits.maxTotalEntries == 5 && limits.maxFlowSteps == Limits.standard.maxFlowSteps)
    }

    @Test func frontMatterSetsBudgetsAndReportsMistakesWhereTheyStand() {
        let good = FrontMatter.split("---\nlimits:\n  time: 2h\n  flow-steps: 1e8\n---\n# x\n", file: "d.md")
        #expect(good.diagnostics.isEmpty)
        #expect(good.frontMatter.limits == [BudgetSetting(.time, 7200), BudgetSetting(.flowSteps, 1e8)])
        let bad = FrontMatter.split("---\nlimits:\n  time: soon\n  flowsteps: 3\n---\n# x\n", file: "d.md")
        #expect(bad.diagnostics.map(\.range.start) == [SourceLocation(line: 3, column: 9), SourceLocation(line: 4, column: 3)])
        #expect(bad.diagnostics.allSatisfy { $0.id == .frontMatterMalformed })
        #expect(bad.diagnostics.last?.message.contains("did you mean 'flow-steps'") == true)
    }

    /// Front matter over evident.yml's budgets, the command line over both;
    /// a changed budget is part of the cache key, a spent one is never cached.
    @Test func theCommandLineWinsOverFrontMatter() throws {
        let source = "---\nlimits: {flow-steps: 50}\n---\n# F\n\n```evident\n" + Self.model + "\nlet fl = flow(o, from: p, T: 1, dt: 0.01)\n```\n"
        func check(_ options: PipelineOptions) -> [DiagnosticID] {
            Pipeline(options: options, makeEvaluator: Engine.makeEvaluator).process(file: "f.md", source: source, mode: .check).diagnostics.map(\.id)
        }
        #expect(check(PipelineOptions()) == [.budgetSpent])
        var raised = PipelineOptions()
        raised.limitOverrides = [BudgetSetting(.flowSteps, 100)]
        #expect(check(raised) == [])
        var project = PipelineOptions()
        project.limits = Limits(maxFlowSteps: 1_000)
        #expect(check(project) == [.budgetSpent])
    }

    @Test func aSpentBudgetIsNotCached() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("budget-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = "# F\n\n```evident\n" + Self.model + "\nlet fl = flow(o, from: p, T: 1, dt: 0.01)\n```\n"
        var options = PipelineOptions(cache: .directory(directory))
        options.limitOverrides = [BudgetSetting(.flowSteps, 50)]
        let first = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator).process(file: "f.md", source: source, mode: .check)
        #expect(first.diagnostics.map(\.id) == [.budgetSpent])
        // The same run again evaluates again: nothing of the spent run was kept.
        let second = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator).process(file: "f.md", source: source, mode: .check)
        #expect(second.diagnostics.map(\.id) == [.budgetSpent])
        #expect(second.statistics.reused == 0 && second.statistics.evaluated > 0)
        // Within the budget the results are kept and reused.
        options.limitOverrides = []
        _ = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator).process(file: "f.md", source: source, mode: .check)
        let fourth = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator).process(file: "f.md", source: source, mode: .check)
        #expect(fourth.diagnostics.isEmpty && fourth.statistics.evaluated == 0 && fourth.statistics.reused > 0)
    }

    /// A budget that runs out while cached blocks are replayed (which
    /// reports nothing) is still reported, at the next statement.
    @Test func aBudgetSpentInAReplayIsReported() {
        let interpreter = Interpreter(file: "t.md", params: [:], builtins: .evident, limits: Limits(threads: 2, maxSeconds: 0.05))
        let slow = "let f = n => if n == 0 then 0 else 1 + f(n - 1)\nlet xs = map(range(1, 10000000), i => f(150))"
        interpreter.replayBlock(slow, origin: SourceLocation(line: 1, column: 1))
        #expect(interpreter.diagnostics.isEmpty)
        _ = interpreter.evaluateBlock("claim 1 == 1", origin: SourceLocation(line: 5, column: 1))
        #expect(interpreter.diagnostics.map(\.id) == [.budgetSpent])
        #expect(interpreter.diagnostics.first?.range.start.line == 5)
        #expect(interpreter.claims.isEmpty)
    }

    /// A batch that gives way charges nothing: the items evaluated one by
    /// one charge once, so a map within its budget passes however it ran.
    @Test func aBatchThatGivesWayIsNotChargedTwice() {
        // Each item builds a string of about 100 bytes in the batch; then the
        // batch gives way (the division by zero is an error of per-item
        // evaluation), and the items build them again one by one.
        let s = String(repeating: "a", count: 100)
        let code = "let s = \"\(s)\"\nlet xs = map(range(1, 10), i => len(s + format(i, \"%g\")) / (i - 10))"
        #expect(MapTestSupport.plan("i => len(s + format(i, \"%g\")) / (i - 10)") != nil, "the lambda is batched")
        let fits = run(code, Limits(threads: 2, maxStringBytes: 1_500))
        #expect(fits.diagnostics.map(\.id) == [.divisionByZero], "\(fits.diagnostics.map(\.headline))")
        let reference = run(code, Limits(threads: 2, batchMap: false, maxStringBytes: 1_500))
        #expect(reference.diagnostics.map(\.id) == [.divisionByZero])
    }

    @Test func projectFileSetsBudgets() throws {
        let (project, diagnostics) = ProjectFile.parse("limits: {time: 10m, entries: 1e6}\n", root: "/p", path: "evident.yml")
        #expect(diagnostics.isEmpty)
        #expect(project.limits == [BudgetSetting(.time, 600), BudgetSetting(.entries, 1e6)])
    }
}
