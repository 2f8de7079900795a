import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// `map` spreads its items over threads; the results must be those of a
/// serial run bit for bit, and errors those of a serial run.
@Suite struct ParallelMapTests {
    static let experiment = """
    let M = bayesnet("x -> y, x -> z", hidden: ["x"], visible: ["y", "z"])
    let good = [0.1816, 0.0056, 0.5750, 0.0178, 0.1750, 0.0054, 0.0384, 0.0012]
    let S = jeffreys(M, n: 3000, seed: 1, margin: 1e-3)
    let c = map(S, p => cosine(natgrad(elbo(good, q: "target"), at: p), natgrad(evidence(good), at: p, metric: "visible")))
    let r = map(S, p => cosine(natgrad(elbo(good, q: "posterior"), at: p), natgrad(evidence(good), at: p, metric: "visible")))
    let thetas = map(S, p => p.theta)
    """

    func run(_ code: String, threads: Int) -> Interpreter { MapTestSupport.run(code, threads: threads) }

    func bits(_ value: Value?) -> [UInt64] { MapTestSupport.bits(value) }

    @Test func parallelMapEqualsSerialMapBitForBit() {
        let serial = run(Self.experiment, threads: 1)
        #expect(serial.diagnostics.isEmpty, "\(serial.diagnostics.map(\.headline))")
        for threads in [2, 3, 8] {
            let parallel = run(Self.experiment, threads: threads)
            #expect(parallel.diagnostics.isEmpty)
            for name in ["c", "r", "thetas"] {
                let a = bits(serial.value(named: name)), b = bits(parallel.value(named: name))
                #expect(!a.isEmpty && a == b, "\(name) with \(threads) threads")
            }
        }
    }

    @Test func memoisedInvariantCallsGiveTheValuesOfPlainCalls() {
        // `good + 0 * p.joint` is `good` bit for bit but mentions p, so that
        // objective is rebuilt for every item instead of memoised once.
        let code = Self.experiment + """

        let plain = map(S, p => cosine(natgrad(elbo(good + 0 * p.joint, q: "target"), at: p), natgrad(evidence(good + 0 * p.joint), at: p, metric: "visible")))
        let failing = map(S, p => cosine(natgrad(elbo([1, 2], q: "target"), at: p), natgrad(evidence(good), at: p, metric: "visible")))
        """
        for threads in [1, 2] {
            let i = run(code, threads: threads)
            #expect(bits(i.value(named: "c")) == bits(i.value(named: "plain")))
            let errors = i.diagnostics.map(\.headline)
            #expect(errors.count == 1 && errors.first?.contains("(in map, item 1 of 3000)") == true, "\(errors)")
        }
    }

    @Test func theErrorIsTheFirstFailingItemInInputOrder() {
        let code = """
        let xs = linspace(1, 5000, 5000)
        let ys = map(xs, x => [1, 2, 3][x])
        """
        let serial = run(code, threads: 1).diagnostics.map(\.headline)
        #expect(serial.count == 1 && serial.first?.contains("item 4 of 5000") == true, "\(serial)")
        for threads in [2, 4] {
            #expect(run(code, threads: threads).diagnostics.map(\.headline) == serial)
        }
    }
}
