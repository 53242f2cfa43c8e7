import Crypto
import Foundation

/// SHA-256 of a stream of chunks, computed on another thread: the parsing thread, which reads the
/// chunks, is the import's busiest, and the writing side has time to spare.
final class BackgroundHasher: @unchecked Sendable {
    private let queue = DispatchQueue(label: "devcoop.import.sha256")
    /// Chunks handed over and not hashed yet, at most eight: memory stays flat when hashing lags.
    private let inFlight = DispatchSemaphore(value: 8)
    /// Touched only on `queue`.
    private var hasher = SHA256()

    func update(_ chunk: UnsafeRawBufferPointer) {
        let copy = Array(chunk)
        inFlight.wait()
        queue.async {
            copy.withUnsafeBytes { self.hasher.update(bufferPointer: $0) }
            self.inFlight.signal()
        }
    }

    /// Hashes the file at `path`, read again on the hasher's thread: for a file parsed in parts,
    /// whose chunks do not come in order.
    func update(file path: String) {
        queue.async {
            do {
                var status = stat()
                guard stat(path, &status) == 0 else { throw StoreError(.location, "cannot read \(path)") }
                try FilePieces.forEach(in: path, range: 0..<Int(status.st_size)) { piece, _ in self.hasher.update(bufferPointer: piece) }
            } catch {
                self.failed = true
            }
        }
    }

    /// Touched only on `queue`.
    private var failed = false

    /// The digest in lower-case hex, once every chunk given so far is hashed; `nil` when the file
    /// given to ``update(file:)`` could not be read.
    func finalize() -> String? {
        queue.sync { failed ? nil : hasher.finalize().map { String(format: "%02x", $0) }.joined() }
    }
}
