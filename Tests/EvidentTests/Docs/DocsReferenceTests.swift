import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Keeps docs/ true: the language reference covers every built-in, every page
/// evaluates with all its claims holding, and links between pages land.
@Suite struct DocsReferenceTests {
    static let docs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    static func read(_ name: String) throws -> String {
        try String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8)
    }

    static func pages() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
    }

    /// Whether `code` calls `name(` (not as part of a longer name or a member).
    static func calls(_ code: String, _ name: String) -> Bool {
        var rest = code[...]
        while let hit = rest.range(of: name + "(") {
            let before = hit.lowerBound == code.startIndex ? nil : code[code.index(before: hit.lowerBound)]
            if let c = before, c.isLetter || c.isNumber || c == "_" || c == "." {
                rest = code[hit.upperBound...]
                continue
            }
            return true
        }
        return false
    }

    /// The budgets' table in robustness.md names every budget with its default.
    @Test func theBudgetTableGivesTheDefaults() throws {
        let rows = try Self.read("robustness.md").split(separator: "\n").filter { $0.hasPrefix("| `") }
        for budget in Budget.allCases {
            let row = try #require(rows.first { $0.hasPrefix("| `\(budget.rawValue)` |") }, "no row for \(budget.rawValue)")
            let cell = row.split(separator: "|")[1].split(separator: " ").first.map { $0.replacingOccurrences(of: ",", with: "") }
            #expect(cell.flatMap(Double.init) == Limits.standard[budget], "\(row)")
        }
    }

    @Test func everyBuiltinHasAnEntryWithAnEvaluatedExample() throws {
        let source = try Self.read("language.md")
        let headings = source.split(separator: "\n").filter { $0.hasPrefix("#") }
        let code = MarkdownReader.read(source, file: "docs/language.md").items.compactMap { item -> String? in
            if case .block(let block) = item { return block.code }
            return nil
        }.joined(separator: "\n")
        for name in BuiltinRegistry.evident.names {
            #expect(headings.contains { $0.contains("`\(name)(") },
                    "docs/language.md has no heading for the built-in `\(name)`")
            #expect(Self.calls(code, name), "no evident block in docs/language.md calls `\(name)(…)`")
        }
    }

    /// The whole of docs/ in check mode: no diagnostics, every claim holding,
    /// at least 40 claims. About 15 s in a debug build (the flagship report's
    /// cosine histograms take most of it); CI also runs `evident check docs`
    /// with the release binary.
    @Test func everyPageEvaluatesAndEveryClaimHolds() throws {
        let pipeline = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
        var total = 0
        let pages = try Self.pages()
        #expect(pages.count >= 4)
        for page in pages {
            let report = pipeline.process(file: "docs/" + page, source: try Self.read(page), mode: .check)
            #expect(report.diagnostics.isEmpty, "\(page): \(report.diagnostics.map(\.headline))")
            for claim in report.failedClaims {
                Issue.record("\(page):\(claim.range.start.line): claim failed: \(claim.label ?? claim.source) — \(claim.detail)")
            }
            total += report.claims.count
        }
        #expect(total >= 40, "docs/ has \(total) claims, fewer than 40")
    }

    /// Every relative link to a page (`other.md`, `other.md#anchor`) names a
    /// page in docs/ and, with an anchor, one of its headings' ids.
    @Test func linksBetweenPagesLand() throws {
        let pages = try Self.pages()
        var anchors: [String: Set<String>] = [:]
        for page in pages {
            let headings = MarkdownReader.read(try Self.read(page), file: page).headings.map(\.text)
            anchors[page] = Set(HeadingIDs.make(headings))
        }
        let link = try Regex(#"\]\(([^)\s]+)\)"#)
        var checked = 0
        for page in pages {
            for match in try Self.read(page).matches(of: link) {
                let url = String(match.output[1].substring ?? "")
                guard PageLink.rewrite(url) != nil else { continue }
                let parts = url.split(separator: "#", maxSplits: 1).map(String.init)
                let target = parts[0]
                #expect(anchors[target] != nil, "\(page) links to \(target), which is not in docs/")
                if parts.count == 2, let ids = anchors[target] {
                    #expect(ids.contains(parts[1]), "\(page) links to \(url), but \(target) has no heading with that id")
                }
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    /// The tutorial shows what a failed claim looks like; it must keep
    /// looking like that.
    @Test func theTutorialsFailedClaimReadsAsShown() throws {
        let claim = #"claim "a fair coin is the most informative": fisher(coin.at([0.5]))[1][1] >= fisher(q)[1][1]"#
        let tutorial = try Self.read("tutorial.md")
        #expect(tutorial.contains(claim))
        #expect(tutorial.contains(#"error: claim failed: "a fair coin is the most informative" — A < B"#))
        let source = """
            ```evident
            let coin = independence(hidden: [], visible: ["side"])
            let q = coin.at([0.3])
            \(claim)
            ```
            """
        let report = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
            .process(file: "t.md", source: source, mode: .check)
        #expect(report.diagnostics.isEmpty)
        #expect(report.failedClaims.map(\.detail) == ["4 < 4.761905"])
        #expect(report.exitCode == 1)
    }
}
