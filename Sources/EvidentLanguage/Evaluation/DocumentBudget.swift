import Dispatch
import Synchronization

/// What one document has spent of its budgets (`Limits`), counted from every
/// thread of its `map`s.
///
/// The first budget to run out ends the document: the error says which
/// budget and where it ran out, every later check throws that error again
/// (so that a `map` whose items run on several threads reports it for its
/// first item), and the interpreter runs no further statement (`isSpent`).
///
/// A batched `map` charges through a provisional budget (`provisional()`):
/// if the batch gives way to item-by-item evaluation, what it charged is
/// given back, and a charge past a limit only ends the batch — the items
/// evaluated one by one then charge for themselves, once.
package final class DocumentBudget: Sendable {
    private let limits: Limits
    private let used = Mutex<[Budget: Int]>([:])
    /// The budget that ran out first and its error, once one has.
    private let spent = Mutex<(budget: Budget, error: Diagnostic)?>(nil)
    /// Whether `spent` is set: read without the lock at every check.
    private let isSpentFlag = Atomic<Bool>(false)
    /// When the time budget runs out, in `DispatchTime` nanoseconds.
    private let deadline: UInt64
    /// For a provisional budget: the budget it charges through to, and what it has charged there.
    private let parent: DocumentBudget?
    private let charged = Mutex<[Budget: Int]>([:])

    package init(_ limits: Limits) {
        self.limits = limits
        let nanoseconds = limits.maxSeconds * 1e9
        let now = DispatchTime.now().uptimeNanoseconds
        deadline = !(nanoseconds > 0) ? now : nanoseconds >= Double(UInt64.max - now) ? .max : now + UInt64(nanoseconds)
        parent = nil
    }

    private init(provisionalOf parent: DocumentBudget) {
        limits = parent.limits
        deadline = parent.deadline
        self.parent = parent
    }

    /// A budget whose charges count against this one until `refund()`.
    package func provisional() -> DocumentBudget { DocumentBudget(provisionalOf: self) }

    /// Gives back what this provisional budget charged.
    package func refund() {
        guard let parent else { return }
        let amounts = charged.withLock { charged in
            defer { charged = [:] }
            return charged
        }
        parent.used.withLock { used in
            for (budget, amount) in amounts { used[budget, default: 0] -= amount }
        }
    }

    /// Thrown by a provisional budget's charge past a limit: the batch ends,
    /// and evaluating item by item charges again and reports.
    package struct ProvisionalOverrun: Error {}

    /// Whether a budget has run out.
    package var isSpent: Bool { (parent ?? self).isSpentFlag.load(ordering: .acquiring) }

    /// The budget that ran out, if one has.
    package var spentBudget: Budget? { isSpent ? (parent ?? self).spent.withLock { $0?.budget } : nil }

    /// The error of the budget that ran out, if one has.
    package var spentError: Diagnostic? { isSpent ? (parent ?? self).spent.withLock { $0?.error } : nil }

    /// Counts `amount` against `budget`; a located error when that would pass its limit.
    package func charge(_ budget: Budget, _ amount: Int, at range: SourceRange) throws {
        try check(at: range)
        if let parent {
            guard parent.add(budget, amount) else { throw ProvisionalOverrun() }
            charged.withLock { $0[budget, default: 0] += amount }
            return
        }
        if !add(budget, amount) { try runOut(budget, at: range) }
    }

    /// Adds `amount` to what `budget` has used unless that would pass its limit.
    private func add(_ budget: Budget, _ amount: Int) -> Bool {
        let limit = limits.count(budget)
        return used.withLock { used in
            let total = used[budget, default: 0]
            guard amount >= 0, amount <= limit - total else { return false }
            used[budget] = total + amount
            return true
        }
    }

    /// A located error once any budget has run out, or the time budget now does.
    package func check(at range: SourceRange) throws {
        if let parent { return try parent.check(at: range) }
        if isSpent, let error = spentError { throw error }
        if DispatchTime.now().uptimeNanoseconds > deadline { try runOut(.time, at: range) }
    }

    /// Records `budget` as spent at `range` unless one already is, and throws the first one's error.
    private func runOut(_ budget: Budget, at range: SourceRange) throws -> Never {
        let error = spent.withLock { spent in
            if spent == nil { spent = (budget, Self.error(budget, limits, at: range)) }
            return spent!.error
        }
        isSpentFlag.store(true, ordering: .releasing)
        throw error
    }

    private static func error(_ budget: Budget, _ limits: Limits, at range: SourceRange) -> Diagnostic {
        let limit = NumberFormat.shortest(limits[budget]) + (budget == .time ? " s" : " " + budget.counts)
        return Diagnostic(.budgetSpent, "the document's \(budget.rawValue) budget (\(limit)) is spent, so its evaluation ends here; "
                             + "raise it in front matter (`limits: {\(budget.rawValue): …}`) or with `--limit \(budget.rawValue)=…`", at: range)
    }
}
