import Crypto
import Foundation
import IATI
import IATIValidation
import IATIXML
import PostgresNIO
import SQLKit
import SQLiteNIO

/// Imports one IATI file into the store in one transaction.
///
/// A thread of ``ImportThreads`` reads the file and turns activities into rows (two threads, each a
/// part, for a large file: ``FileSplit``); the calling task writes them, so parsing and writing overlap. Whatever fails (malformed XML, the database) rolls the whole file
/// back: the store is left as it was, and a `failed` dataset row records why.
struct Importer {
    let writer: StoreWriter
    /// The write connection: used only inside the writer's transactions.
    private var database: Database { writer.database }
    /// Validates each file before it is imported and stores its findings; `nil` imports without.
    var validator: Validator?
    var batchRows = 10_000

    /// Files from this size on are parsed in two parts at once (see ``FileSplit``). Only with three
    /// cores or more: with two, the writer keeps one busy, and a second parser costs more in
    /// contention than it saves (measured on the 200 MB benchmark file).
    var splitSize = ProcessInfo.processInfo.activeProcessorCount >= 3 ? 32 << 20 : .max

    func importFile(at path: String, progress: (@Sendable (ImportProgress) -> Void)?) async -> ImportReport {
        await importFileReportingParts(at: path, progress: progress).report
    }

    /// Imports `paths` one after the other, each in a transaction of its own as ``importFile(at:progress:)``
    /// does, and hands each report to `each` in order. The next file is read (and validated) while
    /// this one is written: its rows are made with the ids this file leaves free. Without
    /// validation, the write connection's page cache stays large from the first file to the last
    /// (``StoreWriter/bulkRun(_:)``); a validating import waits for its validation, not for its
    /// writes, so there the cache would only add resident memory (measured on the generated
    /// corpus: no faster, a peak of 137–138 MB instead of 121–123 MB).
    func importFiles(
        _ paths: [String], progress: (@Sendable (ImportProgress) -> Void)?, each: (ImportReport) async -> Void
    ) async {
        if validator == nil {
            await writer.bulkRun { await importEach(paths, progress: progress, each: each) }
        } else {
            await importEach(paths, progress: progress, each: each)
        }
    }

    private func importEach(
        _ paths: [String], progress: (@Sendable (ImportProgress) -> Void)?, each: (ImportReport) async -> Void
    ) async {
        let readAheads = ReadAheads()
        var nextValidation: Task<Validator.Result, Never>?
        for (index, path) in paths.enumerated() {
            // The next file's validation starts before this one's is awaited: a validation leaves
            // a core idle at its end, which the next one takes (measured: 15% faster than one
            // validation at a time, for 10 MB more resident memory).
            let current = nextValidation ?? validator.map { validator in Task { await validator.validate(file: path) } }
            nextValidation = nil
            var whenRead: (@Sendable (FirstIDs) -> Void)?
            if index + 1 < paths.count {
                let next = paths[index + 1]
                if let validator { nextValidation = Task { await validator.validate(file: next) } }
                if let size = ReadAhead.readableSize(of: next, splitSize: splitSize) {
                    let batchRows = batchRows
                    whenRead = { ids in
                        readAheads.start(index + 1) { ReadAhead.start(next, size: size, ids: ids, batchRows: batchRows, progress: progress) }
                    }
                }
            }
            let validation = await current?.value
            let report = await importFileReportingParts(
                at: path, progress: progress, readAhead: readAheads.take(index), validated: validation, whenRead: whenRead
            ).report
            // The validator's threads are what leave freed memory in their arenas; without them,
            // handing it back costs more time (0.5–0.9 s of 5.7 s on the generated corpus, in
            // page faults as the next file takes it again) than it saves (about 10 MB resident).
            if validator != nil { MemoryTrim.releaseFreedMemory() }
            await each(report)
        }
    }

