import Synchronization

/// Hears how far a long operation inside a block has got (`map`,
/// `jeffreys` and the like): a terminal's progress bar, handed in by the
/// command line through the evaluator. May be called from any thread.
public protocol OperationProgress: AnyObject, Sendable {
    /// `done` of `total` items of the operation `label` are finished.
    func operation(_ label: String, done: Int, total: Int)
}

/// Counts finished items of a long operation from any thread and passes the
/// count on every `stride` items and once at the end. An operation that
/// passes over its items several times (a batched `map`, one pass per call
/// in its lambda) counts `steps` per item and reports items. Without a
/// listener it counts nothing.
public final class ProgressCounter: Sendable {
    private let listener: OperationProgress?
    private let label: String
    private let total: Int
    private let stride: Int
    private let steps: Int
    private let done = Atomic<Int>(0)

    public init(label: String, total: Int, stride: Int = 256, steps: Int = 1, reportingTo listener: OperationProgress?) {
        self.listener = listener
        self.label = label
        self.total = total
        self.steps = max(1, steps)
        self.stride = max(1, stride) * self.steps
    }

    public func advance(by count: Int = 1) {
        guard let listener else { return }
        let now = done.add(count, ordering: .relaxed).newValue, before = now - count
        if now / stride != before / stride { listener.operation(label, done: now / steps, total: total) }
    }

    public func finish() {
        listener?.operation(label, done: total, total: total)
    }
}
