import Testing
import Yams
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// `PlainScalarTypes` gives every plain scalar the type Yams's default
/// resolver gives it (the YAML 1.1 rules as regular expressions).
@Suite struct PlainScalarTypesTests {
    func yams(_ text: String) -> Yams.Tag.Name { Resolver.default.resolveTag(of: Node.scalar(.init(text))) }

    /// Every string over the rules' alphabet up to length 4.
    @Test func everyShortStringOverTheRulesAlphabet() {
        let alphabet = Array("0159_+-.:eExbonfNIT~<= ")
        var strings = [""]
        var frontier = [""]
        for _ in 1...4 {
            frontier = frontier.flatMap { s in alphabet.map { s + String($0) } }
            strings += frontier
        }
        var mismatches: [String] = []
        for s in strings where PlainScalarTypes.tag(of: s) != yams(s) {
            mismatches.append(s)
            if mismatches.count > 20 { break }
        }
        #expect(mismatches.isEmpty, "\(mismatches.map { "\($0.debugDescription): ours \(PlainScalarTypes.tag(of: $0).rawValue), Yams \(yams($0).rawValue)" })")
    }

    /// Longer strings built from the rules' pieces: numbers with signs,
    /// underscores, fractions, exponents, bases and sexagesimal parts;
    /// timestamps with and without times, fractions and zones; words.
    @Test func longerStringsFromTheRulesPieces() {
        let pieces = ["0", "1", "12", "59", "60", "7", "_", "+", "-", ".", ":", "e", "E", "e-", "E+", "0x", "0b", "0o", "1F", "ff",
                      "inf", "Inf", "INF", "nan", "NaN", ".inf", ".nan", "2001", "-12", "-14", "T", "t", " ", "\t", "Z", "05",
                      "21:59:43", ".10", "+05:00", "-5", "true", "Yes", "off", "null", "~", "<<", "=", "abc", "1e3", "1_000"]
        var generator = SeededInputs(state: 2026)
        var mismatches: [String] = []
        for _ in 0..<40_000 {
            let count = 1 + Int(generator.next() % 7)
            let s = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            if PlainScalarTypes.tag(of: s) != yams(s) {
                mismatches.append(s)
                if mismatches.count > 20 { break }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.map { "\($0.debugDescription): ours \(PlainScalarTypes.tag(of: $0).rawValue), Yams \(yams($0).rawValue)" })")
    }

    @Test func knownScalars() {
        let cases: [(String, Yams.Tag.Name)] = [
            ("50000", .int), ("-0x1F", .int), ("0o17", .int), ("017", .int), ("0b1_01", .int), ("190:20:30", .int),
            ("1e-3", .float), ("3.", .float), (".5", .float), ("-.inf", .float), (".NaN", .float), ("190:20:30.15", .float), ("6.8523015e+5", .float),
            ("yes", .bool), ("Off", .bool), ("~", .null), ("", .null), ("NULL", .null), ("<<", .merge), ("=", .value),
            ("2001-12-14", .timestamp), ("2001-12-14t21:59:43.10-05:00", .timestamp), ("2001-12-14 21:59:43.10 -5", .timestamp),
            ("2001-1-1 1:00:00Z", .timestamp), ("2001-1-1", .str), ("1:60", .str), ("0x", .str), ("+.nan", .str), ("hello", .str),
        ]
        for (text, expected) in cases {
            #expect(PlainScalarTypes.tag(of: text) == expected, "\(text.debugDescription)")
            #expect(yams(text) == expected, "Yams: \(text.debugDescription)")
        }
    }
}
