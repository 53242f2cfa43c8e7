import Foundation
import TestSupport
import IATI
import IATIXML
import SQLKit
import Testing
@testable import Store

@Suite(.serialized) struct StoreImportTests {
    /// Counts of every table, to prove a failed import changed nothing.
    static func snapshot(_ store: Store) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in Schema.all where table.name != "dataset" {
            let row = try await store.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table.name)").first()
            counts[table.name] = try row?.decode(column: "n", as: Int.self)
        }
        let imported = try await store.database.sql.raw("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(id), 0) AS BIGINT) AS s FROM dataset WHERE status = 'imported'").first()
        counts["dataset(imported)"] = try imported?.decode(column: "n", as: Int.self)
        counts["dataset(imported ids)"] = try imported?.decode(column: "s", as: Int.self)
        return counts
    }

    static func count(_ store: Store, _ sql: String) async throws -> Int {
        try await store.database.sql.raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(arguments: TestDatabase.engines)
    func importsEverySampleWithItsCounts(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in Fixtures.samples {
                let bytes = Fixtures.bytes(path)
                let report = await store.importFile(at: path)
                #expect(report.status == .imported, "\(path): \(report.error ?? "")")
                #expect(report.activities == Fixtures.countStartTags("iati-activity", in: bytes), "\(path)")
                #expect(report.organisations == Fixtures.countStartTags("iati-organisation", in: bytes), "\(path)")
                #expect(report.transactions == Fixtures.countStartTags("transaction", in: bytes), "\(path)")
                let sha = try #require(report.sha256)
                // What is stored for this dataset right now: every activity but the skipped duplicates.
                let stored = try await Self.count(store, "SELECT COUNT(*) AS n FROM activity JOIN dataset ON dataset.id = activity.dataset_id WHERE dataset.sha256 = '\(sha)'")
                #expect(stored == report.activities - (report.kind == "activities" ? report.duplicateCount : 0), "\(path)")
                let storedOrganisations = try await Self.count(store, "SELECT COUNT(*) AS n FROM organisation JOIN dataset ON dataset.id = organisation.dataset_id WHERE dataset.sha256 = '\(sha)'")
                #expect(storedOrganisations == report.organisations - (report.kind == "organisations" ? report.duplicateCount : 0), "\(path)")
                if report.duplicates.isEmpty, report.kind == "activities" {
                    let transactions = try await Self.count(store, "SELECT COUNT(*) AS n FROM activity_transaction t JOIN activity a ON a.id = t.activity_id JOIN dataset d ON d.id = a.dataset_id WHERE d.sha256 = '\(sha)'")
                    #expect(transactions == report.transactions, "\(path)")
                }
            }
            let stats = try await store.stats()
            #expect(stats.datasets == Fixtures.samples.count)
            #expect(stats.failedDatasets == 0)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func storedDocumentsReadBackToTheSameModelWithEveryLanguage(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in Fixtures.samples {
                var fromFile: [Activity] = []
                var organisationsFromFile: [Organisation] = []
                var seen = Set<String>()
                try IATIReader().read(file: path) { event in
                    if case .activity(let element) = event {
                        let activity = Activity(node: element.node)
                        let key = (activity.reportingOrg?.ref?.trimmingXMLWhitespace() ?? "") + "|" + (activity.iatiIdentifier?.trimmingXMLWhitespace() ?? "")
                        if seen.insert(key).inserted || activity.iatiIdentifier == nil { fromFile.append(activity) }
                    }
                    if case .organisation(let element) = event { organisationsFromFile.append(Organisation(node: element.node)) }
                }
                let report = await store.importFile(at: path)
                let sha = try #require(report.sha256)
                let documents = try await store.activityDocuments(datasetSHA256: sha)
                let fromStore = try documents.map { Activity(node: try IATIReader.element(xml: Array($0.xml.utf8), namespaces: $0.namespaces, legacy: $0.legacy)) }
                #expect(fromStore == fromFile, "\(path)")
                #expect(Set(fromStore.flatMap(Languages.of)) == Set(fromFile.flatMap(Languages.of)))
                let organisations = try await store.organisationDocuments(datasetSHA256: sha)
                let organisationsFromStore = try organisations.map { Organisation(node: try IATIReader.element(xml: Array($0.xml.utf8), namespaces: $0.namespaces, legacy: $0.legacy)) }
                #expect(organisationsFromStore == organisationsFromFile, "\(path)")
                // Every xml:lang the file writes is a language of some narrative in the model.
                let written = Languages.written(in: Fixtures.bytes(path))
                let modelled = Set(fromStore.flatMap(Languages.of) + organisationsFromStore.flatMap(Languages.of))
                #expect(written.isSubset(of: modelled.union(Languages.defaults(fromStore, organisationsFromStore))), "\(path): \(written.subtracting(modelled))")
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func failedFilesLeaveTheStoreAsItWasAndTheNextFileGoesOn(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let first = try #require(Fixtures.samples.first { $0.hasSuffix("iaticloud_nl-mfa_XM-DAC-7_13acts.xml") })
            let second = try #require(Fixtures.samples.first { $0.hasSuffix("flattener_beis_GB-GOV-13_9acts.xml") })
            #expect(await store.importFile(at: first).status == .imported)
            let before = try await Self.snapshot(store)

            // A file that fails after its first activities were written must take them back too.
            let truncatedURL = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-\(UUID()).xml")
            let bytes = Fixtures.bytes(try #require(Fixtures.samples.first { $0.hasSuffix("iaticloud_iom_XM-DAC-47066_577acts.xml") }))
            try Data(bytes[0..<(bytes.count * 9 / 10)]).write(to: truncatedURL)
            defer { try? FileManager.default.removeItem(at: truncatedURL) }

            let bad: [(path: String, failure: ImportReport.Failure)] = [
                (truncatedURL.path, .malformed), (Fixtures.hostile("malformed.xml"), .malformed),
                (Fixtures.hostile("xxe.xml"), .entityDeclared), (Fixtures.hostile("billion-laughs.xml"), .entityDeclared),
                (Fixtures.hostile("not-iati.xml"), .notIATI),
            ]
            for (path, failure) in bad {
                let report = await store.importFile(at: path)
                #expect(report.status == .failed, "\(path)")
                let error = try #require(report.error)
                #expect(error.hasPrefix(path + ":"), "\(error)")
                #expect(report.failure == failure, "\(path)")
                // The message names the same line as the report.
                #expect(report.line.map { error.hasPrefix("\(path):\($0):") } ?? (failure == .notIATI), "\(error)")
                // The store keeps the kind and the line as well as the message.
                let recorded = try #require(try await store.datasets(status: "failed").first)
                #expect(recorded.error == error && recorded.failure == failure && recorded.failureLine == report.line, "\(path)")
                #expect(try await Self.snapshot(store) == before, "\(path)")
            }
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM dataset WHERE status = 'failed'") == bad.count)
            #expect(await store.importFile(at: second).status == .imported)
            #expect(try await store.stats().activities == 13 + 9)
        }
    }

    @Test func aFileThatCannotBeReadFailsAsIO() async throws {
        try await TestDatabase(engine: .sqlite).with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let report = await store.importFile(at: "/nonexistent/devcoop-\(UUID()).xml")
            #expect(report.status == .failed)
            #expect(report.failure == .io)
            #expect(report.line == nil)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func reimportIsIdempotentAndANewerFileUpdates(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-update-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("activities.xml").path
            try Self.file(title: "Old title", transactions: ["100.00", "200.00"]).write(toFile: path, atomically: true, encoding: .utf8)

            #expect(await store.importFile(at: path).status == .imported)
            let once = try await Self.snapshot(store)
            #expect(await store.importFile(at: path).status == .imported)
            #expect(try await Self.snapshot(store)["activity"] == once["activity"])
            #expect(try await Self.snapshot(store)["activity_transaction"] == once["activity_transaction"])
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM dataset") == 1)

            try Self.file(title: "New title", transactions: ["300.00"]).write(toFile: path, atomically: true, encoding: .utf8)
            let report = await store.importFile(at: path)
            #expect(report.status == .imported)
            #expect(report.duplicates == ["XM-TEST-2"])
            let rows = try await store.database.sql.raw("SELECT iati_identifier, title FROM activity ORDER BY iati_identifier").all()
            #expect(try rows.map { try $0.decode(column: "iati_identifier", as: String.self) } == ["XM-TEST-1", "XM-TEST-2"])
            #expect(try rows.first?.decode(column: "title", as: String.self) == "New title")
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM activity_transaction") == 1 + 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func moneyIsExactAndDatesAreDates(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("money-\(UUID()).xml").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Self.file(title: "Money", transactions: ["69752699.50", " 1 000.25 ", "not a number"], date: "2020-02-30")
                .write(toFile: path, atomically: true, encoding: .utf8)
            #expect(await store.importFile(at: path).status == .imported)
            let rows = try await store.database.sql.raw("SELECT value, transaction_date FROM activity_transaction WHERE activity_id = (SELECT id FROM activity WHERE iati_identifier = 'XM-TEST-1') ORDER BY seq").all()
            // The text as published, white space taken out, on both engines; the sum exact.
            let values = try rows.map { try $0.decode(column: "value", as: String?.self) }
            #expect(values == ["69752699.50", "1000.25", nil])
            #expect(try rows.map { try $0.decode(column: "transaction_date", as: String?.self) } == [nil, nil, nil])
            let sums = try await store.transactionValues().map { [$0.type, $0.currency, $0.sum] }
            #expect(sums == [["2", "USD", "1"], ["3", "USD", "69753699.75"]])
            if store.database.isPostgres {
                let text = try await store.database.sql.raw("SELECT value::text AS v FROM activity_transaction ORDER BY activity_id, seq LIMIT 1").first()
                #expect(try text?.decode(column: "v", as: String.self) == "69752699.50")
                let type = try await store.database.sql.raw("SELECT data_type AS t FROM information_schema.columns WHERE table_name = 'activity_transaction' AND column_name = 'transaction_date'").first()
                #expect(try type?.decode(column: "t", as: String.self) == "date")
            }
        }
    }

    /// A small activity file; XM-TEST-2 is written twice to make a duplicate.
    static func file(title: String, transactions: [String], date: String = "2024-01-15") -> String {
        let items = transactions.map {
            "<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"\(date)\"/><value currency=\"USD\" value-date=\"2024-01-15\">\($0)</value></transaction>"
        }.joined()
        let second = """
            <iati-activity><iati-identifier>XM-TEST-2</iati-identifier><reporting-org ref="XM-TEST" type="10"><narrative>Test</narrative></reporting-org>
            <title><narrative>Second</narrative></title><transaction><transaction-type code="2"/><transaction-date iso-date="2024-01-01"/><value currency="USD" value-date="2024-01-01">1</value></transaction></iati-activity>
            """
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
            <iati-activity default-currency="USD"><iati-identifier>XM-TEST-1</iati-identifier>
            <reporting-org ref="XM-TEST" type="10"><narrative>Test</narrative></reporting-org>
            <title><narrative>\(title)</narrative><narrative xml:lang="fr">Titre</narrative></title>\(items)</iati-activity>
            \(second)\(title == "New title" ? second : "")
            </iati-activities>
            """
    }
    /// An import writes through a rollback journal when it has the SQLite file to itself, and stays
    /// in WAL mode (so readers are not blocked) when another connection has it open; either way the
    /// store is left in WAL mode with everything imported.
    @Test func sqliteImportsLeaveTheStoreInWALMode() async throws {
        try await TestDatabase(engine: .sqlite).with { location in
            let store = try await Store.open(location)
            let reader = try await Store.open(location)
            func journalMode(_ store: Store) async throws -> String? {
                try await store.database.sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            }
            let samples = Fixtures.samples.filter { !$0.contains("organisation") }.prefix(2)
            let first = await store.importFile(at: samples.first!)
            #expect(first.status == .imported)
            #expect(try await journalMode(store) == "wal")
            let readerCount = try await Self.count(reader, "SELECT COUNT(*) AS n FROM activity")
            #expect(readerCount == first.activities - first.duplicateCount)
            await reader.close()

            let second = await store.importFile(at: samples.last!)
            #expect(second.status == .imported)
            #expect(try await journalMode(store) == "wal")
            let total = try await Self.count(store, "SELECT COUNT(*) AS n FROM activity")
            #expect(total == first.activities - first.duplicateCount + second.activities - second.duplicateCount)
            await store.close()
        }
    }
}

/// The languages of a model's narratives, found by walking the value.
enum Languages {
    static func of(_ value: Any) -> [String] {
        if let narrative = value as? Narrative { return narrative.lang.map { [$0] } ?? [] }
        return Mirror(reflecting: value).children.flatMap { of($0.value) }
    }

    /// `xml:lang` of the activities and organisations themselves: their default language.
    static func defaults(_ activities: [Activity], _ organisations: [Organisation]) -> Set<String> {
        Set(activities.compactMap(\.lang) + organisations.compactMap(\.lang))
    }

    static func written(in bytes: [UInt8]) -> Set<String> {
        let text = String(decoding: bytes, as: UTF8.self)
        let regex = /xml:lang\s*=\s*["']([^"']*)["']/
        // An empty xml:lang says "no language".
        return Set(text.matches(of: regex).map { String($0.output.1) }.filter { !$0.isEmpty })
    }
}
