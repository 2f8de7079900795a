import Testing
@testable import Evident

@Suite struct NumberFormatTests {
    @Test func shortestReadableDefaults() {
        #expect(NumberFormat.shortest(0.1 + 0.2) == "0.3")
        #expect(NumberFormat.shortest(2) == "2")
        #expect(NumberFormat.shortest(-0.0) == "0")
        #expect(NumberFormat.shortest(1e-12) == "1e-12")
        #expect(NumberFormat.shortest(1e-5) == "1e-5")
        #expect(NumberFormat.shortest(0.0123) == "0.0123")
        #expect(NumberFormat.shortest(123456789.5) == "1.234568e8")
        #expect(NumberFormat.shortest(1 / 3) == "0.3333333")
        #expect(NumberFormat.shortest(-2.5e-7) == "-2.5e-7")
        #expect(NumberFormat.significant(3.0531133e-17, digits: 2) == "3.1e-17")
    }

    @Test func printfConversions() throws {
        #expect(try NumberFormat("%.3e").format(0.000123456) == "1.235e-04")
        #expect(try NumberFormat("%.4f").format(4.761904761904762) == "4.7619")
        #expect(try NumberFormat("%g").format(0.0001) == "0.0001")
        #expect(try NumberFormat("%d").format(42) == "42")
        #expect(try NumberFormat("%+08.2f").format(3.14159) == "+0003.14")
        #expect(try NumberFormat("about %.1f%%").format(12.34) == "about 12.3%")
    }

    @Test func invalidFormatsAreRejected() {
        for (spec, why) in [
            ("%s", "expected a conversion %e, %f, %g or %d"),
            ("%n", "expected a conversion %e, %f, %g or %d"),
            ("%f %f", "only one conversion is allowed"),
            ("%123f", "the width has more than two digits"),
            ("%.100f", "the precision has more than two digits"),
            ("plain", "expected a conversion such as %.3f, %.2e, %g or %d"),
            ("%*d", "expected a conversion %e, %f, %g or %d"),
            ("%ld", "expected a conversion %e, %f, %g or %d"),
        ] {
            #expect(throws: LanguageError("invalid format '\(spec)': \(why)")) { try NumberFormat(spec) }
        }
        #expect(throws: LanguageError("format '%d' needs a whole number, got 1.5")) { try NumberFormat("%d").format(1.5) }
    }
}
