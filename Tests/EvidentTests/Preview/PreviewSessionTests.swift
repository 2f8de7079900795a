import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentPreview
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// The preview served over real sockets, built with the real pipeline. One
/// at a time: each builds on the machine's few cores.
@Suite(.serialized) struct PreviewSessionTests {
    static let good = "# First title\n\n```evident\nlet x = 1 + 1\nx\n```\n"
    static let broken = "# Second title\n\n```evident\nlet x = nosuchname + 1\nx\n```\n"
    static let fixed = "# Third title, longer\n\n```evident\nlet x = 2 + 2\nx\n```\n"

    @Test func servedPagesCarryTheScriptAndTheBuiltFilesDoNot() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let doc = try scratch.write("docs/doc.md", Self.good)
        try scratch.write("docs/more/other.md", "# Other\n")
        let console = SharedConsole()
        let session = try PreviewSession(paths: [scratch.url("docs")], options: CommandOptions(), runner: realRunner(console.console), port: 0)
        let url = try await session.start()
        let port = UInt16(url.port!)
        #expect(url.absoluteString == "http://127.0.0.1:\(port)/")

        let page = await RawHTTP.get(port: port, "/doc.html")
        #expect(page.hasPrefix("HTTP/1.1 200"))
        #expect(page.contains("First title"))
        #expect(page.contains("<script id=\"evident-preview\">"))
        let index = await RawHTTP.get(port: port, "/")
        #expect(index.contains("<script id=\"evident-preview\">"))
        #expect(index.contains("other.html"))

        // On disk: the pages as `evident build` writes them, no script.
        let built = try #require(FileManager.default.enumerator(atPath: session.output)?.allObjects as? [String])
        let pages = built.filter { $0.hasSuffix(".html") }
        #expect(Set(pages) == ["doc.html", "index.html", "more/other.html"])
        for page in pages {
            let text = try String(contentsOfFile: session.output + "/" + page, encoding: .utf8)
            #expect(!text.contains("evident-preview"), "\(page)")
            #expect(!text.contains("EventSource"), "\(page)")
        }
        #expect(!built.contains { $0.hasPrefix(".evident-cache") }, "the result cache is kept out of the served folder")
        #expect(!FileManager.default.fileExists(atPath: scratch.url("docs/doc.html")), "nothing is written beside the sources")
        _ = doc

        let traversal = await RawHTTP.get(port: port, "/../doc.md")
        #expect(!traversal.contains("First title"))
        #expect(!traversal.hasPrefix("HTTP/1.1 200"))
        let cache = await RawHTTP.get(port: port, "/.evident-cache/")
        #expect(cache.hasPrefix("HTTP/1.1 404"))

