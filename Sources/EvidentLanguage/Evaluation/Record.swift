/// Named fields in the order they were given; `.field` reads one.
public struct Record {
    public private(set) var fields: [(name: String, value: Value)]

    /// Later fields with a name already present replace the earlier value.
    public init(_ fields: [(String, Value)]) {
        self.fields = []
        for (name, value) in fields { self[name] = value }
    }

    public var names: [String] { fields.map(\.name) }

    public subscript(name: String) -> Value? {
        get { fields.first { $0.name == name }?.value }
        set {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((name, newValue))
            }
        }
    }
}

extension Record {
    /// A field's name as a record literal writes it: bare when it reads as a
    /// name, quoted otherwise (`{"median cos": 1}`).
    package static func fieldText(_ name: String) -> String {
        let scalars = name.unicodeScalars
        if let first = scalars.first, Lexer.isIdentifierStart(first), scalars.allSatisfy(Lexer.isIdentifierPart),
           TokenKind.keyword(name) == nil {
            return name
        }
        return Value.string(name).quotedText
    }
}
