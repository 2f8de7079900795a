import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// A build killed mid-way (SIGKILL: no clean-up of any kind) leaves every
/// page either as it was or complete and new, never truncated.
@Suite struct AtomicBuildKillTests {
    static let documents = 10

    static func document(_ i: Int) -> String {
        """
        # Document \(i)

        ```evident
        let M = bayesnet("x -> y, x -> z", hidden: ["x"], visible: ["y", "z"])
        let target = M.at([0.78, 0.24, 0.82, 0.97, 0.97])
        let start = M.at([0.3, 0.3, 0.6, 0.8, 0.4])
        let f = flow(evidence(target), from: start, T: 10, dt: 0.001)
        claim "document \(i) converges": f.final.kl < 1
        table(f, every: 2000)
        ```

        """
    }

    @Test func killedBuildLeavesEachPageOldOrNew() throws {
        guard EvidentProcess.executable != nil else {
            Issue.record("the evident executable is not built beside the tests")
            return
        }
        let root = HostileScratch.make()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let docs = root + "/docs"
        try FileManager.default.createDirectory(atPath: docs, withIntermediateDirectories: true)
        for i in 1...Self.documents {
            try Self.document(i).write(toFile: docs + "/d\(i).md", atomically: false, encoding: .utf8)
        }

        // The new pages, from a build left alone.
        let started = Date()
        let reference = try EvidentProcess.run(["build", "docs", "-o", "reference", "--no-cache"], in: root)
        let duration = Date().timeIntervalSince(started)
        #expect(reference.status == 0, "\(reference.error)")
        let names = (1...Self.documents).map { "d\($0).html" } + ["index.html"]
        let newPages = try names.map { try String(contentsOfFile: root + "/reference/" + $0, encoding: .utf8) }

        var rounds: [(old: Int, new: Int)] = []
        for fraction in [0.1, 0.25, 0.4, 0.55, 0.7, 0.85] {
            let out = root + "/out"
            try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let oldPages = names.map { "<p>old page \($0), which a killed build must not truncate</p>\n" }
            for (name, old) in zip(names, oldPages) { try old.write(toFile: out + "/" + name, atomically: false, encoding: .utf8) }

            // Without a cache: the reference build's would make these instant.
            let process = try #require(EvidentProcess.process(["build", "docs", "-o", "out", "--no-cache"], in: root))
            try process.run()
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            var old = 0, new = 0
            for (index, name) in names.enumerated() {
                let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
                if text == oldPages[index] {
                    old += 1
                } else {
                    #expect(text == newPages[index], "\(name) after a kill at \(fraction) of the build is neither old nor new (\(text.utf8.count) bytes)")
                    new += 1
                }
            }
            rounds.append((old, new))
        }
        // At least one kill landed mid-way: some pages new, some still old.
        #expect(rounds.contains { $0.old > 0 && $0.new > 0 }, "no kill landed mid-build: \(rounds)")
    }
}
