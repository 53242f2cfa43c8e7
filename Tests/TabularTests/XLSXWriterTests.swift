import Foundation
import TestSupport
import Testing

@testable import Tabular

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("XLSXWriter")
struct XLSXWriterTests {
    static let columns = [
        TabularColumn(header: "Title", kind: .text),
        TabularColumn(header: "Budget (USD)", kind: .number),
        TabularColumn(header: "Year", kind: .integer),
        TabularColumn(header: "Start", kind: .date),
    ]

    static let parts = [
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
    ]

    /// The whole workbook of these rows, as bytes.
    static func export(
        _ rows: [[TabularCell]], sheetName: String = "Activities", columns: [TabularColumn] = columns,
        rowsPerSheet: Int = XLSXWriter.maxRowsPerSheet, maxSheetBytes: Int = ZipStreamWriter.maxSize
    ) async throws -> Data {
        let collector = ChunkCollector()
        let writer = try XLSXWriter(
            sheetName: sheetName, columns: columns, chunkSize: defaultTabularChunkSize, rowsPerSheet: rowsPerSheet,
            maxSheetBytes: maxSheetBytes, modified: fixedTimestamp, sink: collector.sink)
        for row in rows { try await writer.writeRow(row) }
        try await writer.finish()
        return collector.data
    }

    static let sampleRows: [[TabularCell]] = [
        [.text("<script>alert(\"x\")</script> & 'quotes'"), .number("184077000.25"), .integer(2024), .date("2024-05-01")],
        [.text("为妇女创造体面工作（第二阶段）"), .number("-0.01"), .integer(-7), .date("1900-03-01")],
        [.text("  padded  "), .number("12345678901234567890.123456789"), .empty, .date("1900-02-28")],
        [.text("line 1\nline 2\r\nline 3\ttabbed"), .empty, .integer(Int.max), .date("1900-01-01")],
        [.empty, .empty, .empty, .empty],
        [.text("=1+1"), .number("0"), .integer(0), .date("1899-12-31")],
    ]

    @Test func isAZipWhoseEveryEntryChecks() async throws {
        let data = try await Self.export(Self.sampleRows)
        #expect(data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        let entries = try unzipEntries(data)
        #expect(Set(entries.keys) == Set(Self.parts))
        if let (status, output) = try unzipTest(data) {
            #expect(status == 0, "unzip -t: \(output)")
            #expect(output.contains("No errors detected"))
        }
        if let (status, output) = try pythonZipTest(data) {
            #expect(status == 0, "python3 -m zipfile -t: \(output)")
        }
    }

    @Test func everyPartIsWellFormedXML() async throws {
        let entries = try unzipEntries(try await Self.export(Self.sampleRows))
        for (name, content) in entries {
            #expect(throws: Never.self, "\(name)") { _ = try XMLDocument(data: content) }
        }
    }

    @Test func cellsReadBackTheSame() async throws {
        let entries = try unzipEntries(try await Self.export(Self.sampleRows))
        let sheet = try SheetReading(try #require(entries["xl/worksheets/sheet1.xml"]))
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4, 5, 6, 7])

        // The header: bold inline strings.
        #expect(sheet.values(row: 1) == ["A": "Title", "B": "Budget (USD)", "C": "Year", "D": "Start"])
        #expect(sheet.rows[0].cells.allSatisfy { $0.type == "inlineStr" && $0.style == "1" })

        let first = sheet.rows[1].cells
        #expect(first.map(\.ref) == ["A2", "B2", "C2", "D2"])
        #expect(first[0].type == "inlineStr" && first[0].value == "<script>alert(\"x\")</script> & 'quotes'")
        #expect(first[1].type == "n" && first[1].style == "2" && first[1].value == "184077000.25")
        #expect(first[2].type == "n" && first[2].style == "3" && first[2].value == "2024")
        #expect(first[3].type == "n" && first[3].style == "4" && first[3].value == "45413")

