import Foundation
import Testing
@testable import Evident
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Numbers typed in the prose, checked at the precision they were typed.
@Suite struct PinTests {
    @Test func readsPins() {
        #expect(InlineCode.read("{= I ≈ 4.76}") == .span(.pin(expression: "I", typed: "4.76", tolerance: nil, typedOffset: 4), offset: 3))
        #expect(InlineCode.read("{= kl(p, q) ~= 4.4%}") == .span(.pin(expression: "kl(p, q)", typed: "4.4%", tolerance: nil, typedOffset: 12), offset: 3))
        #expect(InlineCode.read("{= x ≈ 5 ± 1%}") == .span(.pin(expression: "x", typed: "5", tolerance: "1%", typedOffset: 4), offset: 3))
        #expect(InlineCode.read("{= x ≈ 0.5 +- 0.01}") == .span(.pin(expression: "x", typed: "0.5", tolerance: "0.01", typedOffset: 4), offset: 3))
        guard case .malformed(let message) = InlineCode.read("{= x ≈ about 5}") else { Issue.record("not malformed"); return }
        #expect(message.contains("about 5"))
        guard case .malformed = InlineCode.read("{= ≈ 5}") else { Issue.record("not malformed"); return }
    }

    @Test(arguments: [
        ("4.76", 4.76, 0.005), ("4.4%", 0.044, 0.0005), ("1.2e-3", 0.0012, 0.00005), ("300", 300, 0.5), ("−0.50", -0.5, 0.005),
    ])
    func halfAUnitOfTheLastTypedDigit(_ text: String, _ value: Double, _ half: Double) throws {
        let number = try #require(PinnedNumber(text))
        #expect(abs(number.value - value) < 1e-15)
        #expect(abs(number.halfUnit - half) < 1e-15)
    }

    @Test func tolerancesGivenExplicitly() throws {
        let number = try #require(PinnedNumber("4.76"))
        #expect(abs(number.tolerance("1%")! - 0.0476) < 1e-15)
        #expect(number.tolerance("0.01") == 0.01)
        #expect(PinnedNumber("4.7.6") == nil && PinnedNumber("e5") == nil && PinnedNumber("") == nil && PinnedNumber(".") == nil)
    }

    func process(_ source: String) -> DocumentReport {
        Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator).process(file: "p.md", source: source, mode: .build)
    }

    @Test func aPinPassesAtItsPrecisionAndReadsAsTyped() {
        let report = process("```evident\nlet I = 1 / (0.3 * 0.7)\n```\n\nThe information is `{= I ≈ 4.76}` here.\n")
        #expect(report.claims.map(\.passed) == [true])
        #expect(report.claims[0].source == "I ≈ 4.76")
        #expect(report.claims[0].range.start == SourceLocation(line: 5, column: 24))
        let page = String(decoding: report.page ?? [], as: UTF8.self)
        #expect(page.contains(#"<span class="evident-pin passed" id="claim-1" title="passed: I ≈ 4.76"#))
        #expect(page.contains(">4.76</span> here."))
    }

    @Test func aStalePinFailsWhereItStandsWithTheComputedValue() {
        let report = process("```evident\nlet I = 1 / (0.3 * 0.7)\n```\n\nIt is `{= I ≈ 4.77}` and `{= I ≈ 4.8 ± 1%}`.\n")
        #expect(report.claims.map(\.passed) == [false, true])
        #expect(report.claims[0].detail.hasPrefix("computed 4.76"))
        let page = String(decoding: report.page ?? [], as: UTF8.self)
        #expect(page.contains(#"<span class="evident-pin failed" id="claim-1""#))
        #expect(page.contains("✗ computed 4.76"))
    }

    /// The computed value gets the digits it takes to read outside the
    /// typed number's tolerance (seven would show `1.1`, inside `1 ± 0.1`).
    @Test func aFailingPinShowsEnoughDigitsToSeeWhy() {
        let report = process("```evident\nlet x = 1.100000001\n```\n\nIt is `{= x ≈ 1 ± 0.1}`.\n")
        #expect(report.claims.map(\.passed) == [false])
        #expect(report.claims[0].detail == "computed 1.100000001, typed 1 ± 0.1")
    }

    @Test func anErrorInThePinnedExpressionIsLocated() {
        let report = process("Value `{= nope ≈ 1}`.\n")
        #expect(report.diagnostics.map { "\($0.range.start) \($0.id)" } == ["1:11 E0301"])
    }
}

/// The spellings issue 19 names: scientific notation both ways, grouped
/// thousands, percentages, typographic minus, and the boundary.
@Suite struct PinnedNumberSpellingTests {
    @Test(arguments: [
        ("3.1e-17", 3.1e-17, 5e-19), ("3.1 × 10⁻¹⁷", 3.1e-17, 5e-19), ("42.7%", 0.427, 0.0005), ("12,345.6", 12345.6, 0.05),
        ("−1,000", -1000, 0.5), ("-0.25", -0.25, 0.005),
    ])
    func reads(_ text: String, _ value: Double, _ half: Double) throws {
        let number = try #require(PinnedNumber(text))
        #expect(abs(number.value - value) <= 1e-12 * max(1, abs(value)))
        #expect(abs(number.halfUnit - half) <= 1e-12 * half)
    }

    @Test(arguments: ["12,34.5", "1,2345", "3.1 × 10", "3.1 × 1017", "4.7.6", "%", ""])
    func refuses(_ text: String) {
        #expect(PinnedNumber(text) == nil)
    }

    /// Exactly half a unit away holds; a hair more does not.
    @Test func theBoundaryIsHalfAUnit() {
        func pin(_ value: String, _ typed: String) -> Bool {
            let report = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
                .process(file: "b.md", source: "`{= \(value) ≈ \(typed)}`\n", mode: .check)
            return report.claims.first?.passed ?? false
        }
        #expect(pin("0.125", "0.12"))
        #expect(pin("0.375", "0.38"))
        #expect(!pin("0.1251", "0.12"))
    }
}