    /// ``importFile(at:progress:)``, and whether the file was read in two parts (rather than in
    /// one, or again in one after the parts did not add up).
    ///
    /// `readAhead` holds the file's rows made ahead, `validated` its validation done ahead, and
    /// `whenRead` hears the ids that follow the file's rows once it is read (in one part).
    func importFileReportingParts(
        at path: String, progress: (@Sendable (ImportProgress) -> Void)?, readAhead: ReadAhead? = nil,
        validated: Validator.Result? = nil, whenRead: (@Sendable (FirstIDs) -> Void)? = nil
    ) async -> (report: ImportReport, readInParts: Bool) {
        var report = ImportReport(path: path, status: .failed)
        var readInParts = false
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = attributes?[.size] as? Int ?? 0
        let isRegularFile = attributes?[.type] as? FileAttributeType == .typeRegular
        report.bytes = size
        // A separate read-only pass before the transaction, so the store is locked only while writing.
        let validation = validated != nil ? validated : await validator?.validate(file: path)
        // Taken by the first attempt only: a second one reads the file again.
        var unusedReadAhead = readAhead
        defer { if let unusedReadAhead { Task { await unusedReadAhead.pipe.stop() } } }
        func attempt(_ split: FileSplit?) async throws -> ImportReport {
            let readAhead = unusedReadAhead
            unusedReadAhead = nil
            return try await writer.bulkTransaction { _ in
                var report = try await importInTransaction(
                    path: path, size: size, hashesFile: isRegularFile, split: split, progress: progress,
                    readAhead: readAhead, whenRead: whenRead)
                if let validation {
                    try await storeValidation(validation, datasetSHA256: report.sha256 ?? "")
                    report.validSchema = validation.validSchema
                    report.findings = Dictionary(uniqueKeysWithValues: Finding.Severity.allCases.map { ($0.rawValue, validation.counts[$0] ?? 0) })
                }
                return report
            }
        }
        do {
            let split = size >= splitSize && isRegularFile ? FileSplit.find(path: path, size: size) : nil
            do {
                report = try await attempt(split)
                readInParts = split != nil
            } catch is Producer.PartFailed where split != nil {
                // Rolled back; one pass reads what the parts could not (and finds the first error in order).
                report = try await attempt(nil)
            }
        } catch {
            report.error = Self.message(error)
            (report.failure, report.line) = Self.failure(error)
            await recordFailure(report)
        }
        return (report, readInParts)
    }

    static func message(_ error: any Error) -> String {
        switch error {
        case let error as IATIXMLError: error.description
        // The engines' own errors in one line: PSQLError's description hides the server's message.
        default: StoreError.cause(of: error)
        }
    }

    /// The kind of failure an error is, and the line of the file it is at.
    static func failure(_ error: any Error) -> (ImportReport.Failure, line: Int?) {
        switch error {
        case let error as IATIXMLError:
            let line = error.line > 0 ? error.line : nil
            switch error.reason {
            case .malformed, .empty: return (.malformed, line)
            case .tooDeep, .tooManyAttributes, .encoding, .compression: return (.refused, line)
            case .notIATI: return (.notIATI, line)
            case .entityDeclaration: return (.entityDeclared, line)
            case .io: return (.io, nil)
            // A handler's error is the import's own; a part's end or the writer's order never
            // reach an import.
            case .handler, .partEnd, .order, .wrongKind: return (.internal, line)
            }
        case let error as StoreError:
            switch error.reason {
            case .location: return (.io, nil)
            case .database, .schemaTooNew, .closed: return (.database, nil)
            case .query, .exchangeRates, .invalidChange, .notFound, .unknownProject, .screeningRequired: return (.internal, nil)
            }
        case is CancellationError, is Producer.Cancelled: return (.cancelled, nil)
        case is SQLiteError, is PSQLError, is DecodingError: return (.database, nil)
        default: return (.internal, nil)
        }
    }

