/// Where a writer's bytes go, chunk by chunk, as they are produced: typically the body of an HTTP response.
///
/// Writers collect their output into chunks of `chunkSize` bytes (64 KiB unless told) and call the sink
/// once a chunk is full, and with what remains on `finish()`. Every call but the last gets exactly
/// `chunkSize` bytes; none gets more. The writer awaits the sink before it goes on, so a slow client
/// slows the producer down instead of letting the export pile up in memory.
///
/// The slice may be kept (it is a copy-on-write value); the writer never changes bytes it has handed over.
/// A sink that throws ends the export: the writer rethrows the error and refuses any further use.
/// So does cancelling the task: before each call of the sink the writer throws `CancellationError`
/// if its task is cancelled (as a server does when the client goes away).
public typealias ByteSink = @Sendable (ArraySlice<UInt8>) async throws -> Void

/// The chunk size writers use unless told otherwise: 64 KiB.
public let defaultTabularChunkSize = 64 * 1024

/// Bytes waiting for the sink, handed over in chunks of exactly `chunkSize` bytes.
struct ChunkedOutput {
    private(set) var bytes: [UInt8] = []
    let chunkSize: Int
    let sink: ByteSink
    /// Everything handed to the sink so far.
    private(set) var bytesSent = 0

    init(chunkSize: Int, sink: @escaping ByteSink) {
        self.chunkSize = max(chunkSize, 1)
        self.sink = sink
        bytes.reserveCapacity(self.chunkSize * 2)
    }

    /// Bytes produced so far: sent or waiting.
    var position: Int { bytesSent + bytes.count }

    var isFull: Bool { bytes.count >= chunkSize }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ data: UnsafeRawBufferPointer) { bytes.append(contentsOf: data) }

    mutating func append<S: Sequence>(contentsOf data: S) where S.Element == UInt8 { bytes.append(contentsOf: data) }

    /// Hands every full chunk to the sink, keeping the remainder (less than a chunk) for later.
    mutating func sendFullChunks() async throws {
        guard bytes.count >= chunkSize else { return }
        var start = 0
        while bytes.count - start >= chunkSize {
            try Task.checkCancellation()
            try await sink(bytes[start..<start + chunkSize])
            start += chunkSize
            bytesSent += chunkSize
        }
        bytes.removeFirst(start)
    }

    /// Hands everything left to the sink.
    mutating func sendAll() async throws {
        try await sendFullChunks()
        guard !bytes.isEmpty else { return }
        try Task.checkCancellation()
        try await sink(bytes[...])
        bytesSent += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    /// The memory the waiting bytes hold: stays near `2 × chunkSize` however long the export.
    var capacity: Int { bytes.capacity }
}
