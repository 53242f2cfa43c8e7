import Foundation

/// Hands batches from the parsing threads to the writing task, holding at most `capacity` at once
/// so that a slow database slows the parsers instead of filling memory.
///
/// The first producer to fail stops the others and fails the receiver; the pipe ends when every
/// producer has finished.
final class BatchPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ImportBatch] = []
    /// Producers that have not finished yet.
    private var running: Int
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    init(producers: Int = 1, capacity: Int = 2) {
        self.running = producers
        self.capacity = capacity
    }

    /// A receiver waiting for the next batch: set only while the queue is empty and the pipe not done.
    private var waiter: CheckedContinuation<ImportBatch?, any Error>?
    /// Callers of ``stop()`` waiting for the producers to finish.
    private var stopWaiters: [CheckedContinuation<Void, Never>] = []

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

    /// One producer is done; with an error, the others are told to stop and the receiver gets it.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        running -= 1
        if let error, failure == nil {
            failure = error
            cancelled = true
        }
        var waiter: CheckedContinuation<ImportBatch?, any Error>?
        if failure != nil || running == 0 {
            waiter = self.waiter
            self.waiter = nil
        }
        let failure = self.failure
        let stopped = running == 0 ? stopWaiters : []
        if running == 0 { stopWaiters = [] }
        condition.broadcast()
        condition.unlock()
        for continuation in stopped { continuation.resume() }
        if let waiter {
            if let failure { waiter.resume(throwing: failure) } else { waiter.resume(returning: nil) }
        }
    }

    /// Tells the producers to stop: the consumer will take nothing more.
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

    /// The next batch, `nil` at the end; throws the first producer's error. When none is ready the
    /// task is suspended (no thread waits); a producer resumes it with the next batch.
    func receive() async throws -> ImportBatch? {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if let failure {
                condition.unlock()
                continuation.resume(throwing: failure)
            } else if !queue.isEmpty {
                let batch = queue.removeFirst()
                condition.broadcast()
                condition.unlock()
                continuation.resume(returning: batch)
            } else if running == 0 {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                precondition(waiter == nil, "one receiver at a time")
                waiter = continuation
                condition.unlock()
            }
        }
    }

    /// Cancels, and returns once every producer has finished, so that no thread outlives the import.
    func stop() async {
        cancel()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if running == 0 {
                condition.unlock()
                continuation.resume()
            } else {
                stopWaiters.append(continuation)
                condition.unlock()
            }
        }
    }
}