    private func importInTransaction(
        path: String, size: Int, hashesFile: Bool, split: FileSplit?, progress: (@Sendable (ImportProgress) -> Void)?,
        readAhead: ReadAhead?, whenRead: (@Sendable (FirstIDs) -> Void)?
    ) async throws -> ImportReport {
        if database.isPostgres {
            // One importer at a time allocates ids; readers are not blocked.
            try await database.execute("LOCK TABLE activity, organisation, dataset IN SHARE ROW EXCLUSIVE MODE")
        }
        let facts = PortfolioFacts.Maker(rates: try await StoredRates.current(in: database).rates)
        let ids = FirstIDs(
            dataset: try await nextID(in: Schema.dataset), activity: try await nextID(in: Schema.activity),
            organisation: try await nextID(in: Schema.organisation))
        let datasetID = ids.dataset
        let firstActivityID = ids.activity

        let producers: [Producer]
        let pipe: BatchPipe
        let batches: BatchPipe.Batches
        if let readAhead, split == nil, readAhead.ids == ids {
            (producers, pipe, batches) = ([readAhead.producer], readAhead.pipe, readAhead.batches)
        } else {
            if let readAhead { await readAhead.pipe.stop() }
            let parts: [Producer.Part] = split.map { [.first($0), .second($0)] } ?? [.whole]
            (pipe, batches) = BatchPipe.make(producers: parts.count)
            let tally = progress.map { ProgressTally(parts: parts.count, report: $0) }
            let sharedKeys = split.map { _ in SharedKeys() }
            var made: [Producer] = []
            for (index, part) in parts.enumerated() {
                var partProgress: (@Sendable (ImportProgress) -> Void)?
                if let tally { partProgress = { tally.update(part: index, $0) } }
                made.append(Producer(
                    path: path, size: size, part: part, datasetID: datasetID, firstActivityID: firstActivityID,
                    firstOrganisationID: ids.organisation, batchRows: batchRows, pipe: pipe, hashesChunks: !hashesFile,
                    sharedKeys: sharedKeys, progress: partProgress))
            }
            producers = made
            producers.forEach { $0.start() }
        }
        if let whenRead, producers.count == 1 { producers[0].whenRead(whenRead) }
        // A regular file is hashed by reading it again, at the same time as it is parsed.
        async let fileSHA256 = hashesFile ? FileHash.sha256(file: path) : nil

        var storedActivities = EarlierRows(table: Schema.activity, firstNewID: firstActivityID)
        var storedOrganisations = EarlierRows(table: Schema.organisation, firstNewID: ids.organisation)
        do {
            for try await batch in batches {
                // The batch's facts are made while its rows are written (on another thread).
                async let batchFacts = facts.rows(of: batch)
                try await write(batch, storedActivities: &storedActivities, storedOrganisations: &storedOrganisations)
                try await database.insert(await batchFacts)
            }
        } catch {
            await pipe.stop()
            throw error
        }
        let sha256 = await fileSHA256
        var report = producers[0].report
        var header = producers[0].header
        var envelope = producers[0].envelope
        if producers.count == 2 {
            report = try Self.merged(producers[0], producers[1], sha256: sha256, size: size)
            header = header ?? producers[1].header
            envelope += producers[1].envelope
        } else if hashesFile {
            guard let sha256 else { throw StoreError(.location, "cannot read \(path) again to hash it") }
            report.sha256 = sha256
        }
        report.status = .imported
        try await NarrativeSearch.add(in: database, activitiesFrom: firstActivityID)
        try await finishDataset(report: report, header: header, envelope: envelope, id: datasetID, path: path)
        return report
    }

