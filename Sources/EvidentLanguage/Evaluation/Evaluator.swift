import Foundation

/// Evaluates expressions against an immutable scope.
///
/// It is a value with no mutable state: a lambda call makes a new evaluator
/// whose `locals` hold the parameters, so evaluations may run concurrently.
package struct Evaluator {
    package let scope: Scope
    package var locals = Locals()
    package let builtins: BuiltinRegistry
    package let limits: Limits
    /// Memoised parameter-free calls of the lambda being evaluated (`map`).
    package var invariants: Invariants? = nil
    /// The document's last batched `map` items, shared by later maps over
    /// the same list (nil outside a document's interpreter).
    package var mapItems: MapItemsCache? = nil
    /// Where long operations report how far they have got.
    package var progress: OperationProgress? = nil
    /// What the document has spent of its budgets (nil outside a document's interpreter).
    package var budget: DocumentBudget? = nil
    /// Calls of functions written in the language that enclose this
    /// evaluation (recursion is bounded by `Limits.maxDepth`).
    package var callDepth = 0
    /// The lowest stack address the current thread may use (`StackGuard`),
    /// once calls nest deep enough to ask; 0 before.
    package var stackFloor = 0
    /// The thread `stackFloor` belongs to (`map` calls run on other threads).
    package var stackThread = 0
    /// Whether an unknown name's error says which known name is nearest: a
    /// search among all of them, which the interpreter does for a
    /// document's first unknown names only (`Interpreter.suggestedUnknownNames`).
    package var suggestsNames = true

    package func evaluate(_ expr: Expr) throws -> Value {
        switch expr.kind {
        case .number(let x):
            return .number(x)
        case .string(let s):
            return .string(s)
        case .bool(let b):
            return .bool(b)
        case .name(let name):
            return try lookup(name, at: expr.range)
        case .list(let items):
            if items.count > limits.maxElements {
                throw Diagnostic(.tooManyEntries, "the list has \(items.count) items, more than the limit of \(limits.maxElements)", at: expr.range)
            }
            let value = Value.collection(try items.map(evaluate))
            try checkProduced(value, by: "the list", at: expr.range)
            return value
        case .record(let fields):
            var seen: Set<String> = []
            var values: [(String, Value)] = []
            for field in fields {
                guard seen.insert(field.name).inserted else {
                    throw Diagnostic(.duplicateArgument, "the field '\(field.name)' is given twice", at: field.nameRange)
                }
                values.append((field.name, try evaluate(field.value)))
            }
            return .record(Record(values))
        case .unary(.negate, let operand):
            return try negate(try evaluate(operand), at: expr.range, operandRange: operand.range)
        case .unary(.not, let operand):
            return .bool(!(try truth(operand, for: "'not'")))
        case .binary(.and, let lhs, let rhs):
            return .bool(try truth(lhs, for: "'and'") ? try truth(rhs, for: "'and'") : false)
        case .binary(.or, let lhs, let rhs):
            return .bool(try truth(lhs, for: "'or'") ? true : try truth(rhs, for: "'or'"))
        case .binary(let op, let lhs, let rhs) where op.isComparison:
            return try compare(op, try evaluate(lhs), try evaluate(rhs), at: expr.range).value
        case .binary(let op, let lhs, let rhs):
            return try arithmetic(op, try evaluate(lhs), try evaluate(rhs), at: expr.range)
        case .approx(let lhs, let rhs, let tolerance, let relative):
            return .bool(try approximate(lhs, rhs, tolerance: tolerance, relative: relative).passed)
        case .call(let callee, let calleeRange, let arguments):
            if let invariants, let value = try invariants.value(at: expr.range, { try call(callee, calleeRange: calleeRange, arguments, at: expr.range) }) {
                return value
            }
            return try call(callee, calleeRange: calleeRange, arguments, at: expr.range)
        case .member(let base, let name, let nameRange):
            return try member(try evaluate(base), name, nameRange: nameRange, at: expr.range)
        case .method(let base, let name, let nameRange, let arguments):
            if let invariants, let value = try invariants.value(at: expr.range, {
                try method(try evaluate(base), name, nameRange: nameRange, arguments, at: expr.range)
            }) {
                return value
            }
            return try method(try evaluate(base), name, nameRange: nameRange, arguments, at: expr.range)
        case .index(let base, let index):
            return try subscripted(try evaluate(base), index, at: expr.range)
        case .slice(let base, let lower, let upper):
            return try sliced(try evaluate(base), lower, upper, at: expr.range)
        case .lambda(let parameters, let body):
            return .lambda(function(parameters, body, at: expr.range))
        case .conditional(let condition, let whenTrue, let whenFalse):
            let value = try evaluate(condition)
            guard case .bool(let holds) = value else {
                let hint = if case .booleans = value { " (reduce a boolean vector with all(…) or any(…))" } else { "" }
                throw Diagnostic(.typeMismatch, "'if' needs a boolean as its condition, got \(value.typeDescription)\(hint)", at: condition.range)
            }
            return try evaluate(holds ? whenTrue : whenFalse)
        }
    }

    /// The function value of `parameters => body` written at `range`, closed
    /// over the scope and the current locals; `name` when `let` binds it.
    package func function(_ parameters: [String], _ body: Expr, at range: SourceRange, name: String? = nil) -> Lambda {
        var captured = scope
        for (name, value) in locals { captured.bindings[name] = .value(value) }
        return Lambda(parameters: parameters, body: body, captured: captured, range: range, name: name)
    }

    // MARK: Names

    package var knownNames: [String] { Array(locals.keys) + scope.boundNames + builtins.names + FunctionalBuiltins.constantNames }

    package func lookup(_ name: String, at range: SourceRange) throws -> Value {
        if let value = locals[name] { return value }
        switch scope.bindings[name] {
        case .value(let value): return value
        case .failed: throw Diagnostic.silent(at: range)
        case nil: break
        }
        if let constant = FunctionalBuiltins.constant(name) { return constant }
        if builtins[name] != nil {
            throw Diagnostic(.notAFunction, "'\(name)' is a built-in function: call it as \(name)(…)", at: range)
        }
        throw unknownName(name, among: knownNames, at: range)
    }

    /// The error for a name bound nowhere, with the nearest of `candidates`
    /// when this evaluator suggests names.
    private func unknownName(_ name: String, among candidates: @autoclosure () -> [String], at range: SourceRange) -> Diagnostic {
        let nearest = suggestsNames ? Suggestion.nearest(to: name, among: candidates()) : nil
        return Diagnostic(.unknownName, "unknown name '\(name)'" + Suggestion.didYouMean(nearest), at: range,
                          suggestion: nearest)
    }

    /// A boolean, or a boolean vector reduced with "all" (the rule of boolean
    /// contexts: `and`, `or`, `not`, claims).
    package func truth(_ expr: Expr, for context: String) throws -> Bool {
        let value = try evaluate(expr)
        switch value {
        case .bool(let b): return b
        case .booleans(let b): return b.allSatisfy { $0 }
        default:
            throw Diagnostic(.typeMismatch, "expected a boolean for \(context), got \(value.typeDescription)", at: expr.range)
        }
    }

    // MARK: Calls

    private func evaluateArguments(_ arguments: [Argument], callee: String, at range: SourceRange) throws -> Arguments {
        var result = Arguments(callee: callee, range: range)
        var namedCount = 0
        for argument in arguments where argument.name != nil { namedCount += 1 }
        result.positional.reserveCapacity(arguments.count - namedCount)
        result.named.reserveCapacity(namedCount)
        for argument in arguments {
            let value = try evaluate(argument.value)
            if let name = argument.name {
                result.named.append(.init(name: name, value: value, range: argument.range))
            } else {
                result.positional.append(.init(value: value, range: argument.range))
            }
        }
        return result
    }

    private func call(_ callee: String, calleeRange: SourceRange, _ arguments: [Argument], at range: SourceRange) throws -> Value {
        if case .lambda(let f)? = locals[callee] {
            return try call(f, arguments, at: range)
        }
        if let resolved = invariants?.call(at: range) {
            let args = try evaluateArguments(arguments, callee: callee, at: range)
            if !resolved.valid { try resolved.builtin.validate(args) }
            return try call(resolved.builtin, callee, args, at: range)
        }
        guard let builtin = builtins[callee] else {
            if case .value(.lambda(let f))? = scope.bindings[callee] {
                return try call(f, arguments, at: range)
            }
            if let value = locals[callee] ?? { if case .value(let v) = scope.bindings[callee] { return v } else { return nil } }() {
                throw Diagnostic(.notAFunction, "'\(callee)' is \(value.typeDescription), not a function", at: calleeRange)
            }
            if case .failed = scope.bindings[callee] { throw Diagnostic.silent(at: calleeRange) }
            throw unknownName(callee, among: builtins.names, at: calleeRange)
        }
        let args = try evaluateArguments(arguments, callee: callee, at: range)
        try builtin.validate(args)
        return try call(builtin, callee, args, at: range)
    }

    package func call(_ builtin: Builtin, _ callee: String, _ args: Arguments, at range: SourceRange) throws -> Value {
        let context = CallContext(callee: callee, range: range, evaluator: self)
        let result = try located(at: range, prefix: callee + ": ") { try builtin(args, context) }
        try checkProduced(result, by: callee, at: range)
        return result
    }

    /// `f(a, b)` where f is a function value: positional arguments only.
    private func call(_ lambda: Lambda, _ arguments: [Argument], at range: SourceRange) throws -> Value {
        if let named = arguments.first(where: { $0.name != nil }) {
            throw Diagnostic(.unknownArgument, "\(lambda.signatureText) takes positional arguments only, got '\(named.name!):'", at: named.range)
        }
        guard arguments.count == lambda.parameters.count else {
            throw arityError(lambda, got: arguments.count, at: range)
        }
        return try call(lambda, try arguments.map { try evaluate($0.value) }, at: range)
    }

    private func arityError(_ lambda: Lambda, got count: Int, at range: SourceRange) -> Diagnostic {
        Diagnostic(.argumentCount, "the function \(lambda.signatureText) takes \(lambda.parameters.count) argument\(lambda.parameters.count == 1 ? "" : "s"), got \(count)", at: range)
    }

    /// Calls a function value with `arguments`, in a fresh local scope. Calls
    /// nest at most `Limits.maxDepth` deep (recursion ends in a located error,
    /// never in a stack overflow).
    package func call(_ lambda: Lambda, _ arguments: [Value], at range: SourceRange, invariants: Invariants? = nil) throws -> Value {
        guard arguments.count == lambda.parameters.count else {
            throw arityError(lambda, got: arguments.count, at: range)
        }
        try budget?.check(at: range)
        guard callDepth < limits.maxDepth else {
            throw Diagnostic(.recursionTooDeep, "calls of \(lambda.signatureText) nest more than \(limits.maxDepth) deep (the nesting limit): does its recursion end?", at: range)
        }
        var inner = Evaluator(scope: lambda.captured, builtins: builtins, limits: limits, invariants: invariants, mapItems: mapItems,
                              progress: progress, budget: budget)
        inner.callDepth = callDepth + 1
        inner.suggestsNames = suggestsNames
        if callDepth >= 8 {
            // Deep calls also watch the stack (a frame's size depends on the
            // build and on the body); shallow ones, all of map's, need not.
            let here = StackGuard.here()
            var floor = stackFloor
            let thread = StackGuard.thread()
            if floor == 0 || thread != stackThread { floor = StackGuard.floor() ?? 0 }
            if floor != 0, here < floor {
                throw Diagnostic(.recursionTooDeep, "calls of \(lambda.signatureText) nest too deeply for the stack (\(callDepth) calls deep): does its recursion end?", at: range)
            }
            inner.stackFloor = floor
            inner.stackThread = thread
        }
        if let name = lambda.name { inner.locals[name] = .lambda(lambda) }
        for (name, value) in zip(lambda.parameters, arguments) { inner.locals[name] = value }
        guard let name = lambda.name else { return try inner.evaluate(lambda.body) }
        do {
            return try inner.evaluate(lambda.body)
        } catch var error as Diagnostic {
            // An error inside a named function says which call led there:
            // the outermost one, when calls nest.
            if !error.isSilent, error.isPlaced, !range.encloses(error.range) {
                let marker = " (in the call of "
                if let earlier = error.message.range(of: marker) { error.message.removeSubrange(earlier.lowerBound...) }
                error.message += marker + "\(name) at \(range.start))"
            }
            throw error
        }
    }

    private func member(_ base: Value, _ name: String, nameRange: SourceRange, at range: SourceRange) throws -> Value {
        switch base {
        case .record(let record):
            if let value = record[name] { return value }
            throw Diagnostic(.unknownMember, "unknown field '\(name)' of the record" + Suggestion.didYouMean(name, among: record.names), at: nameRange)
        case .object(let object):
            let value = try located(at: range) { try object.member(name) }
            if let value {
                try checkProduced(value, by: ".\(name)", at: range)
                return value
            }
            if object.methodNames.contains(name) {
                throw Diagnostic(.notAFunction, "'\(name)' is a method of \(object.typeName): call it as .\(name)(…)", at: nameRange)
            }
            throw Diagnostic(.unknownMember, "unknown member '\(name)' of \(object.typeName)"
                                + Suggestion.didYouMean(name, among: object.memberNames + object.methodNames), at: nameRange)
        default:
            throw Diagnostic(.unknownMember, "\(base.typeDescription) has no member '\(name)'", at: nameRange)
        }
    }

    private func method(_ base: Value, _ name: String, nameRange: SourceRange, _ arguments: [Argument], at range: SourceRange) throws -> Value {
        if case .record(let record) = base, case .lambda(let f)? = record[name] {
            return try call(f, arguments, at: range)
        }
        guard case .object(let object) = base else {
            throw Diagnostic(.unknownMember, "\(base.typeDescription) has no method '\(name)'", at: nameRange)
        }
        let args = try evaluateArguments(arguments, callee: ".\(name)", at: range)
        let context = CallContext(callee: ".\(name)", range: range, evaluator: self)
        let value = try located(at: range) { try object.callMethod(name, args, context: context) }
        if let value {
            try checkProduced(value, by: ".\(name)(…)", at: range)
            return value
        }
        if object.memberNames.contains(name) {
            throw Diagnostic(.notAFunction, "'\(name)' is a member of \(object.typeName), not a method: write .\(name)", at: nameRange)
        }
        throw Diagnostic(.unknownMember, "unknown method '\(name)' of \(object.typeName)"
                            + Suggestion.didYouMean(name, among: object.methodNames + object.memberNames), at: nameRange)
    }

    /// Runs code outside the language (a built-in, an object's member or
    /// method): a language error without a place is placed at `range`, any
    /// other error becomes a language error there.
    private func located<T>(at range: SourceRange, prefix: @autoclosure () -> String = "", _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as Diagnostic {
            throw error.located(at: range)
        } catch {
            throw Diagnostic(.internalError, prefix() + "\(error)", at: range)
        }
    }

    /// `x[i]`, 1-based: an entry of a vector, a row of a matrix, an item of a list.
    private func subscripted(_ base: Value, _ indexExpr: Expr, at range: SourceRange) throws -> Value {
        let indexValue = try withEnd(of: base, for: indexExpr).evaluate(indexExpr)
        if case .string(let key) = indexValue {
            switch base {
            case .record(let record):
                if let value = record[key] { return value }
                throw Diagnostic(.unknownMember, "unknown field \(indexValue.quotedText) of the record" + Suggestion.didYouMean(key, among: record.names), at: indexExpr.range)
            case .object:
                return try member(base, key, nameRange: indexExpr.range, at: range)
            default:
                throw Diagnostic(.typeMismatch, "a string index reads a record's field; \(base.typeDescription) is indexed by number", at: indexExpr.range)
            }
        }
        guard case .number(let x) = indexValue else {
            throw Diagnostic(.typeMismatch, "expected a number as the index, got \(indexValue.typeDescription)", at: indexExpr.range)
        }
        guard let count = base.count else {
            throw Diagnostic(.typeMismatch, "\(base.typeDescription) cannot be indexed", at: range)
        }
        guard x == x.rounded() else {
            throw Diagnostic(.indexOutOfRange, "the index must be a whole number, got \(NumberFormat.shortest(x))", at: indexExpr.range)
        }
        guard x >= 1, x <= Double(count) else {
            let bounds = count == 0 ? "the \(base.typeName) is empty" : "expected 1…\(count)"
            throw Diagnostic(.indexOutOfRange, "index \(NumberFormat.shortest(x)) is out of range: \(bounds)", at: indexExpr.range)
        }
        let i = Int(x) - 1
        switch base {
        case .vector(let v): return .number(v[i])
        case .booleans(let b): return .bool(b[i])
        case .matrix(let m): return .vector(m[i])
        case .list(let items): return items[i]
        default: throw Diagnostic(.typeMismatch, "\(base.typeDescription) cannot be indexed", at: range)
        }
    }

    // MARK: Checks

    /// NaN and infinities are errors where they are produced; sizes beyond
    /// `Limits.maxElements` too.
    package func checkProduced(_ value: Value, by producer: String, at range: SourceRange) throws {
        func nonFinite(_ x: Double, entry: String) -> Diagnostic {
            Diagnostic(.nonFinite, "\(producer) produced \(x.isNaN ? "NaN" : "an infinite value")\(entry)", at: range)
        }
        func tooLarge(_ count: Int) -> Diagnostic {
            Diagnostic(.tooManyEntries, "\(producer) produced \(count) entries, more than the limit of \(limits.maxElements)", at: range)
        }
        switch value {
        case .number(let x):
            if !x.isFinite { throw nonFinite(x, entry: "") }
        case .vector(let v):
            if v.count > limits.maxElements { throw tooLarge(v.count) }
            if let i = v.firstIndex(where: { !$0.isFinite }) { throw nonFinite(v[i], entry: " at entry \(i + 1)") }
        case .matrix(let m):
            let count = m.reduce(0) { $0 + $1.count }
            if count > limits.maxElements { throw tooLarge(count) }
            for (i, row) in m.enumerated() {
                if let j = row.firstIndex(where: { !$0.isFinite }) { throw nonFinite(row[j], entry: " at entry [\(i + 1)][\(j + 1)]") }
            }
        case .booleans(let b):
            if b.count > limits.maxElements { throw tooLarge(b.count) }
        case .list(let items):
            if items.count > limits.maxElements { throw tooLarge(items.count) }
        case .string(let s):
            let bytes = s.utf8.count
            if bytes > limits.maxElements {
                throw Diagnostic(.tooManyEntries, "\(producer) produced a string of \(bytes) bytes, more than the limit of \(limits.maxElements)", at: range)
            }
            try budget?.charge(.stringBytes, bytes, at: range)
        default:
            break
        }
    }

    /// The entries `value` holds, lists counted with their items' entries.
    package static func entries(in value: Value) -> Int {
        switch value {
        case .vector(let v): return v.count
        case .booleans(let b): return b.count
        case .matrix(let m): return m.reduce(0) { $0 + $1.count }
        case .list(let items): return items.reduce(items.count) { $0 + entries(in: $1) }
        case .record(let record): return record.fields.reduce(1) { $0 + entries(in: $1.value) }
        case .table(let table): return table.rows.reduce(1) { $0 + $1.count }
        default: return 1
        }
    }
}
