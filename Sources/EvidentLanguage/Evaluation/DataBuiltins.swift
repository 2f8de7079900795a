import Foundation

/// `csv(…)` and `json(…)` (LANGUAGE.md, "Data in and out").
///
/// The registry holds stand-ins that say a document is needed; an
/// `Interpreter` replaces them with built-ins reading through its own
/// `DataFiles` (confined paths, recorded reads).
package enum DataBuiltins {
    package static let parameters: (csv: [Parameter], json: [Parameter]) = (
        [.positional("path", "string"), .named("header", "boolean")],
        [.positional("path", "string")]
    )
    package static let summaries = (
        csv: "a CSV file as a record of columns: numeric columns as vectors, others as lists of strings (header: false numbers them c1, c2, …)",
        json: "a JSON file as numbers, strings, booleans, lists (vectors, matrices) and records"
    )

    /// The stand-ins of `BuiltinRegistry.core`.
    package static let all: [Builtin] = [
        Builtin("csv", parameters: parameters.csv, summary: summaries.csv) { args, _ in
            throw Diagnostic(.invalidArgument, "csv reads files relative to a document, and there is none here", at: args.range)
        },
        Builtin("json", parameters: parameters.json, summary: summaries.json) { args, _ in
            throw Diagnostic(.invalidArgument, "json reads files relative to a document, and there is none here", at: args.range)
        },
    ]

    /// The built-ins reading through `files`.
    package static func reading(_ files: DataFiles) -> [Builtin] {
        [
            Builtin("csv", parameters: parameters.csv, summary: summaries.csv) { args, context in
                let path = try args.string(0)
                let bytes = try read(files, path, args)
                do {
                    let value = try CSV.parse(bytes, header: try args.bool("header", default: true))
                    try context.checkSize(value.entries)
                    return value.record
                } catch let error as CSV.Malformed {
                    throw Diagnostic(.malformedData, "\(path):\(error.line): \(error.message)", at: args.positional[0].range)
                }
            },
            Builtin("json", parameters: parameters.json, summary: summaries.json) { args, context in
                let path = try args.string(0)
                let bytes = try read(files, path, args)
                do {
                    var parser = JSONReader(bytes)
                    let value = try parser.document()
                    try context.checkSize(parser.entries)
                    return value
                } catch let error as JSONReader.Malformed {
                    throw Diagnostic(.malformedData, "\(path):\(error.line):\(error.column): \(error.message)", at: args.positional[0].range)
                }
            },
        ]
    }

    private static func read(_ files: DataFiles, _ path: String, _ args: Arguments) throws -> [UInt8] {
        do {
            return try files.read(path)
        } catch let refusal as DataFiles.Refusal {
            throw Diagnostic(.unreadableData, refusal.description, at: args.positional[0].range)
        }
    }
}

/// Comma-separated values (RFC 4180): fields separated by commas, rows by
/// LF or CRLF, a field in double quotes may hold commas, line breaks and
/// `""` for a quote. Every row must have as many fields as the first; blank
/// lines are skipped. A column is numeric when every field of it reads as a
/// finite number (spaces around it allowed).
enum CSV {
    struct Malformed: Error {
        var line: Int
        var message: String
    }

    struct Parsed {
        var record: Value
        var entries: Int
    }

