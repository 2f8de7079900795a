import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// A batched `map` (the lambda evaluated column by column over all items)
/// must give the values and errors of item-by-item evaluation, bit for bit.
@Suite struct BatchMapTests {
    /// The experiment of `ParallelMapTests` (a sample S of 3,000 points) and numbers xs.
    static let setup = ParallelMapTests.experiment + "\nlet xs = linspace(-1, 1, 201)"

    /// Lambdas over S (points) and xs (numbers), by name.
    static let maps = """
    let complete = map(S, p => cosine(natgrad(elbo(good, q: "target"), at: p), natgrad(evidence(good), at: p, metric: "visible")))
    let recognition = map(S, p => cosine(natgrad(elbo(good, q: "posterior"), at: p), natgrad(evidence(good), at: p, metric: "visible")))
    let joint = map(S, p => cosine(natgrad(evidence(good), at: p), natgrad(gap(good, q: "target"), at: p), metric: "joint"))
    let scaled = map(S, p => 2 * cosine(natgrad(evidence(good), at: p), grad(evidence(good), at: p)) - 1)
    let losses = map(S, p => -value(elbo(good, q: "posterior"), at: p) + value(evidence(good), at: p))
    let norms = map(S, p => norm(natgrad(evidence(good), at: p, metric: "visible"), metric: "visible"))
    let tangents = map(S, p => natgrad(evidence(good), at: p))
    let tangentThetas = map(tangents, t => t.theta)
    let roots = map(xs, x => sqrt(x * x + 1) / 2)
    let signs = map(xs, x => x > 0)
    let shifted = map(xs, x => -x + 1)
    let lengths = map(S, p => norm(p.joint - p.joint) + norm(natgrad(evidence(good), at: p)))
    let pairs = map(map(xs, x => [x, 1]), v => norm(v))
    """

    func run(_ code: String, threads: Int, batch: Bool) -> Interpreter { MapTestSupport.run(code, threads: threads, batch: batch) }

    func bits(_ value: Value?) -> [UInt64] { MapTestSupport.bits(value) }

    @Test func batchedMapEqualsItemByItemBitForBit() {
        let code = Self.setup + "\n" + Self.maps
        let reference = run(code, threads: 1, batch: false)
        #expect(reference.diagnostics.isEmpty, "\(reference.diagnostics.map(\.headline))")
        for threads in [1, 2, 3] {
            let batched = run(code, threads: threads, batch: true)
            #expect(batched.diagnostics.isEmpty, "\(batched.diagnostics.map(\.headline))")
            for name in ["complete", "recognition", "joint", "scaled", "losses", "norms", "tangentThetas", "roots", "signs", "shifted", "lengths", "pairs"] {
                let a = bits(reference.value(named: name)), b = bits(batched.value(named: name))
                #expect(!a.isEmpty && a == b, "\(name) with \(threads) threads")
            }
            if case .list(let items)? = batched.value(named: "tangents") {
                #expect(items.count == 3000 && items.allSatisfy { $0.typeName == "tangent" })
            } else {
                Issue.record("tangents is not a list")
            }
        }
    }

    /// These lambdas take the batched path (the tests above would pass
    /// without it); a lambda with a part that has no batch form does not.
    @Test func whichLambdasAreBatched() throws {
        let i = run(Self.setup, threads: 2, batch: true)
        #expect(i.diagnostics.isEmpty)
        var scope = Scope()
        for name in ["good", "S"] { scope.bindings[name] = .value(i.value(named: name)!) }
        func plan(_ code: String) -> BatchMap? { MapTestSupport.plan(code, scope: scope) }
        var f = try #require(plan(#"p => cosine(natgrad(elbo(good, q: "target"), at: p), natgrad(evidence(good), at: p, metric: "visible"))"#))
        #expect(f.stages == 3)
        // Every call in its batch form: none falls back to per-item calls.
        var perItem: [String] = []
        f.calledPerItem = { perItem.append($0) }
        guard case .list(let points)? = i.value(named: "S") else { Issue.record("S is not a list"); return }
        let counter = ProgressCounter(label: "map", total: points.count, steps: f.stages, reportingTo: nil)
        let batched = try #require(f.run(points, progress: counter))
        #expect(perItem.isEmpty, "called per item: \(perItem)")
        let reference = run(Self.setup + "\n" + Self.maps, threads: 1, batch: false)
        #expect(bits(batched) == bits(reference.value(named: "complete")))
        #expect(plan("x => sqrt(x * x + 1) / 2")?.stages == 4)
        // `norm` of plain vectors: its batch form declines and the call is made per item.
        var vectors = try #require(plan("v => norm(v)"))
        var declined: [String] = []
        vectors.calledPerItem = { declined.append($0) }
        let items = (0..<100).map { Value.vector([Double($0), 1]) }
        let norms = try #require(vectors.run(items, progress: ProgressCounter(label: "map", total: 100, steps: vectors.stages, reportingTo: nil)))
        #expect(declined == ["norm"])
        let expected: [UInt64] = (0..<100).map { i in
            let x = Double(i)
            return (x * x + 1).squareRoot().bitPattern
        }
        #expect(bits(norms) == expected)
        #expect(plan("x => [1, 2, 3][x]") == nil && plan("p => p.theta") == nil && plan("x => 2") == nil)
    }

