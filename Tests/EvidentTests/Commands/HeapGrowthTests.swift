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

    /// A reservation for a large document grows the heap's top by about
    /// what processing it writes, and its pages are faulted in without the
    /// thread that reserved writing to them: the blocks that thread then
    /// gets lie in the reservation, and writing to every page of 4 MB of
    /// them faults hardly at all (each page faults once otherwise).
    @Test(.enabled(if: reserves), .timeLimit(.minutes(1))) func aReservationFaultsTheHeapInAhead() throws {
        #if os(Linux)
        // On a thread of its own: a fresh thread has a heap (glibc arena)
        // no other thread carves from.
        final class Outcome: @unchecked Sendable {
            var region: UnsafeMutableRawBufferPointer?
            var resident = false
            var inRegion = 0
            var faults = 0
            let done = DispatchSemaphore(value: 0)
        }
        let outcome = Outcome()
        let sourceBytes = 1 << 20
        Thread {
            defer { outcome.done.signal() }
            guard let region = HeapGrowth.reserve(forSourceBytes: sourceBytes) else { return }
            outcome.region = region
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let pages = region.count / page
            var vector = [UInt8](repeating: 0, count: pages)
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                _ = mincore(region.baseAddress, region.count, &vector)
                if vector.allSatisfy({ $0 & 1 == 1 }) { outcome.resident = true; break }
                usleep(1000)
            }
            let blockSize = 64 << 10
            var blocks: [UnsafeMutableRawPointer] = []
            blocks.reserveCapacity(64)
            let before = minorFaultsOfThisThread()
            for _ in 0..<64 {
                guard let block = malloc(blockSize) else { break }
                for offset in stride(from: 0, to: blockSize, by: page) { block.storeBytes(of: 1, toByteOffset: offset, as: UInt8.self) }
                blocks.append(block)
            }
            outcome.faults = minorFaultsOfThisThread() - before
            let range = Int(bitPattern: region.baseAddress)..<(Int(bitPattern: region.baseAddress) + region.count)
            outcome.inRegion = blocks.count { range.contains(Int(bitPattern: $0)) }
            blocks.forEach { free($0) }
        }.start()
        outcome.done.wait()
        let region = try #require(outcome.region)
        #expect(region.count >= 7 * sourceBytes && region.count <= HeapGrowth.heapBytesPerSourceByte * sourceBytes)
        #expect(outcome.resident, "the reservation's pages were not all resident after 30 s")
        #expect(outcome.inRegion == 64, "\(outcome.inRegion) of 64 blocks in the reservation")
        #expect(outcome.faults < 64, "\(outcome.faults) faults writing to 1,024 pages")
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
