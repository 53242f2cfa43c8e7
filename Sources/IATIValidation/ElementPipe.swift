import Foundation
import IATIXML

/// Elements handed from the reading thread to checking threads, and their findings handed back
/// in document order. At most `capacity` elements wait or are being checked, so memory stays flat
/// in the number of elements.
///
/// Checking an element costs more than reading it, so a second checking thread starts once an
/// element waits while the first is busy (up to `workerLimit`). Each thread borrows compiled checks
/// of its own from the validator's pool for the file, and gives them back before `close()` returns.
final class ElementPipe: @unchecked Sendable {
    private struct Job {
        let element: SourceElement
        let header: DocumentHeader
        let index: Int
        /// The job's place in the file (0-based): results are delivered in this order.
        let sequence: Int
    }

    /// Beyond the cores, more threads only wait their turn.
    static let workerLimit = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    private let validator: ActivityValidator
    private let capacity = 64
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var jobs: [Job] = []
    private var jobStart = 0
    /// Findings of the jobs from `finished` on that are checked already (out of order).
    private var early: [Int: [Finding]] = [:]
    /// Findings of the jobs `delivered..<finished`, in order.
    private var results: [[Finding]] = []
    private var submitted = 0
    /// Every job before this one is checked.
    private var finished = 0
    private var delivered = 0
    private var closed = false
    private var workers = 0
    private var workersDone = 0

    init(validator: ActivityValidator) {
        self.validator = validator
    }

    /// Queues an element (waiting while `capacity` elements wait already).
    func submit(_ element: SourceElement, header: DocumentHeader, index: Int) {
        condition.lock()
        while submitted - finished >= capacity && !closed { condition.wait() }
        jobs.append(Job(element: element, header: header, index: index, sequence: submitted))
        submitted += 1
        if workers == 0 || (jobs.count - jobStart > 1 && workers < Self.workerLimit) {
            workers += 1
            Thread.detachNewThread { [self] in work() }
        }
        condition.broadcast()
        condition.unlock()
    }

    /// The findings of the elements checked so far and not yet taken, in order.
    func ready() -> [[Finding]] {
        condition.lock()
        defer { condition.unlock() }
        return takeLocked()
    }

    /// Waits for every queued element, then returns the findings not yet taken, in order.
    func drain() -> [[Finding]] {
        condition.lock()
        defer { condition.unlock() }
        while finished < submitted { condition.wait() }
        return takeLocked()
    }

    private func takeLocked() -> [[Finding]] {
        guard finished > delivered else { return [] }
        let taken = results
        results = []
        delivered = finished
        return taken
    }

    /// Stops the checking threads (after the element each is on) and waits for them.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while workersDone < workers { condition.wait() }
        condition.unlock()
    }

    private func work() {
        validator.compiledChecks.borrow(make: { CompiledChecks(validator) }, keep: \.isWorthKeeping) { checks in
            check(with: checks)
        }
        // Only with the checks back in the pool may `close()` return, so the next file finds them.
        condition.lock()
        workersDone += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Checks queued elements until the pipe is closed.
    private func check(with checks: CompiledChecks) {
        condition.lock()
        defer { condition.unlock() }
        while true {
            while jobStart == jobs.count && !closed { condition.wait() }
            if closed { return }
            let job = jobs[jobStart]
            jobStart += 1
            // Taken jobs leave the queue (so their elements are freed) in batches.
            if jobStart == jobs.count || jobStart >= 16 {
                jobs.removeFirst(jobStart)
                jobStart = 0
            }
            condition.unlock()
            let findings = validator.validate(job.element, header: job.header, index: job.index, checks)
            condition.lock()
            early[job.sequence] = findings
            while let next = early.removeValue(forKey: finished) {
                results.append(next)
                finished += 1
            }
            condition.broadcast()
        }
    }
}
