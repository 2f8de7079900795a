import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory of one cmark parse (`CommonMark.convert`): a bump allocator
/// handed to cmark as its `cmark_mem`, whose blocks are carved from 1 MB
/// chunks and all released when the call ends, as cmark's own command line
/// does with its arena. Freeing a large document's tree node by node cost
/// about as much as parsing it (docs/performance.md).
///
/// cmark's allocator functions are C function pointers without context, so
/// they find the calling thread's arena through a thread-specific key:
/// documents parsed on different threads use different arenas.
///
/// A page's first write costs a fault, and a large
/// document's tree writes tens of thousands of fresh pages: on Linux, a body
/// of `supplyThreshold` bytes or more gets a `ChunkSupply`, a thread of the
/// arena's own that maps chunks with their pages faulted in, up to eight
/// ahead of the parse, so that the parse finds them ready
/// (docs/performance.md).
package enum CmarkArena {
    /// Bodies from this size on (in bytes) are worth a chunk supply.
    package static let supplyThreshold = 256 << 10

    /// At most how many bytes of chunks a body's tree takes for each byte
    /// of the body (17 to 23 in the three shapes of Benchmarks/pipeline):
    /// the supply maps no more than that.
    static let treeBytesPerByte = 24

    /// Runs `body` with a fresh arena as this thread's, then releases it.
    /// With `bodySize` of `supplyThreshold` or more (and pages that can be
    /// faulted in, as on Linux), the arena's chunks come from a supply,
    /// which the release ends and waits for.
    package static func with<T>(bodySize: Int = 0, _ body: (UnsafeMutablePointer<cmark_mem>) -> T) -> T {
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        let supply = bodySize >= supplyThreshold && canFaultIn ? ChunkSupply(limit: bodySize * treeBytesPerByte / chunkSize + 1) : nil
        state.initialize(to: State(supply: supply))
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, state)
        defer {
            pthread_setspecific(key, previous)
            state.pointee.release()
            state.deinitialize(count: 1)
            state.deallocate()
        }
        return body(memory)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static let memory: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            calloc: { count, size in current.pointee.allocate(count * size, zeroed: true) },
            realloc: { pointer, size in current.pointee.reallocate(pointer, size) },
            free: { pointer in current.pointee.recycle(pointer) }))
        return memory
    }()

    /// The size of the chunks blocks are carved from.
    static let chunkSize = 1 << 20

    #if os(Linux)
    /// Whether a chunk can be mapped with its pages faulted in
    /// (`MAP_POPULATE`, Linux's); elsewhere there is no supply.
    static let canFaultIn = true
    private static let faultInFlag = MAP_POPULATE
    #else
    static let canFaultIn = false
    private static let faultInFlag: Int32 = 0
    #endif

    /// A fresh chunk of `chunkSize` bytes, its pages faulted in when
    /// `faultingIn`; nil when the system has no memory to map.
    fileprivate static func mapChunk(faultingIn: Bool) -> UnsafeMutableRawPointer? {
        let chunk = mmap(nil, chunkSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | (faultingIn ? faultInFlag : 0), -1, 0)
        return chunk == MAP_FAILED ? nil : chunk
    }

    private static var current: UnsafeMutablePointer<State> {
        pthread_getspecific(key)!.assumingMemoryBound(to: State.self)
    }

    /// Each block is preceded by its size (16 bytes, keeping blocks
    /// aligned), so that `realloc` knows how much to copy. A block larger
    /// than a quarter chunk is a `malloc` of its own.
    ///
    /// Two regions: cmark's `calloc`s (nodes and its other records) and its
    /// `realloc`s (text buffers, grown line by line). With both in one
    /// region the nodes lie scattered among text, and every walk over the
    /// tree misses the cache at each node. The text region's last block
    /// grows in place when its chunk has room. Small freed blocks are
    /// reused, by size: cmark frees each paragraph's buffers once its
    /// inlines are parsed, and fresh pages cost more than reuse.
    ///
    /// Chunks are mapped from the system (`mmap`), whose fresh pages are
    /// zero: a `calloc` of cmark's is cleared only when it reuses a freed
    /// block. (`calloc` of a chunk clears it again on a thread of its own
    /// arena, as the parsing thread is: tens of megabytes for a large body.)
    private struct State {
        static let header = 16
        static let reusedSize = 512

        struct Region {
            var cursor: UnsafeMutableRawPointer?
            var left = 0
        }
        var records = Region()
        var text = Region()
        /// Chunks faulted in ahead, when the arena has a supply.
        let supply: ChunkSupply?
        /// Freed blocks of up to `reusedSize` bytes, by size in 16-byte
        /// steps, each holding the next in its first bytes.
        var freed = [UnsafeMutableRawPointer?](repeating: nil, count: reusedSize / 16 + 1)
        /// Blocks of their own (`malloc`), and chunks (mapped).
        var owned: [UnsafeMutableRawPointer] = []
        var chunks: [UnsafeMutableRawPointer] = []

        static func total(_ size: Int) -> Int { (size + header + 15) & ~15 }

        mutating func allocate(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer? {
            let total = Self.total(size)
            let block: UnsafeMutableRawPointer
            if total <= Self.reusedSize, let reused = freed[total >> 4] {
                freed[total >> 4] = reused.load(fromByteOffset: Self.header, as: UnsafeMutableRawPointer?.self)
                block = reused
                if zeroed { memset(block + Self.header, 0, size) }
            } else if total > CmarkArena.chunkSize / 4 {
                guard let own = zeroed ? calloc(1, total) : malloc(total) else { return nil }
                owned.append(own)
                block = own
            } else {
                let carved = zeroed ? Self.carve(total, from: &records, chunks: &chunks, supply: supply)
                                    : Self.carve(total, from: &text, chunks: &chunks, supply: supply)
                guard let carved else { return nil }
                block = carved
            }
            block.storeBytes(of: size, as: Int.self)
            return block + Self.header
        }

        static func carve(_ total: Int, from region: inout Region, chunks: inout [UnsafeMutableRawPointer],
                          supply: ChunkSupply?) -> UnsafeMutableRawPointer? {
            if total > region.left {
                guard let chunk = supply?.take() ?? CmarkArena.mapChunk(faultingIn: false) else { return nil }
                chunks.append(chunk)
                region = Region(cursor: chunk, left: CmarkArena.chunkSize)
            }
            let block = region.cursor!
            region.cursor = block + total
            region.left -= total
            return block
        }

        mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
            guard let pointer else { return allocate(size, zeroed: false) }
            let block = pointer - Self.header
            let old = block.load(as: Int.self)
            if size <= old { return pointer }
            let (oldTotal, total) = (Self.total(old), Self.total(size))
            if let cursor = text.cursor, block + oldTotal == cursor, total - oldTotal <= text.left {
                text.cursor = cursor + (total - oldTotal)
                text.left -= total - oldTotal
                block.storeBytes(of: size, as: Int.self)
                return pointer
            }
            guard let fresh = allocate(size, zeroed: false) else { return nil }
            memcpy(fresh, pointer, old)
            recycle(pointer)
            return fresh
        }

        /// cmark's `free`: a small block goes to its size's list; the rest
        /// waits for `release`.
        mutating func recycle(_ pointer: UnsafeMutableRawPointer?) {
            guard let pointer else { return }
            let block = pointer - Self.header
            let total = Self.total(block.load(as: Int.self))
            guard total <= Self.reusedSize else { return }
            block.storeBytes(of: freed[total >> 4], toByteOffset: Self.header, as: UnsafeMutableRawPointer?.self)
            freed[total >> 4] = block
        }

        mutating func release() {
            if let supply { chunks += supply.stop() }
            owned.forEach { free($0) }
            chunks.forEach { munmap($0, CmarkArena.chunkSize) }
            (owned, chunks) = ([], [])
        }
    }
}

