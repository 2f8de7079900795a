import Dispatch
import Synchronization

/// What one document has spent of its budgets (`Limits`), counted from every
/// thread of its `map`s.
///
/// The first budget to run out ends the document: the error says which
/// budget and where it ran out, every later check throws that error again
/// (so that a `map` whose items run on several threads reports it for its
/// first item), and the interpreter runs no further statement (`isSpent`).
package final class DocumentBudget: Sendable {
    private let limits: Limits
    private let used = Mutex<[Budget: Int]>([:])
    /// The budget that ran out first and its error, once one has.
    private let spent = Mutex<(budget: Budget, error: LanguageError)?>(nil)
    /// Whether `spent` is set: read without the lock at every check.
    private let isSpentFlag = Atomic<Bool>(false)
    /// When the time budget runs out, in `DispatchTime` nanoseconds.
    private let deadline: UInt64

    package init(_ limits: Limits) {
        self.limits = limits
        let nanoseconds = limits.maxSeconds * 1e9
        let now = DispatchTime.now().uptimeNanoseconds
        deadline = nanoseconds >= Double(UInt64.max - now) ? .max : now + UInt64(nanoseconds)
    }

    /// Whether a budget has run out.
    package var isSpent: Bool { isSpentFlag.load(ordering: .acquiring) }

    /// The budget that ran out, if one has.
    package var spentBudget: Budget? { isSpent ? spent.withLock { $0?.budget } : nil }

    /// Counts `amount` against `budget`; a located error when that would pass its limit.
    package func charge(_ budget: Budget, _ amount: Int, at range: SourceRange) throws {
        try check(at: range)
        let limit = Int(limits[budget])
        let fits = used.withLock { used in
            let total = used[budget, default: 0]
            guard amount <= limit - total else { return false }
            used[budget] = total + amount
            return true
        }
        if !fits { try runOut(budget, at: range) }
    }

    /// A located error once any budget has run out, or the time budget now does.
    package func check(at range: SourceRange) throws {
        if isSpent, let error = spent.withLock({ $0?.error }) { throw error }
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

    private static func error(_ budget: Budget, _ limits: Limits, at range: SourceRange) -> LanguageError {
        let limit = NumberFormat.shortest(limits[budget]) + (budget == .time ? " s" : " " + budget.counts)
        return LanguageError(.budgetSpent, "the document's \(budget.rawValue) budget (\(limit)) is spent, so its evaluation ends here; "
                             + "raise it in front matter (`limits: {\(budget.rawValue): …}`) or with `--limit \(budget.rawValue)=…`", at: range)
    }
}
