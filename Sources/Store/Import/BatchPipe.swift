import NIOConcurrencyHelpers
import NIOCore

/// Hands batches from the parsing work (blocking loops on ``ImportThreads``) to the writing task,
/// through NIO's back-pressured async sequence: at most `capacity` batches wait, so that a slow
/// database slows the parsers instead of filling memory.
///
/// The first producer to fail stops the others and fails the receiver (after the batches already
/// waiting); the sequence ends when every producer has finished.
final class BatchPipe: Sendable {
    typealias Batches = NIOThrowingAsyncSequenceProducer<
        ImportBatch, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, Demand
    >

    private let source: Batches.Source
    private let demand: Demand
    private let producers: NIOLockedValueBox<Producers>

    private struct Producers {
        /// Producers that have not finished yet.
        var running: Int
        var failed = false
        /// Callers of ``stop()`` waiting for the producers to finish.
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// A pipe for `producers` producers, and the batches for the (one) receiver to iterate. NIO
    /// wants the sequence held by its consumer alone: dropping it tells the producers to stop.
    static func make(producers: Int = 1, capacity: Int = 2) -> (pipe: BatchPipe, batches: Batches) {
        let demand = Demand()
        let new = Batches.makeSequence(
            backPressureStrategy: .init(lowWatermark: capacity, highWatermark: capacity), finishOnDeinit: true,
            delegate: demand)
        return (BatchPipe(source: new.source, demand: demand, producers: producers), new.sequence)
    }

    private init(source: Batches.Source, demand: Demand, producers: Int) {
        self.source = source
        self.demand = demand
        self.producers = NIOLockedValueBox(Producers(running: producers))
    }

    /// Queues a batch, then blocks the producer's thread while the pipe is full; `false` when the
    /// receiver gave up. Only for producers on threads that may block (never in `async` code).
    func send(_ batch: ImportBatch) -> Bool {
        let epoch = demand.epoch
        switch source.yield(batch) {
        case .produceMore:
            return !demand.isStopped
        case .stopProducing:
            demand.wait(after: epoch)
            return !demand.isStopped
        case .dropped:
            return false
        }
    }

    /// One producer is done; with an error, the others are told to stop and the receiver gets it.
    func finish(throwing error: (any Error)? = nil) {
        enum End { case none, success, failure(any Error) }
        let (end, stopped) = producers.withLockedValue { producers -> (End, [CheckedContinuation<Void, Never>]) in
            producers.running -= 1
            var end = End.none
            if let error, !producers.failed {
                producers.failed = true
                end = .failure(error)
            } else if producers.running == 0 && !producers.failed {
                end = .success
            }
            guard producers.running == 0 else { return (end, []) }
            defer { producers.stopWaiters = [] }
            return (end, producers.stopWaiters)
        }
        switch end {
        case .none: break
        case .success: source.finish()
        case .failure(let error):
            demand.stop()
            source.finish(error)
        }
        for continuation in stopped { continuation.resume() }
    }

    /// Tells the producers to stop: the receiver will take nothing more.
    func cancel() {
        demand.stop()
    }

    var isCancelled: Bool { demand.isStopped }

    /// How many producers wait for the receiver (for tests).
    var waitingProducers: Int { demand.waiting }

    /// Cancels, and returns once every producer has finished, so that no parsing outlives the import.
    func stop() async {
        cancel()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = producers.withLockedValue { producers in
                if producers.running == 0 { return true }
                producers.stopWaiters.append(continuation)
                return false
            }
            if finished { continuation.resume() }
        }
    }
}

/// Whether the receiver wants more batches, told by NIO's sequence, for producers that wait for it
/// on threads of their own.
final class Demand: NIOAsyncSequenceProducerDelegate, Sendable {
    private struct State {
        /// Counts the times demand came back: a producer told to stop waits for the next one.
        var epoch = 0
        var stopped = false
        var sleepers: [ConditionLock<Bool>] = []
    }

    private let state = NIOLockedValueBox(State())

    func produceMore() {
        wake { $0.epoch += 1 }
    }

    /// The receiver is gone (done, failed or cancelled).
    func didTerminate() {
        stop()
    }

    func stop() {
        wake { $0.stopped = true }
    }

    var isStopped: Bool { state.withLockedValue(\.stopped) }

    var epoch: Int { state.withLockedValue(\.epoch) }

    var waiting: Int { state.withLockedValue(\.sleepers.count) }

    /// Blocks the calling thread until demand comes back after `epoch` (read before the yield that
    /// was told to stop, so that demand coming back in between is not missed), or until stopped.
    func wait(after epoch: Int) {
        let sleeper = ConditionLock(value: false)
        let sleeps = state.withLockedValue { state in
            guard state.epoch == epoch && !state.stopped else { return false }
            state.sleepers.append(sleeper)
            return true
        }
        guard sleeps else { return }
        sleeper.lock(whenValue: true)
        sleeper.unlock()
    }

    private func wake(_ change: (inout State) -> Void) {
        let sleepers = state.withLockedValue { state in
            change(&state)
            defer { state.sleepers = [] }
            return state.sleepers
        }
        for sleeper in sleepers {
            sleeper.lock()
            sleeper.unlock(withValue: true)
        }
    }
}
