import EvidentLanguage

/// The result cache's binary encoding: compact, linear, and checked on
/// reading.
///
/// Integers are zigzag LEB128 varints, doubles their IEEE bit patterns
/// (NaN and infinities survive exactly), strings a length and UTF-8 bytes,
/// enums a tag byte: Foundation's JSON coders were slower than the build
/// they cached for a large document. Reading never trusts the bytes: every length is checked
/// against what is left and an unknown tag is an error (`CacheCoding.Corrupt`),
/// on top of the file's hash.
package enum CacheCoding {
    package struct Corrupt: Error {}

    package struct Writer {
        private(set) var bytes: [UInt8] = []

        package mutating func int(_ value: Int) {
            var v = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

        package mutating func double(_ value: Double) {
            var bits = value.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        }

        package mutating func string(_ value: String) {
            int(value.utf8.count)
            bytes.append(contentsOf: value.utf8)
        }

        package mutating func optional(_ value: String?) {
            bool(value != nil)
            if let value { string(value) }
        }

        package mutating func array<T>(_ values: [T], _ element: (inout Writer, T) -> Void) {
            int(values.count)
            for value in values { element(&self, value) }
        }

        package mutating func location(_ l: SourceLocation) {
            int(l.line)
            int(l.column)
        }

        package mutating func range(_ r: SourceRange) {
            location(r.start)
            location(r.end)
        }

        package mutating func claim(_ c: ClaimResult) {
            optional(c.label)
            string(c.source)
            bool(c.passed)
            string(c.detail)
            range(c.range)
            bool(c.measure != nil)
            if let m = c.measure {
                double(m.observed)
                double(m.expected)
                double(m.tolerance)
                bool(m.relative)
                bool(m.literal != nil)
                if let literal = m.literal { range(literal) }
            }
        }

        package mutating func diagnostic(_ d: Diagnostic) {
            string(d.file)
            range(d.range)
            string(d.severity.rawValue)
            string(d.id.code)
            string(d.message)
            int(d.notes.count)
            d.notes.forEach { string($0) }
            string(d.suggestion ?? "")
            bool(d.suggestion != nil)
        }

        package mutating func output(_ output: Output) {
            switch output {
            case .value(let text):
                bytes.append(0)
                string(text)
            case .table(let table):
                bytes.append(1)
                optional(table.title)
                array(table.columns) { $0.string($1) }
                array(table.rows) { w, row in w.array(row) { $0.string($1) } }
                switch table.numbers {
                case .significant(let digits): bytes.append(0); int(digits)
                case .printf(let format): bytes.append(1); string(format)
                }
                int(table.indexColumns)
            case .plot(let plot):
                bytes.append(2)
                optional(plot.title)
                switch plot.kind {
                case .lines(let series):
                    bytes.append(0)
                    array(series) { w, s in
                        w.string(s.label)
                        w.array(s.x) { $0.double($1) }
                        w.array(s.y) { $0.double($1) }
                    }
                case .bars(let edges, let values):
                    bytes.append(1)
                    array(edges) { $0.double($1) }
                    array(values) { $0.double($1) }
                }
                bool(plot.logY)
                optional(plot.xLabel)
                optional(plot.yLabel)
                bool(plot.logX)
                bool(plot.scatter)
                optional(plot.caption)
                optional(plot.width.map(String.init))
                optional(plot.height.map(String.init))
            case .claim(let c):
                bytes.append(3)
                claim(c)
            }
        }

        package mutating func result(_ r: ItemResult) {
            array(r.outputs) { $0.output($1) }
            array(r.claims) { $0.claim($1) }
            array(r.diagnostics) { $0.diagnostic($1) }
            array(r.reads) { w, read in
                w.string(read.path)
                w.string(read.fingerprint)
            }
        }
    }

    package struct Reader {
        private let bytes: [UInt8]
        private var offset = 0

        package init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 { self.bytes = Array(bytes) }

        package var atEnd: Bool { offset == bytes.count }

        package mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Corrupt() }
            defer { offset += 1 }
            return bytes[offset]
        }

        package mutating func int() throws -> Int {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw Corrupt() }
                v |= UInt64(b & 0x7f) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1))
        }

        /// A count of things each taking at least one byte.
        package mutating func count() throws -> Int {
            let n = try int()
            guard n >= 0, n <= bytes.count - offset else { throw Corrupt() }
            return n
        }

        package mutating func bool() throws -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            default: throw Corrupt()
            }
        }

        package mutating func double() throws -> Double {
            guard bytes.count - offset >= 8 else { throw Corrupt() }
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            offset += 8
            return Double(bitPattern: bits)
        }

        package mutating func string() throws -> String {
            let n = try count()
            defer { offset += n }
            return String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
        }

        package mutating func optional() throws -> String? {
            try bool() ? try string() : nil
        }

        package mutating func array<T>(_ element: (inout Reader) throws -> T) throws -> [T] {
            let n = try count()
            var values: [T] = []
            values.reserveCapacity(n)
            for _ in 0..<n { values.append(try element(&self)) }
            return values
        }

        /// A document position: line and column from 1 to a billion (no
        /// document has more), so that moving results cannot overflow.
        package mutating func location() throws -> SourceLocation {
            let line = try int(), column = try int()
            guard (1...1_000_000_000).contains(line), (1...1_000_000_000).contains(column) else { throw Corrupt() }
            return SourceLocation(line: line, column: column)
        }

        package mutating func range() throws -> SourceRange {
            SourceRange(start: try location(), end: try location())
        }

        package mutating func claim() throws -> ClaimResult {
            var claim = ClaimResult(label: try optional(), source: try string(), passed: try bool(), detail: try string(), range: try range())
            if try bool() {
                claim.measure = ClaimMeasure(observed: try double(), expected: try double(), tolerance: try double(), relative: try bool(),
                                             literal: try bool() ? try range() : nil)
            }
            return claim
        }

        package mutating func diagnostic() throws -> Diagnostic {
            let file = try string()
            let range = try range()
            guard let severity = Diagnostic.Severity(rawValue: try string()), let id = DiagnosticID(code: try string()) else { throw Corrupt() }
            let message = try string()
            let noteCount = try int()
            guard noteCount >= 0, noteCount <= 1 << 16 else { throw Corrupt() }
            let notes = try (0..<noteCount).map { _ in try string() }
            let suggestion = try string()
            return Diagnostic(file: file, range: range, severity: severity, id: id, message: message, notes: notes,
                              suggestion: try bool() ? suggestion : nil)
        }

        package mutating func output() throws -> Output {
            switch try byte() {
            case 0:
                return .value(try string())
            case 1:
                let title = try optional()
                let columns = try array { try $0.string() }
                let rows = try array { r in try r.array { try $0.string() } }
                let numbers: Table.NumberStyle
                switch try byte() {
                case 0: numbers = .significant(try int())
                case 1: numbers = .printf(try string())
                default: throw Corrupt()
                }
                return .table(Table(title: title, columns: columns, rows: rows, numbers: numbers, indexColumns: try int()))
            case 2:
                let title = try optional()
                let kind: Plot.Kind
                switch try byte() {
                case 0:
                    kind = .lines(try array { r in
                        Plot.Series(label: try r.string(), x: try r.array { try $0.double() }, y: try r.array { try $0.double() })
                    })
                case 1:
                    kind = .bars(edges: try array { try $0.double() }, values: try array { try $0.double() })
                default:
                    throw Corrupt()
                }
                return .plot(Plot(title: title, kind: kind, logY: try bool(), xLabel: try optional(), yLabel: try optional(),
                                  logX: try bool(), scatter: try bool(), caption: try optional(),
                                  width: try optional().flatMap { Int($0) }, height: try optional().flatMap { Int($0) }))
            case 3:
                return .claim(try claim())
            default:
                throw Corrupt()
            }
        }

        package mutating func result() throws -> ItemResult {
            ItemResult(outputs: try array { try $0.output() }, claims: try array { try $0.claim() },
                       diagnostics: try array { try $0.diagnostic() },
                       reads: try array { DataRead(path: try $0.string(), fingerprint: try $0.string()) })
        }
    }
}
