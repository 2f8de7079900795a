import FlyingFox
import FlyingSocks
import Foundation

/// The open server-sent event streams, one per page listening; `send`
/// writes an event to all of them.
actor PreviewEvents {
    private var streams: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    /// How many pages are listening.
    var listeners: Int { streams.count }

    /// A new stream, starting with a comment so that the page knows it is
    /// connected.
    func open() -> EventStreamBody {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let id = UUID()
        continuation.onTermination = { _ in Task { await self.close(id) } }
        streams[id] = continuation
        continuation.yield(Array(": connected\n\n".utf8))
        return EventStreamBody(stream: stream)
    }

    /// `event: NAME` with `data` on every stream.
    func send(_ name: String, data: String = "") {
        let event = Array("event: \(name)\ndata: \(data)\n\n".utf8)
        for continuation in streams.values { continuation.yield(event) }
    }

    /// Ends every stream, so that the server can stop.
    func finishAll() {
        for continuation in streams.values { continuation.finish() }
        streams = [:]
    }

    private func close(_ id: UUID) {
        streams[id] = nil
    }
}

/// The bytes of an event stream as the server writes a streamed body: each
/// event a chunk as soon as it is sent.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            while pending.isEmpty {
                guard let event = await base.next() else { return nil }
                pending = event[...]
            }
            let taken = pending.prefix(Swift.max(count, 1))
            pending = pending.dropFirst(taken.count)
            return taken
        }
    }
}
