import Foundation
import IATI
import IATIValidation
import IATIXML
import SQLKit
import TestSupport
import Testing
@testable import Store

@Suite(.serialized) struct StoreExportTests {
    /// Every stored activity (or organisation) by its key, read back into the model. Activities
    /// without an identifier are keyed by their place in their file, which an export changes, so
    /// they are counted by content instead.
    static func models(_ store: Store, organisations: Bool) async throws -> [String: AnyHashable] {
        let table = organisations ? "organisation" : "activity"
        let identifier = organisations ? "identifier" : "iati_identifier"
        let rows = try await store.database.sql.raw("""
            SELECT t.reporting_org, t.\(unsafeRaw: identifier) AS identifier, t.xml, d.namespaces, d.version\(unsafeRaw: organisations ? ", 0 AS identifier_missing" : ", t.upgraded, t.identifier_missing")
            FROM \(unsafeRaw: table) t JOIN dataset d ON d.id = t.dataset_id
            """).all()
        var models: [String: AnyHashable] = [:]
        for row in rows {
            let document = try StoredDocument(row: row)
            let node = try IATIReader.element(xml: Array(document.xml.utf8), namespaces: document.namespaces, legacy: document.legacy)
            let model = organisations ? AnyHashable(Organisation(node: node)) : AnyHashable(Activity(node: node))
            if try row.decode(column: "identifier_missing", as: Int.self) != 0 {
                let key = "(no identifier) \(model.hashValue)"
                models[key + " #\(models.keys.filter { $0.hasPrefix(key) }.count)"] = model
            } else {
                models[try row.decode(column: "reporting_org", as: String.self) + "|" + row.decode(column: "identifier", as: String.self)] = model
            }
        }
        return models
    }

    @Test(arguments: TestDatabase.engines)
    func importExportImportGivesEqualDocuments(database: TestDatabase) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-export-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let activities = folder.appendingPathComponent("activities.xml").path
        let organisations = folder.appendingPathComponent("organisations.xml").path

