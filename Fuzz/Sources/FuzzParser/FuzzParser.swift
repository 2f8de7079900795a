@testable import Evident
@testable import EvidentLanguage
@testable import EvidentMarkdown
import FuzzSupport

/// Lexer + parser on arbitrary text, as a block and as an inline expression:
/// never crashes, and every error lies on a line of the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let code = FuzzSupport.text(data, count, limit: 1 << 16)
    let lines = FuzzSupport.lineCount(code)
    let origin = SourceLocation(line: 1, column: 1)
    let block = Parser.parseBlock(code, origin: origin)
    for error in block.errors {
        FuzzSupport.require(error.isPlaced, "parse error without a place: \(error)", input: code)
        let start = error.range.start
        FuzzSupport.require(start.line >= 1 && start.line <= lines && start.column >= 1,
                            "parse error outside the input at \(start.line):\(start.column): \(error)", input: code)
    }
    let (_, errors) = Parser.parseExpression(code, origin: origin)
    for error in errors {
        FuzzSupport.require(error.isPlaced, "expression error without a place: \(error)", input: code)
        let start = error.range.start
        FuzzSupport.require(start.line >= 1 && start.line <= lines && start.column >= 1,
                            "expression error outside the input at \(start.line):\(start.column): \(error)", input: code)
    }
    return 0
}

/// SwiftPM links this executable with `main` aliased to `FuzzParser_main`.
@_cdecl("FuzzParser_main")
public func fuzzParserMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.runDriver(argc, argv, fuzzParser)
}
