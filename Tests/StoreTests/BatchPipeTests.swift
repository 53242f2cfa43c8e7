import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import Testing
@testable import Store

/// The pipe between the parsing threads and the writing task: back-pressure, the first error,
/// and no producer outliving `stop()`.
@Suite struct BatchPipeTests {
    struct Failure: Error {}

    /// What a test producer did, read by the test after the pipe says the producer finished.
    final class Log: Sendable {
        private let state = NIOLockedValueBox((sent: 0, refused: false, finished: false))
        var sent: Int { state.withLockedValue(\.sent) }
        var refused: Bool { state.withLockedValue(\.refused) }
        var finished: Bool { state.withLockedValue(\.finished) }
        func didSend() { state.withLockedValue { $0.sent += 1 } }
        func wasRefused() { state.withLockedValue { $0.refused = true } }
        func didFinish() { state.withLockedValue { $0.finished = true } }
    }

    /// Sends up to `count` empty batches from a thread of the import pool, stopping when the pipe
    /// refuses one; then throws `error`, if any.
    static func produce(_ pipe: BatchPipe, count: Int, log: Log, throwing error: (any Error)? = nil) {
        ImportThreads.pool.submit { _ in
            for _ in 0..<count {
                guard pipe.send(ImportBatch()) else {
                    log.wasRefused()
                    break
                }
                log.didSend()
            }
            log.didFinish()
            pipe.finish(throwing: error)
        }
    }

    /// Waits (without blocking a thread) until `condition` holds.
    static func eventually(_ condition: () -> Bool) async throws {
        while !condition() { try await Task.sleep(nanoseconds: 1_000_000) }
    }

    @Test func aProducerWaitsWhileThePipeIsFull() async throws {
        let (pipe, batches) = BatchPipe.make(capacity: 2)
        let log = Log()
        Self.produce(pipe, count: 50, log: log)
        let iterator = batches.makeAsyncIterator()
        _ = try await iterator.next()
        // Either the producer is held back, or it sent everything: only the first is a pipe.
        try await Self.eventually { pipe.waitingProducers > 0 || log.finished }
        #expect(pipe.waitingProducers == 1)
        #expect(log.sent <= 4, "sent \(log.sent) batches while one was taken")
        var received = 1
        while try await iterator.next() != nil { received += 1 }
        #expect(received == 50)
        #expect(log.sent == 50)
    }

    @Test func theFirstErrorFailsTheReceiverAndStopsTheOthers() async throws {
        let (pipe, batches) = BatchPipe.make(producers: 2, capacity: 2)
        let endless = Log(), failing = Log()
        Self.produce(pipe, count: .max, log: endless)
        Self.produce(pipe, count: 1, log: failing, throwing: Failure())
        await #expect(throws: Failure.self) { () async throws in
            for try await _ in batches {}
        }
        await pipe.stop()
        #expect(endless.finished && endless.refused)
        #expect(failing.finished)
    }

    @Test func stopReturnsOnceEveryProducerHasFinished() async throws {
        let (pipe, batches) = BatchPipe.make(producers: 2, capacity: 1)
        let first = Log(), second = Log()
        Self.produce(pipe, count: .max, log: first)
        Self.produce(pipe, count: .max, log: second)
        let iterator = batches.makeAsyncIterator()
        _ = try await iterator.next()
        await pipe.stop()
        #expect(first.finished && first.refused)
        #expect(second.finished && second.refused)
        withExtendedLifetime(iterator) {}
    }

    @Test func theBatchesEndWhenEveryProducerHasFinished() async throws {
        let (pipe, batches) = BatchPipe.make(producers: 3)
        let logs = [Log(), Log(), Log()]
        for (index, log) in logs.enumerated() { Self.produce(pipe, count: 10 * (index + 1), log: log) }
        var received = 0
        for try await _ in batches { received += 1 }
        #expect(received == 60)
        #expect(logs.allSatisfy { $0.finished })
    }
}

@Suite struct UnsafeStackTests {
    @Test func growsPastItsCapacityAndKeepsOrder() {
        var stack = UnsafeStack<Int>(capacity: 2)
        for value in 0..<100 { stack.push(value) }
        stack.updateLast { $0 += 1000 }
        #expect(stack.count == 100)
        #expect(stack.last == 1099)
        var popped: [Int] = []
        while let value = stack.popLast() { popped.append(value) }
        #expect(popped == [1099] + (0..<99).reversed())
        #expect(stack.last == nil)
    }
}