        let (original, originalOrganisations) = try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in Fixtures.samples { #expect(await store.importFile(at: path).status == .imported) }
            let exported = try await store.export(ExportSelection(), to: activities)
            #expect(exported.count == (try await store.stats().activities))
            #expect(try await store.export(ExportSelection(organisations: true), to: organisations).count == 2)
            return (try await Self.models(store, organisations: false), try await Self.models(store, organisations: true))
        }
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let report = await store.importFile(at: activities)
            #expect(report.status == .imported, "\(report.error ?? "")")
            #expect(report.version == "2.03")
            #expect(await store.importFile(at: organisations).status == .imported)
            let again = try await Self.models(store, organisations: false)
            #expect(again.count == original.count)
            let mismatches = original.filter { again[$0.key] != $0.value }.map(\.key).sorted()
            #expect(mismatches.isEmpty, "\(mismatches.count) differ: \(mismatches.prefix(5))")
            #expect(try await Self.models(store, organisations: true) == originalOrganisations)
        }
    }

    /// Samples that validate on the way in (the xmllint column of Samples/iati/README.md).
    static let validSamples = Fixtures.samples.filter { Fixtures.schemaVerdicts[URL(fileURLWithPath: $0).lastPathComponent] == true }

    /// Both ways out: copied as published (the file was validated on import) and through the model.
    @Test(arguments: validSamples)
    func exportOfAValidFileIsValid(path: String) async throws {
        let validator = try Validator()
        try await TestDatabase(engine: .sqlite).with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let report = await store.importFile(at: path, validator: validator)
            #expect(report.validSchema == true)
            let before = try await Self.models(store, organisations: report.kind == "organisations")
            for rewrite in [false, true] {
                let output = location + ".export.xml"
                defer { try? FileManager.default.removeItem(atPath: output) }
                let kind = report.kind == "organisations"
                let exported = try await store.export(ExportSelection(organisations: kind, rewrite: rewrite), to: output)
                #expect(exported.count == (kind ? report.organisations : report.activities - report.duplicateCount))
                let result = try SchemaValidator().validate(file: output)
                #expect(result.valid, "rewrite \(rewrite): \(result.findings.prefix(3).map(\.message))")
                try await TestDatabase(engine: .sqlite).with { again in
                    let copy = try await Store.open(again)
                    defer { Task { await copy.close() } }
                    #expect(await copy.importFile(at: output).status == .imported)
                    #expect(try await Self.models(copy, organisations: kind) == before, "rewrite \(rewrite)")
                }
            }
        }
    }

    /// In a file that fails the schema, an activity with no schema finding of its own is written as
    /// published; the others go through the model (which writes double quotes).
    @Test(arguments: TestDatabase.engines)
    func activitiesValidOnTheirOwnAreExportedAsPublished(database: TestDatabase) async throws {
        let path = try PartlyInvalidFile.write()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let report = await store.importFile(at: path, validator: try Validator())
            #expect(report.status == .imported && report.validSchema == false)
            let stored = try await store.database.sql.raw("SELECT line FROM schema_finding_line").all(decodingColumn: "line", as: Int.self)
            #expect(Set(stored) == PartlyInvalidFile.invalidLines)
            let output = folder.appendingPathComponent("export.xml").path
            #expect(try await store.export(ExportSelection(), to: output).count == 4)
            let exported = try String(contentsOfFile: output, encoding: .utf8)
            for (published, line) in zip(PartlyInvalidFile.activities, PartlyInvalidFile.activityLines) {
                #expect(exported.contains(published) == !PartlyInvalidFile.invalidLines.contains(line), "the activity of line \(line)")
            }
            // Without the findings' places (a store validated before they were kept), the whole file is rewritten.
            try await store.database.sql.raw("UPDATE dataset_validation SET activity_verdicts = NULL").run()
            _ = try await store.export(ExportSelection(), to: output)
            let rewritten = try String(contentsOfFile: output, encoding: .utf8)
            #expect(PartlyInvalidFile.activities.allSatisfy { !rewritten.contains($0) })
        }
    }

    @Test(arguments: TestDatabase.engines)
    func exportSelectsByReportingOrgAndIdentifier(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for name in ["pwyf-merger_dfid-ba_GB-GOV-1_52acts.xml", "flattener_beis_GB-GOV-13_9acts.xml"] {
                _ = await store.importFile(at: try #require(Fixtures.samples.first { $0.hasSuffix(name) }))
            }
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID()).xml").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            #expect(try await store.export(ExportSelection(reportingOrg: "GB-GOV-13"), to: output).count == 9)
            let one = try await store.export(ExportSelection(reportingOrg: "GB-GOV-1", identifier: "GB-1-110456-101"), to: output)
            #expect(one.count == 1)
            var identifiers: [String?] = []
            try IATIReader().read(file: output) { event in
                if case .activity(let element) = event { identifiers.append(Activity(node: element.node).iatiIdentifier) }
            }
            #expect(identifiers == ["GB-1-110456-101"])
            try? FileManager.default.removeItem(atPath: output)
            #expect(try await store.export(ExportSelection(identifier: "no-such-activity"), to: output).count == 0)
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func importStoresTheFindingsOfEachDataset(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let path = try #require(Fixtures.samples.first { $0.hasSuffix("att_be-dgd_XM-DAC-2-10_4acts.xml") })
            let validator = try Validator()
            let expected = await validator.validate(file: path)
            let report = await store.importFile(at: path, validator: validator)
            #expect(report.validSchema == false)
            #expect(report.findings?["critical"] == expected.counts[.critical])
            let rows = try await store.database.sql.raw("SELECT severity, rule, line, xpath, activity_identifier FROM finding ORDER BY seq").all()
            #expect(rows.count == expected.findings.count)
            let first = try #require(rows.first)
            #expect(try first.decode(column: "rule", as: String.self) == expected.findings[0].rule)
            #expect(try first.decode(column: "line", as: Int.self) == expected.findings[0].line)
            #expect(try first.decode(column: "activity_identifier", as: String?.self) == expected.findings[0].activity)
            let summary = try await store.database.sql.raw("SELECT valid_schema, critical_count FROM dataset_validation").all()
            #expect(summary.count == 1)
            #expect(try summary.first?.decode(column: "critical_count", as: Int.self) == expected.counts[.critical])
            // Importing the same file again replaces its findings instead of adding to them.
            _ = await store.importFile(at: path, validator: validator)
            #expect(try await store.database.sql.raw("SELECT seq FROM finding").all().count == expected.findings.count)
        }
    }
}
