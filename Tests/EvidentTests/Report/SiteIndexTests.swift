import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct SiteIndexTests {
    @Test(arguments: [
        (3, 0, 0, "3/3 verified"),
        (3, 1, 0, "2/3 verified, 1 failed"),
        (0, 0, 0, "no claims"),
        (2, 0, 1, "1 error"),
        (2, 1, 4, "4 errors"),
    ])
    func status(claims: Int, failed: Int, errors: Int, expected: String) {
        let entry = SiteIndex.Entry(title: "t", source: "s.md", page: "s.html", claims: claims, failedClaims: failed, errors: errors)
        #expect(entry.status == expected)
    }

    @Test func hrefsArePercentEncodedPerByte() {
        #expect(SiteIndex.href("sub/a b.html") == "sub/a%20b.html")
        #expect(SiteIndex.href("c:d?e#f&g.html") == "c%3Ad%3Fe%23f%26g.html")
        #expect(SiteIndex.href("π.html") == "%CF%80.html")
        #expect(SiteIndex.href("A-z_0.9~.html") == "A-z_0.9~.html")
    }

    @Test func everythingTheAuthorWroteIsEscaped() {
        let index = SiteIndex(title: "<Site>", entries: [
            SiteIndex.Entry(title: "<script>alert('x')</script>", source: "a&b.md", page: "a&b.html", claims: 1, failedClaims: 0, errors: 0),
        ]).html
        #expect(!index.contains("<script>"))
        #expect(index.contains("<title>&lt;Site&gt;</title>"))
        #expect(index.contains("&lt;script&gt;alert("))
        #expect(index.contains(#"href="a%26b.html""#))
        #expect(index.contains("<code>a&amp;b.md</code>"))
    }
}
