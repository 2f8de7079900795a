import Foundation
import Testing
@testable import Evident
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Numbers typed in the prose, checked at the precision they were typed.
@Suite struct PinTests {
    @Test func readsPins() {
        #expect(InlineCode.read("{= I ≈ 4.76}") == .span(.pin(expression: "I", typed: "4.76", tolerance: nil), offset: 3))
        #expect(InlineCode.read("{= kl(p, q) ~= 4.4%}") == .span(.pin(expression: "kl(p, q)", typed: "4.4%", tolerance: nil), offset: 3))
        #expect(InlineCode.read("{= x ≈ 5 ± 1%}") == .span(.pin(expression: "x", typed: "5", tolerance: "1%"), offset: 3))
        #expect(InlineCode.read("{= x ≈ 0.5 +- 0.01}") == .span(.pin(expression: "x", typed: "0.5", tolerance: "0.01"), offset: 3))
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

    @Test func anErrorInThePinnedExpressionIsLocated() {
        let report = process("Value `{= nope ≈ 1}`.\n")
        #expect(report.diagnostics.map { "\($0.range.start) \($0.id)" } == ["1:11 E0301"])
    }
}
