import Foundation
import NIOConcurrencyHelpers

/// The first ids a file's rows take: its dataset's, its first activity's and organisation's.
struct FirstIDs: Equatable, Sendable {
    var dataset: Int
    var activity: Int
    var organisation: Int
}

/// A file whose rows are being made before its transaction begins, while the file before it is
/// written: with the ids that file leaves free, as the store will have them when it commits.
///
/// Its transaction takes the rows only if the store's next ids are those it assumed (the file
/// before it committed, and no other writer came in between); otherwise the producer is stopped
/// and the file read again.
final class ReadAhead: Sendable {
    let ids: FirstIDs
    let producer: Producer
    let pipe: BatchPipe
    let batches: BatchPipe.Batches

    private init(ids: FirstIDs, producer: Producer, pipe: BatchPipe, batches: BatchPipe.Batches) {
        self.ids = ids
        self.producer = producer
        self.pipe = pipe
        self.batches = batches
    }

    /// Starts reading `path` (a regular file below `splitSize`, read in one part) with `ids`.
    static func start(
        _ path: String, size: Int, ids: FirstIDs, batchRows: Int, progress: (@Sendable (ImportProgress) -> Void)?
    ) -> ReadAhead {
        let (pipe, batches) = BatchPipe.make(producers: 1)
        let producer = Producer(
            path: path, size: size, datasetID: ids.dataset, firstActivityID: ids.activity, firstOrganisationID: ids.organisation,
            batchRows: batchRows, pipe: pipe, hashesChunks: false, progress: progress)
        producer.start()
        return ReadAhead(ids: ids, producer: producer, pipe: pipe, batches: batches)
    }

    /// The size of `path` when it can be read ahead: a regular file that is read in one part.
    static func readableSize(of path: String, splitSize: Int) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular, let size = attributes[.size] as? Int, size < splitSize
        else { return nil }
        return size
    }
}

/// The files of one ``Importer/importFiles(_:progress:each:)`` read ahead, by their place in the list.
/// A file's place is taken once: a read-ahead that starts after its file's import began is not kept.
final class ReadAheads: Sendable {
    private let state = NIOLockedValueBox<(started: [Int: ReadAhead], taken: Set<Int>)>(([:], []))

    /// Keeps `start()`'s read-ahead for the file at `index`, unless that file's import began already.
    func start(_ index: Int, _ start: () -> ReadAhead) {
        state.withLockedValue { state in
            guard !state.taken.contains(index), state.started[index] == nil else { return }
            state.started[index] = start()
        }
    }

    /// The read-ahead of the file at `index`, if it started; no other can start after this call.
    func take(_ index: Int) -> ReadAhead? {
        state.withLockedValue { state in
            state.taken.insert(index)
            return state.started.removeValue(forKey: index)
        }
    }
}