    /// Points of models of different dimensions in one list: the batch
    /// forms fall back per point, with the values of per-item calls.
    /// Maps over one list share its items (the points found once), and so
    /// do maps over a list of the same items; maps over a changed copy do not.
    @Test func mapsOverTheSameListShareTheirItems() {
        let cache = MapItemsCache()
        let a: [Value] = (0..<100).map { .number(Double($0)) }
        let sameBuffer = a
        var changed = a
        changed[0] = .number(-1)
        let other: [Value] = (0..<100).map { .number(Double($0)) }
        let first = cache.items(a)
        #expect(cache.items(sameBuffer) === first)
        #expect(cache.items(changed) !== first)
        #expect(cache.items(other).values.count == 100)
        #expect(cache.items(a) !== first, "only the last list is kept")
        #expect(cache.items(other) === cache.items(a), "the same numbers are the same items, wherever they are kept")

        let code = Self.setup + """

        let T = jeffreys(M, n: 3000, seed: 2, margin: 1e-3)
        let onS = map(S, p => value(evidence(good), at: p))
        let onT = map(T, p => value(evidence(good), at: p))
        let onSAgain = map(S, p => value(evidence(good), at: p))
        let onTAgain = map(T, p => norm(p.joint) + value(evidence(good), at: p))
        """
        let reference = run(code, threads: 1, batch: false)
        let batched = run(code, threads: 2, batch: true)
        #expect(reference.diagnostics.isEmpty && batched.diagnostics.isEmpty)
        for name in ["onS", "onT", "onSAgain", "onTAgain"] {
            let a = bits(reference.value(named: name)), b = bits(batched.value(named: name))
            #expect(a.count == 3000 && a == b, "\(name)")
        }
        #expect(bits(batched.value(named: "onS")) != bits(batched.value(named: "onT")))
    }

