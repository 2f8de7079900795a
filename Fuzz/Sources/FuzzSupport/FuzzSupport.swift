import Evident
import EvidentLanguage
import EvidentMarkdown

/// What every fuzz target checks besides "does not crash".
public enum FuzzSupport {
    /// Small sizes, so that the fuzzer explores many programs per second
    /// instead of evaluating the examples' 50,000-point samples under the
    /// address sanitizer; the hostile corpus covers the real limits. A
    /// document's own time and flow budgets end a slow input with a located
    /// error well inside the fuzzer's timeout: a hang outside evaluation
    /// still times out.
    public static let limits = Limits(maxElements: 2_000, maxFlowSteps: 100_000, maxSeconds: 10)

    /// The engine's evaluator with `limits`.
    public static let makeEvaluator: EvaluatorFactory = { file, params, _, _ in
        Interpreter(file: file, params: params, builtins: .evident, limits: limits)
    }

    /// The fuzzer's bytes as text: invalid UTF-8 becomes U+FFFD, exactly as
    /// `TextFile.read` would see a file (NUL bytes stay).
    public static func text(_ data: UnsafeRawPointer, _ count: Int, limit: Int) -> String {
        let bytes = UnsafeRawBufferPointer(start: data, count: min(count, limit))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Stops the process (a libFuzzer finding) unless `condition` holds.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String, input: String) {
        if !condition {
            fatalError("\(message())\ninput: \(input.debugDescription)")
        }
    }

    /// Every diagnostic names a line of the input and a positive column.
    public static func checkLocated(_ diagnostics: [Diagnostic], lines: Int, input: String) {
        for d in diagnostics {
            require(!d.message.isEmpty, "empty diagnostic message", input: input)
            require(d.range.start.line >= 1 && d.range.start.line <= max(lines, 1) && d.range.start.column >= 1,
                    "diagnostic outside the input: \(d.range.start.line):\(d.range.start.column) of \(lines) lines: \(d.message)",
                    input: input)
        }
    }

    /// Every diagnostic names a line of `text` and a column of that line
    /// (at most one past its last character), counted as the pipeline
    /// counts them: lines ended by LF, CRLF or a lone CR, columns in
    /// Unicode scalars.
    public static func checkLocated(_ diagnostics: [Diagnostic], in text: String) {
        let lines = Diagnostic.lines(of: MarkdownReader.normalizingLoneCarriageReturns(text))
        checkLocated(diagnostics, lines: lines.count, input: text)
        for d in diagnostics {
            var line = lines[d.range.start.line - 1].unicodeScalars.count
            if lines[d.range.start.line - 1].unicodeScalars.last == "\r" { line -= 1 }
            require(d.range.start.column <= line + 1,
                    "diagnostic past the end of its line: \(d.range.start.line):\(d.range.start.column) of a line of \(line): \(d.message)",
                    input: text)
        }
    }

    /// Lines as the pipeline counts them: LF, CRLF and a lone CR end one.
    public static func lineCount(_ text: String) -> Int {
        var lines = 1
        for scalar in MarkdownReader.normalizingLoneCarriageReturns(text).unicodeScalars where scalar == "\n" { lines += 1 }
        return lines
    }

    /// The first piece of active content in a page (`ActiveContent.find`).
    public static func activeContent(in html: String) -> String? { ActiveContent.find(in: html) }
}

/// libFuzzer's driver (FuzzerDriver.cpp), for executables whose `main` is not
/// libFuzzer's: SwiftPM links an executable target with `main` aliased to
/// `MODULE_main`, so each target defines that and hands over to the driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

extension FuzzSupport {
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func runDriver(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                 _ callback: Callback) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, callback)
    }

    /// The input as a buffer (libFuzzer may pass a null pointer for no bytes).
    public static func text(_ data: UnsafePointer<UInt8>?, _ count: Int, limit: Int) -> String {
        guard let data, count > 0 else { return "" }
        return text(UnsafeRawPointer(data), count, limit: limit)
    }
}
