import Foundation

/// Maps a request path to a file below the preview's output folder, and
/// refuses everything else: `..` and `.` segments, hidden names (the result
/// cache lives in `.evident-cache`), NUL, backslashes, and any file whose
/// resolved path (symbolic links followed) leaves the folder.
struct PreviewFiles: Sendable {
    /// The output folder, symbolic links resolved.
    let root: String

    init(root: String) {
        self.root = PreviewFiles.resolved(root)
    }

    /// The file to serve for `requestPath` (a URL path, still percent-encoded
    /// or not): a directory means its `index.html`. Nil when the path is
    /// refused or names no regular file.
    func file(for requestPath: String) -> String? {
        let decoded = requestPath.removingPercentEncoding ?? requestPath
        guard decoded.hasPrefix("/"), !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // A hidden segment covers `.`, `..` and the cache folder.
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return nil }
        var candidate = ([root] + segments).joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            candidate += "/index.html"
            guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        }
        let real = PreviewFiles.resolved(candidate)
        guard real.hasPrefix(root + "/") else { return nil }
        return real
    }

    /// `path` absolute, with symbolic links and `..` resolved.
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return (path as NSString).standardizingPath }
        defer { free(real) }
        return String(cString: real)
    }

    /// The media type of a file served, by its extension.
    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "woff2": "font/woff2"
        case "csv", "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