        await session.stop()
        #expect(!FileManager.default.fileExists(atPath: session.output))
    }

    @Test func aBuildErrorShowsOverTheLastGoodPageUntilFixed() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let doc = try scratch.write("doc.md", Self.good)
        let console = SharedConsole()
        let session = try PreviewSession(paths: [doc], options: CommandOptions(), runner: realRunner(console.console), port: 0)
        let url = try await session.start()
        let port = UInt16(url.port!)
        #expect(url.path == "/doc.html")
        #expect(!(await RawHTTP.get(port: port, "/doc.html")).contains("evident-preview-errors"))

        try Self.broken.write(toFile: doc, atomically: true, encoding: .utf8)
        #expect(await eventually { await session.rebuildIfChanged() })
        let broken = await RawHTTP.get(port: port, "/doc.html")
        #expect(broken.contains("First title"), "the last good page")
        #expect(broken.contains("id=\"evident-preview-errors\""))
        let errors = await session.server.errors.lines
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("\(doc):4:9: ") == true, "\(errors)")
        #expect(errors.first?.contains("nosuchname") == true)
        #expect(broken.contains("<li>\(HTML.escape(errors.first ?? ""))</li>"))
        let onDisk = try String(contentsOfFile: session.output + "/doc.html", encoding: .utf8)
        #expect(!onDisk.contains("evident-preview"))

        try Self.fixed.write(toFile: doc, atomically: true, encoding: .utf8)
        #expect(await eventually { await session.rebuildIfChanged() })
        let fixed = await RawHTTP.get(port: port, "/doc.html")
        #expect(fixed.contains("Third title"))
        #expect(!fixed.contains("evident-preview-errors"))
        await session.stop()
    }

    @Test func aFirstBuildWithErrorsServesTheErrorsAloneThenThePage() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let doc = try scratch.write("doc.md", Self.broken)
        let session = try PreviewSession(paths: [doc], options: CommandOptions(), runner: realRunner(SharedConsole().console), port: 0)
        let port = UInt16(try await session.start().port!)
        let missing = await RawHTTP.get(port: port, "/doc.html")
        #expect(missing.hasPrefix("HTTP/1.1 404"))
        #expect(missing.contains("id=\"evident-preview-errors\""))
        #expect(missing.contains("nosuchname"))
        #expect(missing.contains("<script id=\"evident-preview\">"), "it reloads once the error is fixed")

        try Self.good.write(toFile: doc, atomically: true, encoding: .utf8)
        #expect(await eventually { await session.rebuildIfChanged() })
        let page = await RawHTTP.get(port: port, "/doc.html")
        #expect(page.hasPrefix("HTTP/1.1 200"))
        #expect(page.contains("First title"))
        #expect(!page.contains("evident-preview-errors"))
        await session.stop()
    }

    @Test func aBusyPortIsReportedAndLeavesNoFolder() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let doc = try scratch.write("doc.md", Self.good)
        let first = try PreviewSession(paths: [doc], options: CommandOptions(), runner: realRunner(SharedConsole().console), port: 0)
        let port = UInt16(try await first.start().port!)
        defer { Task { await first.stop() } }

        let console = SharedConsole()
        let status: CommandExit = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: realRunner(console.console).preview(path: doc, port: port, options: CommandOptions(),
                                                                                   shouldStop: { true }))
            }.start()
        }
        #expect(status == .error)
        #expect(console.text.contains("evident: error: cannot serve the preview: cannot listen on 127.0.0.1:\(port): "), "\(console.text)")
        let folder = try #require(console.text.split(separator: "\n").first { $0.hasPrefix("wrote ") }.map { ($0.dropFirst(6) as NSString).deletingLastPathComponent })
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    /// The command as a user runs it: started, a page fetched, the source
    /// edited, the reload event heard and the new page served, then stopped
    /// as by Ctrl-C, leaving no temporary folder.
    @Test func theCommandRebuildsAndSendsAReloadEvent() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let doc = try scratch.write("doc.md", Self.good)
        let console = SharedConsole()
        let stop = StopSignal()
        let finished = StatusBox()
        Thread {
            finished.set(realRunner(console.console).preview(path: doc, port: 0, options: CommandOptions(), shouldStop: { stop.isSet }))
        }.start()
        defer { stop.set() }

        #expect(await eventually { console.text.contains("serving http://127.0.0.1:") })
        let line = try #require(console.text.split(separator: "\n").first { $0.hasPrefix("serving ") })
        let url = try #require(URL(string: String(line.split(separator: " ")[1])))
        let port = UInt16(url.port!)
        #expect(url.path == "/doc.html")
        #expect((await RawHTTP.get(port: port, "/doc.html")).contains("First title"))

        async let events = RawHTTP.get(port: port, PreviewInjection.eventsPath, timeout: 10) { $0.contains("event: reload") }
        // Time for the page's event stream to connect before the edit.
        try await Task.sleep(nanoseconds: 500_000_000)
        try Self.fixed.write(toFile: doc, atomically: true, encoding: .utf8)
        let heard = await events
        #expect(heard.contains("text/event-stream"))
        #expect(heard.contains("event: reload\ndata: 2\n\n"), "\(heard)")
        #expect((await RawHTTP.get(port: port, "/doc.html")).contains("Third title"))

        let folder = try #require(console.text.split(separator: "\n").first { $0.hasPrefix("wrote ") }.map { ($0.dropFirst(6) as NSString).deletingLastPathComponent })
        #expect(FileManager.default.fileExists(atPath: folder))
        stop.set()
        #expect(await eventually { finished.value != nil })
        #expect(finished.value == .success)
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(console.text.hasSuffix("stopped\n"))
    }
}

final class StatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var status: CommandExit?
    var value: CommandExit? { lock.withLock { status } }
    func set(_ value: CommandExit) { lock.withLock { status = value } }
}