    static func parse(_ bytes: [UInt8], header: Bool) throws -> Parsed {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Malformed(line: 1, message: "the file is not UTF-8 text")
        }
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var line = 1, rowLine = 1
        var quoted = false, wasQuoted = false, quoteLine = 1
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) { rows.append((rowLine, fields)) }
            fields = []
            field = ""
            wasQuoted = false
        }
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else {
                    throw Malformed(line: line, message: "a quote inside an unquoted field (a field with quotes must be quoted whole, its quotes doubled)")
                }
                quoted = true
                wasQuoted = true
                quoteLine = line
            case ",":
                fields.append(field)
                field = ""
                wasQuoted = false
            case "\r":
                let next = characters.next()
                if next != "\n" { pending = next }
                endRow()
                line += 1
                rowLine = line
            case "\n":
                endRow()
                line += 1
                rowLine = line
            default:
                if wasQuoted, !c.properties.isWhitespace {
                    throw Malformed(line: line, message: "text after a quoted field's closing quote")
                }
                if !wasQuoted { field.unicodeScalars.append(c) }
            }
        }
        if quoted { throw Malformed(line: quoteLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRow() }
        guard let first = rows.first else { throw Malformed(line: 1, message: "the file has no rows") }
        let width = first.fields.count
        for row in rows where row.fields.count != width {
            throw Malformed(line: row.line, message: "the row has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s"), "
                            + "the \(header ? "header" : "first row") \(width)")
        }
        var names: [String]
        var body = rows[...]
        if header {
            names = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            body = rows.dropFirst()
            var seen: Set<String> = []
            for (j, name) in names.enumerated() {
                guard !name.isEmpty else { throw Malformed(line: first.line, message: "column \(j + 1) of the header has no name") }
                guard seen.insert(name).inserted else { throw Malformed(line: first.line, message: "the header names '\(name)' twice") }
            }
        } else {
            names = (1...width).map { "c\($0)" }
        }
        var columns: [(String, Value)] = []
        for (j, name) in names.enumerated() {
            let texts = body.map { $0.fields[j] }
            let numbers = texts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.filter(\.isFinite)
            if !texts.isEmpty, numbers.count == texts.count {
                columns.append((name, .vector(numbers)))
            } else {
                columns.append((name, .list(texts.map(Value.string))))
            }
        }
        return Parsed(record: .record(Record(columns)), entries: body.count * width)
    }
}

/// JSON (RFC 8259) read into values: objects become records (in their
/// order; a key given twice is an error), arrays become vectors, matrices or
/// lists as list literals do, `null` is an error (the language has no null).
/// Errors name their line and column (1-based, columns in characters).
struct JSONReader {
    struct Malformed: Error {
        var line: Int
        var column: Int
        var message: String
    }

    static let maxDepth = 200

    private let bytes: [UInt8]
    private var offset = 0
    private var depth = 0
    /// Numbers, strings and booleans read so far.
    private(set) var entries = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws -> Value {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        skipSpace()
        let value = try self.value()
        skipSpace()
        guard offset == bytes.count else { throw malformed("unexpected \(describe(offset)) after the value") }
        return value
    }

