import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files being written at this moment (`AtomicFile`), which a
/// signal that ends the process removes before it ends, so that Ctrl-C,
/// SIGTERM or SIGHUP during a write leaves no hidden partial file behind.
///
/// A signal handler may only call async-signal-safe functions: it cannot
/// allocate, lock or touch Swift arrays. So the paths live in a fixed table
/// of C strings allocated once (`InFlightTable`); the handler unlinks every
/// path held there, restores the signal's default action and raises it
/// again, so the process still ends by that signal and its parent sees the
/// same status.
public enum InFlightFiles {
    /// The table `AtomicFile` records its temporary files in.
    public static let shared = InFlightTable(capacity: 16)

    /// The signals that end a command and have their in-flight files removed first.
    public static let endingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handler for each of `endingSignals` whose action is the
    /// default (one the parent set to be ignored, as `nohup` does, stays
    /// ignored). Call once, early, before any write.
    public static func removeOnEndingSignals() {
        _ = shared
        for number in endingSignals {
            var current = sigaction()
            guard sigaction(number, nil, &current) == 0, handlerIsDefault(current) else { continue }
            var action = sigaction()
            setHandler(&action, endingSignalHandler)
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
    }

    private static func handlerIsDefault(_ action: sigaction) -> Bool {
        #if canImport(Darwin)
        return action.__sigaction_u.__sa_handler == nil
        #else
        return action.__sigaction_handler.sa_handler == nil
        #endif
    }

    private static func setHandler(_ action: inout sigaction, _ handler: @escaping @convention(c) (Int32) -> Void) {
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = handler
        #else
        action.__sigaction_handler.sa_handler = handler
        #endif
    }
}

/// Removes the in-flight files, then ends the process by `number` as its
/// default action would (the signal is blocked while its handler runs, so
/// the raised one is delivered on return, with the default action back).
private func endingSignalHandler(_ number: Int32) {
    InFlightFiles.shared.removeAll()
    signal(number, SIG_DFL)
    raise(number)
}

/// A fixed table of paths that a signal handler can read: `capacity` slots
/// of `PATH_MAX` bytes, allocated once and never freed, each with a state
/// word: free, being filled, holding a path, or being removed. `register`
/// claims a free slot, copies the path and then marks it held (release
/// ordering); `removeAll` takes every held slot and unlinks its path
/// (acquire ordering). A path that finds the table full, or is too long,
/// goes unrecorded; so does one registered after the handler passed its
/// slot, in the instant before the process ends.
public struct InFlightTable: @unchecked Sendable {
    public let capacity: Int
    static let pathCapacity = Int(PATH_MAX)
    private static let free = 0, filling = 1, held = 2, removing = 3
    private let paths: UnsafeMutablePointer<CChar>

    public init(capacity: Int) {
        self.capacity = capacity
        paths = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * Self.pathCapacity)
        paths.initialize(repeating: 0, count: capacity * Self.pathCapacity)
        states = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: capacity)
        for slot in 0..<capacity { (states + slot).initialize(to: Atomic(Self.free)) }
    }

    private let states: UnsafeMutablePointer<Atomic<Int>>

    private func claim(_ slot: Int) -> Bool {
        states[slot].compareExchange(expected: Self.free, desired: Self.filling, ordering: .acquiring).exchanged
    }
    private func state(_ slot: Int) -> Int { states[slot].load(ordering: .acquiring) }
    private func set(_ slot: Int, _ state: Int) { states[slot].store(state, ordering: .releasing) }

    /// Records `path` (a file about to be created); the slot to give
    /// `unregister`, or nil when it stays unrecorded.
    public func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard bytes.count < Self.pathCapacity, !bytes.contains(0) else { return nil }
        for slot in 0..<capacity where claim(slot) {
            let target = paths + slot * Self.pathCapacity
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { target.update(from: $0.baseAddress!, count: bytes.count) }
            }
            target[bytes.count] = 0
            set(slot, Self.held)
            return slot
        }
        return nil
    }

    /// Forgets the path in `slot`: it was renamed into place or removed.
    /// While a handler is unlinking it, waits for that (a few
    /// microseconds), so that the slot is not filled with another path
    /// under the handler's `unlink`.
    public func unregister(_ slot: Int) {
        while !states[slot].compareExchange(expected: Self.held, desired: Self.free, ordering: .acquiringAndReleasing).exchanged {
            guard state(slot) == Self.removing else { return }
        }
    }

    /// The paths recorded now.
    public var registered: [String] {
        (0..<capacity).filter { state($0) == Self.held }.map { String(cString: paths + $0 * Self.pathCapacity) }
    }

    /// Unlinks every recorded path. Async-signal-safe: no allocation, no
    /// lock, no reference counting, only `unlink`.
    /// Each held slot is taken (held → removing) before its path is read,
    /// so a writer cannot reuse it meanwhile, and is free again after.
    public func removeAll() {
        var slot = 0
        while slot < capacity {
            if states[slot].compareExchange(expected: Self.held, desired: Self.removing, ordering: .acquiringAndReleasing).exchanged {
                unlink(paths + slot * Self.pathCapacity)
                set(slot, Self.free)
            }
            slot += 1
        }
    }
}
