import Foundation
import Testing
@testable import EvidentCLI

/// The same sources give the same pages, byte for byte, whichever working
/// directory the build runs in and whether its paths are absolute or
/// relative: a page and the index name a source relative to the project
/// root (or to the directory given), never by a path of the machine.
@Suite struct ReproduciblePagesTests {
    /// Documents with a failed claim and a warning, so that the page shows
    /// places in its source, in a folder and a subfolder.
    static func writeSources(in scratch: ScratchDirectory) throws {
        try scratch.write("project/src/docs/a.md", """
        # A

        ```evident
        claim "holds": 1 + 1 == 2
        claim "fails": 2 + 2 == 5
        ```

        <b>raw</b>
        """)
        try scratch.write("project/src/docs/sub/b.md", "---\ntitle: B\n---\nOnly prose, `{= 6 * 7}`.\n")
    }

    /// Every file below `directory`, relative, with its bytes.
    static func tree(_ directory: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let next = enumerator?.nextObject() as? String {
            let path = directory + "/" + next
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[next] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    /// Three builds: from the folder above the sources with relative paths,
    /// from inside the sources, and from `/` with absolute paths.
    func builds(in scratch: ScratchDirectory) throws -> [[String: Data]] {
        let environment = ["HOME": scratch.url("home"), "XDG_CACHE_HOME": scratch.url("cache")]
        let runs: [(arguments: [String], directory: String, output: String)] = [
            (["build", "src/docs", "-o", "../out1"], scratch.url("project"), "out1"),
            (["build", ".", "-o", "../../../out2"], scratch.url("project/src/docs"), "out2"),
            (["build", scratch.url("project/src/docs"), "-o", scratch.url("out3")], "/", "out3"),
        ]
        return try runs.map { run in
            let result = try EvidentProcess.run(run.arguments, in: run.directory, environment: environment)
            #expect(result.status == 1, "\(run.arguments): \(result.error)")
            return Self.tree(scratch.url(run.output))
        }
    }

    @Test func withoutAProjectFilePathsAreRelativeToTheDirectoryGiven() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try Self.writeSources(in: scratch)
        let sites = try builds(in: scratch)
        #expect(Set(sites[0].keys) == ["a.html", "sub/b.html", "index.html"])
        #expect(sites[1] == sites[0])
        #expect(sites[2] == sites[0])
        let page = String(decoding: sites[0]["a.html"] ?? Data(), as: UTF8.self)
        let index = String(decoding: sites[0]["index.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("a.md:5:1"))
        #expect(index.contains("<code>sub/b.md</code>"))
        for site in sites {
            for (name, bytes) in site {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(scratch.path), "\(name) names the scratch directory")
            }
        }
    }

    @Test func withAProjectFilePathsAreRelativeToItsRoot() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try Self.writeSources(in: scratch)
        try scratch.write("project/evident.yml", "math-font: system\n")
        let sites = try builds(in: scratch)
        #expect(sites[1] == sites[0])
        #expect(sites[2] == sites[0])
        let page = String(decoding: sites[0]["a.html"] ?? Data(), as: UTF8.self)
        let index = String(decoding: sites[0]["index.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("src/docs/a.md:5:1"))
        #expect(index.contains("<code>src/docs/sub/b.md</code>"))
        #expect(!page.contains(scratch.path))
        // The cache is at the project root, not in the published tree.
        #expect(scratch.exists("project/.evident-cache"))
        #expect(!sites[0].keys.contains { $0.hasPrefix(".") })
    }
}
