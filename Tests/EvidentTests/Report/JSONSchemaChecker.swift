import Foundation

/// A parsed JSON document, with booleans and numbers kept apart.
indirect enum JSONNode: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([JSONNode].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: JSONNode].self))
        }
    }

    static func parse(_ text: String) throws -> JSONNode {
        try JSONDecoder().decode(JSONNode.self, from: Data(text.utf8))
    }

    subscript(key: String) -> JSONNode? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    subscript(index: Int) -> JSONNode? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var array: [JSONNode]? { if case .array(let items) = self { items } else { nil } }
    var object: [String: JSONNode]? { if case .object(let members) = self { members } else { nil } }
    var string: String? { if case .string(let text) = self { text } else { nil } }
    var number: Double? { if case .number(let x) = self { x } else { nil } }
}

/// Checks a JSON document against a JSON Schema (draft 2020-12), for the
/// keywords docs/run-output.schema.json uses: `type`, `properties`,
/// `required`, `additionalProperties`, `items`, `enum`, `const`, `anyOf`,
/// `oneOf`, `minimum`, `pattern` and local `$ref`s (`#/$defs/NAME`).
/// A keyword outside that set is itself reported, so that a schema cannot
/// pass by using something the checker would ignore.
struct JSONSchemaChecker {
    let root: JSONNode
    static let annotations: Set<String> = ["$schema", "$id", "$defs", "$comment", "title", "description"]
    static let keywords: Set<String> = ["type", "properties", "required", "additionalProperties", "items", "enum", "const",
                                        "anyOf", "oneOf", "minimum", "pattern", "$ref"]

    init(schema: JSONNode) { root = schema }

    /// Every violation, as `PATH: what is wrong`; empty when `instance` conforms.
    func violations(of instance: JSONNode) -> [String] {
        var found: [String] = []
        check(instance, against: root, at: "$", into: &found)
        return found
    }

    private func check(_ instance: JSONNode, against schema: JSONNode, at path: String, into found: inout [String]) {
        guard let keywords = schema.object else {
            found.append("\(path): the schema here is not an object")
            return
        }
        for key in keywords.keys.sorted() where !Self.keywords.contains(key) && !Self.annotations.contains(key) {
            found.append("\(path): the checker does not know the keyword '\(key)'")
        }
        if let reference = keywords["$ref"]?.string {
            guard reference.hasPrefix("#/$defs/"), let target = root["$defs"]?[String(reference.dropFirst(8))] else {
                found.append("\(path): unresolved $ref \(reference)")
                return
            }
            check(instance, against: target, at: path, into: &found)
        }
        if let type = keywords["type"] {
            let allowed = type.array?.compactMap(\.string) ?? type.string.map { [$0] } ?? []
            if !allowed.contains(where: { Self.has(instance, type: $0) }) {
                found.append("\(path): expected \(allowed.joined(separator: " or ")), got \(Self.describe(instance))")
            }
        }
        if let options = keywords["enum"]?.array, !options.contains(instance) {
            found.append("\(path): \(Self.describe(instance)) is not one of the allowed values")
        }
        if let constant = keywords["const"], constant != instance {
            found.append("\(path): expected \(Self.describe(constant)), got \(Self.describe(instance))")
        }
        if let minimum = keywords["minimum"]?.number, let x = instance.number, x < minimum {
            found.append("\(path): \(x) is below the minimum \(minimum)")
        }
        if let pattern = keywords["pattern"]?.string, let text = instance.string {
            if let regex = try? Regex(pattern) {
                if (try? regex.firstMatch(in: text)) == nil { found.append("\(path): '\(text)' does not match \(pattern)") }
            } else {
                found.append("\(path): the pattern \(pattern) does not compile")
            }
        }
        if case .object(let members) = instance {
            let properties = keywords["properties"]?.object ?? [:]
            for name in keywords["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
                found.append("\(path): the member '\(name)' is missing")
            }
            for (name, value) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    check(value, against: property, at: "\(path).\(name)", into: &found)
                } else if let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        found.append("\(path): the member '\(name)' is not allowed")
                    } else if additional != .bool(true) {
                        check(value, against: additional, at: "\(path).\(name)", into: &found)
                    }
                }
            }
        }
        if case .array(let items) = instance, let itemSchema = keywords["items"] {
            for (index, item) in items.enumerated() { check(item, against: itemSchema, at: "\(path)[\(index)]", into: &found) }
        }
        if let alternatives = keywords["anyOf"]?.array {
            let fits = alternatives.filter { conforms(instance, to: $0, at: path) }
            if fits.isEmpty { found.append("\(path): \(Self.describe(instance)) matches none of the anyOf alternatives") }
        }
        if let alternatives = keywords["oneOf"]?.array {
            let fits = alternatives.filter { conforms(instance, to: $0, at: path) }.count
            if fits != 1 { found.append("\(path): \(Self.describe(instance)) matches \(fits) of the oneOf alternatives, not exactly one") }
        }
    }

    private func conforms(_ instance: JSONNode, to schema: JSONNode, at path: String) -> Bool {
        var found: [String] = []
        check(instance, against: schema, at: path, into: &found)
        return found.isEmpty
    }

    private static func has(_ instance: JSONNode, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .number(let x)): return x == x.rounded()
        default: return false
        }
    }

    private static func describe(_ instance: JSONNode) -> String {
        switch instance {
        case .null: return "null"
        case .bool(let flag): return "\(flag)"
        case .number(let x): return "\(x)"
        case .string(let text): return "\"\(text)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
