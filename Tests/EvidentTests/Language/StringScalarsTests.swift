import Testing
@testable import EvidentLanguage

/// `String(scalars:)` is the standard library's string of the same scalars.
@Suite struct StringScalarsTests {
    @Test func sameStringAsTheScalarView() {
        var every: [Unicode.Scalar] = []
        for value in stride(from: UInt32(0), through: 0x10FFFF, by: 97) {
            if let scalar = Unicode.Scalar(value) { every.append(scalar) }
        }
        every += ["\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}", "\r", "\n", "e", "\u{301}"]
        let cases: [[Unicode.Scalar]] = [[], ["a"], Array("naïve ∑ 𝔼[x] \u{1F600}\r\n".unicodeScalars), every]
        for scalars in cases {
            let built = String(scalars: scalars)
            #expect(built == String(String.UnicodeScalarView(scalars)))
            #expect(Array(built.unicodeScalars) == scalars)
            #expect(String(scalars: scalars[scalars.count / 3..<scalars.count / 2]) == String(String.UnicodeScalarView(scalars[scalars.count / 3..<scalars.count / 2])))
        }
    }
}
