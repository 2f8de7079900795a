import Foundation
import Testing
@testable import EvidentCLI
@testable import EvidentPreview

@Suite struct PreviewFilesTests {
    /// An output folder with a page, an index, a page below a folder, the
    /// cache, and a secret beside the folder.
    func makeSite() throws -> (ScratchDirectory, PreviewFiles) {
        let scratch = try ScratchDirectory()
        try scratch.write("site/index.html", "index")
        try scratch.write("site/a b.html", "a b")
        try scratch.write("site/sub/c.html", "c")
        try scratch.write("site/.evident-cache/blocks", "cache")
        try scratch.write("secret.txt", "secret")
        return (scratch, PreviewFiles(root: scratch.url("site")))
    }

    @Test func servesFilesBelowTheFolderAndIndexesForFolders() throws {
        let (scratch, files) = try makeSite()
        defer { scratch.remove() }
        let root = files.root
        #expect(files.file(for: "/") == root + "/index.html")
        #expect(files.file(for: "/a%20b.html") == root + "/a b.html")
        #expect(files.file(for: "/sub/c.html") == root + "/sub/c.html")
        #expect(files.file(for: "//sub//c.html") == root + "/sub/c.html")
        #expect(files.file(for: "/missing.html") == nil)
        #expect(files.file(for: "/sub") == nil)
    }

    @Test(arguments: [
        "/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/sub/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt", "/./index.html", "/.evident-cache/blocks", "/index.html%00.png", "secret.txt", "../secret.txt",
    ])
    func refusesPathsLeavingTheFolderOrHidden(path: String) throws {
        let (scratch, files) = try makeSite()
        defer { scratch.remove() }
        #expect(files.file(for: path) == nil)
    }

    @Test func refusesSymbolicLinksLeavingTheFolder() throws {
        let (scratch, files) = try makeSite()
        defer { scratch.remove() }
        try FileManager.default.createSymbolicLink(atPath: scratch.url("site/leak.html"), withDestinationPath: scratch.url("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: scratch.url("site/out"), withDestinationPath: scratch.path)
        try FileManager.default.createSymbolicLink(atPath: scratch.url("site/inside.html"), withDestinationPath: scratch.url("site/sub/c.html"))
        #expect(files.file(for: "/leak.html") == nil)
        #expect(files.file(for: "/out/secret.txt") == nil)
        #expect(files.file(for: "/inside.html") == files.root + "/sub/c.html")
    }
}

@Suite struct PreviewInjectionTests {
    @Test func scriptGoesBeforeTheLastClosingBody() {
        let page = "<html><body><p>a</p><pre>&lt;/body&gt;</pre></body>\n</html>"
        let served = PreviewInjection.inject(into: page, errors: [])
        #expect(served == "<html><body><p>a</p><pre>&lt;/body&gt;</pre>" + PreviewInjection.script + "\n</body>\n</html>")
        #expect(served.contains("new EventSource(\"/__evident/events\")"))
        #expect(served.contains("sessionStorage"))
        #expect(!served.contains("evident-preview-errors"))
    }

    @Test func aPageWithoutBodyGetsTheScriptAtItsEnd() {
        #expect(PreviewInjection.inject(into: "<p>x</p>", errors: []) == "<p>x</p>" + PreviewInjection.script + "\n")
    }

    @Test func theOverlayListsEachErrorEscaped() {
        let served = PreviewInjection.inject(into: "<body></body>", errors: ["a.md:3:5: unknown name `<b>&`", "a.md:9:1: second"])
        #expect(served.contains("<li>a.md:3:5: unknown name `&lt;b&gt;&amp;`</li><li>a.md:9:1: second</li>"))
        #expect(served.range(of: "evident-preview-errors")!.lowerBound < served.range(of: "<script")!.lowerBound)
        #expect(!served.contains("<b>&"))
    }
}
