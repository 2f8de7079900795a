import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct SuggestionTests {
    @Test func distances() {
        #expect(Suggestion.editDistance("natgrd", "natgrad") == 1)
        #expect(Suggestion.editDistance("teh", "the") == 1)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("", "abc") == 3)
        #expect(Suggestion.editDistance("θx", "θy") == 1)
    }

    @Test func nearestNames() {
        let names = ["natgrad", "grad", "norm", "evidence", "elbo", "every", "theta"]
        #expect(Suggestion.nearest(to: "natgrd", among: names) == "natgrad")
        #expect(Suggestion.nearest(to: "evidnece", among: names) == "evidence")
        #expect(Suggestion.nearest(to: "Theta", among: names) == "theta")
        #expect(Suggestion.nearest(to: "zzzzzz", among: names) == nil)
        #expect(Suggestion.nearest(to: "x", among: ["y"]) == nil)
        #expect(Suggestion.nearest(to: "grad", among: names) == nil)
        #expect(Suggestion.nearest(to: "abcd", among: ["abce", "abcf"]) == "abce")
        #expect(Suggestion.nearest(to: "abcd", among: ["abcf", "abce"]) == "abce")
        #expect(Suggestion.didYouMean("evry", among: ["every", "title"]) == "; did you mean 'every'?")
        #expect(Suggestion.didYouMean("qqq", among: ["every"]) == "")
    }
}
