import Foundation
import Testing
@testable import EvidentMarkdown

/// No input crashes the converter, recurses without bound or takes time
/// out of proportion to its length.
@Suite struct MathRobustnessTests {
    /// Every way of nesting, far beyond the limit: an error at the 201st level.
    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let inputs = [
            String(repeating: "{", count: depth),
            String(repeating: "{", count: depth) + String(repeating: "}", count: depth),
            String(repeating: "\\sqrt", count: depth) + "x",
            String(repeating: "\\frac{", count: depth),
            String(repeating: "\\left(", count: depth),
            String(repeating: "x^{", count: depth),
            String(repeating: "\\not", count: depth) + "=",
            String(repeating: "\\begin{matrix}", count: depth),
            String(repeating: "\\text{", count: depth),
            String(repeating: "\\text{$", count: depth),
            String(repeating: "\\sqrt[", count: depth),
            String(repeating: "\\mathbf{", count: depth),
            String(repeating: "\\hat", count: depth) + "x",
            String(repeating: "\\displaystyle{", count: depth),
        ]
        for tex in inputs {
            let error = MathFixtures.error(tex)
            #expect(error.hasSuffix("nesting deeper than 200 levels"), "\(tex.prefix(20))…: \(error)")
        }
    }

    /// The limit is enough for any real formula, and reaching it converts on
    /// a thread with half the usual 8 MB stack, even in a debug build (about
    /// 5 KB a level; a release build needs a fraction of that).
    @Test func nestingUpToTheLimitFitsInASmallStack() throws {
        let inputs = [
            String(repeating: "{", count: 199) + "x" + String(repeating: "}", count: 199),
            String(repeating: "\\frac{", count: 199) + "x" + String(repeating: "}{y}", count: 199),
            String(repeating: "\\left(", count: 199) + "x" + String(repeating: "\\right)", count: 199),
            String(repeating: "\\sqrt", count: 199) + " x",
            String(repeating: "x^{", count: 199) + "y" + String(repeating: "}", count: 199),
        ]
        let results = Results()
        let thread = Thread {
            for tex in inputs { results.append((try? MathML.convert(tex, display: true)).map(MathMLCoreChecker.problems)) }
        }
        thread.stackSize = 4 << 20
        thread.start()
        while !results.done(inputs.count) { usleep(10_000) }
        for result in results.values { #expect(result == []) }
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [[String]?] = []
        func append(_ item: [String]?) { lock.lock(); items.append(item); lock.unlock() }
        func done(_ count: Int) -> Bool { lock.lock(); defer { lock.unlock() }; return items.count == count }
        var values: [[String]?] { lock.lock(); defer { lock.unlock() }; return items }
    }

    /// A 100 KB formula converts; the bound only catches quadratic work (a
    /// debug build does this in a small fraction of it), it is no benchmark.
    @Test func longFormulasAreLinear() throws {
        let piece = #"x_{i} + \frac{\alpha}{\beta^2} - \sqrt{y} \cdot \left( a \right) + \mathbb{R} + \text{ok} "#
        let tex = String(repeating: piece, count: 100_000 / piece.utf8.count + 1)
        let matrix = "\\begin{pmatrix}" + String(repeating: "a & b \\\\ ", count: 10_000) + "\\end{pmatrix}"
        for input in [tex, matrix, String(repeating: "x", count: 100_000), String(repeating: "{}", count: 50_000)] {
            let start = ContinuousClock.now
            let mathml = try MathML.convert(input, display: true)
            #expect(ContinuousClock.now - start < .seconds(10))
            #expect(mathml.hasPrefix("<math display=\"block\""))
        }
        let unknown = String(repeating: "x", count: 100_000) + "\\fraq"
        #expect(MathFixtures.error(unknown).hasSuffix("did you mean `\\frac`?"))
    }

    /// Seeded random strings of TeX fragments: each either converts to
    /// well-formed MathML Core or is a located error inside the formula.
    @Test func randomInputNeverCrashes() throws {
        let fragments = [
            "x", "1", "2.5", "+", "-", "=", "(", ")", "[", "]", "{", "}", "^", "_", "'", "&", "\\\\", " ", ",",
            "\\frac", "\\sqrt", "\\left(", "\\right)", "\\middle|", "\\left.", "\\right.", "\\sum", "\\int",
            "\\limits", "\\lim", "\\alpha", "\\mathbb", "\\text{", "$", "\\begin{pmatrix}", "\\end{pmatrix}",
            "\\begin{cases}", "\\end{cases}", "\\hat", "\\overbrace", "\\not", "\\operatorname", "*", "\\big",
            "\\displaystyle", "\\over", "\\\\[", "\\,", "\\{", "\\}", "%", "\n", "\u{E000}0\u{E001}", "\\unknown",
            "θ", "≤", "\\;", "\\boldsymbol", "\\stackrel", "\\binom", "[3]", "\\end{matrix}", "\\begin{array}{c|l}",
        ]
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<3000 {
            let count = Int(generator.next() % 24) + 1
            var tex = ""
            for _ in 0..<count { tex += fragments[Int(generator.next() % UInt64(fragments.count))] }
            do {
                let mathml = try MathML.convert(tex, display: generator.next() % 2 == 0, live: ["-1.5"])
                #expect(MathMLCoreChecker.problems(mathml) == [], "\(tex)")
            } catch {
                let length = tex.unicodeScalars.count
                #expect(error.offset >= 0 && error.length >= 0 && error.offset + error.length <= length, "\(tex)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
