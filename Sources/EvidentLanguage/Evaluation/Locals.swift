/// A lambda's parameters by name: the few bindings of one call, kept inline
/// (no hash table, no allocation for up to two parameters) because `map`
/// makes one per item.
package struct Locals: Sequence {
    private var first: (name: String, value: Value)?
    private var second: (name: String, value: Value)?
    private var rest: [(name: String, value: Value)] = []

    package init() {}

    package subscript(name: String) -> Value? {
        get {
            if let first, first.name == name { return first.value }
            if let second, second.name == name { return second.value }
            return rest.last { $0.name == name }?.value
        }
        set {
            guard let newValue else { return }
            if first == nil || first?.name == name { first = (name, newValue) }
            else if second == nil || second?.name == name { second = (name, newValue) }
            else if let i = rest.firstIndex(where: { $0.name == name }) { rest[i].value = newValue }
            else { rest.append((name, newValue)) }
        }
    }

    package var keys: [String] { map(\.name) }

    package func makeIterator() -> IndexingIterator<[(name: String, value: Value)]> {
        ([first, second].compactMap { $0 } + rest).makeIterator()
    }
}
