import EvidentLanguage
import EvidentMarkdown
import Foundation

extension Pipeline {
    /// The largest image a page embeds.
    static let imageByteLimit = 8 << 20

    /// The media types of the images a page embeds, by file extension: the
    /// raster types cmark's safe mode lets through as `data:` targets.
    static let imageTypes = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"]

    /// Each image with a relative path is embedded as a data URI, so the
    /// page stays one file; a missing, too large or unknown image is an
    /// error at its line. A `data:` target stays as written. Any other
    /// target with a scheme (`https:`, `http:`, `ftp:`, `file:`, …) or
    /// naming a host (`//host/x.png`) would be loaded from elsewhere when
    /// the page is read: without `unsafe` it is left off the page, its alt
    /// text in its place, with a warning, and with `unsafe` it is kept, with
    /// a warning that the page is not self-contained. With `reading` false (check) the files are only
    /// looked at.
    static func embedImages(_ images: [CommonMark.Image], into document: inout MarkdownDocument, lines: SourceLines, reading: Bool, unsafe: Bool) {
        guard !images.isEmpty else { return }
        let folder = URL(fileURLWithPath: document.file).deletingLastPathComponent()
        for image in images {
            let target = image.url
            guard !target.isEmpty, !target.hasPrefix("#") else { continue }
            if let scheme = scheme(of: target), scheme == "data" { continue }
            if scheme(of: target) != nil || namesAHost(target) {
                let message = unsafe
                    ? "the image `\(target)` is loaded from elsewhere when the page is read: the page is not self-contained; save the image beside the document to embed it"
                    : "the image `\(target)` is left off the page, its alt text in its place: a page loads nothing from elsewhere; save the image beside the document to embed it, or build with --unsafe to keep it"
                document.diagnostics.append(Diagnostic(file: document.file, range: SourceRange(SourceLocation(line: image.line, column: column(of: image, in: lines))),
                                                       severity: .warning, id: .remoteImage, message: message))
                if !unsafe { document.furniture.droppedImages.insert(image.ordinal) }
                continue
            }
            let path = target.split(separator: "#", maxSplits: 1).first.map(String.init) ?? target
            func fail(_ message: String) {
                document.diagnostics.append(Diagnostic(file: document.file, range: SourceRange(SourceLocation(line: image.line, column: column(of: image, in: lines))),
                                                       id: .imageUnusable, message: message))
            }
            let decoded = path.removingPercentEncoding ?? path
            guard !decoded.hasPrefix("/") else {
                fail("the image `\(target)` must be given relative to the document, to be embedded")
                continue
            }
            let ext = (decoded as NSString).pathExtension.lowercased()
            guard let type = imageTypes[ext] else {
                fail("the image `\(target)` cannot be embedded: the page embeds PNG, JPEG, GIF and WebP images")
                continue
            }
            let url = folder.appendingPathComponent(decoded)
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values?.isRegularFile == true, let size = values?.fileSize else {
                fail("the image `\(target)` does not exist (looked for \(url.path))")
                continue
            }
            guard size <= imageByteLimit else {
                fail("the image `\(target)` is \(size / 1_048_576) MB; a page embeds images up to \(imageByteLimit >> 20) MB")
                continue
            }
            guard reading else { continue }
            guard let data = try? Data(contentsOf: url) else {
                fail("the image `\(target)` cannot be read")
                continue
            }
            document.furniture.embeddedImages[image.ordinal] = "data:\(type);base64," + data.base64EncodedString()
        }
    }

    /// The column of the image's `![` on its line: the last one before the
    /// first place its target is written there; 1 when the target is not
    /// on that line (a reference-style image, a target written escaped).
    static func column(of image: CommonMark.Image, in lines: SourceLines) -> Int {
        let line = Array(String(decoding: lines.utf8(image.line), as: UTF8.self).unicodeScalars)
        let target = Array(image.url.unicodeScalars)
        guard !target.isEmpty, target.count <= line.count,
              let at = (0...(line.count - target.count)).first(where: { line[$0..<($0 + target.count)].elementsEqual(target) }) else { return 1 }
        var i = at - 1
        while i > 0, !(line[i - 1] == "!" && line[i] == "[") { i -= 1 }
        return i > 0 ? i : 1
    }

    /// The scheme of a URL (RFC 3986: a letter, then letters, digits, `+`,
    /// `-` or `.`, before the first `:`), lowercased; nil for a relative
    /// reference (`images/a:b.png` has none: a `/` comes first).
    static func scheme(of target: String) -> String? {
        guard let colon = target.firstIndex(of: ":") else { return nil }
        let name = target[..<colon]
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return nil }
        return name.lowercased()
    }

    /// Whether a relative reference names a host: `//host/x.png` (a
    /// backslash, which browsers would take for a slash, reaches the page
    /// percent-encoded, and is then part of a path).
    static func namesAHost(_ target: String) -> Bool {
        target.hasPrefix("//")
    }

    /// A warning at each line of the author's raw HTML, which safe mode
    /// leaves off the page.
    static func reportDroppedHTML(_ lines: [Int], in document: inout MarkdownDocument) {
        var seen = Set<Int>()
        for line in lines where seen.insert(line).inserted {
            document.diagnostics.append(Diagnostic(file: document.file, range: SourceRange(SourceLocation(line: line, column: 1)), severity: .warning,
                                                   id: .rawHTMLDropped, message: "raw HTML is left off the page; build with --unsafe to keep it"))
        }
    }
}
