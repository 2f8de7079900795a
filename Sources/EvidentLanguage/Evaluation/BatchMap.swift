import Foundation
import InfoGeometry
import Synchronization

/// The values one expression of a `map` lambda takes over all the items.
///
/// A batched `map` evaluates its lambda's body once, node by node, with each
/// node's values for every item held in a column, instead of walking the
/// body once per item (see `BatchMap`).
public enum Column {
    /// The same value for every item (a subexpression without the parameter).
    case uniform(Value)
    /// One value per item.
    case values([Value])
    /// One number per item.
    case numbers([Double])
    /// One value per item in a built-in's own representation.
    case native(any NativeColumn)
    /// The map's items themselves (its lambda's parameter).
    case items(MapItems)

    /// Item i as a language value.
    package func value(at i: Int) -> Value {
        switch self {
        case .uniform(let value): return value
        case .values(let values): return values[i]
        case .numbers(let numbers): return .number(numbers[i])
        case .native(let column): return column.value(at: i)
        case .items(let items): return items.values[i]
        }
    }
}

/// The items of a batched `map`, with the representations built-ins derive
/// from them (the points of a sample, say), each derived once per map
/// however many calls in the lambda take the items.
///
/// `@unchecked Sendable`: language values are not `Sendable` (objects and
/// functions are classes), though immutable once made; the items are never
/// changed and the derived values are behind the lock.
public final class MapItems: @unchecked Sendable {
    public let values: [Value]
    private let lock = NSLock()
    private var derived: [Key: Any] = [:]
    /// The keyed values, least recently used first: at most
    /// `keptKeyedValues` are kept (a natural-gradient column of a
    /// 50,000-point sample is 2 MB, and one map needs two at most).
    private var keyedOrder: [Key] = []
    package static let keptKeyedValues = 2

    /// A derived value's result type and the key it was asked for with.
    private struct Key: Hashable {
        let type: ObjectIdentifier
        let key: AnyHashable?
    }

    package init(_ values: [Value]) { self.values = values }

    /// `make(values)`, computed at most once per result type.
    public func derived<T>(_ make: ([Value]) throws -> T) rethrows -> T {
        try derived(Key(type: ObjectIdentifier(T.self), key: nil), make)
    }

    /// `make(values)`, computed at most once per result type and `key`: the
    /// key must name everything besides the items the result depends on.
    public func derived<T>(key: AnyHashable, _ make: ([Value]) throws -> T) rethrows -> T {
        try derived(Key(type: ObjectIdentifier(T.self), key: key), make)
    }

    private func derived<T>(_ key: Key, _ make: ([Value]) throws -> T) rethrows -> T {
        lock.lock()
        // Looked up before the cast: a missing entry cast to an optional T would pass as nil.
        if let known = derived[key] {
            if key.key != nil, let i = keyedOrder.firstIndex(of: key) { keyedOrder.append(keyedOrder.remove(at: i)) }
            lock.unlock()
            return known as! T
        }
        lock.unlock()
        let value = try make(values)
        lock.lock()
        if derived.updateValue(value, forKey: key) == nil, key.key != nil {
            keyedOrder.append(key)
            if keyedOrder.count > Self.keptKeyedValues { derived[keyedOrder.removeFirst()] = nil }
        }
        lock.unlock()
        return value
    }
}

/// The `MapItems` of the last batched map of a document, reused by the next
/// map over the same list: the four maps of DESIGN.md's experiment 3 over one
/// sample find its 50,000 points once, not four times. The same list means
/// the same items: the same objects (points are immutable) and the same
/// numbers, bit for bit, compared one by one (a pointer or a number each,
/// nothing next to deriving the items again).
package final class MapItemsCache: Sendable {
    private let last = Mutex<MapItems?>(nil)

    /// Makes `values` the last list, with `derived` already known for it: a
    /// built-in that returns a list it made its own representation of (the
    /// points of a sample) saves the next map finding them again.
    package func register<T>(_ values: [Value], derived: T) {
        let items = MapItems(values)
        _ = items.derived { _ in derived }
        last.withLock { $0 = items }
    }

    /// The items of `values`, reused when `values` is the last list's buffer.
    package func items(_ values: [Value]) -> MapItems {
        last.withLock { last in
            if let known = last, Self.sameItems(known.values, values) { return known }
            let items = MapItems(values)
            last = items
            return items
        }
    }

    /// Whether the lists hold the same objects and numbers; lists of any
    /// other values are never taken for the same.
    package static func sameItems(_ a: [Value], _ b: [Value]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.object(let p), .object(let q)) where p === q: continue
            case (.number(let p), .number(let q)) where p.bitPattern == q.bitPattern: continue
            default: return false
            }
        }
        return true
    }
}

