import Crypto
import Foundation
import IATI
import IATIXML
import NIOConcurrencyHelpers
import NIOPosix

/// The parsing side of an import: reads the file, builds rows, hashes the bytes.
///
/// 2.0x activities go from the parser's events straight to rows (``ActivityProjector``); legacy
/// activities, which are upgraded on a tree, and organisations go through the model.
///
/// Reads the whole file, or one part of a ``FileSplit`` while another producer reads the other.
///
/// Runs on a thread of ``ImportThreads``; its results (`report`, `header`, `envelope`, ...) are read
/// only after the pipe has finished, which orders those reads after its writes.
final class Producer: @unchecked Sendable {
    /// Which bytes a producer reads.
    enum Part: Sendable {
        case whole
        case first(FileSplit)
        case second(FileSplit)
    }

    let path: String
    let size: Int
    let part: Part
    let datasetID: Int
    let batchRows: Int
    let pipe: BatchPipe
    /// Whether the file's SHA-256 is made from the chunks this producer reads (a whole file that
    /// cannot be read a second time, such as a pipe); otherwise the importer hashes the file.
    let hashesChunks: Bool
    let progress: (@Sendable (ImportProgress) -> Void)?

    private(set) var report: ImportReport
    private(set) var header: DocumentHeader?
    private(set) var envelope: [XMLNode] = []
    /// The activities' and organisations' keys, first occurrences only.
    private var keys = Set<ActivityKey>()
    /// The keys of both parts of a split file.
    private let sharedKeys: SharedKeys?
    /// How many activities name each reporting organisation.
    private(set) var reportingOrgs: [String: Int] = [:]
    /// The id of the part's first activity, and of the activity after its last.
    private(set) var firstActivityID: Int
    var endActivityID: Int { projector.nextID }

    private var nextOrganisationID: Int
    private let projector = ActivityProjector()
    /// The second part's shift back to the file's lines and offsets, and whether its prologue
    /// (whose envelope elements are the first part's) is behind it.
    private var lineShift = 0
    private var byteShift = 0
    private var pastPrologue = true
    private var partFailure: PartFailed?

    init(
        path: String, size: Int, part: Part = .whole, datasetID: Int, firstActivityID: Int, firstOrganisationID: Int,
        batchRows: Int, pipe: BatchPipe, hashesChunks: Bool = true, sharedKeys: SharedKeys? = nil,
        progress: (@Sendable (ImportProgress) -> Void)?
    ) {
        self.sharedKeys = sharedKeys
        self.hashesChunks = hashesChunks
        self.path = path
        self.size = size
        self.part = part
        self.datasetID = datasetID
        self.batchRows = batchRows
        self.pipe = pipe
        self.progress = progress
        self.firstActivityID = firstActivityID
        projector.nextID = firstActivityID
        self.nextOrganisationID = firstOrganisationID
        report = ImportReport(path: path, status: .failed)
        report.bytes = size
    }

    struct Cancelled: Error {}

    /// The bytes of cells at which a batch is sent whatever its rows.
    static let batchBytes = 4 << 20

    /// Calls `body` with the ids that follow this producer's rows once it has read its whole part
    /// without error (at once when it has); never when it fails.
    func whenRead(_ body: @escaping @Sendable (FirstIDs) -> Void) {
        completion.whenFinished(body)
    }

    private let completion = Completion()

    /// The ids after a producer's rows, once it has read them, for the file read next.
    private final class Completion: Sendable {
        private let state = NIOLockedValueBox<(following: FirstIDs?, waiting: (@Sendable (FirstIDs) -> Void)?)>((nil, nil))

        func whenFinished(_ body: @escaping @Sendable (FirstIDs) -> Void) {
            let following = state.withLockedValue { state -> FirstIDs? in
                if state.following == nil { state.waiting = body }
                return state.following
            }
            if let following { body(following) }
        }

        func finish(_ following: FirstIDs) {
            let waiting = state.withLockedValue { state in
                state.following = following
                defer { state.waiting = nil }
                return state.waiting
            }
            waiting?(following)
        }
    }

