import Foundation

/// Hands batches from the parsing thread to the writing task, holding at most `capacity` at once so
/// that a slow database slows the parser instead of filling memory.
final class BatchPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ImportBatch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 4) {
        self.capacity = capacity
    }

    /// Blocks the producer while the pipe is full; returns `false` when the consumer gave up.
    func send(_ batch: ImportBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Tells the producer to stop: the consumer will take nothing more.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// The next batch, `nil` at the end; rethrows the producer's error. Waits on a thread of its own,
    /// not on the cooperative pool.
    func receive() async throws -> ImportBatch? {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                self.condition.lock()
                while self.queue.isEmpty && !self.finished { self.condition.wait() }
                if !self.queue.isEmpty {
                    let batch = self.queue.removeFirst()
                    self.condition.broadcast()
                    self.condition.unlock()
                    continuation.resume(returning: batch)
                } else if let failure = self.failure {
                    self.condition.unlock()
                    continuation.resume(throwing: failure)
                } else {
                    self.condition.unlock()
                    continuation.resume(returning: nil)
                }
            }
        }
    }
}
