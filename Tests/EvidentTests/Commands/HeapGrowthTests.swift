@testable import EvidentCLI
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct HeapGrowthTests {
    #if os(Linux)
    static let reserves = true
    #else
    static let reserves = false
    #endif

    /// Documents too small to be worth it reserve nothing.
    @Test func smallDocumentsReserveNothing() {
        #expect(HeapGrowth.reserve(forSourceBytes: HeapGrowth.reserveThreshold - 1) == nil)
        #expect(HeapGrowth.reserve(forSourceBytes: 0) == nil)
    }

    /// A reservation for a large document grows the heap by about what
    /// processing it writes, and its pages are faulted in without the
    /// thread that reserved writing to them: a block that thread then gets
    /// of nearly the reservation's size is the reservation (the smallest
    /// free memory it fits in), and writing to each of its pages faults
    /// hardly at all (each page faults once otherwise).
    @Test(.enabled(if: reserves), .timeLimit(.minutes(1))) func aReservationFaultsTheHeapInAhead() throws {
        #if os(Linux)
        // On a thread of its own, with a heap (glibc arena) of its own.
        final class Outcome: @unchecked Sendable {
            var region: UnsafeMutableRawBufferPointer?
            var resident = false
            var inRegion = false
            var faults = 0
            var pages = 0
            let done = DispatchSemaphore(value: 0)
        }
        let outcome = Outcome()
        let sourceBytes = 1 << 20
        Thread {
            defer { outcome.done.signal() }
            guard let region = HeapGrowth.reserve(forSourceBytes: sourceBytes) else { return }
            outcome.region = region
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            var vector = [UInt8](repeating: 0, count: region.count / page)
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                _ = mincore(region.baseAddress, region.count, &vector)
                if vector.allSatisfy({ $0 & 1 == 1 }) { outcome.resident = true; break }
                usleep(1000)
            }
            let size = region.count - 2 * page
            guard let block = malloc(size) else { return }
            let lower = Int(bitPattern: region.baseAddress) - page
            outcome.inRegion = (lower..<(lower + region.count)).contains(Int(bitPattern: block))
            let before = minorFaultsOfThisThread()
            for offset in stride(from: 0, to: size, by: page) { block.storeBytes(of: 1, toByteOffset: offset, as: UInt8.self) }
            outcome.faults = minorFaultsOfThisThread() - before
            outcome.pages = size / page
            free(block)
        }.start()
        outcome.done.wait()
        let region = try #require(outcome.region)
        #expect(region.count >= 7 * sourceBytes && region.count <= HeapGrowth.heapBytesPerSourceByte * sourceBytes)
        #expect(outcome.resident, "the reservation's pages were not all resident after 30 s")
        #expect(outcome.inRegion, "the next block is not the reservation")
        #expect(outcome.faults < outcome.pages / 20, "\(outcome.faults) faults writing to \(outcome.pages) pages")
        #endif
    }
}

/// The calling thread's minor page faults so far (the tenth field of its
/// stat; 0 where there is none).
func minorFaultsOfThisThread() -> Int {
    let stat = (try? String(contentsOfFile: "/proc/thread-self/stat", encoding: .utf8)) ?? ""
    let fields = stat[(stat.lastIndex(of: ")") ?? stat.startIndex)...].split(separator: " ")
    return fields.count > 8 ? Int(fields[8]) ?? 0 : 0
}
