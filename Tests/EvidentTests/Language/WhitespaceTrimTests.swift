import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// `trimmingWhitespace` trims what Foundation's `.whitespacesAndNewlines` trims.
@Suite struct WhitespaceTrimTests {
    @Test func sameScalarsAsFoundation() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar) + "a > 0" + String(scalar)
            let expected = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.trimmingWhitespace != expected { Issue.record("U+\(String(value, radix: 16)): \(text.trimmingWhitespace.debugDescription) against \(expected.debugDescription)") }
        }
        for text in ["", " ", "\n\t ", "x", "  a  b \r\n", "\u{3000}claim\u{2029}", "é ", " é"] {
            #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
