/// Codable forms of what blocks and spans produce, for the result cache.
///
/// Written by hand (synthesis does not reach types declared in other
/// files); positions are compact `[line, column]` pairs, optional fields are
/// left out when absent, and every enum is a one-key object naming its case.

extension SourceLocation: Codable {
    public init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        self.init(line: try container.decode(Int.self), column: try container.decode(Int.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(line)
        try container.encode(column)
    }
}

extension SourceRange: Codable {
    public init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        self.init(start: try container.decode(SourceLocation.self), end: try container.decode(SourceLocation.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(start)
        try container.encode(end)
    }
}

extension Diagnostic.Severity: Codable {}

extension Diagnostic: Codable {
    private enum CodingKeys: String, CodingKey { case file, range, severity, message }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try c.decode(String.self, forKey: .file), range: try c.decode(SourceRange.self, forKey: .range),
                  severity: try c.decode(Severity.self, forKey: .severity), message: try c.decode(String.self, forKey: .message))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(range, forKey: .range)
        try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message)
    }
}

extension ClaimResult: Codable {
    private enum CodingKeys: String, CodingKey { case label, source, passed, detail, range }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(label: try c.decodeIfPresent(String.self, forKey: .label), source: try c.decode(String.self, forKey: .source),
                  passed: try c.decode(Bool.self, forKey: .passed), detail: try c.decode(String.self, forKey: .detail),
                  range: try c.decode(SourceRange.self, forKey: .range))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(label, forKey: .label)
        try c.encode(source, forKey: .source)
        try c.encode(passed, forKey: .passed)
        try c.encode(detail, forKey: .detail)
        try c.encode(range, forKey: .range)
    }
}

extension Table: Codable {
    private enum CodingKeys: String, CodingKey { case title, columns, rows }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decodeIfPresent(String.self, forKey: .title), columns: try c.decode([String].self, forKey: .columns),
                  rows: try c.decode([[String]].self, forKey: .rows))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encode(columns, forKey: .columns)
        try c.encode(rows, forKey: .rows)
    }
}

extension Plot.Series: Codable {
    private enum CodingKeys: String, CodingKey { case label, x, y }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(label: try c.decode(String.self, forKey: .label), x: try c.decode([Double].self, forKey: .x),
                  y: try c.decode([Double].self, forKey: .y))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encode(x, forKey: .x)
        try c.encode(y, forKey: .y)
    }
}

extension Plot.Kind: Codable {
    private enum CodingKeys: String, CodingKey { case lines, edges, values }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let series = try c.decodeIfPresent([Plot.Series].self, forKey: .lines) {
            self = .lines(series)
        } else {
            self = .bars(edges: try c.decode([Double].self, forKey: .edges), values: try c.decode([Double].self, forKey: .values))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .lines(let series):
            try c.encode(series, forKey: .lines)
        case .bars(let edges, let values):
            try c.encode(edges, forKey: .edges)
            try c.encode(values, forKey: .values)
        }
    }
}

extension Plot: Codable {
    private enum CodingKeys: String, CodingKey { case title, kind, logY, xLabel, yLabel }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decodeIfPresent(String.self, forKey: .title), kind: try c.decode(Kind.self, forKey: .kind),
                  logY: try c.decode(Bool.self, forKey: .logY), xLabel: try c.decodeIfPresent(String.self, forKey: .xLabel),
                  yLabel: try c.decodeIfPresent(String.self, forKey: .yLabel))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encode(kind, forKey: .kind)
        try c.encode(logY, forKey: .logY)
        try c.encodeIfPresent(xLabel, forKey: .xLabel)
        try c.encodeIfPresent(yLabel, forKey: .yLabel)
    }
}

extension Output: Codable {
    private enum CodingKeys: String, CodingKey { case value, table, plot, claim }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try c.decodeIfPresent(String.self, forKey: .value) {
            self = .value(text)
        } else if let table = try c.decodeIfPresent(Table.self, forKey: .table) {
            self = .table(table)
        } else if let plot = try c.decodeIfPresent(Plot.self, forKey: .plot) {
            self = .plot(plot)
        } else {
            self = .claim(try c.decode(ClaimResult.self, forKey: .claim))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .value(let text): try c.encode(text, forKey: .value)
        case .table(let table): try c.encode(table, forKey: .table)
        case .plot(let plot): try c.encode(plot, forKey: .plot)
        case .claim(let claim): try c.encode(claim, forKey: .claim)
        }
    }
}

extension ItemResult: Codable {
    private enum CodingKeys: String, CodingKey { case outputs, claims, diagnostics }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(outputs: try c.decode([Output].self, forKey: .outputs),
                  claims: try c.decodeIfPresent([ClaimResult].self, forKey: .claims) ?? [],
                  diagnostics: try c.decodeIfPresent([Diagnostic].self, forKey: .diagnostics) ?? [])
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outputs, forKey: .outputs)
        if !claims.isEmpty { try c.encode(claims, forKey: .claims) }
        if !diagnostics.isEmpty { try c.encode(diagnostics, forKey: .diagnostics) }
    }
}
