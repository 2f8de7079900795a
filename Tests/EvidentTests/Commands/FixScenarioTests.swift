import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// `evident fix` as data: each `Fixtures/fix/NAME.md` is a document before,
/// `NAME.diff` what `fix` prints (with its exit code and messages on the
/// first line as `# exit N`, then `# ` lines of standard error), and
/// `NAME.after` the document after `fix --write`. Re-recorded when
/// EVIDENT_RECORD=1, then reviewed.
@Suite struct FixScenarioTests {
    static let folder = repositoryRoot.appendingPathComponent("Tests/EvidentTests/Fixtures/fix")

    static var scenarios: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }

    func runner(_ console: CapturedConsole) -> CommandRunner {
        CommandRunner(console: console.console) { options in
            let pipeline = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator)
            return { pipeline.process(file: $0, source: $1, mode: $2) }
        }
    }

    @Test(arguments: scenarios)
    func scenario(_ name: String) throws {
        let base = String(name.dropLast(3))
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("evident-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let before = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let path = work.appendingPathComponent(name).path
        try before.write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)

        let shown = CapturedConsole()
        let exit = runner(shown).fix(paths: [path], write: false)
        let relative = { (text: String) in text.replacingOccurrences(of: work.path + "/", with: "") }
        let errors = relative(shown.error).split(separator: "\n").map { "# \($0)\n" }.joined()
        let printed = "# exit \(exit.rawValue)\n" + errors + relative(shown.output)
        let written = CapturedConsole()
        _ = runner(written).fix(paths: [path], write: true)
        let after = try Data(contentsOf: URL(fileURLWithPath: path))

        let diffFile = Self.folder.appendingPathComponent(base + ".diff"), afterFile = Self.folder.appendingPathComponent(base + ".after")
        if ProcessInfo.processInfo.environment["EVIDENT_RECORD"] == "1" {
            try printed.write(to: diffFile, atomically: true, encoding: .utf8)
            try after.write(to: afterFile)
            return
        }
        #expect(printed == (try String(contentsOf: diffFile, encoding: .utf8)), "\(name)")
        #expect(after == (try Data(contentsOf: afterFile)), "\(name)")
        // The file keeps its mode; without changes it is not written at all.
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        if printed == "# exit 0\n" { #expect(after == before) }
    }
}