    /// A part of a split file could not be read as one (its cut was not between two activities,
    /// or its bytes are not well formed): the file is to be read again in one part, which also
    /// finds the first error in the file's order.
    struct PartFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs on a thread of `pool` (a blocking loop, so never on the tasks' threads); the pipe
    /// hears when it is done.
    func start(on pool: NIOThreadPool = ImportThreads.pool) {
        pool.submit { state in
            guard state == .active else { return self.pipe.finish(throwing: CancellationError()) }
            self.run()
        }
    }

    func run() {
        // Only a file that cannot be read again (a pipe) is hashed here, on the parsing thread.
        var hasher = hashesChunks ? SHA256() : nil
        // The file's bytes read: the second part's prologue is the first part's.
        var bytesRead = 0
        var lastProgress = 0
        func reportProgress() {
            lastProgress = bytesRead
            progress?(ImportProgress(path: path, bytesRead: bytesRead, totalBytes: size,
                                     activities: report.activities + report.organisations))
        }
        do {
            let ranges: [Range<Int>]
            switch part {
            case .whole:
                ranges = [0..<Int.max]
            case .first(let split):
                ranges = split.firstPart
            case .second(let split):
                ranges = split.secondPart
                let skipped = try split.skipped(path: path)
                lineShift = skipped.newlines
                byteShift = split.byteShift
                pastPrologue = false
                firstActivityID += skipped.activityTags
                projector.nextID = firstActivityID
                bytesRead = -split.prologueEnd
            }
            try IATIReader().read(
                file: path, ranges: ranges, endsBetweenElements: isFirstPart, contentHandler: projector,
                onChunk: { chunk in
                    hasher?.update(bufferPointer: chunk)
                    bytesRead += chunk.count
                    if bytesRead - lastProgress >= 1 << 20 { reportProgress() }
                }
            ) { event in
                if self.pipe.isCancelled { throw Cancelled() }
                try self.handle(event)
            }
            reportProgress()
            if let hasher { report.sha256 = FileHash.hex(hasher.finalize()) }
            if isWhole { report.bytes = bytesRead }
            report.reportingOrg = Self.mostNamed(reportingOrgs)
            let batch = projector.batch
            if batch.rowCount > 0 || !batch.activityKeys.isEmpty || !batch.organisationKeys.isEmpty {
                _ = pipe.send(batch)
            }
            let following = FirstIDs(dataset: datasetID + 1, activity: projector.nextID, organisation: nextOrganisationID)
            pipe.finish()
            completion.finish(following)
        } catch {
            if let partFailure {
                pipe.finish(throwing: partFailure)
                return
            }
            switch (part, error) {
            case (.whole, _): pipe.finish(throwing: error)
            case (.second, _): pipe.finish(throwing: PartFailed(description: "\(error)"))
            case (.first, let error as IATIXMLError) where error.reason == .partEnd: pipe.finish(throwing: PartFailed(description: "\(error)"))
            case (.first, _): pipe.finish(throwing: error)
            }
        }
    }

    /// A ``PartFailed`` to throw from the reader's handler, kept aside too: the reader passes a
    /// handler's error on as its own.
    private func fail(_ description: String) -> PartFailed {
        let failure = PartFailed(description: description)
        partFailure = failure
        return failure
    }

    /// The reporting organisation most activities name (the first in order on a tie).
    static func mostNamed(_ reportingOrgs: [String: Int]) -> String? {
        reportingOrgs.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    private var isWhole: Bool {
        if case .whole = part { return true }
        return false
    }

    private var isFirstPart: Bool {
        if case .first = part { return true }
        return false
    }

    private func handle(_ event: IATIReader.Event) throws {
        switch event {
        case .envelope where !pastPrologue:
            break
        case .header(let header):
            // Organisations are numbered from the first id on in each part.
            if header.kind == .organisations, !isWhole { throw fail("an organisations file is not read in parts") }
            self.header = header
            report.kind = header.kind.rawValue
            report.version = header.version
            report.upgraded = header.isLegacy
        case .envelope(let node):
            envelope.append(node)
        case .activity(var element):
            pastPrologue = true
            element.line += lineShift
            element.offset = element.offset.map { $0 + byteShift }
            report.activities += 1
            report.upgraded = report.upgraded || element.upgraded
            let version = header?.version ?? element.node[attribute: "version"]
            if let summary = projector.pending {
                report.transactions += summary.transactions
                report.budgets += summary.budgets
                guard let key = try key(summary.reportingOrg, summary.identifier, line: element.line) else {
                    projector.discard()
                    return
                }
                projector.commit(id: projector.nextID, datasetID: datasetID, key: key, identifierMissing: summary.identifier == nil,
                                 element: element, version: version)
            } else {
                let activity = Activity(node: element.node)
                report.transactions += activity.transactions.count
                report.budgets += activity.budgets.count
                let identifier = activity.iatiIdentifier?.trimmingXMLWhitespace()
                guard let key = try key(activity.reportingOrg?.ref?.trimmingXMLWhitespace(), identifier, line: element.line) else { return }
                projector.batch.add(activity, element: element, key: key, identifierMissing: identifier?.isEmpty ?? true,
                                    id: projector.nextID, datasetID: datasetID, version: version)
                projector.nextID += 1
            }
            try flushIfFull()
        case .organisation(let element):
            report.organisations += 1
            let organisation = Organisation(node: element.node)
            report.budgets += organisation.totalBudgets.count + organisation.recipientOrgBudgets.count
                + organisation.recipientRegionBudgets.count + organisation.recipientCountryBudgets.count
            let reportingOrg = organisation.reportingOrg?.ref?.trimmingXMLWhitespace() ?? ""
            let identifier = organisation.organisationIdentifier?.trimmingXMLWhitespace() ?? ""
            let key = ActivityKey(reportingOrg: reportingOrg, identifier: identifier.isEmpty ? reportingOrg : identifier)
            reportingOrgs[reportingOrg, default: 0] += 1
            guard keys.insert(key).inserted else {
                report.addDuplicate(key.identifier)
                return
            }
            projector.batch.add(organisation, element: element, key: key, id: nextOrganisationID, datasetID: datasetID)
            nextOrganisationID += 1
            try flushIfFull()
        }
    }

    /// The activity's key, counted for the dataset's reporting org; `nil` when the file had it
    /// already. An activity the other part of a split file has too fails the part: which one
    /// comes first, and is kept, only one pass can tell.
    private func key(_ reportingOrg: String?, _ identifier: String?, line: Int) throws -> ActivityKey? {
        let reportingOrg = reportingOrg ?? ""
        let identifier = identifier ?? ""
        let key = ActivityKey(
            reportingOrg: reportingOrg,
            identifier: identifier.isEmpty ? "(no identifier: \(URL(fileURLWithPath: path).lastPathComponent) line \(line))" : identifier)
        reportingOrgs[reportingOrg, default: 0] += 1
        guard keys.insert(key).inserted else {
            report.addDuplicate(key.identifier)
            return nil
        }
        if let sharedKeys, !sharedKeys.claim(key, by: self) {
            throw fail("\(key.identifier) is in both parts")
        }
        return key
    }

    private func flushIfFull() throws {
        // Rows or bytes: a batch of activities with long XML is sent before it holds 10,000 rows,
        // so that the batches waiting in the pipe (of this file and of the one read ahead) stay small.
        guard projector.batch.rowCount >= batchRows || projector.batch.byteCount >= Self.batchBytes else { return }
        guard pipe.send(projector.batch) else { throw Cancelled() }
        projector.batch = ImportBatch(sizedLike: projector.batch)
    }
}

/// The keys the two parts of a split file have read so far, to find an activity in both as soon
/// as the second of them reads it, before its rows are written.
final class SharedKeys: Sendable {
    private let readers = NIOLockedValueBox<[ActivityKey: ObjectIdentifier]>([:])

    /// `false` when another producer has the key.
    func claim(_ key: ActivityKey, by producer: Producer) -> Bool {
        let reader = ObjectIdentifier(producer)
        return readers.withLockedValue { readers in
            if let first = readers[key] { return first == reader }
            readers[key] = reader
            return true
        }
    }
}
