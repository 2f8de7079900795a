import CHarfBuzz
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The math font a page carries: Latin Modern Math (Debian's
/// `fonts-lmodern`), cut down by HarfBuzz's subsetter to the characters the
/// page's formulas use and embedded as a data URI, so that formulas look
/// the same in every browser without the network. The subsetter keeps the
/// OpenType MATH table and the glyph variants it names (stretched
/// brackets, large operators), which browsers need to lay out MathML.
///
/// The only file that calls HarfBuzz. The library is loaded the first time a
/// page needs the font, so that a process writing no formula does not load
/// it and the libraries behind it (FreeType, GLib, PNG) at every start
/// (docs/performance.md).
package enum EmbeddedMathFont {
    /// The font files looked for, in order.
    package static let candidates = [
        "/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf",
        "/usr/share/fonts/opentype/lm-math/latinmodern-math.otf",
    ]

    /// The font family the stylesheet names first for `math`.
    package static let family = "Evident Math"

    /// The subsetter's library (it loads HarfBuzz itself), as Debian names it,
    /// then as other systems do.
    static let libraryNames = ["libharfbuzz-subset.so.0", "libharfbuzz-subset.so", "libharfbuzz-subset.0.dylib"]

    /// HarfBuzz's functions and the face of the first font found, loaded
    /// once, or why pages cannot carry the font here.
    private static let loaded: Result<(functions: evident_harfbuzz, face: OpaquePointer), Unavailable> = {
        guard let path = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
            return .failure(Unavailable("no Latin Modern Math font is installed (looked for \(candidates.joined(separator: " and ")); "
                                        + "on Debian: apt-get install fonts-lmodern)"))
        }
        guard let handle = libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(Unavailable("HarfBuzz's subsetter cannot be loaded (\(reason)); on Debian: apt-get install libharfbuzz-subset0"))
        }
        var functions = evident_harfbuzz()
        if let missing = evident_harfbuzz_bind(handle, &functions) {
            return .failure(Unavailable("the HarfBuzz installed has no \(String(cString: missing)) (HarfBuzz 6.0 or later is needed)"))
        }
        // Every function is bound from here on.
        guard let blob = functions.hb_blob_create_from_file_or_fail!(path) else {
            return .failure(Unavailable("HarfBuzz cannot read the font \(path)"))
        }
        defer { functions.hb_blob_destroy!(blob) }
        guard let face = functions.hb_face_create!(blob, 0) else { return .failure(Unavailable("HarfBuzz cannot read the font \(path)")) }
        return .success((functions, face))
    }()

    /// Why pages cannot carry the font on this machine.
    package struct Unavailable: Error, CustomStringConvertible {
        package var description: String
        package init(_ description: String) { self.description = description }
    }

    private static let lock = NSLock()

    /// Whether a font to embed is installed and HarfBuzz loads.
    package static var isAvailable: Bool { unavailable == nil }

    /// Why a page cannot carry the font here; nil when it can.
    package static var unavailable: Unavailable? {
        if case .failure(let reason) = loaded { return reason }
        return nil
    }

    /// The font holding only `text`'s characters (and what the MATH table
    /// needs for them), as OpenType bytes; nil without a font or when
    /// the subsetter fails.
    package static func subset(for text: Set<Unicode.Scalar>) -> [UInt8]? {
        guard case .success(let (hb, face)) = loaded else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let input = hb.hb_subset_input_create_or_fail!() else { return nil }
        defer { hb.hb_subset_input_destroy!(input) }
        let unicodes = hb.hb_subset_input_unicode_set!(input)
        for scalar in text.sorted(by: { $0.value < $1.value }) { hb.hb_set_add!(unicodes, scalar.value) }
        // Hinting is for small sizes on old rasterisers: it only adds bytes.
        hb.hb_subset_input_set_flags!(input, HB_SUBSET_FLAGS_NO_HINTING.rawValue)
        guard let subset = hb.hb_subset_or_fail!(face, input) else { return nil }
        defer { hb.hb_face_destroy!(subset) }
        guard let blob = hb.hb_face_reference_blob!(subset) else { return nil }
        defer { hb.hb_blob_destroy!(blob) }
        var length: UInt32 = 0
        guard let data = hb.hb_blob_get_data!(blob, &length), length > 0 else { return nil }
        return Array(UnsafeRawBufferPointer(start: data, count: Int(length)))
    }

    /// The characters of the formulas in `html`: the text between the tags
    /// of each `<math>` element, with character references decoded. The
    /// elements are found by `memchr` (a page is mostly prose).
    package static func characters(ofMathIn html: [UInt8]) -> Set<Unicode.Scalar> {
        var found = Set<Unicode.Scalar>()
        html.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let end = base + buffer.count
            var from = base
            let closing: StaticString = "</math>"
            while let open = ByteSearch.end(of: "<math", from: from, end) {
                let close = ByteSearch.end(of: closing, from: open, end)
                let inside = UnsafeBufferPointer(start: open, count: (close.map { $0 - closing.utf8CodeUnitCount } ?? end) - open)
                // Inside a formula: skip tags, collect text.
                var text: [UInt8] = []
                var inTag = true
                for byte in inside {
                    if inTag {
                        if byte == UInt8(ascii: ">") { inTag = false }
                    } else if byte == UInt8(ascii: "<") {
                        inTag = true
                        text.append(UInt8(ascii: " "))
                    } else {
                        text.append(byte)
                    }
                }
                for scalar in decoded(String(decoding: text, as: UTF8.self)).unicodeScalars where scalar.value > 0x20 {
                    found.insert(scalar)
                    // A single-letter <mi> is shown in its italic form.
                    if let italic = italic(scalar) { found.insert(italic) }
                }
                guard let close else { return }
                from = close
            }
        }
        return found
    }

    /// The Mathematical Italic form of a Latin or Greek letter, which
    /// browsers draw for a single-letter `<mi>`.
    static func italic(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        let code: UInt32
        switch v {
        case 0x68: code = 0x210E  // ℎ, a hole in the block
        case 0x41...0x5A: code = 0x1D434 + v - 0x41
        case 0x61...0x7A: code = 0x1D44E + v - 0x61
        case 0x391...0x3A9: code = 0x1D6E2 + v - 0x391
        case 0x3B1...0x3C9: code = 0x1D6FC + v - 0x3B1
        case 0x3F5: code = 0x1D716
        case 0x3D1: code = 0x1D717
        case 0x3F0: code = 0x1D718
        case 0x3D5: code = 0x1D719
        case 0x3F1: code = 0x1D71A
        case 0x3D6: code = 0x1D71B
        case 0x2202: code = 0x1D715
        case 0x2207: code = 0x1D6FB
        default: return nil
        }
        return Unicode.Scalar(code)
    }

    /// Text with the character references HTML.escape and the MathML
    /// writer produce (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;` `&#xHEX;` `&#DEC;`) decoded.
    static func decoded(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&", let semicolon = scalars[i...].prefix(12).firstIndex(of: ";") {
                let name = String(scalars: scalars[(i + 1)..<semicolon])
                let named: [String: Unicode.Scalar] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
                var value: Unicode.Scalar?
                if let scalar = named[name] {
                    value = scalar
                } else if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    value = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    value = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
                }
                if let value {
                    out.append(value)
                    i = semicolon + 1
                    continue
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    /// The `@font-face` rule for the subset of the font the formulas in
    /// `html` need; empty when the page has no formula or no font is installed.
    package static func styleRule(for html: [UInt8]) -> String {
        let characters = characters(ofMathIn: html)
        guard !characters.isEmpty, let font = subset(for: characters) else { return "" }
        return "@font-face { font-family: \"\(family)\"; src: url(data:font/otf;base64,"
            + Data(font).base64EncodedString() + ") format(\"opentype\"); }"
    }
}

/// Where a page's formulas take their font from.
public enum MathFontChoice: String, Sendable, CaseIterable {
    /// A subset of Latin Modern Math embedded in the page.
    case embedded
    /// The reader's own math fonts.
    case system
}
