import Crypto
import Dispatch

/// SHA-256 of a stream of chunks, computed on another thread: the parsing thread, which reads the
/// chunks, is the import's busiest, and the writing side has time to spare.
final class BackgroundHasher: @unchecked Sendable {
    private let queue = DispatchQueue(label: "devcoop.import.sha256")
    /// Chunks handed over and not hashed yet, at most eight: memory stays flat when hashing lags.
    private let inFlight = DispatchSemaphore(value: 8)
    /// Touched only on `queue`.
    private var hasher = SHA256()

    func update(_ chunk: ArraySlice<UInt8>) {
        let copy = Array(chunk)
        inFlight.wait()
        queue.async {
            copy.withUnsafeBytes { self.hasher.update(bufferPointer: $0) }
            self.inFlight.signal()
        }
    }

    /// The digest in lower-case hex, once every chunk given so far is hashed.
    func finalize() -> String {
        queue.sync { hasher.finalize().map { String(format: "%02x", $0) }.joined() }
    }
}