/// Chunks mapped on a thread of their own with their pages faulted in
/// (`MAP_POPULATE`: the kernel finds and clears each page then), up to
/// `ahead` of them before the arena takes them, and no more than `limit` in
/// all. The faults are mostly the kernel's work, which this thread does
/// while the parsing thread parses; once a chunk is handed over, nothing but
/// the parse writes to it.
///
/// `@unchecked Sendable`: `ready`, `made`, `started`, `stopped` and `ended`
/// are read and written only under `condition`.
final class ChunkSupply: @unchecked Sendable {
    static let ahead = 8
    private let limit: Int
    private let condition = NSCondition()
    private var ready: [UnsafeMutableRawPointer] = []
    private var made = 0
    private var started = false
    private var stopped = false
    private var ended = false

    init(limit: Int) {
        self.limit = limit
        let thread = Thread { [self] in supply() }
        thread.start()
    }

    private func supply() {
        condition.lock()
        started = true
        while !stopped, made < limit {
            if ready.count >= Self.ahead {
                condition.wait()
                continue
            }
            condition.unlock()
            let chunk = CmarkArena.mapChunk(faultingIn: true)
            condition.lock()
            guard let chunk else { break }
            ready.append(chunk)
            made += 1
        }
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// A chunk faulted in; nil when none is ready, for now or (once the
    /// supply has ended) for good.
    func take() -> UnsafeMutableRawPointer? {
        condition.lock()
        defer { condition.unlock() }
        guard !ready.isEmpty else { return nil }
        condition.signal()
        return ready.removeFirst()
    }

    /// Ends the supply (waiting for a chunk being mapped) and gives the
    /// chunks not taken, for the arena to unmap. A thread that never
    /// started (the system would not make one) is not waited for; should it
    /// start later, it finds the supply stopped and maps nothing.
    func stop() -> [UnsafeMutableRawPointer] {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while started, !ended { condition.wait() }
        let rest = ready
        ready = []
        return rest
    }
}