/// A column of values kept in a built-in's own form (tangent vectors, say),
/// boxed into language values only where something else needs them.
public protocol NativeColumn {
    var count: Int { get }
    func value(at i: Int) -> Value
}

/// The arguments of one call in a batched `map`: a column per argument.
public struct BatchArguments {
    public let callee: String
    public let range: SourceRange
    public let count: Int
    package let positional: [Column]
    package let named: [(name: String, column: Column)]
    /// The call's arguments as item 0 sees them, for the typed accessors of
    /// the arguments that are the same for every item.
    public let first: Arguments

    public func column(_ index: Int) -> Column? { index < positional.count ? positional[index] : nil }
    public func column(_ name: String) -> Column? { named.first { $0.name == name }?.column }

    /// Whether the argument is the same for every item.
    public func isUniform(_ index: Int) -> Bool {
        if case .uniform = positional[index] { return true }
        return false
    }

    public func isUniform(_ name: String) -> Bool {
        guard let column = column(name) else { return true }
        if case .uniform = column { return true }
        return false
    }
}

/// What a built-in's batch form may use: the call's context, and a parallel
/// loop over the items that reports progress.
public struct BatchContext {
    public let call: CallContext
    package let progress: ProgressCounter

    /// `body(i)` for every item, on `limits.threads` threads, in input order
    /// (the same values, bit for bit, as a serial loop).
    public func map<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
        try Parallel.map(count: count, threads: call.limits.threads) { i in
            if i & 63 == 0 { try call.checkBudgets() }
            let value = try body(i)
            // Reported per block of 64 items: each block once, so the counts add up to `count`.
            if i & 63 == 63 || i == count - 1 { progress.advance(by: (i & 63) + 1) }
            return value
        }
    }
}

