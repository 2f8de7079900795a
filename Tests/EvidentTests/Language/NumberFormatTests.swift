import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

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

    /// The C library's formatting gives what `String(format:)` gives, for
    /// every conversion, flag, width and precision a format may use.
    @Test func printfEqualsFoundationFormatting() {
        let values: [Double] = [0, -0.0, 1, -1, 0.5, 2.5, 1e-300, 5e-324, 1.7976931348623157e308, 123456789.125,
                                0.1 + 0.2, 1.0 / 3, -2.5e-7, 4.761904761904762, 1e15, 9.999999999e22, .pi, -.pi * 1e-8]
        var checked = 0
        for conversion in ["e", "E", "f", "F", "g", "G"] {
            for flags in ["", "-", "+", " ", "0", "#", "+0", "-#"] {
                for width in ["", "1", "12", "40"] {
                    for precision in ["", ".0", ".3", ".17", ".99"] {
                        let format = "about %" + flags + width + precision + conversion + " units, 100%%"
                        for x in values {
                            #expect(NumberFormat.printf(format, x) == String(format: format, x), "\(format) of \(x)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 6 * 8 * 4 * 5 * values.count)
        // Longer than the stack buffer: the same text through the fallback.
        #expect(NumberFormat.printf("%.99f", 1e300) == String(format: "%.99f", 1e300))
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
            #expect(throws: Diagnostic(.invalidArgument, "invalid format '\(spec)': \(why)")) { try NumberFormat(spec) }
        }
        #expect(throws: Diagnostic(.invalidArgument, "format '%d' needs a whole number, got 1.5")) { try NumberFormat("%d").format(1.5) }
    }
}
