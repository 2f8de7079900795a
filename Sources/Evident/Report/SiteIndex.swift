import EvidentMarkdown
import Foundation

/// The `index.html` that `evident build DIR -o OUT` writes beside the pages:
/// every document with its title, the state of its claims and a relative link
/// to its page.
public struct SiteIndex {
    public struct Entry: Equatable, Sendable {
        /// The document's title.
        public var title: String
        /// The document's path as given on the command line.
        public var source: String
        /// The page's path relative to the index, or nil when no page was
        /// written for it.
        public var page: String?
        public var claims: Int
        public var failedClaims: Int
        public var errors: Int

        public init(title: String, source: String, page: String?, claims: Int, failedClaims: Int, errors: Int) {
            self.title = title
            self.source = source
            self.page = page
            self.claims = claims
            self.failedClaims = failedClaims
            self.errors = errors
        }

        /// `N/N verified`, `K/N verified, M failed`, `no claims`, or the
        /// number of errors when the document could not be evaluated.
        public var status: String {
            if errors > 0 { return errors == 1 ? "1 error" : "\(errors) errors" }
            if claims == 0 { return "no claims" }
            let verified = "\(claims - failedClaims)/\(claims) verified"
            return failedClaims == 0 ? verified : "\(verified), \(failedClaims) failed"
        }

        package var state: String { errors > 0 ? "error" : failedClaims > 0 ? "failed" : "verified" }
    }

    public var title: String
    public var entries: [Entry]

    public init(title: String = "Documents", entries: [Entry]) {
        self.title = title
        self.entries = entries
    }

    public var html: String {
        var rows = ""
        for entry in entries {
            let title = HTML.escape(entry.title)
            let link = entry.page.map { "<a href=\"\(HTML.escape(Self.href($0)))\">\(title)</a>" } ?? title
            let source = "<code>\(HTML.escape(entry.source))</code>"
            rows += "<tr class=\"\(entry.state)\"><td>\(link)</td><td>\(source)</td><td class=\"status\">\(HTML.escape(entry.status))</td></tr>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #ddd; }
        tr.verified .status { color: #17692b; }
        tr.failed .status, tr.error .status { color: #a3161b; font-weight: bold; }
        </style>
        </head>
        <body>
        <h1>\(HTML.escape(title))</h1>
        <table>
        <thead><tr><th>Document</th><th>Source</th><th>Claims</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        </body>
        </html>

        """
    }

    /// A relative URL for a relative file path: each byte outside the
    /// unreserved set percent-encoded, so that `:`, `?`, `#` and spaces in
    /// file names cannot turn the link into something else.
    package static func href(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
