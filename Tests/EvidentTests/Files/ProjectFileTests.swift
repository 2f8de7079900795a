import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage

/// The project file's patterns, its settings and where it is found.
@Suite struct ProjectFileTests {
    @Test(arguments: [
        ("README.md", "README.md", true),
        ("README.md", "docs/README.md", true),
        ("README.md", "docs/README.markdown", false),
        ("docs/*.md", "docs/a.md", true),
        ("docs/*.md", "docs/sub/a.md", false),
        ("docs/**/*.md", "docs/a.md", true),
        ("docs/**/*.md", "docs/sub/deep/a.md", true),
        ("docs/", "docs/sub/a.md", true),
        ("docs/", "other/docs.md", false),
        ("./docs/?.md", "docs/a.md", true),
        ("./docs/?.md", "docs/ab.md", false),
        ("reports/wip-*.md", "reports/wip-q2.md", true),
        ("reports/wip-*.md", "reports/q2.md", false),
        ("**", "any/thing.md", true),
        ("*", "a.md", true),
    ])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(Glob(pattern).matches(path) == matches, "\(pattern) ~ \(path)")
    }

    @Test func settingsAreReadRelativeToTheRoot() {
        let text = """
        include: [docs/, reports/]
        exclude: README.md
        params:
          seed: 3
          target: [0.2, 0.8]
        cache: build/cache
        math-font: system
        allow-read: [data, /srv/shared]
        """
        let (project, diagnostics) = ProjectFile.parse(text, root: "/p", path: "evident.yml")
        #expect(diagnostics.isEmpty)
        #expect(project.include.map(\.description) == ["docs/", "reports/"])
        #expect(project.exclude.map(\.description) == ["README.md"])
        #expect(project.params.map(\.name) == ["seed", "target"])
        #expect(project.params.first?.value == .number(3))
        #expect(project.params.first?.location == SourceLocation(line: 4, column: 9))
        #expect(project.cache == .directory("/p/build/cache"))
        #expect(project.mathFont == .system)
        #expect(project.allowRead == ["/p/data", "/srv/shared"])
        #expect(project.selects("docs/a.md") && project.selects("reports/sub/q.md"))
        #expect(!project.selects("docs/README.md") && !project.selects("notes/a.md"))
        #expect(ProjectFile.parse("cache: false\n", root: "/p", path: "e").0.cache == .off)
        #expect(ProjectFile.parse("", root: "/p", path: "e").1.isEmpty)
        #expect(ProjectFile.parse("# only a comment\n", root: "/p", path: "e").0.selects("a.md"))
    }

    @Test func mistakesAreLocated() {
        let unclosed = ProjectFile.parse("exclude: [README.md\ninclude: docs/\n", root: "/p", path: "evident.yml").1
        #expect(unclosed.map(\.headline) == [
            "evident.yml:1:10: error: malformed evident.yml: in the flow sequence that starts here, did not find expected ',' or ']'",
            "evident.yml:2:8: note: the YAML reader noticed it here",
        ])
        let wrong = "cache: 3\nparams: {1x: 2, ok: ~}\nkeys: 1\nmath-font: [a]\nlimits: {time: soon}\n"
        #expect(ProjectFile.parse(wrong, root: "/p", path: "evident.yml").1.map(\.headline) == [
            "evident.yml:1:8: error: `cache` must be a directory or false",
            "evident.yml:2:10: error: a param name must be an identifier",
            "evident.yml:2:21: error: param `ok`: must be a number, a string, a boolean, a list or a mapping, not null",
            "evident.yml:3:1: error: unknown key `keys` in evident.yml; it knows `include`, `exclude`, `params`, `cache`, `math-font`, `allow-read`, `limits`",
            "evident.yml:4:12: error: `math-font` must be `embedded` or `system`",
            "evident.yml:5:16: error: the time budget is a positive number of seconds, or of minutes or hours with `m` or `h` (`90`, `30m`, `2h`), got 'soon'",
        ])
        #expect(ProjectFile.parse("[1, 2]\n", root: "/p", path: "e").1.map(\.id) == [.projectFileMalformed])
        // The alias-key guard of the front matter holds here too.
        #expect(ProjectFile.parse("a: &a [1]\n? *a\n: 1\n", root: "/p", path: "e").1.map(\.headline)
                == ["e:2:3: error: malformed evident.yml: an alias cannot be a key"])
    }

    @Test func theProjectFileIsNamedRelativeToTheWorkingDirectory() {
        #expect(CommandRunner.shown("/p/evident.yml", from: "/p") == "evident.yml")
        #expect(CommandRunner.shown("/p/evident.yml", from: "/p/docs/sub") == "../../evident.yml")
        #expect(CommandRunner.shown("/p/evident.yml", from: "/q") == "../p/evident.yml")
        #expect(CommandRunner.shown("/p/evident.yml", from: "/") == "p/evident.yml")
    }

    @Test func foundUpwardsFromThePathsGiven() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("p/evident.yml", "exclude: README.md\n")
        try scratch.write("p/docs/sub/a.md", "# A")
        try scratch.write("q/b.md", "# B")
        // A directory of that name is not a project file.
        try FileManager.default.createDirectory(atPath: scratch.url("p/docs/evident.yml"), withIntermediateDirectories: true)
        #expect(ProjectFile.find(from: scratch.url("p/docs/sub")) == scratch.url("p/evident.yml"))
        #expect(ProjectFile.find(from: scratch.url("p")) == scratch.url("p/evident.yml"))
        let captured = CapturedConsole()
        let runner = ScriptedProcessor().runner(captured)
        guard case .success(let project?) = runner.findProject(for: [scratch.url("p/docs/sub/a.md")]) else {
            Issue.record("no project found")
            return
        }
        #expect(project.root == scratch.url("p"))
        #expect(project.relativePath(of: scratch.url("p/docs/sub/a.md")) == "docs/sub/a.md")
        // Paths in two projects (or one in none) cannot be built together.
        try scratch.write("q/evident.yml", "")
        guard case .failure = runner.findProject(for: [scratch.url("p/docs"), scratch.url("q/b.md")]) else {
            Issue.record("two projects were taken as one")
            return
        }
        #expect(captured.error.contains("belong to different projects"))
    }
}
