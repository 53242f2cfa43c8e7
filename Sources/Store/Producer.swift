import Foundation
import IATI
import IATIXML

/// The parsing side of an import: reads the file, builds rows, hashes the bytes.
///
/// 2.0x activities go from the parser's events straight to rows (``ActivityProjector``); legacy
/// activities, which are upgraded on a tree, and organisations go through the model.
///
/// Runs on a thread of its own; its results (`report`, `header`, `envelope`) are read only after the
/// pipe has finished, which orders those reads after its writes.
final class Producer: @unchecked Sendable {
    let path: String
    let size: Int
    let datasetID: Int
    let batchRows: Int
    let pipe: BatchPipe
    let progress: (@Sendable (ImportProgress) -> Void)?

    private(set) var report: ImportReport
    private(set) var header: DocumentHeader?
    private(set) var envelope: [XMLNode] = []

    private var nextOrganisationID: Int
    private var seen = Set<ActivityKey>()
    private var reportingOrgs: [String: Int] = [:]
    private let projector = ActivityProjector()

    init(
        path: String, size: Int, datasetID: Int, firstActivityID: Int, firstOrganisationID: Int,
        batchRows: Int, pipe: BatchPipe, progress: (@Sendable (ImportProgress) -> Void)?
    ) {
        self.path = path
        self.size = size
        self.datasetID = datasetID
        self.batchRows = batchRows
        self.pipe = pipe
        self.progress = progress
        projector.nextID = firstActivityID
        self.nextOrganisationID = firstOrganisationID
        report = ImportReport(path: path, status: .failed)
        report.bytes = size
    }

    struct Cancelled: Error {}

    /// Runs on a thread of its own (libxml2's callbacks recurse deep enough to want a large stack).
    func start() {
        let thread = Thread { self.run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func run() {
        let hasher = BackgroundHasher()
        var bytesRead = 0
        var lastProgress = 0
        do {
            try IATIReader().read(file: path, contentHandler: projector, onChunk: { chunk in
                hasher.update(chunk)
                bytesRead += chunk.count
                if let progress = self.progress, bytesRead - lastProgress >= 1 << 20 || bytesRead == self.size {
                    lastProgress = bytesRead
                    progress(ImportProgress(path: self.path, bytesRead: bytesRead, totalBytes: self.size,
                                            activities: self.report.activities + self.report.organisations))
                }
            }) { event in
                if self.pipe.isCancelled { throw Cancelled() }
                try self.handle(event)
            }
            report.sha256 = hasher.finalize()
            report.bytes = bytesRead
            report.reportingOrg = reportingOrgs.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
            let batch = projector.batch
            if batch.rowCount > 0 || !batch.activityKeys.isEmpty || !batch.organisationKeys.isEmpty {
                _ = pipe.send(batch)
            }
            pipe.finish()
        } catch {
            pipe.finish(throwing: error)
        }
    }

    private func handle(_ event: IATIReader.Event) throws {
        switch event {
        case .header(let header):
            self.header = header
            report.kind = header.kind.rawValue
            report.version = header.version
            report.upgraded = header.isLegacy
        case .envelope(let node):
            envelope.append(node)
        case .activity(let element):
            report.activities += 1
            report.upgraded = report.upgraded || element.upgraded
            let version = header?.version ?? element.node[attribute: "version"]
            if let summary = projector.pending {
                report.transactions += summary.transactions
                report.budgets += summary.budgets
                guard let key = key(summary.reportingOrg, summary.identifier, line: element.line) else {
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
                guard let key = key(activity.reportingOrg?.ref?.trimmingXMLWhitespace(), identifier, line: element.line) else { return }
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
            guard seen.insert(key).inserted else {
                report.duplicates.append(key.identifier)
                return
            }
            projector.batch.add(organisation, element: element, key: key, id: nextOrganisationID, datasetID: datasetID)
            nextOrganisationID += 1
            try flushIfFull()
        }
    }

    /// The activity's key, counted for the dataset's reporting org; `nil` when the file had it already.
    private func key(_ reportingOrg: String?, _ identifier: String?, line: Int) -> ActivityKey? {
        let reportingOrg = reportingOrg ?? ""
        let identifier = identifier ?? ""
        let key = ActivityKey(
            reportingOrg: reportingOrg,
            identifier: identifier.isEmpty ? "(no identifier: \(URL(fileURLWithPath: path).lastPathComponent) line \(line))" : identifier)
        reportingOrgs[reportingOrg, default: 0] += 1
        guard seen.insert(key).inserted else {
            report.duplicates.append(key.identifier)
            return nil
        }
        return key
    }

    private func flushIfFull() throws {
        guard projector.batch.rowCount >= batchRows else { return }
        guard pipe.send(projector.batch) else { throw Cancelled() }
        projector.batch = ImportBatch()
    }
}
