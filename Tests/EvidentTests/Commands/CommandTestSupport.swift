import Foundation
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Collects what a command writes to standard output and standard error.
final class CapturedConsole {
    var output = ""
    var error = ""
    var colour = false

    var console: Console {
        Console(writeOutput: { self.output += $0 }, writeError: { self.error += $0 }, colourOutput: colour, colourError: colour)
    }

    var outputLines: [String] { output.split(separator: "\n").map(String.init) }
}

/// A document processor driven by the document's own lines, so tests state
/// their outcome in the file they write:
///
///     # TITLE            the title
///     pass LABEL         a claim that holds (`-` for no label)
///     fail LABEL         a claim that fails, detail `observed 4`
///     error MESSAGE      an error at column 3
///     warning MESSAGE    a warning at column 3
///
/// Build mode gives the page `<p>page of FILE</p>`, run mode the text
/// `text of FILE`; a document with errors gets neither, as the real pipeline
/// does not promise one.
final class ScriptedProcessor {
    var calls: [(file: String, mode: ProcessingMode)] = []
    var options: PipelineOptions?

    func runner(_ captured: CapturedConsole) -> CommandRunner {
        CommandRunner(console: captured.console) { options in
            self.options = options
            return { file, source, mode in self.report(file: file, source: source, mode: mode) }
        }
    }

    func report(file: String, source: String, mode: ProcessingMode) -> DocumentReport {
        calls.append((file, mode))
        var title = (file as NSString).lastPathComponent
        var claims: [ClaimResult] = []
        var diagnostics: [Diagnostic] = []
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard let keyword = words.first else { continue }
            let rest = words.count > 1 ? words[1] : ""
            let range = SourceRange(start: SourceLocation(line: number, column: 1), end: SourceLocation(line: number, column: line.count + 1))
            switch keyword {
            case "#": title = rest
            case "pass", "fail":
                claims.append(ClaimResult(label: rest == "-" ? nil : rest, source: "expr \(number)", passed: keyword == "pass",
                                          detail: keyword == "pass" ? "holds" : "observed 4", range: range))
            case "error", "warning":
                diagnostics.append(Diagnostic(file: file, range: SourceRange(SourceLocation(line: number, column: 3)),
                                              severity: keyword == "error" ? .error : .warning, id: .internalError, message: rest))
            default: break
            }
        }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return DocumentReport(file: file, source: source, title: title, claims: claims, diagnostics: diagnostics,
                              html: mode == .build && !hasErrors ? "<p>page of \(file)</p>" : nil,
                              text: mode == .run && !hasErrors ? "text of \(file)" : nil)
    }
}

/// A fresh directory under the system's temporary directory, removed by
/// `remove()`.
struct ScratchDirectory {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func url(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    /// Writes `text` at `relative`, creating directories; returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let full = url(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
        return full
    }

    func read(_ relative: String) -> String? { try? String(contentsOfFile: url(relative), encoding: .utf8) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative)) }

    /// Every file below the directory, relative, sorted.
    func files() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let next = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url(next), isDirectory: &isDirectory), !isDirectory.boolValue { found.append(next) }
        }
        return found.sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A report made by hand, for the formatters.
func makeReport(file: String = "docs/a.md", source: String = "line one\nline two\nline three\n", title: String = "A",
                claims: [ClaimResult] = [], diagnostics: [Diagnostic] = []) -> DocumentReport {
    DocumentReport(file: file, source: source, title: title, claims: claims, diagnostics: diagnostics)
}

func makeClaim(_ label: String?, passed: Bool, line: Int = 1, source: String = "x == 1", detail: String = "x = 1") -> ClaimResult {
    ClaimResult(label: label, source: source, passed: passed, detail: detail,
                range: SourceRange(start: SourceLocation(line: line, column: 1), end: SourceLocation(line: line, column: 5)))
}

func makeError(_ message: String, file: String = "docs/a.md", line: Int = 2, column: Int = 4) -> Diagnostic {
    Diagnostic(file: file, range: SourceRange(SourceLocation(line: line, column: column)), id: .internalError, message: message)
}
