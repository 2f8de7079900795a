import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// SplitMix64: a seeded generator so every run sees the same inputs (the
/// robustness and YAML-scalar tests draw their inputs from it).
struct SeededInputs: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct RobustnessTests {
    private static let pieces = [
        "let ", "claim ", "x", "y", "v", "mean", "map", "table", "=", " = ", "+", "-", "*", "/", "^", "<", ">=", "==",
        "≈", "±", "+-", "%", "(", ")", "[", "]", "{", "}", ",", ":", ".", "=>", "\n", " ", "1", "2.5", "1e-3", "\"s\"",
        "\"open", "true", "and", "or", "not", "#c", "@", "\\", "[1, 2]", "x => x", "every: ", "p.theta",
    ]

    /// Random token soup never crashes or hangs, and every diagnostic has a
    /// message and lies on a line of the code.
    @Test func randomInputIsDiagnosedNotCrashedOn() {
        var generator = SeededInputs(state: 2024)
        for _ in 0..<3000 {
            let count = Int.random(in: 1...40, using: &generator)
            let code = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let lines = code.split(separator: "\n", omittingEmptySubsequences: false).count
            let block = Parser.parseBlock(code, origin: SourceLocation(line: 1, column: 1))
            for error in block.errors {
                #expect(error.isPlaced, "\(code.debugDescription): \(error)")
                let start = error.range.start
                #expect(start.line >= 1 && start.line <= lines, "\(code.debugDescription): \(error)")
            }
            let interpreter = Interpreter(file: "fuzz.md", params: ["x": .number(1), "v": .string("s")])
            _ = interpreter.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
            _ = interpreter.evaluateInline(code, format: "%.2f", origin: SourceLocation(line: 1, column: 1))
            for diagnostic in interpreter.diagnostics {
                #expect(!diagnostic.message.isEmpty)
                #expect(diagnostic.range.start.line >= 1 && diagnostic.range.start.line <= lines)
            }
        }
    }
}
