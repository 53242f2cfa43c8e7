import Foundation
import IATIValidation
import IATIXML
import Testing
import TestSupport
@testable import Store

/// Hostile files through the store: refused with the reader's error (nothing stored but the failed
/// dataset row), or imported as their plain form, with bounded reports.
@Suite(.serialized) struct StoreImportHostileTests {
    static let validator: Validator = {
        do { return try Validator() } catch { fatalError("cannot load the bundled schemas: \(error)") }
    }()

    @Test(arguments: TestDatabase.engines)
    func hostileFilesFailAndStoreNothing(database: TestDatabase) async throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let cases: [(path: String, error: String)] = [
            (try files.deepNesting(levels: 200_000), ":5: elements nested deeper than 256 levels"),
            (try files.manyAttributes(count: 200_000), ":5: a start tag with more than 1000 attributes"),
            (try files.empty(), ":0: the file is empty"),
            (try files.gzipBomb(megabytes: 200), ":0: the gzip-compressed file inflates to more than"),
        ]
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let before = try await StoreImportTests.snapshot(store)
            for (path, error) in cases {
                let report = await store.importFile(at: path, validator: Self.validator)
                #expect(report.status == .failed)
                #expect(report.error?.hasPrefix(path + error) == true, "\(report.error ?? "")")
                #expect(try await StoreImportTests.snapshot(store) == before, "\(path)")
            }
            #expect(try await StoreImportTests.count(store, "SELECT COUNT(*) AS n FROM dataset WHERE status = 'failed'") == cases.count)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func gzipFileIsImportedAsItsPlainForm(database: TestDatabase) async throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let sample = try #require(Fixtures.samples.first { $0.hasSuffix("iaticloud_nl-mfa_XM-DAC-7_13acts.xml") })
        let compressed = try files.gzip(sample, as: "13acts.xml.gz")
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let report = await store.importFile(at: compressed, validator: Self.validator)
            #expect(report.status == .imported, "\(report.error ?? "")")
            #expect(report.activities == 13)
            let plain = await Self.validator.validate(file: sample)
            #expect(report.validSchema == plain.validSchema)
            #expect(try await store.stats().activities == 13)
        }
    }

    @Test func duplicatesAreCountedButListedUpToABound() async throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let path = try files.duplicateIdentifiers(count: 5_000)
        try await TestDatabase.engines[0].with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let report = await store.importFile(at: path)
            #expect(report.status == .imported)
            #expect(report.duplicateCount == 4_999)
            #expect(report.duplicates == Array(repeating: "XM-DUP-1", count: ImportReport.maxListedDuplicates))
            #expect(try await store.stats().activities == 1)
        }
    }

    @Test func nestingAtTheLimitIsImportedAndExported() async throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let path = try files.deepNesting(levels: MarkupGuard.maxDepth - 2)
        try await TestDatabase.engines[0].with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let report = await store.importFile(at: path, validator: Self.validator)
            #expect(report.status == .imported, "\(report.error ?? "")")
            let output = files.folder.appendingPathComponent("export.xml").path
            #expect(try await store.export(ExportSelection(), to: output).count == 1)
            let exported = try String(contentsOfFile: output, encoding: .utf8)
            // The innermost element comes back empty: `<x/>`.
            let opened = exported.components(separatedBy: "<x>").count + exported.components(separatedBy: "<x/>").count - 2
            #expect(opened == MarkupGuard.maxDepth - 2)
        }
    }
}
