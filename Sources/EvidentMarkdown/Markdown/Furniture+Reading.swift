import EvidentLanguage

extension Furniture {
    /// The furniture of a body from what was taken out of it and cmark's
    /// outline: placeholders matched to the code spans that hold them,
    /// ```` ```math ```` blocks read, labels numbered in document order
    /// (per kind), references resolved, and each formula converted once to
    /// find its errors. Gives the live numbers in math as spans to evaluate.
    package static func read(_ extraction: BodyExtraction, outline: CommonMark.Outline, frontMatter: FrontMatter, file: String,
                             blockOrigin: (CommonMark.CodeBlock) -> SourceLocation) -> (Furniture, live: [EvidentSpan], [Diagnostic]) {
        var furniture = Furniture()
        var diagnostics = extraction.diagnostics
        furniture.maths = extraction.maths.map { Math(span: $0, placement: nil, html: nil) }
        var referenceSpans: [Int?] = Array(repeating: nil, count: extraction.references.count)
        var captionSpans: [Int: Int] = [:]
        if let mark = extraction.mark {
            for span in outline.codeSpans {
                var scalars = span.literal.unicodeScalars.makeIterator()
                guard scalars.next() == mark, let kind = scalars.next() else { continue }
                var number = 0, digits = 0
                while let scalar = scalars.next(), ("0"..."9").contains(scalar), digits < 9 {
                    number = number * 10 + Int(scalar.value - 48)
                    digits += 1
                }
                guard digits > 0 else { continue }
                switch kind {
                case BodyExtraction.mathKind where number < furniture.maths.count: furniture.maths[number].placement = .span(span.ordinal)
                case BodyExtraction.referenceKind where number < referenceSpans.count: referenceSpans[number] = span.ordinal
                case BodyExtraction.captionKind: captionSpans[number] = span.ordinal
                default: break
                }
            }
        }
        // ```math blocks, and which block starts on which line (for labels:
        // a document has thousands of blocks and seldom a label).
        var blocksByLine: [Int: CommonMark.CodeBlock] = [:]
        var mathBlocks: [Int: Int] = [:]
        for block in outline.codeBlocks {
            if !extraction.labels.isEmpty { blocksByLine[block.line] = block }
            guard block.info == "math" || block.info.hasPrefix("math ") else { continue }
            var literal = block.literal
            if literal.hasSuffix("\n") { literal.removeLast() }
            let start = blockOrigin(block)
            let range = SourceRange(start: SourceLocation(line: block.line, column: 1), end: start)
            let span = MathSpan.read(Array(literal.unicodeScalars)[...], display: true, start: start, range: range,
                                     file: file, diagnostics: &diagnostics)
            mathBlocks[block.ordinal] = furniture.maths.count
            furniture.maths.append(Math(span: span, placement: .block(block.ordinal), html: nil))
        }
        let tablesByLine = Dictionary(outline.tables.map { ($0.line, $0.ordinal) }, uniquingKeysWith: { first, _ in first })

        // Labels, each with its target, then numbered per kind in order.
        var resolved: [Label] = []
        for (index, label) in extraction.labels.enumerated() {
            let target: Label.Target
            switch label.target {
            case .math(let math):
                target = .math(math)
            case .image:
                guard let span = captionSpans[index] else { continue }
                target = .image(span: span)
            case .blockAbove(let line):
                if let block = blocksByLine[line], let math = mathBlocks[block.ordinal], label.kind == .equation {
                    target = .math(math)
                    furniture.maths[math].span.label = label.name
                } else if let block = blocksByLine[line], MarkdownReader.evidentOptions(block.info) != nil, label.kind != .equation {
                    target = .block(block.ordinal)
                } else if let table = tablesByLine[line], label.kind == .table {
                    target = .table(table)
                } else {
                    diagnostics.append(Diagnostic(file: file, range: label.range, id: .misplacedLabel,
                                                  message: "`{#\(label.name)}` names nothing: " + (label.kind == .equation
                                                      ? "an equation label follows `$$…$$` or a ```math block"
                                                      : label.kind == .figure ? "a figure label follows an evident block that draws a plot, or an image"
                                                      : "a table label follows a pipe table or an evident block that makes a table")))
                    continue
                }
            }
            if let first = resolved.first(where: { $0.name == label.name }) {
                diagnostics.append(Diagnostic(file: file, range: label.range, id: .duplicateLabel,
                                              message: "the label `\(label.name)` is already given at line \(first.range.start.line)"))
                continue
            }
            resolved.append(Label(name: label.name, kind: label.kind, number: 0, caption: label.caption, target: target, range: label.range))
        }
        resolved.sort { $0.range.start < $1.range.start }
        var counts: [BodyExtraction.Kind: Int] = [:]
        for index in resolved.indices {
            counts[resolved[index].kind, default: 0] += 1
            resolved[index].number = counts[resolved[index].kind]!
        }
        furniture.labels = resolved
        for label in resolved {
            if case .image(let span) = label.target { furniture.spans[span] = captionHTML(label) }
        }

        // References.
        let byName = Dictionary(resolved.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        furniture.referenceTexts = extraction.references.map { byName[$0.name]?.reference ?? "@" + $0.name }
        for (reference, ordinal) in zip(extraction.references, referenceSpans) {
            guard let ordinal else { continue }
            if let label = byName[reference.name] {
                furniture.spans[ordinal] = referenceHTML(label)
            } else {
                var message = "`@\(reference.name)` refers to no label"
                if let near = Suggestion.nearest(to: reference.name, among: resolved.map(\.name)) { message += "; did you mean `@\(near)`?" }
                diagnostics.append(Diagnostic(file: file, range: reference.range, id: .unknownReference, message: message))
                furniture.spans[ordinal] = #"<span class="reference unknown">"# + HTML.escape("@" + reference.name) + "</span>"
            }
        }

        // Macros, then every formula converted once: its errors now, its
        // HTML kept when it holds no live number.
        var definitions: [String: String] = [:]
        for macro in frontMatter.macros { definitions[macro.name] = macro.body }
        do {
            furniture.macros = try TeXMacros(definitions)
        } catch {
            let location = frontMatter.macros.first?.location ?? SourceLocation(line: 1, column: 1)
            diagnostics.append(Diagnostic(file: file, range: SourceRange(location), id: .mathSyntax, message: "in the front matter's macros: \(error.message)"))
        }
        var live: [EvidentSpan] = []
        for index in furniture.maths.indices {
            let math = furniture.maths[index]
            do {
                _ = try MathML.convert(math.span.tex, display: math.span.display, macros: furniture.macros, live: [])
            } catch {
                let start = math.span.location(ofOffset: error.offset)
                let end = math.span.location(ofOffset: error.offset + max(error.length, 1))
                diagnostics.append(Diagnostic(file: file, range: SourceRange(start: start, end: end.line == start.line ? end : start),
                                              id: .mathSyntax, message: error.message))
            }
            guard let placement = math.placement else { continue }
            if math.span.live.isEmpty {
                furniture.maths[index].html = mathHTML(math.span, macros: furniture.macros, live: [], block: placement.isBlock,
                                                       number: furniture.label(of: .math(index)))
            }
            for (slot, entry) in math.span.live.enumerated() {
                if case .claim = entry.code {
                    diagnostics.append(Diagnostic(file: file, range: SourceRange(entry.origin), id: .malformedSpan,
                                                  message: "math holds live numbers `{= EXPR}`, not claims"))
                    continue
                }
                live.append(EvidentSpan(ordinal: -1, code: entry.code, origin: entry.origin, math: MathSlot(math: index, slot: slot)))
            }
        }
        return (furniture, live, diagnostics)
    }
}
