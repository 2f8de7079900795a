import Evident
import EvidentLanguage
import EvidentMarkdown
import FuzzSupport

/// The evaluator with every built-in on small programs (at most 512 bytes, so
/// that a run explores many short programs rather than a few slow ones):
/// never crashes, every diagnostic is located in the input, and every output
/// it makes — the block's, the inline value's and the inline claim's — is
/// rendered as the page and the terminal show it (a plot drawn in SVG and in
/// ASCII, a table laid out), the HTML without active content.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvaluator(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let code = FuzzSupport.text(data, count, limit: 512)
    let lines = FuzzSupport.lineCount(code)
    let interpreter = Interpreter(file: "fuzz.md", params: ["n": .number(3), "s": .string("<b>")], builtins: .evident, limits: FuzzSupport.limits)
    let outputs = interpreter.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
    let inline = interpreter.evaluateInline(code, format: "%.3g", origin: SourceLocation(line: 1, column: 1))
    let claim = interpreter.evaluateInlineClaim(code, origin: SourceLocation(line: 1, column: 1))
    FuzzSupport.checkLocated(interpreter.diagnostics, lines: lines, input: code)
    let rendered = outputs.map { (output: $0, placement: HTMLRenderer.Placement.block) } + [(inline, .inline), (claim, .inline)]
    for (output, placement) in rendered {
        let html = HTMLRenderer.render(output, placement: placement, claimID: "claim-1", label: nil)
        if let found = FuzzSupport.activeContent(in: html) {
            FuzzSupport.require(false, "active content in rendered output: \(found)", input: code)
        }
        _ = TextRenderer.render(output)
    }
    return 0
}

/// SwiftPM links this executable with `main` aliased to `FuzzEvaluator_main`.
@_cdecl("FuzzEvaluator_main")
public func fuzzEvaluatorMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.runDriver(argc, argv, fuzzEvaluator)
}
