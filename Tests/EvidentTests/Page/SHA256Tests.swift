import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// FIPS 180-4 / NIST example vectors.
final class SHA256Tests: XCTestCase {
    func testStandardVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        XCTAssertEqual(SHA256.hex(bytes: [UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testPaddingBoundaries() {
        // 55, 56 and 64 bytes straddle the one-block / two-block padding edge.
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 55)), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 56)), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 64)), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }
}

final class HeadingIDsTests: XCTestCase {
    func testSlugs() {
        XCTAssertEqual(HeadingIDs.slug("The natural gradient: G⁺∇f!"), "the-natural-gradient-g-f")
        XCTAssertEqual(HeadingIDs.slug("Ünïcode Überschrift"), "ünïcode-überschrift")
        XCTAssertEqual(HeadingIDs.slug("  ***  "), "section")
    }

    func testIDsAreUniqueAndAvoidClaimAnchors() {
        XCTAssertEqual(HeadingIDs.make(["Results", "Results", "results-2", "Claim 1", "!!", "?"]),
                       ["results", "results-2", "results-2-2", "claim-1-2", "section", "section-2"])
    }
}
