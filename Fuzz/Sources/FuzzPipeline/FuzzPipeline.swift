import Evident
import EvidentLanguage
import EvidentMarkdown
import FuzzSupport

/// The whole Markdown → HTML pipeline (front matter, cmark, blocks, inline
/// spans, renderers, page template): never crashes, every diagnostic is
/// located in the document, and the page carries no active content.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let source = FuzzSupport.text(data, count, limit: 1 << 14)
    let lines = FuzzSupport.lineCount(source)
    let pipeline = Pipeline(options: PipelineOptions(), makeEvaluator: FuzzSupport.makeEvaluator)
    let report = pipeline.process(file: "fuzz.md", source: source, mode: .build)
    FuzzSupport.checkLocated(report.diagnostics, lines: lines, input: source)
    if let html = report.html, let found = FuzzSupport.activeContent(in: html) {
        FuzzSupport.require(false, "active content in the page: \(found)", input: source)
    }
    return 0
}

/// SwiftPM links this executable with `main` aliased to `FuzzPipeline_main`.
@_cdecl("FuzzPipeline_main")
public func fuzzPipelineMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.runDriver(argc, argv, fuzzPipeline)
}
