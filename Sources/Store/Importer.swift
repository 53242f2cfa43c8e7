import Crypto
import Foundation
import IATI
import IATIValidation
import IATIXML
import SQLKit

/// Imports one IATI file into the store in one transaction.
///
/// A thread of its own reads the file and turns activities into rows; the calling task writes them,
/// so parsing and writing overlap. Whatever fails (malformed XML, the database) rolls the whole file
/// back: the store is left as it was, and a `failed` dataset row records why.
struct Importer {
    let database: Database
    /// Validates each file before it is imported and stores its findings; `nil` imports without.
    var validator: Validator?
    var batchRows = 20_000

    func importFile(at path: String, progress: (@Sendable (ImportProgress) -> Void)?) async -> ImportReport {
        var report = ImportReport(path: path, status: .failed)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        report.bytes = size
        // A separate read-only pass before the transaction, so the store is locked only while writing.
        let validation = validator?.validate(file: path)
        do {
            report = try await database.bulkTransaction {
                var report = try await importInTransaction(path: path, size: size, progress: progress)
                if let validation {
                    try await storeValidation(validation, datasetSHA256: report.sha256 ?? "")
                    report.validSchema = validation.validSchema
                    report.findings = Dictionary(uniqueKeysWithValues: Finding.Severity.allCases.map { ($0.rawValue, validation.counts[$0] ?? 0) })
                }
                return report
            }
        } catch {
            report.error = Self.message(error)
            await recordFailure(report)
        }
        return report
    }

    static func message(_ error: any Error) -> String {
        switch error {
        case let error as IATIXMLError: error.description
        case let error as StoreError: error.description
        default: String(describing: error)
        }
    }

    private func importInTransaction(
        path: String, size: Int, progress: (@Sendable (ImportProgress) -> Void)?
    ) async throws -> ImportReport {
        if database.isPostgres {
            // One importer at a time allocates ids; readers are not blocked.
            try await database.execute("LOCK TABLE activity, organisation, dataset IN SHARE ROW EXCLUSIVE MODE")
        }
        let datasetID = try await nextID(in: Schema.dataset)
        let firstActivityID = try await nextID(in: Schema.activity)
        let firstOrganisationID = try await nextID(in: Schema.organisation)

        let pipe = BatchPipe()
        let producer = Producer(
            path: path, size: size, datasetID: datasetID, firstActivityID: firstActivityID,
            firstOrganisationID: firstOrganisationID, batchRows: batchRows, pipe: pipe, progress: progress)
        producer.start()

        do {
            while let batch = try await pipe.receive() {
                try await write(batch)
            }
        } catch {
            pipe.cancel()
            _ = try? await drain(pipe)
            throw error
        }
        var report = producer.report
        report.status = .imported
        try await finishDataset(report: report, header: producer.header, envelope: producer.envelope, id: datasetID, path: path)
        return report
    }

    /// Waits for the producer to stop after a cancel, so no thread outlives the import.
    private func drain(_ pipe: BatchPipe) async throws {
        while try await pipe.receive() != nil {}
    }

    private func nextID(in table: Table) async throws -> Int {
        let row = try await database.sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM \(unsafeRaw: table.name)").first()
        return try row?.decode(column: "next", as: Int.self) ?? 1
    }

    private func write(_ batch: ImportBatch) async throws {
        try await replace(batch.activityKeys, in: Schema.activity, identifierColumn: "iati_identifier",
                          projections: Schema.activityProjections, foreignKey: "activity_id")
        try await replace(batch.organisationKeys, in: Schema.organisation, identifierColumn: "identifier",
                          projections: [Schema.organisationBudget], foreignKey: "organisation_id")
        for rows in batch.rows where rows.rowCount > 0 {
            try await database.insert(rows)
        }
    }

    /// Deletes the stored versions of the activities (or organisations) about to be written, and their projections.
    private func replace(
        _ keys: [ActivityKey], in table: Table, identifierColumn: String, projections: [Table], foreignKey: String
    ) async throws {
        guard !keys.isEmpty else { return }
        var ids: [Int] = []
        for (reportingOrg, group) in Dictionary(grouping: keys, by: \.reportingOrg) {
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
            .integer(id), .integer(validation.validSchema ? 1 : 0), .integer(counts[.critical] ?? 0),
            .integer(counts[.error] ?? 0), .integer(counts[.warning] ?? 0), .integer(counts[.info] ?? 0),
        ])
        try await database.insert(summary)
        var findings = TableRows(Schema.finding)
        for (seq, finding) in validation.findings.enumerated() {
            findings.append([
                .integer(id), .integer(seq), .text(finding.severity.rawValue), .text(finding.category),
                .text(finding.rule), .text(finding.message), .integer(finding.line), .text(finding.xpath),
                Cell(finding.activity),
            ])
        }
        try await database.insert(findings)
    }

    private func recordFailure(_ report: ImportReport) async {
        do {
            try await database.transaction {
                let id = try await nextID(in: Schema.dataset)
                var rows = TableRows(Schema.dataset)
                rows.append(datasetRow(report: report, header: nil, envelope: [], id: id, path: report.path))
                try await database.insert(rows)
            }
        } catch {
            // The failure is in the report the caller shows; not being able to log it must not hide it.
        }
    }

    private func datasetRow(report: ImportReport, header: DocumentHeader?, envelope: [XMLNode], id: Int, path: String) -> [Cell] {
        let namespaces = header.map { header in
            String(decoding: (try? JSONEncoder().encode(header.namespaces)) ?? Data("{}".utf8), as: UTF8.self)
        }
        let envelopeXML = envelope.isEmpty ? nil : envelope.map { $0.xmlString() }.joined(separator: "\n")
        return [
            .integer(id), .text(URL(fileURLWithPath: path).lastPathComponent), .text(path), .text(report.sha256 ?? ""),
            .integer(report.bytes), Cell(report.kind), Cell(report.version), Cell(report.reportingOrg),
            Cell(namespaces), Cell(envelopeXML),
            .integer(report.activities), .integer(report.organisations), .integer(report.transactions),
            .integer(report.budgets), .integer(report.duplicates.count), .integer(report.upgraded ? 1 : 0),
            .text(report.status.rawValue), Cell(report.error), .text(Timestamp.now()),
        ]
    }
}