    /// One report for the two parts of a split file; throws ``Producer/PartFailed`` when they do
    /// not add up to what one pass reads: more activities in the first part than it made room for.
    private static func merged(_ first: Producer, _ second: Producer, sha256: String?, size: Int) throws -> ImportReport {
        guard first.endActivityID <= second.firstActivityID else {
            throw Producer.PartFailed(description: "the first part holds more activities than counted")
        }
        guard let sha256 else { throw Producer.PartFailed(description: "the file could not be hashed") }
        var report = first.report
        report.activities += second.report.activities
        report.organisations += second.report.organisations
        report.transactions += second.report.transactions
        report.budgets += second.report.budgets
        report.addDuplicates(of: second.report)
        report.upgraded = report.upgraded || second.report.upgraded
        report.reportingOrg = Producer.mostNamed(first.reportingOrgs.merging(second.reportingOrgs, uniquingKeysWith: +))
        report.sha256 = sha256
        report.bytes = size
        return report
    }

    private func nextID(in table: Table) async throws -> Int {
        let row = try await database.sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM \(unsafeRaw: table.name)").first()
        return try row?.decode(column: "next", as: Int.self) ?? 1
    }

    /// Which reporting organisations had rows in a table before this import began: only their
    /// activities (or organisations) can replace stored ones. A file's own duplicates never reach
    /// the writer, so a reporting organisation new to the store needs no look-up per batch.
    private struct EarlierRows {
        let table: Table
        let firstNewID: Int
        var known: [String: Bool] = [:]
    }

    private func write(_ batch: ImportBatch, storedActivities: inout EarlierRows, storedOrganisations: inout EarlierRows) async throws {
        try await replace(batch.activityKeys, stored: &storedActivities, identifierColumn: "iati_identifier",
                          projections: Schema.activityProjections, foreignKey: "activity_id")
        try await replace(batch.organisationKeys, stored: &storedOrganisations, identifierColumn: "identifier",
                          projections: [Schema.organisationBudget], foreignKey: "organisation_id")
        try await database.insert(batch.rows)
    }

