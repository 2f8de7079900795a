import Evident
import EvidentLanguage
@testable import EvidentMarkdown
import FuzzSupport
// The build passes -enable-testing: the parsed template's tokens are internal.
@testable import Mustache

/// A page for the templates to render: headings (for `toc`), a failed claim
/// and an error (for `failedClaims` and `errors`), and a body holding a plot
/// drawn by the evaluator (SVG and ASCII) and a table.
private let page: Page = {
    let interpreter = Interpreter(file: "doc.md", params: [:], builtins: .evident, limits: FuzzSupport.limits)
    let outputs = interpreter.evaluateBlock("""
        let x = linspace(0, 1, 20)
        plot(x, map(x, t => t * t), title: "a <parabola>", caption: "Squares & more")
        table([[1, 2], [3, 4]])
        """, origin: SourceLocation(line: 1, column: 1))
    let body = outputs.map { HTMLRenderer.render($0, placement: .block) }.joined(separator: "\n")
    let range = SourceRange(SourceLocation(line: 3, column: 1))
    let failed = ClaimResult(label: "a & b", source: "1 == 2", passed: false, detail: "observed 1", range: range)
    let error = Diagnostic(file: "doc.md", range: range, id: .unknownName, message: "no `y` <here>")
    return Page(title: "Doc <1>", file: "doc.md", content: "<h1 id=\"a\">A</h1>\n" + body,
                headings: (1...4).map { Page.Heading(level: $0, text: "H\($0) & co", id: "h\($0)") },
                claims: [(claim: failed, anchor: "claim-1")], diagnostics: [error], sourceHash: "abc")
}()
private let body = Array(page.content.utf8)

/// What swift-mustache built, against what `TemplateShape` promised when it
/// let the template through (it reads the tags on its own, following the
/// parser): sections nested at most `maxNesting` deep, no section over a
/// list inside another, each large value (the content, the style sheet,
/// the math font) at most `maxContent` times and never inside a list
/// section. Returns the first broken promise.
private func brokenPromise(_ tokens: [MustacheTemplate.Token], depth: Int = 0, inList: Bool = false, contents: inout [String: Int]) -> String? {
    if depth > PageTemplate.maxNesting { return "sections nested \(depth) deep" }
    func base(_ name: String) -> Substring {
        let path = name.hasPrefix(".") && name.count > 1 ? name.dropFirst() : Substring(name)
        return path.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
    }
    for token in tokens {
        switch token {
        case .section(let name, _, let template):
            if PageTemplate.largeValues[String(base(name))] != nil { return "a section over \(name)" }
            let overList = ["toc", "failedClaims", "errors"].contains(base(name))
            if overList, inList { return "a section over \(name) inside a list section" }
            if let broken = brokenPromise(template.tokens, depth: depth + 1, inList: inList || overList, contents: &contents) { return broken }
        case .invertedSection(_, _, let template), .blockDefinition(_, let template), .blockExpansion(_, let template, _):
            if let broken = brokenPromise(template.tokens, depth: depth + 1, inList: inList, contents: &contents) { return broken }
        case .partial(_, _, let inherits?), .dynamicNamePartial(_, _, let inherits?):
            for template in inherits.values {
                if let broken = brokenPromise(template.tokens, depth: depth + 1, inList: inList, contents: &contents) { return broken }
            }
        case .variable(let name, _), .unescapedVariable(let name, _):
            let value = String(base(name))
            guard PageTemplate.largeValues[value] != nil else { continue }
            if inList { return "\(value) inside a list section" }
            contents[value, default: 0] += 1
            if contents[value]! > PageTemplate.maxContent { return "\(value) \(contents[value]!) times" }
        default:
            continue
        }
    }
    return nil
}

/// A page template (at most 4 KB) read and, when it can be used, rendered
/// around a page as `evident build --template` does: never crashes or
/// hangs (deep nesting, many tags and nested lists are refused by
/// `PageTemplate`), what the parser built keeps the promises of the
/// checks that let it through, and a template that cannot be used is said
/// to be so at a line and column of the template, with one of the
/// template ids.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzSupport.text(data, count, limit: 4096)
    do {
        let template = try PageTemplate(text, file: "fuzz.html")
        var contents: [String: Int] = [:]
        if let broken = brokenPromise(template.mustache.tokens, contents: &contents) {
            FuzzSupport.require(false, "a template let through with \(broken)", input: text)
        }
        _ = page.assemble(template, body: body)
    } catch let diagnostic as Diagnostic {
        FuzzSupport.checkLocated([diagnostic], in: text)
        let ids: [DiagnosticID] = [.templateUnusable, .templateTooDeep, .templateTooCostly, .templateNestedLists]
        FuzzSupport.require(ids.contains(diagnostic.id), "unexpected id \(diagnostic.id) for a template", input: text)
        FuzzSupport.require(diagnostic.file == "fuzz.html", "a template error named \(diagnostic.file)", input: text)
    } catch {
        FuzzSupport.require(false, "a template error that is not a diagnostic: \(error)", input: text)
    }
    return 0
}

/// SwiftPM links this executable with `main` aliased to `FuzzTemplate_main`.
@_cdecl("FuzzTemplate_main")
public func fuzzTemplateMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.runDriver(argc, argv, fuzzTemplate)
}
