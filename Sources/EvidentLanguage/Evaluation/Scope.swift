/// Names bound in a document: values, or names whose `let` failed (uses of
/// those are silent errors, so one mistake is reported once).
package struct Scope {
    package enum Binding {
        case value(Value)
        case failed
    }

    package var bindings: [String: Binding] = [:]

    /// Binds `name` as failed unless it is bound: a later use of it is
    /// then no error of its own.
    package mutating func fail(_ name: String) {
        if bindings[name] == nil { bindings[name] = .failed }
    }

    package var boundNames: [String] {
        bindings.compactMap { name, binding in
            if case .value = binding { return name } else { return nil }
        }
    }
}
