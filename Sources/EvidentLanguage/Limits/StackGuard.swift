#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// glibc's `pthread_getattr_np`, which Glibc's module map leaves out (it is a
/// GNU extension); its arguments are a thread and a pointer, passed alike by
/// Swift's and C's conventions.
@_silgen_name("pthread_getattr_np")
private func getThreadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#endif

/// How much of the current thread's stack is left, so that recursion in
/// the language ends in a located error instead of a crash: a thread of
/// `map` may have a smaller stack than the main one, and a debug build's
/// frames are several times a release build's.
package enum StackGuard {
    /// The lowest address a function call may start at on the current
    /// thread (its stack's lowest address plus a reserve: a quarter of the
    /// stack, at most 1 MB, enough for one body nested to the parser's limit
    /// in a debug build), or nil when the platform does not tell.
    package static func floor() -> Int? {
        guard let (low, size) = bounds() else { return nil }
        return low + min(1 << 20, size / 4)
    }

    private static func bounds() -> (low: Int, size: Int)? {
        #if os(Linux)
        var attributes = pthread_attr_t()
        guard getThreadAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
        return (Int(bitPattern: address), size)
        #elseif canImport(Darwin)
        let thread = pthread_self()
        let size = pthread_get_stacksize_np(thread)
        return (Int(bitPattern: pthread_get_stackaddr_np(thread)) - size, size)
        #else
        return nil
        #endif
    }

    /// The current thread, as a number.
    package static func thread() -> Int {
        Int(bitPattern: pthread_self())
    }

    /// An address in the caller's frame.
    @inline(never)
    package static func here() -> Int {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { Int(bitPattern: $0) }
    }
}