    /// A natural gradient over a map's items is kept for later maps over
    /// the same list, under the objective's identity and the metric: the
    /// same objective and metric reuse it (same bits as computing it again),
    /// another target, recognition model or metric does not.
    @Test func naturalGradientsAreKeptPerObjectiveAndMetric() {
        let code = Self.setup + """

        let bad = [0.07400131, 0.00170303, 0.03834848, 0.05831235, 0.59919552, 0.00180455, 0.01080728, 0.21582747]
        let bad1 = bad / sum(bad)
        let first = map(S, p => natgrad(evidence(good), at: p, metric: "visible"))
        let again = map(S, p => natgrad(evidence(good), at: p, metric: "visible"))
        let otherTarget = map(S, p => natgrad(evidence(bad1), at: p, metric: "visible"))
        let otherMetric = map(S, p => natgrad(evidence(good), at: p))
        let posterior = map(S, p => natgrad(elbo(good, q: "posterior"), at: p))
        let target = map(S, p => natgrad(elbo(good, q: "target"), at: p))
        let gapTarget = map(S, p => natgrad(gap(good, q: "target"), at: p))
        """
        let reference = run(code, threads: 1, batch: false)
        let batched = run(code, threads: 2, batch: true)
        #expect(reference.diagnostics.isEmpty && batched.diagnostics.isEmpty, "\(batched.diagnostics.map(\.headline))")
        func thetas(_ i: Interpreter, _ name: String) -> [UInt64] {
            guard case .list(let items)? = i.value(named: name) else { return [] }
            return items.flatMap { item -> [UInt64] in
                guard case .object(let t as TangentObject) = item else { return [] }
                return t.tangent.theta.map(\.bitPattern)
            }
        }
        let names = ["first", "again", "otherTarget", "otherMetric", "posterior", "target", "gapTarget"]
        for name in names {
            let a = thetas(reference, name), b = thetas(batched, name)
            #expect(a.count == 3000 * 5 && a == b, "\(name)")
        }
        let results = names.map { thetas(batched, $0) }
        #expect(results[0] == results[1])
        for i in 1..<names.count { for j in (i + 1)..<names.count { #expect(results[i] != results[j], "\(names[i]) and \(names[j])") } }
    }

    /// A list registered with a derived value (a sample with its points)
    /// gives the next map over it that value without deriving it again; any
    /// other list derives its own.
    @Test func registeredItemsCarryTheirDerivedValue() {
        let cache = MapItemsCache()
        let sample: [Value] = (0..<10).map { .number(Double($0)) }
        cache.register(sample, derived: "registered")
        var made = 0
        #expect(cache.items(sample).derived { _ -> String in made += 1; return "made" } == "registered")
        // The same items elsewhere are the same list; other items are not.
        let same: [Value] = (0..<10).map { .number(Double($0)) }
        #expect(cache.items(same).derived { _ -> String in made += 1; return "made" } == "registered")
        let other: [Value] = (0..<10).map { .number(Double($0) + 0.5) }
        #expect(cache.items(other).derived { _ -> String in made += 1; return "made" } == "made")
        #expect(made == 1)
    }

    /// Keyed values are kept for the two most recently used keys; values
    /// derived without a key stay for as long as the items.
    @Test func keyedDerivedValuesAreBounded() {
        let items = MapItems([.number(1), .number(2)])
        var made: [String] = []
        func value(_ key: String) -> String { items.derived(key: key) { _ in made.append(key); return key } }
        _ = items.derived { _ -> Int in made.append("unkeyed"); return 0 }
        for key in ["a", "b", "a", "c", "a", "b"] { _ = value(key) }
        _ = items.derived { _ -> Int in made.append("unkeyed"); return 0 }
        // a, b made; a kept (most recent); c evicts b; a kept; b made again, evicting c.
        #expect(made == ["unkeyed", "a", "b", "c", "b"])
    }

    @Test func pointsOfSeveralModels() {
        let code = """
        let A = bayesnet("x -> y, x -> z", hidden: ["x"], visible: ["y", "z"])
        let B = independence(hidden: ["x"], visible: ["y", "z"])
        let mixed = [A.at([0.3, 0.2, 0.7, 0.4, 0.6]), B.at([0.5, 0.3, 0.8]), A.at([0.6, 0.1, 0.9, 0.2, 0.3])]
        let uv = [0.1, 0.2, 0.3, 0.4]
        let norms = map(mixed, p => norm(natgrad(evidence(uv), at: p)) + norm(grad(evidence(uv), at: p)))
        let cosines = map(mixed, p => cosine(natgrad(evidence(uv), at: p), grad(evidence(uv), at: p), metric: "joint"))
        let values = map(mixed, p => value(evidence(uv), at: p))
        """
        let reference = run(code, threads: 1, batch: false)
        #expect(reference.diagnostics.isEmpty, "\(reference.diagnostics.map(\.headline))")
        for threads in [1, 2] {
            let batched = run(code, threads: threads, batch: true)
            #expect(batched.diagnostics.isEmpty, "\(batched.diagnostics.map(\.headline))")
            for name in ["norms", "cosines", "values"] {
                let a = bits(reference.value(named: name)), b = bits(batched.value(named: name))
                #expect(a.count == 3 && a == b, "\(name)")
            }
        }
    }

    /// One tangent for every item (a column of one, read in place) beside
    /// a tangent per item: at the same point as each item's, the cosine of
    /// the two with the values of per-item calls.
    @Test func aTangentTheSameForEveryItem() throws {
        let code = Self.setup + """

        let P = S[1]
        let T0 = natgrad(evidence(good), at: P, metric: "visible")
        let same = map([P, P, P], p => cosine(natgrad(elbo(good, q: "target"), at: p), T0) + norm(T0))
        let swapped = map([P, P], p => cosine(T0, grad(evidence(good), at: p), metric: "joint"))
        """
        let reference = run(code, threads: 1, batch: false)
        #expect(reference.diagnostics.isEmpty, "\(reference.diagnostics.map(\.headline))")
        let batched = run(code, threads: 2, batch: true)
        #expect(batched.diagnostics.isEmpty, "\(batched.diagnostics.map(\.headline))")
        for (name, count) in [("same", 3), ("swapped", 2)] {
            let a = bits(reference.value(named: name)), b = bits(batched.value(named: name))
            #expect(a.count == count && a == b, "\(name)")
        }
        // Both cosines run in their kernel's batch form.
        var scope = Scope()
        for name in ["good", "P", "T0"] { scope.bindings[name] = .value(try #require(batched.value(named: name))) }
        var f = try #require(MapTestSupport.plan(#"p => cosine(natgrad(elbo(good, q: "target"), at: p), T0)"#, scope: scope))
        var perItem: [String] = []
        f.calledPerItem = { perItem.append($0) }
        let p = try #require(batched.value(named: "P"))
        _ = try #require(f.run([p, p, p], progress: ProgressCounter(label: "map", total: 3, steps: f.stages, reportingTo: nil)))
        #expect(perItem.isEmpty, "called per item: \(perItem)")
    }

    @Test func errorsAreThoseOfItemByItemEvaluation() {
        let cases = [
            // Division by zero at item 101 (x = 0) in an operator.
            "let failing = map(xs, x => 1 / x)",
            // A NaN produced by a built-in at items 1…100.
            "let failing = map(xs, x => sqrt(x))",
            // An invariant part that fails for every item.
            "let failing = map(S, p => cosine(natgrad(elbo([1, 2], q: \"target\"), at: p), natgrad(evidence(good), at: p)))",
            // A type error in a batch form: the first argument is not a tangent.
            "let failing = map(S, p => cosine(p, natgrad(evidence(good), at: p)))",
            // One tangent for every item, at item 1's point: item 2 fails.
            "let T0 = natgrad(evidence(good), at: S[1])\nlet failing = map(S, p => cosine(natgrad(evidence(good), at: p), T0))",
        ]
        for line in cases {
            let code = Self.setup + "\n" + line
            let reference = run(code, threads: 1, batch: false).diagnostics.map(\.headline)
            #expect(reference.count == 1 && reference.first?.contains("(in map, item ") == true, "\(reference)")
            for threads in [1, 2] {
                #expect(run(code, threads: threads, batch: true).diagnostics.map(\.headline) == reference, "\(line)")
            }
        }
    }

    @Test func progressCountsItemsAcrossPasses() throws {
        // Three passes over 100 items report items, never passes: at most 100/100.
        var written = ""
        let bar = ProgressBar(write: { written += $0 }, now: { 1 }, delay: 0, interval: 0)
        bar.beginDocument("d.md", items: 1)
        let counter = ProgressCounter(label: "map", total: 100, stride: 10, steps: 3, reportingTo: bar)
        for _ in 0..<150 { counter.advance() }
        counter.advance(by: 150)
        let counts = try Regex(#"([0-9,]+)/100 map"#)
        let shown = written.matches(of: counts).compactMap { Int(String($0.output[1].substring ?? "").replacingOccurrences(of: ",", with: "")) }
        #expect(shown.contains(50) && shown.last == 100 && shown.allSatisfy { $0 <= 100 }, "\(shown)")
    }

    /// A lambda that makes a long vector per item and reduces it: the
    /// columns would hold every item's vector, so past `heldEntries` the
    /// batch gives way to item-by-item evaluation (bounded memory), with the
    /// same values.
    @Test func columnsPastTheHeldEntriesGiveWayToItemByItem() throws {
        func plan(_ code: String) throws -> BatchMap { try #require(MapTestSupport.plan(code)) }
        let items = (1...100).map { Value.number(Double($0)) }
        func batch(_ length: Int) throws -> Value? {
            let f = try plan("i => sum(linspace(0, i, \(length)))")
            return f.run(items, progress: ProgressCounter(label: "map", total: items.count, steps: f.stages, reportingTo: nil))
        }
        let held = BatchMap.heldEntries / items.count
        let small = try #require(try batch(held))
        #expect(bits(small) == bits(run("let xs = range(1, 100)\nlet ys = map(xs, i => sum(linspace(0, i, \(held))))", threads: 1, batch: false).value(named: "ys")))
        #expect(try batch(held + 1) == nil)
        // The document's map still gives the values, item by item.
        let document = run("let xs = range(1, 100)\nlet ys = map(xs, i => sum(linspace(0, i, \(held + 1))))", threads: 2, batch: true)
        let reference = run("let xs = range(1, 100)\nlet ys = map(xs, i => sum(linspace(0, i, \(held + 1))))", threads: 1, batch: false)
        #expect(document.diagnostics.isEmpty && bits(document.value(named: "ys")) == bits(reference.value(named: "ys")))
    }
}