/// `map(items, x => body)` evaluated column by column.
///
/// The plan is the lambda's body when it is made only of the parameter,
/// parameter-free subexpressions (evaluated once, through `Invariants`),
/// calls of built-ins, arithmetic, comparisons and negation. Each call runs
/// once over all the items: a built-in with a batch form (the geometry
/// kernels: `natgrad`, `cosine`, …) loops over them in its own
/// representation, any other is called per item with the arguments a
/// per-item evaluation would give it.
/// Every item meets the same code on the same inputs as in a per-item
/// evaluation, so the results are the same bit for bit. A batch form that
/// does not take the values it is given (a norm of vectors rather than of
/// tangents, say) declines, and that call is made per item instead. Whenever
/// anything fails, the batch is dropped and the map runs item by item, which
/// then reports the error of the first failing item exactly as it always does.
///
/// Columns hold every item's value at once, where item by item only the
/// items in flight are held: once the values of the columns made so far
/// hold more than `heldEntries` entries (a lambda that makes a long vector
/// per item and reduces it, say), the batch is dropped too, so that a `map`
/// runs in bounded memory whatever its lambda makes.
package struct BatchMap {
    /// The most entries the columns of one batch may hold in language
    /// values (32 MB of numbers); built-ins' own columns are as large as
    /// the items they are made from and are not counted.
    package static let heldEntries = 4_000_000

    private indirect enum Node {
        case item
        case invariant(Expr)
        case call(Builtin, callee: String, range: SourceRange, [(name: String?, node: Node, range: SourceRange)])
        case binary(BinaryOperator, Node, Node, range: SourceRange)
        case negate(Node, range: SourceRange, operandRange: SourceRange)

        /// Calls and operators: the passes over the items.
        var stages: Int {
            switch self {
            case .item, .invariant: return 0
            case .call(_, _, _, let arguments): return 1 + arguments.reduce(0) { $0 + $1.node.stages }
            case .binary(_, let lhs, let rhs, _): return 1 + lhs.stages + rhs.stages
            case .negate(let operand, _, _): return 1 + operand.stages
            }
        }
    }

    private let root: Node
    private var evaluator: Evaluator
    private let range: SourceRange
    /// Told the name of each built-in called per item because it has no
    /// batch form or its batch form declined (for tests).
    package var calledPerItem: ((_ callee: String) -> Void)?

    /// The plan for `lambda`, or nil when its body has a part without a
    /// batch form (then `map` runs item by item).
    package init?(_ lambda: Lambda, evaluator: Evaluator, invariants: Invariants?, at range: SourceRange) {
        guard lambda.parameters.count == 1,
              let root = Self.plan(lambda.body, parameter: lambda.parameters[0], builtins: evaluator.builtins, invariants: invariants),
              root.stages > 0 else { return nil }
        self.root = root
        var inner = Evaluator(scope: lambda.captured, builtins: evaluator.builtins, limits: evaluator.limits, invariants: invariants,
                              mapItems: evaluator.mapItems, progress: evaluator.progress, budget: evaluator.budget)
        inner.callDepth = evaluator.callDepth + 1
        inner.suggestsNames = evaluator.suggestsNames
        if let name = lambda.name { inner.locals[name] = .lambda(lambda) }
        self.evaluator = inner
        self.range = range
    }

    package var stages: Int { root.stages }

    private static func mentions(_ expr: Expr, _ parameter: String) -> Bool {
        switch expr.kind {
        case .number, .string, .bool: return false
        case .name(let name): return name == parameter
        case .lambda: return true
        case .list(let items): return items.contains { mentions($0, parameter) }
        case .record(let fields): return fields.contains { mentions($0.value, parameter) }
        case .unary(_, let operand): return mentions(operand, parameter)
        case .binary(_, let lhs, let rhs), .index(let lhs, let rhs): return mentions(lhs, parameter) || mentions(rhs, parameter)
        case .slice(let base, let lower, let upper): return [base, lower, upper].contains { mentions($0, parameter) }
        case .conditional(let c, let a, let b): return [c, a, b].contains { mentions($0, parameter) }
        case .approx(let lhs, let rhs, let tolerance, _):
            return mentions(lhs, parameter) || mentions(rhs, parameter) || mentions(tolerance, parameter)
        case .member(let base, _, _): return mentions(base, parameter)
        case .call(let callee, _, let arguments): return callee == parameter || arguments.contains { mentions($0.value, parameter) }
        case .method(let base, _, _, let arguments):
            return mentions(base, parameter) || arguments.contains { mentions($0.value, parameter) }
        }
    }

    private static func plan(_ expr: Expr, parameter: String, builtins: BuiltinRegistry, invariants: Invariants?) -> Node? {
        if !mentions(expr, parameter) { return .invariant(expr) }
        switch expr.kind {
        case .name(let name) where name == parameter:
            return .item
        case .call(let callee, _, let arguments):
            // Only calls whose built-in and signature check were resolved once for the batch.
            guard let resolved = invariants?.call(at: expr.range), resolved.valid else { return nil }
            var planned: [(name: String?, node: Node, range: SourceRange)] = []
            for argument in arguments {
                guard let node = plan(argument.value, parameter: parameter, builtins: builtins, invariants: invariants) else { return nil }
                planned.append((argument.name, node, argument.range))
            }
            return .call(resolved.builtin, callee: callee, range: expr.range, planned)
        case .binary(let op, let lhs, let rhs) where op != .and && op != .or:
            guard let l = plan(lhs, parameter: parameter, builtins: builtins, invariants: invariants),
                  let r = plan(rhs, parameter: parameter, builtins: builtins, invariants: invariants) else { return nil }
            return .binary(op, l, r, range: expr.range)
        case .unary(.negate, let operand):
            guard let o = plan(operand, parameter: parameter, builtins: builtins, invariants: invariants) else { return nil }
            return .negate(o, range: expr.range, operandRange: operand.range)
        default:
            return nil
        }
    }

    /// The map's result (as `map` shapes it), or nil when the batch cannot
    /// give it: then the caller evaluates item by item.
    package func run(_ items: [Value], progress: ProgressCounter) -> Value? {
        guard !items.isEmpty else { return nil }
        // What the batch charges is given back when it gives way: the items then charge once, one by one.
        var batch = self
        let provisional = evaluator.budget?.provisional()
        batch.evaluator.budget = provisional
        guard let column = try? batch.evaluate(root, evaluator.mapItems?.items(items) ?? MapItems(items), progress, HeldEntries()) else {
            provisional?.refund()
            return nil
        }
        switch column {
        case .uniform:
            provisional?.refund()
            return nil
        case .numbers(let numbers): return .vector(numbers)
        case .values, .native, .items:
            let results = (0..<items.count).map { column.value(at: $0) }
            return Self.shaped(results)
        }
    }

    /// `map`'s result shape: a vector when every result is a number, a boolean
    /// vector when every one is a boolean, a list otherwise.
    package static func shaped(_ results: [Value]) -> Value {
        if results.allSatisfy({ $0.asNumber != nil }) { return .vector(results.map { $0.asNumber! }) }
        if !results.isEmpty, results.allSatisfy({ $0.asBool != nil }) { return .booleans(results.map { $0.asBool! }) }
        return .list(results)
    }

    /// Thrown where per-item evaluation must give the error, or where the
    /// columns grow past `heldEntries`: the map then runs item by item.
    private struct Declined: Error {}

    /// The entries the batch's columns hold in language values, counted from every thread.
    private final class HeldEntries: Sendable {
        private let count = Atomic<Int>(0)

        /// Counts `value`'s entries; `Declined` once the batch holds more than `heldEntries`.
        func hold(_ value: Value) throws {
            let entries = Evaluator.entries(in: value)
            guard entries > 1 else { return }
            if count.add(entries, ordering: .relaxed).newValue > BatchMap.heldEntries { throw Declined() }
        }
    }

    private func evaluate(_ node: Node, _ items: MapItems, _ progress: ProgressCounter, _ held: HeldEntries) throws -> Column {
        let n = items.values.count
        // Operators run on the map's own context.
        let context = BatchContext(call: CallContext(callee: "map", range: range, evaluator: evaluator), progress: progress)
        switch node {
        case .item:
            return .items(items)
        case .invariant(let expr):
            return .uniform(try evaluator.evaluate(expr))
        case .call(let builtin, let callee, let range, let arguments):
            var positional: [Column] = [], named: [(name: String, column: Column)] = []
            var first = Arguments(callee: callee, range: range)
            for argument in arguments {
                let column = try evaluate(argument.node, items, progress, held)
                if let name = argument.name {
                    named.append((name, column))
                    first.named.append(.init(name: name, value: column.value(at: 0), range: argument.range))
                } else {
                    positional.append(column)
                    first.positional.append(.init(value: column.value(at: 0), range: argument.range))
                }
            }
            let call = BatchContext(call: CallContext(callee: callee, range: range, evaluator: evaluator), progress: progress)
            if let batch = builtin.batch {
                let args = BatchArguments(callee: callee, range: range, count: n, positional: positional, named: named, first: first)
                // A batch form that declines these arguments leaves them to per-item calls.
                if let column = try batch(args, call) {
                    // NaN or infinities are errors of per-item evaluation, with its message.
                    if case .numbers(let numbers) = column, numbers.contains(where: { !$0.isFinite }) { throw Declined() }
                    return column
                }
            }
            calledPerItem?(callee)
            let values = try call.map(n) { i -> Value in
                var args = first
                for k in args.positional.indices { args.positional[k].value = positional[k].value(at: i) }
                for k in args.named.indices { args.named[k].value = named[k].column.value(at: i) }
                let value = try evaluator.call(builtin, callee, args, at: range)
                try held.hold(value)
                return value
            }
            return Self.column(values)
        case .binary(let op, let lhs, let rhs, let range):
            let l = try evaluate(lhs, items, progress, held), r = try evaluate(rhs, items, progress, held)
            if case .numbers(let a) = l, case .numbers(let b) = r, op.isArithmetic {
                return .numbers(try context.map(n) { i in try evaluator.arithmetic(op, .number(a[i]), .number(b[i]), at: range).asNumber! })
            }
            let values = try context.map(n) { i -> Value in
                let value = op.isComparison
                    ? try evaluator.compare(op, l.value(at: i), r.value(at: i), at: range).value
                    : try evaluator.arithmetic(op, l.value(at: i), r.value(at: i), at: range)
                try held.hold(value)
                return value
            }
            return Self.column(values)
        case .negate(let operand, let range, let operandRange):
            let o = try evaluate(operand, items, progress, held)
            return Self.column(try context.map(n) { i in
                let value = try evaluator.negate(o.value(at: i), at: range, operandRange: operandRange)
                try held.hold(value)
                return value
            })
        }
    }

    /// Numbers when every value is one.
    private static func column(_ values: [Value]) -> Column {
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for value in values {
            guard case .number(let x) = value else { return .values(values) }
            numbers.append(x)
        }
        return .numbers(numbers)
    }
}

extension BinaryOperator {
    package var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .power: return true
        default: return false
        }
    }
}