        #expect(sheet.values(row: 3) == ["A": "为妇女创造体面工作（第二阶段）", "B": "-0.01", "C": "-7", "D": "61"])
        // Days before 1900-03-01 stay text: Excel and LibreOffice disagree on their serials.
        #expect(sheet.values(row: 4) == ["A": "  padded  ", "B": "12345678901234567890.123456789", "D": "1900-02-28"])
        #expect(sheet.rows[3].cells.last?.type == "inlineStr")
        #expect(sheet.values(row: 5) == ["A": "line 1\nline 2\r\nline 3\ttabbed", "C": String(Int.max), "D": "1900-01-01"])
        #expect(sheet.rows[5].cells.isEmpty)
        // Inline strings are never formulas: no prefix.
        #expect(sheet.values(row: 7) == ["A": "=1+1", "B": "0", "C": "0", "D": "1899-12-31"])
        #expect(sheet.rows[6].cells[3].type == "inlineStr")
    }

    @Test(arguments: [
        ("1900-03-01", 61), ("1900-03-02", 62), ("1970-01-01", 25569), ("2000-01-01", 36526),
        ("2024-02-29", 45351), ("9999-12-31", 2_958_465),
    ])
    func excelSerialDays(_ day: String, _ serial: Int) throws {
        let parts = try #require(TabularCell.day(day))
        #expect(TabularCell.excelSerial(year: parts.year, month: parts.month, day: parts.day) == serial)
    }

    @Test(arguments: ["1900-02-28", "1900-01-01", "1899-12-31", "0001-01-01"])
    func noSerialBeforeMarch1900(_ day: String) throws {
        let parts = try #require(TabularCell.day(day))
        #expect(TabularCell.excelSerial(year: parts.year, month: parts.month, day: parts.day) == nil)
    }

    @Test func rawSheetXMLIsEscapedAsExpected() async throws {
        let entries = try unzipEntries(try await Self.export(Self.sampleRows))
        let xml = String(decoding: try #require(entries["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        #expect(xml.contains(#"<c r="A2" t="inlineStr"><is><t>&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'quotes'</t></is></c>"#))
        #expect(xml.contains(#"<c r="B2" s="2" t="n"><v>184077000.25</v></c>"#))
        #expect(xml.contains(#"<t xml:space="preserve">  padded  </t>"#))
        #expect(xml.contains("line 2&#13;\nline 3\ttabbed"))
    }

    @Test func charactersXMLForbidsAreDropped() async throws {
        let text = "a\u{0}b\u{1}c\u{B}d\u{C}e\u{1F}f\u{FFFE}g\u{FFFF}h\u{7F}i"
        let data = try await Self.export([[.text(text), .empty, .empty, .empty]])
        let sheet = try SheetReading(try #require(try unzipEntries(data)["xl/worksheets/sheet1.xml"]))
        #expect(sheet.values(row: 2)["A"] == "abcdefgh\u{7F}i")
    }

    @Test func excelEscapesInTextAreThemselvesEscaped() async throws {
        let data = try await Self.export([[.text("_x0041_ and _x00e9_ but not _x004_ or _xZZZZ_"), .empty, .empty, .empty]])
        let xml = String(decoding: try #require(try unzipEntries(data)["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        #expect(xml.contains("<t>_x005F_x0041_ and _x005F_x00e9_ but not _x004_ or _xZZZZ_</t>"))
    }

    @Test func longTextIsTruncatedToExcelsLimit() async throws {
        let long = String(repeating: "x", count: 32_766) + "🌍" + "tail"
        let cjk = String(repeating: "体", count: 40_000)
        let data = try await Self.export([[.text(long), .empty, .empty, .empty], [.text(cjk), .empty, .empty, .empty]])
        let sheet = try SheetReading(try #require(try unzipEntries(data)["xl/worksheets/sheet1.xml"]))
        // The emoji would straddle the limit: it goes whole.
        #expect(sheet.values(row: 2)["A"] == String(repeating: "x", count: 32_766))
        #expect(sheet.values(row: 3)["A"] == String(repeating: "体", count: 32_767))
        #expect("short".truncated(toUTF16: 32_767) == "short")
    }

    @Test func sheetHasFrozenHeaderWidthsAndAutofilter() async throws {
        let entries = try unzipEntries(try await Self.export(Self.sampleRows))
        let sheet = try SheetReading(try #require(entries["xl/worksheets/sheet1.xml"]))
        let pane = try #require(sheet.firstElement("sheetViews")?.elements(forName: "sheetView").first?.elements(forName: "pane").first)
        #expect(pane.value(of: "ySplit") == "1")
        #expect(pane.value(of: "state") == "frozen")
        #expect(pane.value(of: "topLeftCell") == "A2")
        let cols = try #require(sheet.firstElement("cols")).elements(forName: "col")
        #expect(cols.count == 4)
        #expect(cols.allSatisfy { Double($0.value(of: "width") ?? "") ?? 0 >= 10 })
        #expect(cols[1].value(of: "style") == "2")
        #expect(sheet.firstElement("autoFilter")?.value(of: "ref") == "A1:D7")
        // Schema order: sheetViews, sheetFormatPr, cols, sheetData, autoFilter.
        let order = sheet.document.rootElement()?.children?.compactMap(\.name)
        #expect(order == ["sheetViews", "sheetFormatPr", "cols", "sheetData", "autoFilter"])
    }

    @Test func stylesHaveBoldHeaderThousandsAndDates() async throws {
        let entries = try unzipEntries(try await Self.export([]))
        let styles = try XMLDocument(data: try #require(entries["xl/styles.xml"]))
        let root = try #require(styles.rootElement())
        let formats = root.elements(forName: "numFmts").first?.elements(forName: "numFmt") ?? []
        let codes = Dictionary(
            uniqueKeysWithValues: formats.map {
                ($0.value(of: "numFmtId")!, $0.value(of: "formatCode")!)
            })
        #expect(codes == ["164": "#,##0.00", "165": "yyyy-mm-dd"])
        let fonts = root.elements(forName: "fonts").first?.elements(forName: "font") ?? []
        let xfs = root.elements(forName: "cellXfs").first?.elements(forName: "xf") ?? []
        #expect(xfs.count == 5)
        func attribute(_ xf: Int, _ name: String) -> String? { xfs[xf].value(of: name) }
        let headerFont = try #require(Int(attribute(1, "fontId") ?? ""))
        #expect(fonts[headerFont].elements(forName: "b").count == 1)
        #expect(attribute(2, "numFmtId") == "164")
        #expect(attribute(3, "numFmtId") == "1")
        #expect(attribute(4, "numFmtId") == "165")
    }

    @Test func workbookRelationshipsAndContentTypesAgree() async throws {
        let entries = try unzipEntries(try await Self.export([], sheetName: "Donors: 2024/25 [draft]"))
        let workbook = try XMLDocument(data: try #require(entries["xl/workbook.xml"]))
        let sheets = workbook.rootElement()?.elements(forName: "sheets").first?.elements(forName: "sheet") ?? []
        #expect(sheets.map { $0.value(of: "name") } == ["Donors_ 2024_25 _draft_"])
        let definedName = workbook.rootElement()?.elements(forName: "definedNames").first?.elements(forName: "definedName").first
        #expect(definedName?.value(of: "name") == "_xlnm._FilterDatabase")
        #expect(definedName?.stringValue == "'Donors_ 2024_25 _draft_'!$A$1:$D$1")

        let relationships = try XMLDocument(data: try #require(entries["xl/_rels/workbook.xml.rels"]))
        let targets = (relationships.rootElement()?.elements(forName: "Relationship") ?? []).compactMap {
            $0.value(of: "Target")
        }
        #expect(Set(targets) == ["worksheets/sheet1.xml", "styles.xml"])
        let rootRelationships = try XMLDocument(data: try #require(entries["_rels/.rels"]))
        #expect(rootRelationships.rootElement()?.elements(forName: "Relationship").first?.value(of: "Target") == "xl/workbook.xml")

        let types = try XMLDocument(data: try #require(entries["[Content_Types].xml"]))
        let overrides = (types.rootElement()?.elements(forName: "Override") ?? []).compactMap {
            $0.value(of: "PartName")
        }
        #expect(Set(overrides) == ["/xl/workbook.xml", "/xl/styles.xml", "/xl/worksheets/sheet1.xml"])
    }

    @Test(arguments: [
        ("Activities", "Activities"),
        ("a[b]c:d*e?f/g\\h", "a_b_c_d_e_f_g_h"),
        ("'quoted'", "quoted"),
        ("", "Sheet1"),
        ("   ", "Sheet1"),
        ("history", "history_"),
        (String(repeating: "名", count: 40), String(repeating: "名", count: 31)),
        ("Tab\there", "Tabhere"),
    ])
    func sheetNamesAreSanitised(_ name: String, _ expected: String) {
        #expect(XLSXWriter.sanitizedSheetName(name) == expected)
    }

    @Test func columnNames() {
        #expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].map(XLSXWriter.columnName) == [
            "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD",
        ])
    }

    @Test func pastASheetsRowsTheExportGoesOnInANewSheet() async throws {
        let rows = (0..<12).map { index -> [TabularCell] in [.text("row \(index)"), .integer(index)] }
        let columns = [TabularColumn(header: "Name", kind: .text), TabularColumn(header: "N", kind: .integer)]
        let data = try await Self.export(rows, sheetName: String(repeating: "S", count: 31), columns: columns, rowsPerSheet: 5)
        let entries = try unzipEntries(data)
        let names = (1...3).map { "xl/worksheets/sheet\($0).xml" }
        #expect(Set(entries.keys) == Set(Self.parts + names.dropFirst()))
        var read: [String] = []
        for name in names {
            let sheet = try SheetReading(try #require(entries[name]))
            #expect(sheet.values(row: 1) == ["A": "Name", "B": "N"], "header repeated in \(name)")
            #expect(sheet.rows.count == 5)
            read += sheet.rows.dropFirst().map { $0.cells[0].value }
            #expect(sheet.firstElement("autoFilter")?.value(of: "ref") == "A1:B5")
        }
        #expect(read == (0..<12).map { "row \($0)" })
        let workbook = try XMLDocument(data: try #require(entries["xl/workbook.xml"]))
        let sheets = workbook.rootElement()?.elements(forName: "sheets").first?.elements(forName: "sheet") ?? []
        let long = String(repeating: "S", count: 27)
        #expect(sheets.compactMap { $0.value(of: "name") } == [String(repeating: "S", count: 31), long + " (2)", long + " (3)"])
        let types = String(decoding: try #require(entries["[Content_Types].xml"]), as: UTF8.self)
        #expect(names.allSatisfy { types.contains("/\($0)") })
    }

    @Test func beforeASheetsXMLWouldPassTheZipLimitTheExportGoesOnInANewSheet() async throws {
        let rows = (0..<100).map { index -> [TabularCell] in [.text(String(repeating: "x", count: 100) + "\(index)")] }
        let data = try await Self.export(
            rows, columns: [TabularColumn(header: "T", kind: .text)], maxSheetBytes: 4_000)
        let entries = try unzipEntries(data)
        let sheetNames = entries.keys.filter { $0.hasPrefix("xl/worksheets/") }
        #expect(sheetNames.count > 3)
        var read: [String] = []
        for index in 1...sheetNames.count {
            let content = try #require(entries["xl/worksheets/sheet\(index).xml"])
            #expect(content.count <= 4_000)
            read += try SheetReading(content).rows.dropFirst().map { $0.cells[0].value }
        }
        #expect(read == rows.map { if case .text(let text) = $0[0] { text } else { "" } })
    }

    @Test func columnsAreChecked() async throws {
        #expect(throws: TabularError.self) { try XLSXWriter(sheetName: "S", columns: [], sink: { _ in }) }
        let tooMany = (0...XLSXWriter.maxColumns).map { TabularColumn(header: "c\($0)", kind: .text) }
        let error = #expect(throws: TabularError.self) { try XLSXWriter(sheetName: "S", columns: tooMany, sink: { _ in }) }
        #expect(error?.reason == .columns)
        let writer = try XLSXWriter(sheetName: "S", columns: Self.columns, sink: { _ in })
        let cellCount = await #expect(throws: TabularError.self) { try await writer.writeRow([.empty]) }
        #expect(cellCount?.message == "row 1 has 1 cells, but the export has 4 columns")
        let value = await #expect(throws: TabularError.self) {
            try await writer.writeRow([.empty, .number("1,5"), .empty, .empty])
        }
        #expect(value?.reason == .cellValue)
        // A refused row leaves the writer usable and the workbook whole.
        try await writer.writeRow([.text("ok"), .empty, .empty, .empty])
        try await writer.finish()
        #expect(writer.rowsWritten == 1)
    }

    @Test func sameRowsGiveTheSameBytes() async throws {
        let first = try await Self.export(Self.sampleRows)
        let second = try await Self.export(Self.sampleRows)
        #expect(first == second)
    }

    @MainActor @Test func usableFromAnActor() async throws {
        let collector = ChunkCollector()
        let writer = try XLSXWriter(sheetName: "Main", columns: Self.columns, sink: collector.sink)
        try await writer.writeRow([.text("on the main actor"), .empty, .empty, .empty])
        try await writer.finish()
        let exporter = Exporter()
        let bytes = try await exporter.export()
        #expect(try unzipEntries(Data(bytes)).count == Self.parts.count)
        #expect(try unzipEntries(collector.data).count == Self.parts.count)
    }

    @Test func streams200000RowsWithFlatMemory() async throws {
        let collector = ChunkCollector()
        let chunkSize = 64 * 1024
        let writer = try XLSXWriter(sheetName: "Activities", columns: benchmarkColumns, chunkSize: chunkSize, sink: collector.sink)
        var firstChunkAfterRows: Int?
        var largestBuffer = 0
        let started = ContinuousClock.now
        for index in 0..<200_000 {
            try await writer.writeRow(benchmarkRow(index))
            if firstChunkAfterRows == nil, !collector.sizes.isEmpty { firstChunkAfterRows = index + 1 }
            if index % 100 == 0 { largestBuffer = max(largestBuffer, writer.bufferCapacity) }
        }
        try await writer.finish()
        let elapsed = ContinuousClock.now - started
        let sizes = collector.sizes
        #expect(try #require(firstChunkAfterRows) < 20_000)
        #expect(sizes.count > 20)
        #expect(sizes.dropLast().allSatisfy { $0 == chunkSize })
        #expect(sizes.max()! <= chunkSize)
        #expect(largestBuffer < 4 * chunkSize + 128 * 1024)
        let total = sizes.reduce(0, +)
        #expect(total == writer.bytesWritten)
        #expect(total < 20_000_000, "200,000 rows compress to \(total) bytes")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "XLSX: 200,000 rows, \(total) bytes in \(sizes.count) chunks, \(Int(200_000 / seconds)) rows/s, "
                + "\(String(format: "%.1f", Double(total) / seconds / 1e6)) MB/s of output (this build)")

        // Every row is there, and a few are exactly what was written.
        let entries = try unzipEntries(collector.data)
        let sheet = try #require(entries["xl/worksheets/sheet1.xml"])
        let counter = SheetScanner(sample: [2, 1_001, 200_001])
        // From a stream: given 95 MB as one piece, FoundationXML's parser stops with an internal error.
        let parser = XMLParser(stream: InputStream(data: sheet))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.rows == 200_001)
        #expect(counter.lastRowNumber == 200_001)
        for (row, index) in [(2, 0), (1_001, 999), (200_001, 199_999)] {
            let cells = benchmarkRow(index)
            let expected = cells.map { cell -> String? in
                switch cell {
                case .text(let text): text
                case .number(let digits): digits
                case .integer(let value): String(value)
                case .date(let day):
                    TabularCell.day(day).flatMap { TabularCell.excelSerial(year: $0.year, month: $0.month, day: $0.day) }
                        .map(String.init)
                case .empty: nil
                }
            }
            let letters = (0..<8).map(XLSXWriter.columnName)
            let got = counter.sampled[row] ?? [:]
            #expect(letters.map { got[$0] } == expected, "row \(row)")
        }
    }
}

/// An actor that exports: the writer lives inside one of its methods.
actor Exporter {
    var exported = 0

    func export() async throws -> [UInt8] {
        let collector = ChunkCollector()
        let writer = try CSVWriter(columns: [TabularColumn(header: "N", kind: .integer)], sink: collector.sink)
        let xlsx = try XLSXWriter(sheetName: "N", columns: [TabularColumn(header: "N", kind: .integer)], sink: collector.sink)
        for index in 0..<10 {
            try await writer.writeRow([.integer(index)])
            exported += 1
        }
        try await writer.finish()
        let second = ChunkCollector()
        let other = try XLSXWriter(sheetName: "N", columns: XLSXWriterTests.columns, sink: second.sink)
        try await other.writeRow([.text("from an actor"), .empty, .empty, .empty])
        try await other.finish()
        _ = xlsx
        return second.bytes
    }
}

/// Counts a worksheet's rows with a SAX parser and keeps the values of a few.
final class SheetScanner: NSObject, XMLParserDelegate {
    let sample: Set<Int>
    var rows = 0
    var lastRowNumber = 0
    var sampled: [Int: [String: String]] = [:]
    private var cellColumn: String?
    private var text = ""

    init(sample: Set<Int>) { self.sample = sample }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "row":
            rows += 1
            lastRowNumber = Int(attributes["r"] ?? "") ?? -1
        case "c" where sample.contains(lastRowNumber):
            cellColumn = String((attributes["r"] ?? "").prefix { $0.isLetter })
            text = ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if cellColumn != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "c", let column = cellColumn {
            sampled[lastRowNumber, default: [:]][column] = text
            cellColumn = nil
        }
    }
}
