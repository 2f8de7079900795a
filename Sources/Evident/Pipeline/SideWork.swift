import Foundation

/// Work on a thread of its own that hands the caller a first result part of
/// the way through and then goes on to its final one: the overlap within a
/// document (cmark renders the page's body while the caller evaluates the
/// blocks that the same parse found; the body's lines are found while cmark
/// parses it). A thread of its own rather than a
/// dispatch queue's: the caller may be a pool thread itself (documents of a
/// site run on the pool), and a pool whose threads all wait for work queued
/// behind them would wait forever.
///
/// `@unchecked Sendable`: the two results are written once each, by the
/// side thread, and read only after, under `condition`.
package final class SideWork<First, Final>: @unchecked Sendable {
    private let condition = NSCondition()
    private var first: First?
    private var final: Final?

    /// Starts `work`, which must call its argument exactly once, before it returns.
    package init(_ work: @escaping (_ handOver: (First) -> Void) -> Final) {
        let thread = Thread { [self] in
            let result = work { value in self.set { self.first = value } }
            set { self.final = result }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Starts `work`, which has nothing to hand over before its result.
    convenience init(_ work: @escaping () -> Final) where First == Void {
        self.init { handOver in
            handOver(())
            return work()
        }
    }

    /// Waits for the first result.
    package var handedOver: First { wait { first } }

    /// Waits for the work to end.
    package var result: Final { wait { final } }

    private func set(_ assign: () -> Void) {
        condition.lock()
        assign()
        condition.broadcast()
        condition.unlock()
    }

    private func wait<T>(_ value: () -> T?) -> T {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = value() { return value }
            condition.wait()
        }
    }
}
