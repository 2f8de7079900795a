import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Heading ids: the smallest free `base`, `base-2`, `base-3`, … for each
/// heading in turn, made in linear time.
@Suite struct HeadingIDLinearityTests {
    /// The rule as first written: for each heading, counts up from 1.
    static func naive(_ texts: [String]) -> [String] {
        var used = Set<String>()
        return texts.map { text in
            let base = HeadingIDs.slug(text)
            var (id, count) = (base, 1)
            while used.contains(id) || HeadingIDs.isClaimID(id) {
                count += 1
                id = "\(base == "claim" ? "claim-section" : base)-\(count)"
            }
            used.insert(id)
            return id
        }
    }

    @Test func agreesWithCountingUpFromOne() {
        var generator = SeededInputs(state: 42)
        let words = ["a", "a 2", "a-3", "A", "a 2 2", "a-2-3", "claim", "claim 1", "Claim-2", "claim section", "claim-section-2",
                     "claim 1 2", "é", "É t", "", "?", "section", "section 2", "2"]
        for _ in 0..<2000 {
            let texts = (0..<Int.random(in: 1...30, using: &generator)).map { _ in words.randomElement(using: &generator)! }
            #expect(HeadingIDs.make(texts) == Self.naive(texts), "\(texts)")
        }
    }

    /// Every `claim-N` is a claim badge's: a repeated heading `Claim`
    /// (which once made the build hang) is numbered otherwise.
    @Test func repeatedClaimHeadings() {
        #expect(HeadingIDs.make(["Claim", "Claim", "claim 2", "Claim"]) == ["claim", "claim-section-2", "claim-2-2", "claim-section-3"])
    }

    @Test func asciiAndUnicodeSlugsAgree() {
        #expect(HeadingIDs.slug("Hello, World 2!") == "hello-world-2")
        #expect(HeadingIDs.slug("  --  ") == "section")
        #expect(HeadingIDs.slug("Überblick: Größe") == "überblick-größe")
        // The byte-wise path gives what the scalar-wise one does, on every
        // kind of ASCII character.
        var generator = SeededInputs(state: 7)
        let alphabet = Array(" !-_.,:;09azAZ`{}()[]#\t")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(HeadingIDs.asciiSlug(text) == HeadingIDs.scalarSlug(text), "\(text.debugDescription)")
        }
        // A text with any other character is left to the scalar-wise path.
        for text in ["é", "a é", "Größe 2", "x\u{7F}y\u{80}", "日本"] {
            #expect(HeadingIDs.asciiSlug(text) == nil, "\(text)")
            #expect(HeadingIDs.slug(text) == HeadingIDs.scalarSlug(text), "\(text)")
        }
    }

    /// 100,000 equal headings: each id found at once (counting up from one
    /// each time would take 5e9 steps).
    @Test func manyEqualHeadings() {
        let ids = HeadingIDs.make(Array(repeating: "a", count: 100_000))
        #expect(ids.first == "a" && ids[1] == "a-2" && ids.last == "a-100000")
        #expect(Set(ids).count == 100_000)
    }
}
