import Evident

/// What every fuzz target checks besides "does not crash".
public enum FuzzSupport {
    /// Small sizes, so that the fuzzer explores many programs per second
    /// instead of evaluating the examples' 50,000-point samples under the
    /// address sanitizer; the hostile corpus covers the real limits.
    public static let limits = Limits(maxElements: 2_000)

    /// The engine's evaluator with `limits`.
    public static let makeEvaluator: EvaluatorFactory = { file, params in
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

    /// Lines as the pipeline counts them: LF, CRLF and a lone CR end one.
    public static func lineCount(_ text: String) -> Int {
        var lines = 1
        for scalar in MarkdownReader.normalizingLoneCarriageReturns(text).unicodeScalars where scalar == "\n" { lines += 1 }
        return lines
    }

    /// The first piece of active content in `html`: a `<script`, `<iframe`,
    /// `<object` or `<embed` element, an `on…=` attribute, or a `javascript:`,
    /// `vbscript:` or `data:text/html` URL in an attribute. A tiny tag
    /// scanner that respects quoted attribute values.
    public static func activeContent(in html: String) -> String? {
        let s = Array(html.utf8)
        var i = 0
        func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b + 32 : b }
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 || b == 47 }
        func isNameByte(_ b: UInt8) -> Bool { !isSpace(b) && b != 61 && b != 62 && b != 34 && b != 39 }
        while i < s.count {
            guard s[i] == 60 /* < */, i + 1 < s.count else { i += 1; continue }
            var j = i + 1
            if s[j] == 33 || s[j] == 63 { i += 1; continue }  // comments, doctype
            if s[j] == 47 { j += 1 }
            let nameStart = j
            while j < s.count, isNameByte(s[j]) { j += 1 }
            let name = String(decoding: s[nameStart..<j].map(lower), as: UTF8.self)
            if ["script", "iframe", "object", "embed", "frame", "base"].contains(name) {
                return "<\(name)"
            }
            // Attributes up to the closing '>'.
            while j < s.count, s[j] != 62 {
                while j < s.count, isSpace(s[j]) { j += 1 }
                let attrStart = j
                while j < s.count, isNameByte(s[j]) { j += 1 }
                let attribute = String(decoding: s[attrStart..<j].map(lower), as: UTF8.self)
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
                    for scheme in ["javascript:", "vbscript:", "data:text/html", "&#"] where url.hasPrefix(scheme) {
                        if scheme == "&#" { if url.contains("script") || url.hasPrefix("&#106") || url.hasPrefix("&#x6a") { return "encoded URL \(url)" } }
                        else { return "URL \(url)" }
                    }
                } else if j == attrStart, j < s.count, s[j] != 62 {
                    j += 1
                }
            }
            i = j
        }
        return nil
    }
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
