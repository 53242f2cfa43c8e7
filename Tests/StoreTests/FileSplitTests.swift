import Foundation
import IATIXML
import SQLKit
import TestSupport
import Testing
@testable import Store

/// A large file is parsed in two parts at once; what is stored must be what one pass stores,
/// whatever falls at the cut.
@Suite(.serialized) struct FileSplitTests {
    /// Every table's rows as text, activities named by reporting org and identifier instead of their
    /// ids (which a split may number with gaps), in a stable order; the dataset without its time.
    static func contents(_ database: Database) async throws -> [String: [[String?]]] {
        let keys = try await database.sql.raw("SELECT id, reporting_org, iati_identifier FROM activity").all()
        var names: [String: String] = [:]
        for row in keys {
            names[String(try row.decode(column: "id", as: Int.self))] =
                try row.decode(column: "reporting_org", as: String.self) + "|" + row.decode(column: "iati_identifier", as: String.self)
        }
        var tables: [String: [[String?]]] = [:]
        for table in Schema.all {
            let columns = table.columnNames.filter { $0 != "imported_at" }
            let select = columns.map { "CAST(\($0) AS TEXT) AS \($0)" }.joined(separator: ", ")
            var rows: [[String?]] = []
            for row in try await database.sql.raw("SELECT \(unsafeRaw: select) FROM \(unsafeRaw: table.name)").all() {
                rows.append(try columns.map { column in
                    let value = try row.decode(column: column, as: String?.self)
                    if table.name == "activity", column == "id" { return nil }
                    if column == "activity_id" { return value.flatMap { names[$0] } ?? value }
                    return value
                })
            }
            tables[table.name] = rows.sorted { $0.map { $0 ?? "" }.lexicographicallyPrecedes($1.map { $0 ?? "" }) }
        }
        return tables
    }

