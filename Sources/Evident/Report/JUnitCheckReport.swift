/// `evident check --format junit`: JUnit XML on standard output, as CI
/// services read it.
///
/// One `<testsuite>` per document, one `<testcase>` per claim (a failed claim
/// holds a `<failure>`), and one `<testcase>` holding an `<error>` per
/// diagnostic of severity error. Test case names start with the line so that
/// they stay distinct.
public struct JUnitCheckReport: CheckReporter {
    public init() {}

    public func report(_ documents: [DocumentReport], to console: Console) {
        console.writeOutput(Self.xml(documents))
    }

    public static func xml(_ documents: [DocumentReport]) -> String {
        let tally = ClaimTally(documents)
        let errorCount = documents.reduce(0) { $0 + $1.errors.count }
        let tests = tally.passed + tally.failed + errorCount
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"evident\" tests=\"\(tests)\" failures=\"\(tally.failed)\" errors=\"\(errorCount)\">\n"
        for document in documents {
            let file = XML.escape(document.file)
            let failures = document.failedClaims.count
            let errors = document.errors
            xml += "  <testsuite name=\"\(file)\" tests=\"\(document.claims.count + errors.count)\" failures=\"\(failures)\" errors=\"\(errors.count)\" skipped=\"0\">\n"
            for claim in document.claims {
                let line = claim.range.start.line
                let name = XML.escape("\(line): \(claim.name)")
                let opening = "    <testcase classname=\"\(file)\" name=\"\(name)\" file=\"\(file)\" line=\"\(line)\""
                if claim.passed {
                    xml += opening + "/>\n"
                } else {
                    let body = claim.failureDiagnostic(file: document.file).formatted(source: document.source)
                    xml += opening + ">\n"
                    xml += "      <failure type=\"claim\" message=\"\(XML.escape(claim.detail))\">\(XML.escape(body))</failure>\n"
                    xml += "    </testcase>\n"
                }
            }
            for error in errors {
                let line = error.location.line
                let name = XML.escape("\(line):\(error.location.column): error")
                xml += "    <testcase classname=\"\(file)\" name=\"\(name)\" file=\"\(file)\" line=\"\(line)\">\n"
                xml += "      <error type=\"\(error.id)\" message=\"\(XML.escape(error.message))\">\(XML.escape(error.formatted(source: document.source)))</error>\n"
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }
}

/// XML 1.0 text and attribute escaping for the JUnit report.
///
/// This is not the page's HTML escaping: XML also forbids most control
/// characters outright (they become U+FFFD here), and attribute values must
/// keep tab, newline and carriage return as character references or a parser
/// normalises them to spaces.
package enum XML {
    package static func escape(_ text: String) -> String {
        text.replacingScalars { scalar in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&apos;"
            case "\t": return "&#9;"
            case "\n": return "&#10;"
            case "\r": return "&#13;"
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value): return "\u{FFFD}"
            default: return nil
            }
        }
    }
}
