@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// What the `map` tests share: a document evaluated with given limits, and
/// values as bit patterns (to compare results bit for bit).
enum MapTestSupport {
    static func run(_ code: String, threads: Int, batch: Bool = true) -> Interpreter {
        let i = Interpreter(file: "t.md", params: [:], builtins: .evident, limits: Limits(threads: threads, batchMap: batch))
        _ = i.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
        return i
    }

    static func bits(_ value: Value?) -> [UInt64] {
        switch value {
        case .vector(let v)?: return v.map(\.bitPattern)
        case .booleans(let b)?: return b.map { $0 ? 1 : 0 }
        case .matrix(let m)?: return m.flatMap { $0.map(\.bitPattern) }
        case .list(let items)?: return items.flatMap { bits($0) }
        default: return []
        }
    }
}