    private mutating func value() throws -> Value {
        guard offset < bytes.count else { throw malformed("the file ends where a value was expected") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): entries += 1; return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); entries += 1; return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); entries += 1; return .bool(false)
        case UInt8(ascii: "n"):
            let start = offset
            try literal("null")
            offset = start
            throw malformed("null has no value in the language; leave the field out or give a number")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): entries += 1; return .number(try number())
        default: throw malformed("unexpected \(describe(offset)) where a value was expected")
        }
    }

    private mutating func nested<T>(_ body: (inout JSONReader) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw malformed("arrays and objects nested more than \(Self.maxDepth) deep") }
        return try body(&self)
    }

    private mutating func object() throws -> Value {
        try nested { r in
            r.offset += 1
            var fields: [(String, Value)] = []
            var seen: Set<String> = []
            r.skipSpace()
            if r.peek == UInt8(ascii: "}") { r.offset += 1; return .record(Record([])) }
            while true {
                r.skipSpace()
                guard r.peek == UInt8(ascii: "\"") else { throw r.malformed("expected a key in double quotes, found \(r.describe(r.offset))") }
                let keyStart = r.offset
                let key = try r.string()
                guard seen.insert(key).inserted else {
                    r.offset = keyStart
                    throw r.malformed("the key \"\(key)\" is given twice")
                }
                r.skipSpace()
                guard r.peek == UInt8(ascii: ":") else { throw r.malformed("expected ':' after the key, found \(r.describe(r.offset))") }
                r.offset += 1
                r.skipSpace()
                fields.append((key, try r.value()))
                r.skipSpace()
                if r.peek == UInt8(ascii: ",") { r.offset += 1; continue }
                if r.peek == UInt8(ascii: "}") { r.offset += 1; return .record(Record(fields)) }
                throw r.malformed("expected ',' or '}' in the object, found \(r.describe(r.offset))")
            }
        }
    }

    private mutating func array() throws -> Value {
        try nested { r in
            r.offset += 1
            var items: [Value] = []
            r.skipSpace()
            if r.peek == UInt8(ascii: "]") { r.offset += 1; return .list([]) }
            while true {
                r.skipSpace()
                items.append(try r.value())
                r.skipSpace()
                if r.peek == UInt8(ascii: ",") { r.offset += 1; continue }
                if r.peek == UInt8(ascii: "]") { r.offset += 1; return Value.collection(items) }
                throw r.malformed("expected ',' or ']' in the array, found \(r.describe(r.offset))")
            }
        }
    }

    private mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard bytes.count - offset >= expected.count, Array(bytes[offset..<(offset + expected.count)]) == expected else {
            throw malformed("unexpected \(describe(offset)) where a value was expected")
        }
        offset += expected.count
    }

    private mutating func number() throws -> Double {
        let start = offset
        func digits() -> Int {
            let from = offset
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
            return offset - from
        }
        if peek == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        let integerDigits = digits()
        guard integerDigits > 0 else { throw malformed("a number needs a digit here, found \(describe(offset))") }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            offset = integerStart
            throw malformed("a number must not start with 0 (leading zeros)")
        }
        if peek == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw malformed("a number needs a digit after '.', found \(describe(offset))") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            offset += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw malformed("a number needs a digit in its exponent, found \(describe(offset))") }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let x = Double(text), x.isFinite else {
            offset = start
            throw malformed("the number \(text) is too large for a double")
        }
        return x
    }

    private mutating func string() throws -> String {
        let start = offset
        offset += 1
        var scalars = String.UnicodeScalarView()
        var run = offset
        func flush(_ end: Int) throws {
            guard let piece = String(validating: bytes[run..<end], as: UTF8.self) else {
                offset = run
                throw malformed("the string is not UTF-8 text")
            }
            scalars.append(contentsOf: piece.unicodeScalars)
        }
        while true {
            guard offset < bytes.count else {
                offset = start
                throw malformed("the string is never closed")
            }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                try flush(offset)
                offset += 1
                return String(scalars)
            }
            if byte < 0x20 { throw malformed("a control character inside a string (write \\n for a line break)") }
            if byte == UInt8(ascii: "\\") {
                try flush(offset)
                offset += 1
                guard offset < bytes.count else { throw malformed("the string is never closed") }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), bytes.count - offset >= 6, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                        offset += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { offset -= 6; throw malformed("a high surrogate without its low half") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { offset -= 6; throw malformed("\\u escape of a lone surrogate") }
                    scalars.append(scalar)
                default:
                    offset -= 2
                    throw malformed("an unknown escape \\\(String(decoding: [escape], as: UTF8.self)) in a string")
                }
                run = offset
                continue
            }
            offset += 1
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard bytes.count - offset >= 4, let code = UInt32(String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self), radix: 16) else {
            throw malformed("\\u needs four hexadecimal digits")
        }
        offset += 4
        return code
    }

    private var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    private func describe(_ at: Int) -> String {
        guard at < bytes.count else { return "end of file" }
        let byte = bytes[at]
        if byte >= 0x21 && byte < 0x7F { return "'\(String(decoding: [byte], as: UTF8.self))'" }
        return byte < 0x80 ? "character \(byte)" : "a non-ASCII character"
    }

    /// An error at the current offset, with its line and column.
    private func malformed(_ message: String) -> Malformed {
        var line = 1, column = 1
        var index = 0
        while index < min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == 0x0A { line += 1; column = 1 } else if !byte.isUTF8Continuation { column += 1 }
            index += 1
        }
        return Malformed(line: line, column: column, message: message)
    }
}
