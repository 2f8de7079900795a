import CCmarkGFM
import EvidentLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CommonMark {
    /// The parse options: footnotes, and `~~` alone for strikethrough.
    package static let parseOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE

    /// What cmark-gfm is asked to look for in a body, from a scan of its
    /// bytes: footnotes and autolinks cost every body that has none.
    ///
    /// - Footnotes are looked for in two walks over the whole tree, and are
    ///   looked for only where the body holds `[^`: a definition is a line
    ///   that starts so. cmark-gfm also takes `[\^x]` and `[&#94;x]` for
    ///   references, but only a definition gives one a number, and it
    ///   misreads them: the first renders as `[^x]]` and the second ends the
    ///   HTML at a NUL. Without a `[^` they are text, as written; with one,
    ///   `BodyExtraction` escapes their bracket.
    /// - Autolinks (GFM's bare `scheme://…`, `www.…` and e-mail addresses)
    ///   make cmark-gfm stop at every `w` and `:` of the text and look for
    ///   `@` in every text node, a large part of the build of a large body
    ///   (docs/performance.md). One
    ///   starts at a `://` or `www.` written in the body, or at an `@` in a
    ///   text node, written or from a character reference, between
    ///   characters an address can hold (`mayJoinAddress`): a matrix
    ///   product `A @ B` or a handle `@name` starts none.
    ///
    /// Where neither can occur the HTML is the same either way, but for
    /// those misreadings (`CommonMarkTests.footnotesOnlyWhereTheyCanBe`,
    /// `autolinksOnlyWhereTheyCanBe`).
    struct Body {
        var options: Int32
        var autolinks: Autolinks

        enum Autolinks {
            /// Nothing in the body can start one.
            case impossible
            /// Every `://` follows `](` and a scheme and has a `)` later on
            /// its line, as an inline link's target does, or the body has an
            /// `&` (a character reference can make an `@`): parsed without
            /// autolinks, each text node is looked at (`mayStartAutolink`),
            /// and the body parsed again with them should one hold what an
            /// autolink starts with.
            case unlikely
            /// Parsed with autolinks.
            case possible
        }

        init(options: Int32, autolinks: Autolinks) {
            (self.options, self.autolinks) = (options, autolinks)
        }

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                self.init(options: parseOptions & ~CMARK_OPT_FOOTNOTES, autolinks: .impossible)
                return
            }
            let end = base + bytes.count
            let footnotes = ByteSearch.end(of: "[^", from: base, end) != nil
            self.init(options: footnotes ? parseOptions : parseOptions & ~CMARK_OPT_FOOTNOTES, autolinks: Self.autolinks(base, end))
        }

        private static func autolinks(_ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Autolinks {
            if ByteSearch.end(of: "www.", from: base, end) != nil { return .possible }
            var at = base
            while let found = memchr(at, Int32(UInt8(ascii: "@")), end - at) {
                let sign = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                if sign > base, sign + 1 < end, mayJoinAddress(before: sign[-1], after: sign[1], written: true) { return .possible }
                at = sign + 1
            }
            var targets = false
            var from = base
            while let target = ByteSearch.end(of: "://", from: from, end) {
                targets = true
                from = target
                var scheme = target - 3
                while scheme > base, isSchemeByte(scheme[-1]) { scheme -= 1 }
                guard scheme < target - 3, scheme - base >= 2, scheme[-2] == UInt8(ascii: "]"), scheme[-1] == UInt8(ascii: "("),
                      closes(target, end) else {
                    return .possible
                }
            }
            return !targets && memchr(base, Int32(UInt8(ascii: "&")), end - base) == nil ? .impossible : .unlikely
        }

        /// Whether the line goes on to a `)`: a target whose link is left
        /// open stays text, where autolinks would read it, so the body is
        /// parsed with them at once rather than twice.
        private static func closes(_ from: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
            let lineEnd = memchr(from, Int32(UInt8(ascii: "\n")), end - from).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? end
            return memchr(from, Int32(UInt8(ascii: ")")), lineEnd - from) != nil
        }

        /// Whether a text node's literal holds what an autolink starts with.
        /// One pass over the bytes: three C string searches (`@`, `://`,
        /// `www.`) at each of a large body's text nodes cost more.
        static func mayStartAutolink(_ literal: UnsafePointer<CChar>) -> Bool {
            var byte = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
            while byte.pointee != 0 {
                switch byte.pointee {
                // Text nodes are joined before autolinks are looked for: an
                // `@` at either end of one may meet its address's characters.
                case UInt8(ascii: "@"):
                    if byte == UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self) || byte[1] == 0
                        || mayJoinAddress(before: byte[-1], after: byte[1], written: false) {
                        return true
                    }
                    byte += 1
                case UInt8(ascii: ":") where byte[1] == UInt8(ascii: "/") && byte[2] == UInt8(ascii: "/"):
                    return true
                case UInt8(ascii: "w") where byte[1] == UInt8(ascii: "w") && byte[2] == UInt8(ascii: "w") && byte[3] == UInt8(ascii: "."):
                    return true
                default:
                    byte += 1
                }
            }
            return false
        }

        /// Whether an `@` between `before` and `after` can be part of an
        /// e-mail address: cmark-gfm links one with a letter, digit or one of
        /// `.+-_` just before the `@` and a letter, digit or one of `.-_`
        /// just after it, in one text node, and also the `mailto:` and
        /// `xmpp:` forms, where a `:` may stand before the `@` and a `/`
        /// after it (`mailto:@x.org`, `xmpp:a@/b.c`). Text nodes are joined
        /// before autolinks are looked for, so in the `written` body a
        /// character reference (`…&#95;@`, `@&#98;…`) or an escape (`\@`,
        /// `@\.`) beside the `@` may also give it one.
        static func mayJoinAddress(before: UInt8, after: UInt8, written: Bool) -> Bool {
            let joins = written && (before == UInt8(ascii: ";") || before == UInt8(ascii: "\\")
                                    || after == UInt8(ascii: "&") || after == UInt8(ascii: "\\"))
            let scheme = before == UInt8(ascii: ":") || after == UInt8(ascii: "/")
            return joins || scheme || (isAddressByte(before) || before == UInt8(ascii: "+")) && isAddressByte(after)
        }

        /// A letter, a digit or one of `.-_`: what both sides of an e-mail
        /// address's `@` are made of.
        private static func isAddressByte(_ byte: UInt8) -> Bool {
            byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }

        private static func isSchemeByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                return true
            default:
                return false
            }
        }
    }
}