    /// Imports `path` into a new store in one part and into another in two (forced with small
    /// batches, so the parts' batches interleave); both stores and reports must be the same.
    /// Returns whether the second import was read in parts (rather than again in one pass).
    @discardableResult
    static func expectSameAsOnePass(_ path: String, on engine: TestDatabase, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Bool {
        func load(splitSize: Int) async throws -> (ImportReport, Bool, [String: [[String?]]]) {
            try await engine.with { location in
                let store = try await Store.open(location)
                let (report, readInParts) = await Importer(writer: store.writer, batchRows: 40, splitSize: splitSize)
                    .importFileReportingParts(at: path, progress: nil)
                let contents = try await contents(store.database)
                await store.close()
                return (report, readInParts, contents)
            }
        }
        let (whole, _, wholeContents) = try await load(splitSize: .max)
        let (split, readInParts, splitContents) = try await load(splitSize: 0)
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(split == whole, "\(name)", sourceLocation: sourceLocation)
        for (table, rows) in wholeContents.sorted(by: { $0.key < $1.key }) {
            let other = splitContents[table] ?? []
            #expect(other.count == rows.count, "\(name): \(table) has \(other.count) rows read in parts, \(rows.count) in one pass", sourceLocation: sourceLocation)
            if let index = rows.indices.first(where: { $0 < other.count && other[$0] != rows[$0] }) {
                Issue.record("\(name): \(table) differs at row \(index): \(other[index]) ≠ \(rows[index])", sourceLocation: sourceLocation)
            }
        }
        return readInParts
    }

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-split-\(UUID()).xml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func activity(_ identifier: String, title: String = "Title", extra: String = "") -> String {
        """
        <iati-activity default-currency="EUR">
          <iati-identifier>\(identifier)</iati-identifier>
          <reporting-org ref="XM-SPLIT" type="10"><narrative>Split</narrative></reporting-org>
          <title><narrative>\(title)</narrative></title>\(extra)
          <transaction><transaction-type code="3"/><transaction-date iso-date="2024-02-01"/><value value-date="2024-02-01">12.50</value></transaction>
        </iati-activity>

        """
    }

    static func document(_ activities: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" xmlns:x=\"urn:x\">\n"
            + activities.joined() + "</iati-activities>\n"
    }

    @Test(arguments: TestDatabase.engines)
    func everySampleReadInPartsStoresWhatOnePassStores(database: TestDatabase) async throws {
        var readInParts = 0
        for path in Fixtures.samples where try await Self.expectSameAsOnePass(path, on: database) {
            readInParts += 1
        }
        // Files of two activities or more are cut, and read in parts unless an activity is in both;
        // the test is only worth something if most are.
        #expect(readInParts >= Fixtures.samples.count / 2, "only \(readInParts) samples were read in parts")
    }

    /// Cuts that are not between two activities: inside a comment, inside a CDATA section within an
    /// activity. The first part then does not end between activities and the file is read in one pass.
    @Test(arguments: TestDatabase.engines)
    func aCutInsideACommentOrCDATAReadsTheFileInOnePass(database: TestDatabase) async throws {
        // Most of the file before the false tag, so the search for a cut starts before it.
        let padding = String(repeating: "x", count: 20_000)
        let comment = "<!-- \(padding) <iati-activity> -->\n"
        let cdata = Self.activity("XM-SPLIT-C", extra: "<description><narrative><![CDATA[\(padding) <iati-activity ref=\"in-cdata\">]]></narrative></description>")
        for middle in [comment, cdata] {
            let text = Self.document([Self.activity("XM-SPLIT-1"), Self.activity("XM-SPLIT-2"), middle, Self.activity("XM-SPLIT-3")])
            let path = try Self.write(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let split = try #require(FileSplit.find(path: path, size: text.utf8.count))
            let cutAt = Array(text.utf8)[split.cut..<(split.cut + 40)]
            #expect(String(decoding: cutAt, as: UTF8.self).hasPrefix("<iati-activity>") || String(decoding: cutAt, as: UTF8.self).hasPrefix("<iati-activity ref=\"in-cdata\">"))
            let error = #expect(throws: IATIXMLError.self) {
                try IATIReader().read(file: path, ranges: split.firstPart, endsBetweenElements: true) { _ in }
            }
            #expect(error?.reason == .partEnd)
            #expect(try await !Self.expectSameAsOnePass(path, on: database), "read in parts despite the cut")
        }
    }

    /// An activity in both parts: the first occurrence is kept and the second reported, as one pass does.
    @Test(arguments: TestDatabase.engines)
    func anActivityInBothPartsIsADuplicateAsInOnePass(database: TestDatabase) async throws {
        let activities = (1...6).map { Self.activity("XM-SPLIT-\($0)", title: "Activity \($0)") }
        var withDuplicate = activities
        withDuplicate[4] = Self.activity("XM-SPLIT-2", title: "Second copy")
        let path = try Self.write(Self.document(withDuplicate))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try await !Self.expectSameAsOnePass(path, on: database), "read in parts despite the duplicate")
        try await database.with { location in
            let store = try await Store.open(location)
            let report = await Importer(writer: store.writer, splitSize: 0).importFile(at: path, progress: nil)
            #expect(report.duplicates == ["XM-SPLIT-2"])
            let title = try await store.database.sql.raw("SELECT title FROM activity WHERE iati_identifier = 'XM-SPLIT-2'").first()
            #expect(try title?.decode(column: "title", as: String.self) == "Activity 2")
            await store.close()
        }
    }

    /// Malformed XML in either part fails the file with the error one pass gives: the same line.
    @Test(arguments: TestDatabase.engines)
    func malformedXMLInEitherPartFailsAsInOnePass(database: TestDatabase) async throws {
        for broken in [1, 4] {
            var activities = (1...6).map { Self.activity("XM-SPLIT-\($0)") }
            activities[broken] = activities[broken].replacingOccurrences(of: "</title>", with: "</titel>")
            let path = try Self.write(Self.document(activities))
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try await !Self.expectSameAsOnePass(path, on: database))
            try await database.with { location in
                let store = try await Store.open(location)
                let report = await Importer(writer: store.writer, splitSize: 0).importFile(at: path, progress: nil)
                await store.close()
                #expect(report.status == .failed)
                // Activity `broken` starts on line 3 + 6 × broken; its title is its fourth line.
                let line = 3 + 6 * broken + 3
                #expect(report.error?.contains(":\(line):") == true, "\(report.error ?? "no error"), expected line \(line)")
            }
        }
    }

    /// Lines and envelope elements of the second part are the file's: a one-line file, and a
    /// registry record after the activities.
    @Test(arguments: TestDatabase.engines)
    func theSecondPartKeepsTheFilesLinesAndEnvelope(database: TestDatabase) async throws {
        let activities = (1...6).map { Self.activity("XM-SPLIT-\($0)") }
        let oneLine = Self.document(activities).replacingOccurrences(of: "\n", with: " ")
        let trailing = Self.document(activities).replacingOccurrences(
            of: "</iati-activities>", with: "<registry-record name=\"after\"/></iati-activities>")
        for text in [oneLine, trailing] {
            let path = try Self.write(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try await Self.expectSameAsOnePass(path, on: database), "not read in parts")
        }
    }
}

