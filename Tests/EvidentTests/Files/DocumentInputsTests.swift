import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct DocumentInputsTests {
    @Test func walksSortedSkippingHiddenAndExcluded() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        for path in ["docs/z.md", "docs/a.md", "docs/B.MD", "docs/sub/deeper/c.md", "docs/sub/b.md", "docs/.git/x.md",
                     "docs/.draft.md", "docs/out/old.md", "docs/readme.txt"] {
            try scratch.write(path, "")
        }
        let inputs = DocumentInputs(paths: [scratch.url("docs")], excluding: scratch.url("docs/out"))
        #expect(inputs.problems.isEmpty)
        #expect(inputs.documents.map(\.relativePath) == ["B.MD", "a.md", "sub/b.md", "sub/deeper/c.md", "z.md"])
        #expect(inputs.documents.map(\.path) == inputs.documents.map { scratch.url("docs/" + $0.relativePath) })
        #expect(inputs.documents.allSatisfy { $0.foundInDirectory })
    }

    @Test func excludedDirectoryIsRecognisedThroughAnotherSpelling() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "")
        try scratch.write("docs/out/b.md", "")
        let inputs = DocumentInputs(paths: [scratch.url("docs")], excluding: scratch.url("docs/./sub/../out/"))
        #expect(inputs.documents.map(\.relativePath) == ["a.md"])
    }

    @Test func filesAreTakenAsGivenAndDuplicatesOnce() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let notes = try scratch.write("notes.txt", "")
        let a = try scratch.write("docs/a.md", "")
        let notes2 = try scratch.write("notes.markdown", "")
        let inputs = DocumentInputs(paths: [notes, notes2, scratch.url("docs"), a, scratch.url("docs/../docs/a.md")])
        #expect(inputs.documents == [
            DocumentInput(path: notes2, relativePath: "notes.markdown", foundInDirectory: false),
            DocumentInput(path: a, relativePath: "a.md", foundInDirectory: true),
        ])
        // `check notes.txt` is a mistake, not a document that passes.
        #expect(inputs.problems == ["'\(notes)' is not a Markdown document (*.md or *.markdown); nothing in it would be checked"])
    }

    @Test func aLinkToADocumentIsADocumentOfItsOwn() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "")
        try FileManager.default.createSymbolicLink(atPath: scratch.url("docs/b.md"), withDestinationPath: scratch.url("docs/a.md"))
        #expect(DocumentInputs(paths: [scratch.url("docs")]).documents.map(\.relativePath) == ["a.md", "b.md"])
    }

    @Test func symbolicLinkCyclesEndTheWalk() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "")
        try FileManager.default.createSymbolicLink(atPath: scratch.url("docs/loop"), withDestinationPath: scratch.url("docs"))
        let inputs = DocumentInputs(paths: [scratch.url("docs")])
        #expect(inputs.documents.map(\.relativePath) == ["a.md"])
    }

    /// A link leading out of the directory named could publish any file of
    /// the machine (or walk the whole file system): it is a problem, not a
    /// document.
    @Test func linksOutOfTheDirectoryAreNotFollowed() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "")
        try scratch.write("secret/host.md", "")
        try FileManager.default.createSymbolicLink(atPath: scratch.url("docs/host.md"), withDestinationPath: scratch.url("secret/host.md"))
        try FileManager.default.createSymbolicLink(atPath: scratch.url("docs/root"), withDestinationPath: "/")
        let inputs = DocumentInputs(paths: [scratch.url("docs")])
        #expect(inputs.documents.map(\.relativePath) == ["a.md"])
        #expect(inputs.problems.count == 2)
        #expect(inputs.problems.allSatisfy { $0.contains("is a symbolic link to") && $0.contains("it is not followed") }, "\(inputs.problems)")
    }

    /// A pipe named `x.md` would block the read forever; a device could
    /// never end: neither is a document.
    @Test func pipesAndDevicesAreNotDocuments() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "")
        #expect(mkfifo(scratch.url("docs/pipe.md"), 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: scratch.url("zero.md"), withDestinationPath: "/dev/zero")
        let inputs = DocumentInputs(paths: [scratch.url("docs"), scratch.url("zero.md")])
        #expect(inputs.documents.map(\.relativePath) == ["a.md"])
        #expect(inputs.problems == ["'\(scratch.url("docs/pipe.md"))' is not a regular file (a pipe or a device, say)",
                                    "'\(scratch.url("zero.md"))' is not a regular file (a pipe or a device, say)"])
    }

    /// A name the file system holds that is not UTF-8 is reported, not
    /// skipped: a folder holding a failing document must not pass.
    @Test func namesThatAreNotUTF8AreProblems() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "")
        var bytes = Array(scratch.url("docs/").utf8) + [UInt8(ascii: "b"), 0xFF, UInt8(ascii: "."), UInt8(ascii: "m"), UInt8(ascii: "d"), 0]
        let descriptor = bytes.withUnsafeMutableBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o600) }
        #expect(descriptor >= 0)
        close(descriptor)
        let inputs = DocumentInputs(paths: [scratch.url("docs")])
        #expect(inputs.documents.map(\.relativePath) == ["a.md"])
        #expect(inputs.problems.count == 1 && inputs.problems[0].contains("the file name is not valid UTF-8"), "\(inputs.problems)")
    }

    @Test func problemsNameThePath() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("empty/.hidden.md", "")
        let inputs = DocumentInputs(paths: [scratch.url("gone"), scratch.url("empty")])
        #expect(inputs.documents.isEmpty)
        #expect(inputs.problems == [
            "no such file or directory: '\(scratch.url("gone"))'",
            "no Markdown files (*.md) found in '\(scratch.url("empty"))'",
        ])
    }

    @Test func directoryNamesJoinWithoutDoubleSlashes() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "")
        #expect(DocumentInputs(paths: [scratch.url("docs") + "/"]).documents.map(\.path) == [scratch.url("docs/a.md")])
    }

    @Test(arguments: [
        ("docs/a.md", "a.md", true, "DIR", "DIR/a.html"),
        ("docs/sub/b.md", "sub/b.md", true, "DIR/", "DIR/sub/b.html"),
        ("x/single.md", "single.md", false, "out", "out/single.html"),
        ("x/v1.2/notes", "notes", false, "out", "out/notes.html"),
        ("x/.profile", ".profile", false, "out", "out/.profile.html"),
    ])
    func pagesUnderAnOutputDirectory(path: String, relative: String, found: Bool, directory: String, expected: String) {
        let input = DocumentInput(path: path, relativePath: relative, foundInDirectory: found)
        #expect(PagePath.page(for: input, outputDirectory: directory) == expected)
    }

    @Test(arguments: [
        ("docs/a.md", "docs/a.html"),
        ("docs/sub/b.md", "docs/sub/b.html"),
        ("v1.2/notes", "v1.2/notes.html"),
        ("a.b.md", "a.b.html"),
    ])
    func pagesBesideTheirSources(path: String, expected: String) {
        let input = DocumentInput(path: path, relativePath: (path as NSString).lastPathComponent, foundInDirectory: false)
        #expect(PagePath.page(for: input, outputDirectory: nil) == expected)
    }
}
