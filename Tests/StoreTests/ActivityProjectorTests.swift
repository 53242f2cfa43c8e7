import Foundation
import IATI
import IATIXML
import TestSupport
import Testing
@testable import Store

/// The import's hot path builds rows from the parser's events; the model builds them from the
/// tree. Both must give the same rows.
@Suite struct ActivityProjectorTests {
    /// Every table's rows as plain cells, in order.
    static func cells(_ batch: ImportBatch) -> [String: [[Cell]]] {
        var tables: [String: [[Cell]]] = [:]
        for rows in batch.rows {
            let width = rows.table.columns.count
            tables[rows.table.name] = stride(from: 0, to: rows.cells.count, by: width).map { start in
                rows.cells[start..<(start + width)].map { cell in
                    if cell.isNull { return .null }
                    if cell.isInteger { return .integer(cell.value) }
                    return .text(rows.text(cell)!)
                }
            }
        }
        return tables
    }

    /// Rows of every activity through the projector, and through the model, keyed the same way.
    static func bothWays(_ bytes: [UInt8], name: String) throws -> (projected: ImportBatch, modelled: ImportBatch, projectedCount: Int) {
        let projector = ActivityProjector()
        var projectedCount = 0
        try IATIReader().read(bytes: bytes, name: name, contentHandler: projector) { event in
            guard case .activity(let element) = event else { return }
            if let summary = projector.pending {
                projectedCount += 1
                let key = ActivityKey(reportingOrg: summary.reportingOrg ?? "", identifier: summary.identifier ?? "")
                projector.commit(id: projector.nextID, datasetID: 1, key: key, identifierMissing: summary.identifier == nil,
                                 element: element, version: "2.03")
            } else {
                let activity = Activity(node: element.node)
                let key = ActivityKey(reportingOrg: activity.reportingOrg?.ref ?? "", identifier: activity.iatiIdentifier ?? "")
                projector.batch.add(activity, element: element, key: key, identifierMissing: activity.iatiIdentifier == nil,
                                    id: projector.nextID, datasetID: 1, version: "2.03")
                projector.nextID += 1
            }
        }
        var modelled = ImportBatch()
        var id = 0
        try IATIReader().read(bytes: bytes, name: name) { event in
            guard case .activity(let element) = event else { return }
            let activity = Activity(node: element.node)
            let key = ActivityKey(reportingOrg: activity.reportingOrg?.ref ?? "", identifier: activity.iatiIdentifier ?? "")
            modelled.add(activity, element: element, key: key, identifierMissing: activity.iatiIdentifier == nil,
                         id: id, datasetID: 1, version: "2.03")
            id += 1
        }
        return (projector.batch, modelled, projectedCount)
    }

    static func expectSameRows(_ bytes: [UInt8], name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (projected, modelled, _) = try bothWays(bytes, name: name)
        let projectedCells = cells(projected), modelledCells = cells(modelled)
        for (table, expected) in modelledCells.sorted(by: { $0.key < $1.key }) {
            let actual = projectedCells[table] ?? []
            #expect(actual.count == expected.count, "\(name): \(table) has \(actual.count) rows, the model gives \(expected.count)", sourceLocation: sourceLocation)
            for (index, (got, want)) in zip(actual, expected).enumerated() where got != want {
                let columns = ImportBatch.Slot.allCases.first { $0.table.name == table }!.table.columnNames
                let differences = zip(columns, zip(got, want)).filter { $1.0 != $1.1 }.map { "\($0): \($1.0) ≠ model \($1.1)" }
                Issue.record("\(name): \(table) row \(index): \(differences.joined(separator: "; "))", sourceLocation: sourceLocation)
                break
            }
        }
    }

    @Test(arguments: Fixtures.samples)
    func projectedRowsEqualTheModelsRows(sample: String) throws {
        try Self.expectSameRows(Fixtures.bytes(sample), name: URL(fileURLWithPath: sample).lastPathComponent)
    }

    /// The model's reading rules, each in a small activity.
    @Test func followsTheModelsReadingRules() throws {
        let activity = """
        <?xml version="1.0"?>
        <iati-activities version="2.03" xmlns:x="http://example.org/x">
         <iati-activity default-currency=" EUR " humanitarian="1" xml:lang="fr" x:foo="bar">
          <description type="2"><narrative>late description</narrative></description>
          <iati-identifier>  </iati-identifier>
          <iati-identifier> XM-1 </iati-identifier>
          <reporting-org ref=" XM &amp; Co "><narrative>R</narrative></reporting-org>
          <reporting-org ref="second"/>
          <title>Legacy title</title>
          <title><narrative>second title</narrative></title>
          <activity-status code=""/><activity-status code=" 2 "/>
          <activity-date type="1" iso-date="2020-02-30"/><activity-date type="2" iso-date="2021-01-01T10:00:00"/>
          <activity-date type="2" iso-date="2022-01-01"/>
          <participating-org ref="A" role="1"><narrative xml:lang="en">English</narrative><narrative>Default</narrative></participating-org>
          <participating-org role="2"><narrative xml:lang="">Empty lang</narrative></participating-org>
          <sector code="111" percentage=" 1 000.5 "><x:ext>ignored</x:ext></sector>
          <transaction ref="t1">
           <value currency="USD" value-date="2020-01-01"> 1 234.50 </value>
           <value>99</value>
           <transaction-date>2020-03-04</transaction-date>
           <transaction-date iso-date="2021-01-01"/>
           <transaction-type code=""/><transaction-type code="3"/>
           <aid-type vocabulary="2"/><aid-type code="A01"/>
           <provider-org ref="P" provider-activity-id="P-1">Provider text</provider-org>
           <description><narrative xml:lang="de">Nur Deutsch</narrative></description>
          </transaction>
          <transaction><transaction-type code="4"/><value>bad</value><flow-type code="20"/></transaction>
          <default-flow-type code="10"/><default-aid-type code="B01"/>
          <budget><period-start iso-date="2020-01-01"/><value currency="GBP">10</value></budget>
          <budget><value>5</value></budget>
          <location><point><pos/><pos> 1.5 2.5 </pos></point><exactness code="1"/><administrative vocabulary="G1"/></location>
          <document-link url="http://x?a=1&amp;b=2"><title><narrative>Doc</narrative></title><category code=""/><category code="A01"/><document-date>2020-05-05</document-date></document-link>
          <result type="1"><title><narrative>R1</narrative></title>
           <indicator measure="1"><title><narrative>I1</narrative></title><baseline year="2019" value=""/>
            <period><period-start iso-date="2020-01-01"/><target value="5"/><target value="6"/><actual value=" 7 "/></period>
           </indicator>
           <indicator measure="2"/>
          </result>
         </iati-activity>
        </iati-activities>
        """
        try Self.expectSameRows(Array(activity.utf8), name: "rules")
        let (projected, _, count) = try Self.bothWays(Array(activity.utf8), name: "rules")
        #expect(count == 1)
        let tables = Self.cells(projected)
        #expect(tables["activity_transaction"]?.count == 2)
        #expect(tables["activity_transaction"]?.first?[5] == .text("1234.50"))
        #expect(tables["document_link"]?.first?[2] == .text("http://x?a=1&b=2"))
        #expect(tables["activity"]?.first?[2] == .text("XM & Co"))
    }
}
