import Evident
import EvidentLanguage
import EvidentMarkdown
import FuzzSupport

/// The evaluator with every built-in on small programs (at most 512 bytes, so
/// that a run explores many short programs rather than a few slow ones):
/// never crashes, every diagnostic is located in the input, and the values
/// render as HTML without active content.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvaluator(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let code = FuzzSupport.text(data, count, limit: 512)
    let lines = FuzzSupport.lineCount(code)
    let interpreter = Interpreter(file: "fuzz.md", params: ["n": .number(3), "s": .string("<b>")], builtins: .evident, limits: FuzzSupport.limits)
    let outputs = interpreter.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
    _ = interpreter.evaluateInline(code, format: "%.3g", origin: SourceLocation(line: 1, column: 1))
    _ = interpreter.evaluateInlineClaim(code, origin: SourceLocation(line: 1, column: 1))
    FuzzSupport.checkLocated(interpreter.diagnostics, lines: lines, input: code)
    for output in outputs {
        let html = HTMLRenderer.render(output, placement: .block)
        if let found = FuzzSupport.activeContent(in: html) {
            FuzzSupport.require(false, "active content in rendered output: \(found)", input: code)
        }
    }
    return 0
}

/// SwiftPM links this executable with `main` aliased to `FuzzEvaluator_main`.
@_cdecl("FuzzEvaluator_main")
public func fuzzEvaluatorMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.runDriver(argc, argv, fuzzEvaluator)
}
