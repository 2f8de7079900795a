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
    /// error at its line. Targets with a scheme (`https:`, `data:`) stay as
    /// written. With `reading` false (check) the files are only looked at.
    static func embedImages(_ images: [CommonMark.Image], into document: inout MarkdownDocument, reading: Bool) {
        guard !images.isEmpty else { return }
        let folder = URL(fileURLWithPath: document.file).deletingLastPathComponent()
        for image in images {
            let target = image.url
            guard !target.isEmpty, !target.contains(":"), !target.hasPrefix("#") else { continue }
            let path = target.split(separator: "#", maxSplits: 1).first.map(String.init) ?? target
            func fail(_ message: String) {
                document.diagnostics.append(Diagnostic(file: document.file, range: SourceRange(SourceLocation(line: image.line, column: 1)),
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
