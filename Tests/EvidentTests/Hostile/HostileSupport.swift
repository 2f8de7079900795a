import Foundation
import Testing

/// Runs the real `evident` executable (built beside the test bundle) in its
/// own process, so that a crash or a stack overflow fails one case instead of
/// the whole test run, and a hang is cut off.
enum EvidentProcess {
    struct Result {
        var status: Int32
        var output: String
        var error: String
        var timedOut: Bool
    }

    /// The hang guard: far above what any hostile document needs (each takes
    /// well under a second), so it never acts as a timing assertion.
    static let hangGuard: TimeInterval = 120

    /// `.build/<config>/evident`, next to the `.xctest` bundle.
    static var executable: URL? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("evident")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        for bundle in Bundle.allBundles {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("evident")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static func run(_ arguments: [String], in directory: String, limit: TimeInterval = hangGuard) throws -> Result {
        guard let executable else {
            throw HostileError("the evident executable is not built beside the tests (run `swift build` first)")
        }
        let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outPath = scratch + "/out", errPath = scratch + "/err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                Thread.sleep(forTimeInterval: 1)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Result(status: process.terminationStatus, output: read(outPath), error: read(errPath), timedOut: timedOut)
    }
}

struct HostileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The first piece of active content in `html`: a `<script>`, `<iframe>`,
/// `<object>`, `<embed>`, `<frame>` or `<base>` element, an `on…` event
/// attribute, or a `javascript:`, `vbscript:` or `data:text/html` URL (also
/// entity-encoded) in an attribute. A small tag scanner that respects quoted
/// attribute values, so escaped text and attribute contents never confuse it.
/// (Fuzz/Sources/FuzzSupport has the same scanner for the fuzz targets.)
func activeContent(in html: String) -> String? {
    let s = Array(html.utf8)
    var i = 0
    func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b + 32 : b }
    func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 || b == 47 }
    func isNameByte(_ b: UInt8) -> Bool { !isSpace(b) && b != 61 && b != 62 && b != 34 && b != 39 }
    while i < s.count {
        guard s[i] == 60, i + 1 < s.count else { i += 1; continue }
        var j = i + 1
        if s[j] == 33 || s[j] == 63 { i += 1; continue }
        if s[j] == 47 { j += 1 }
        let nameStart = j
        while j < s.count, isNameByte(s[j]) { j += 1 }
        let name = String(decoding: s[nameStart..<j].map(lower), as: UTF8.self)
        if ["script", "iframe", "object", "embed", "frame", "base"].contains(name) { return "<\(name)" }
        while j < s.count, s[j] != 62 {
            while j < s.count, isSpace(s[j]) { j += 1 }
            let attributeStart = j
            while j < s.count, isNameByte(s[j]) { j += 1 }
            let attribute = String(decoding: s[attributeStart..<j].map(lower), as: UTF8.self)
            if attribute.hasPrefix("on") { return "attribute \(attribute)" }
            while j < s.count, s[j] == 32 { j += 1 }
            if j < s.count, s[j] == 61 {
                j += 1
                while j < s.count, s[j] == 32 { j += 1 }
                var value: [UInt8] = []
                if j < s.count, s[j] == 34 || s[j] == 39 {
                    let quote = s[j]
                    j += 1
                    while j < s.count, s[j] != quote { value.append(s[j]); j += 1 }
                    j += 1
                } else {
                    while j < s.count, !isSpace(s[j]), s[j] != 62 { value.append(s[j]); j += 1 }
                }
                let url = String(decoding: value.map(lower).filter { $0 > 32 }, as: UTF8.self)
                for scheme in ["javascript:", "vbscript:", "data:text/html"] where url.hasPrefix(scheme) { return "URL \(url)" }
                if url.hasPrefix("&#"), url.contains("script") || url.hasPrefix("&#106") || url.hasPrefix("&#x6a") {
                    return "encoded URL \(url)"
                }
            } else if j == attributeStart, j < s.count, s[j] != 62 {
                j += 1
            }
        }
        i = j
    }
    return nil
}
