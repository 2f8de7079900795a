import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI

/// What a CI job sees, as data: each `Fixtures/ci-scenarios/NAME/` holds
/// `input/` (the tree to work on), `command` (the arguments of `evident`,
/// one line per run, split at spaces), and what the runs print: `stdout`,
/// `stderr`, `exit` (a status per run), and `files` (every file in the
/// scratch directory afterwards but the home directory's, a cache
/// directory's key shown as `HASH`).
///
/// The real executable runs in a scratch directory of its own with a
/// home and an `XDG_CACHE_HOME` inside it, so that nothing depends on the
/// machine; no output may name the scratch directory. Re-recorded when
/// EVIDENT_RECORD=1, then reviewed.
@Suite struct CIScenarioTests {
    static let folder = repositoryRoot.appendingPathComponent("Tests/EvidentTests/Fixtures/ci-scenarios")

    static var scenarios: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test(arguments: scenarios)
    func scenario(_ name: String) throws {
        let base = Self.folder.appendingPathComponent(name)
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let work = scratch.url("work")
        try FileManager.default.copyItem(atPath: base.appendingPathComponent("input").path, toPath: work)
        let commands = try String(contentsOf: base.appendingPathComponent("command"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(!commands.isEmpty, "\(name): no command")
        var stdout = "", stderr = "", exits = ""
        for arguments in commands {
            let result = try EvidentProcess.run(arguments, in: work, environment: [
                "HOME": scratch.url("home"), "XDG_CACHE_HOME": scratch.url("xdg-cache"), "XDG_CONFIG_HOME": "",
            ])
            #expect(!result.timedOut)
            let prefix = commands.count > 1 ? "$ evident \(arguments.joined(separator: " "))\n" : ""
            stdout += prefix + result.output
            stderr += prefix + result.error
            exits += "\(result.status)\n"
        }
        let files = scratch.files().filter { !$0.hasPrefix("home/") }.map(Self.withoutKeys).joined(separator: "\n") + "\n"
        for text in [stdout, stderr] {
            #expect(!text.contains(scratch.path), "\(name): the output names the scratch directory")
        }
        let expected = ["stdout": stdout, "stderr": stderr, "exit": exits, "files": files]
        if ProcessInfo.processInfo.environment["EVIDENT_RECORD"] == "1" {
            for (file, text) in expected { try text.write(to: base.appendingPathComponent(file), atomically: true, encoding: .utf8) }
            return
        }
        for (file, text) in expected.sorted(by: { $0.key < $1.key }) {
            let recorded = try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)
            #expect(text == recorded, "\(name)/\(file)")
        }
    }

    /// A path with a user-cache directory's key (`docs-0123456789abcdef`)
    /// written `docs-HASH`: the key hashes the scratch directory's path.
    static func withoutKeys(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            let text = String(part)
            guard let dash = text.lastIndex(of: "-") else { return text }
            let key = text[text.index(after: dash)...]
            guard key.count == 16, key.allSatisfy(\.isHexDigit) else { return text }
            return text[..<dash] + "-HASH"
        }.joined(separator: "/")
    }
}