    /// Deletes the stored versions of the activities (or organisations) about to be written, and their projections.
    private func replace(
        _ keys: [ActivityKey], stored: inout EarlierRows, identifierColumn: String, projections: [Table], foreignKey: String
    ) async throws {
        guard !keys.isEmpty else { return }
        let table = stored.table
        var ids: [Int] = []
        for (reportingOrg, group) in Dictionary(grouping: keys, by: \.reportingOrg) {
            if stored.known[reportingOrg] == nil {
                let earlier = try await database.sql.select().column("id").from(table.name)
                    .where("reporting_org", .equal, reportingOrg).where("id", .lessThan, stored.firstNewID)
                    .limit(1).first()
                stored.known[reportingOrg] = earlier != nil
            }
            guard stored.known[reportingOrg] == true else { continue }
            for chunk in stride(from: 0, to: group.count, by: 500).map({ group[$0..<min($0 + 500, group.count)] }) {
                let rows = try await database.sql.select().column("id").from(table.name)
                    .where("reporting_org", .equal, reportingOrg)
                    .where(SQLIdentifier(identifierColumn), .in, chunk.map(\.identifier))
                    .all()
                ids += try rows.map { try $0.decode(column: "id", as: Int.self) }
            }
        }
        guard !ids.isEmpty else { return }
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for projection in projections {
                try await database.sql.delete(from: projection.name).where(SQLIdentifier(foreignKey), .in, chunk).run()
            }
            if table.name == Schema.activity.name { try await NarrativeSearch.remove(chunk, in: database) }
            try await database.sql.delete(from: table.name).where("id", .in, chunk).run()
        }
    }

    private func finishDataset(report: ImportReport, header: DocumentHeader?, envelope: [XMLNode], id: Int, path: String) async throws {
        // The same bytes imported again replace their earlier record instead of adding a second one.
        let earlier = database.sql.select().column("id").from(Schema.dataset.name).where("sha256", .equal, report.sha256 ?? "")
        for table in Schema.datasetDetails {
            try await database.sql.delete(from: table.name).where(SQLIdentifier("dataset_id"), .in, SQLGroupExpression(earlier.query)).run()
        }
        try await database.sql.delete(from: Schema.dataset.name).where("sha256", .equal, report.sha256 ?? "").run()
        var rows = TableRows(Schema.dataset)
        rows.append(datasetRow(report: report, header: header, envelope: envelope, id: id, path: path))
        try await database.insert(rows)
    }

    /// Stores the verdict and every finding of the dataset just written.
    private func storeValidation(_ validation: Validator.Result, datasetSHA256 sha256: String) async throws {
        let row = try await database.sql.select().column("id").from(Schema.dataset.name)
            .where("sha256", .equal, sha256).where("status", .equal, "imported").first()
        guard let id = try row?.decode(column: "id", as: Int.self) else { return }
        var summary = TableRows(Schema.datasetValidation)
        let counts = validation.counts
        summary.append([
            "dataset_id": .integer(id), "valid_schema": .integer(validation.validSchema ? 1 : 0),
            "critical_count": .integer(counts[.critical] ?? 0), "error_count": .integer(counts[.error] ?? 0),
            "warning_count": .integer(counts[.warning] ?? 0), "info_count": .integer(counts[.info] ?? 0),
            "activity_verdicts": Cell(validation.schemaFindingLines.map { _ in 1 }),
        ])
        try await database.insert(summary)
        var lines = TableRows(Schema.schemaFindingLine)
        for line in (validation.schemaFindingLines ?? []).sorted() {
            lines.append(["dataset_id": .integer(id), "line": .integer(line)])
        }
        try await database.insert(lines)
        var findings = TableRows(Schema.finding)
        for (seq, finding) in validation.findings.enumerated() {
            findings.append([
                "dataset_id": .integer(id), "seq": .integer(seq), "severity": .text(finding.severity.rawValue),
                "category": .text(finding.category), "rule": .text(finding.rule), "message": .text(finding.message),
                "line": .integer(finding.line), "xpath": .text(finding.xpath), "activity_identifier": Cell(finding.activity),
            ])
        }
        try await database.insert(findings)
    }

    private func recordFailure(_ report: ImportReport) async {
        do {
            try await writer.transaction { _ in
                let id = try await nextID(in: Schema.dataset)
                var rows = TableRows(Schema.dataset)
                rows.append(datasetRow(report: report, header: nil, envelope: [], id: id, path: report.path))
                try await database.insert(rows)
            }
        } catch {
            // The failure is in the report the caller shows; not being able to log it must not hide it.
        }
    }

    private func datasetRow(report: ImportReport, header: DocumentHeader?, envelope: [XMLNode], id: Int, path: String) -> NamedCells {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // the same file gives the same row
        let namespaces = header.map { header in
            String(decoding: (try? encoder.encode(header.namespaces)) ?? Data("{}".utf8), as: UTF8.self)
        }
        let envelopeXML = envelope.isEmpty ? nil : envelope.map { $0.xmlString() }.joined(separator: "\n")
        return [
            "id": .integer(id), "name": .text(URL(fileURLWithPath: path).lastPathComponent), "path": .text(path),
            "sha256": .text(report.sha256 ?? ""), "size": .integer(report.bytes), "kind": Cell(report.kind),
            "version": Cell(report.version), "reporting_org": Cell(report.reportingOrg), "namespaces": Cell(namespaces),
            "envelope": Cell(envelopeXML), "activity_count": .integer(report.activities),
            "organisation_count": .integer(report.organisations), "transaction_count": .integer(report.transactions),
            "budget_count": .integer(report.budgets), "duplicate_count": .integer(report.duplicateCount),
            "upgraded": .integer(report.upgraded ? 1 : 0), "status": .text(report.status.rawValue), "error": Cell(report.error),
            "imported_at": .text(Timestamp.now()), "failure": Cell(report.failure?.rawValue), "failure_line": Cell(report.line),
        ]
    }
}
