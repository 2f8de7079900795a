import Foundation
import EvidentLanguage
import EvidentMarkdown

/// What `preview` adds to each HTML response it serves, never to the files
/// on disk: a script that reloads the page when the server says the site was
/// rebuilt, keeping the scroll position, and, after a failed build, an
/// overlay listing the errors over the last good page.
enum PreviewInjection {
    /// The server-sent events endpoint the script listens to.
    static let eventsPath = "/__evident/events"

    /// Reloads on a `reload` event; the scroll position of each page is kept
    /// in sessionStorage across the reload.
    static let script = """
    <script id="evident-preview">
    (function () {
      var key = "evident-preview-scroll:" + location.pathname;
      var saved = sessionStorage.getItem(key);
      if (saved !== null) {
        sessionStorage.removeItem(key);
        addEventListener("load", function () { scrollTo(0, Number(saved)); });
      }
      var events = new EventSource("\(eventsPath)");
      events.addEventListener("reload", function () {
        sessionStorage.setItem(key, String(scrollY));
        location.reload();
      });
    })();
    </script>
    """

    /// `html` with the overlay (when there are `errors`) and the script
    /// inserted before the last `</body>`, or appended when there is none.
    static func inject(into html: String, errors: [String]) -> String {
        let addition = overlay(errors) + script + "\n"
        guard let body = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) else {
            return html + addition
        }
        return html.replacingCharacters(in: body.lowerBound..<body.lowerBound, with: addition)
    }

    /// The overlay listing `errors`, each escaped; empty when there are none.
    static func overlay(_ errors: [String]) -> String {
        guard !errors.isEmpty else { return "" }
        let items = errors.map { "<li>\(escape($0))</li>" }.joined()
        return """
        <div id="evident-preview-errors" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;\
        margin:0;padding:1em 1.5em;background:#fff0f0;color:#600;border-top:3px solid #c00;\
        font:14px/1.4 ui-monospace,Menlo,Consolas,monospace;z-index:2147483647;box-shadow:0 -4px 16px rgba(0,0,0,.2)">\
        <strong>The last build failed; what is shown was built before it.</strong><ul style="margin:.5em 0 0;padding-left:1.2em">\(items)</ul></div>

        """
    }

    /// `text` escaped for HTML (the project's one escaping function).
    static func escape(_ text: String) -> String { HTML.escape(text) }

    /// The errors among `diagnostics` as `FILE:LINE:COL: message`, in order.
    static func errorLines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.filter { $0.severity == .error }.map {
            "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.message)"
        }
    }
}
