import InfoGeometry

/// What a built-in or a method may use besides its arguments: where it was
/// called, the limits, and a way to call a function value (`map`'s lambda).
public struct CallContext {
    public let callee: String
    public let range: SourceRange
    package let evaluator: Evaluator

    public var limits: Limits { evaluator.limits }

    /// Registers `derived` as what the next `map` over `values` would derive
    /// from them (see `MapItemsCache.register`).
    package func registerMapItems<T>(_ values: [Value], derived: T) {
        evaluator.mapItems?.register(values, derived: derived)
    }

    /// Calls `lambda` with `arguments`. The evaluation shares no mutable state
    /// with other calls.
    public func call(_ lambda: Lambda, _ arguments: [Value]) throws -> Value {
        try evaluator.call(lambda, arguments, at: range)
    }

    /// `map`'s results: `lambda` applied to every item, on `limits.threads`
    /// threads, in input order. The lambda's parameter-free calls are
    /// evaluated once for all items (`Invariants`), and when its body allows
    /// it is evaluated column by column over all items at once (`BatchMap`);
    /// either way the values and errors are those of separate calls, and the
    /// error reported is that of the first failing item in input order.
    package func map(_ lambda: Lambda, over items: [Value]) throws -> Value {
        let result = try mapped(lambda, over: items)
        // What maps build is counted for the whole document: maps nested
        // in maps multiply what each builds, and each alone stays small.
        try evaluator.budget?.charge(.entries, Evaluator.entries(in: result), at: range)
        return result
    }

    private func mapped(_ lambda: Lambda, over items: [Value]) throws -> Value {
        let invariants = Invariants(lambda, builtins: evaluator.builtins)
        let memo = invariants.isEmpty ? nil : invariants
        if limits.batchMap, let batch = BatchMap(lambda, evaluator: evaluator, invariants: memo, at: range) {
            let progress = ProgressCounter(label: callee, total: items.count, steps: batch.stages, reportingTo: evaluator.progress)
            if let result = batch.run(items, progress: progress) {
                progress.finish()
                return result
            }
        }
        let progress = ProgressCounter(label: callee, total: items.count, reportingTo: evaluator.progress)
        defer { progress.finish() }
        let results = try Parallel.map(count: items.count, threads: limits.threads) { i in
            do {
                defer { progress.advance() }
                return try evaluator.call(lambda, [items[i]], at: range, invariants: memo)
            } catch var error as Diagnostic {
                if !error.isSilent, error.id != .recursionTooDeep { error.message += " (in \(callee), item \(i + 1) of \(items.count))" }
                throw error
            }
        }
        return BatchMap.shaped(results)
    }

    /// Counts `amount` against one of the document's budgets: a located
    /// error when that would pass it.
    public func spend(_ budget: Budget, _ amount: Int) throws {
        try evaluator.budget?.charge(budget, amount, at: range)
    }

    /// A located error once one of the document's budgets is spent (the
    /// time budget included): long loops call it as they go.
    public func checkBudgets() throws {
        try evaluator.budget?.check(at: range)
    }

    /// A located error if `count` entries exceed `Limits.maxElements`.
    public func checkSize(_ count: Int) throws {
        if count > limits.maxElements {
            throw Diagnostic(.tooManyEntries, "\(callee) would make \(count) entries, more than the limit of \(limits.maxElements)", at: range)
        }
    }
}
