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

    /// A receiver waiting for the next batch: set only while the queue is empty and not finished.
    private var waiter: CheckedContinuation<ImportBatch?, any Error>?

    /// Blocks the producer while the pipe is full; returns `false` when the consumer gave up.
    func send(_ batch: ImportBatch) -> Bool {
        condition.lock()
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else {
            condition.unlock()
            return false
        }
        if let waiter {
            // The receiver is waiting, so the queue is empty: hand the batch over directly.
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: batch)
            return true
        }
        queue.append(batch)
        condition.unlock()
        return true
    }

    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        if let waiter {
            if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: nil) }
        }
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

    /// The next batch, `nil` at the end; rethrows the producer's error. When none is ready the
    /// task is suspended (no thread waits); the producer resumes it with the next batch.
    func receive() async throws -> ImportBatch? {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if !queue.isEmpty {
                let batch = queue.removeFirst()
                condition.broadcast()
                condition.unlock()
                continuation.resume(returning: batch)
            } else if finished {
                let failure = self.failure
                condition.unlock()
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume(returning: nil) }
            } else {
                precondition(waiter == nil, "one receiver at a time")
                waiter = continuation
                condition.unlock()
            }
        }
    }
}
