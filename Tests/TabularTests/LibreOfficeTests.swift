import Foundation
import TestSupport
import Testing

@testable import Tabular

/// LibreOffice's soffice, when installed (Debian: `apt-get install libreoffice-calc-nogui`).
let sofficePath: String? = {
    let candidates = [
        "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ]
    return candidates.first(where: FileManager.default.isExecutableFile)
}()

/// A real spreadsheet program opens the workbooks: LibreOffice Calc converts them to CSV headlessly.
@Suite(
    "XLSX read by LibreOffice", .serialized,
    .enabled(if: sofficePath != nil, "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"))
struct LibreOfficeTests {
    /// Converts a workbook to one CSV per sheet; `asShown` gives values as formatted, else raw values.
    static func convert(_ workbook: Data, asShown: Bool) throws -> [String: [[String]]] {
        let soffice = try #require(sofficePath)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tabular-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("export.xlsx")
        try workbook.write(to: file)
        // Comma, double quote, UTF-8, from line 1, …, as shown or not, …, every sheet to its own file.
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,\(asShown),false,false,-1"
        let (status, output) = try run(
            soffice,
            [
                "-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--norestore",
                "--convert-to", filter, "--outdir", directory.path, file.path,
            ])
        #expect(status == 0, "soffice: \(output)")
        var sheets: [String: [[String]]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".csv") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let sheet = String(name.dropFirst("export-".count).dropLast(".csv".count))
            sheets[sheet] = try parseCSV(text, bareLF: true)
        }
        #expect(!sheets.isEmpty, "soffice wrote no CSV: \(output)")
        return sheets
    }

    static let columns = [
        TabularColumn(header: "Title", kind: .text),
        TabularColumn(header: "Budget (USD)", kind: .number),
        TabularColumn(header: "Year", kind: .integer),
        TabularColumn(header: "Start", kind: .date),
    ]

    static let rows: [[TabularCell]] = [
        [.text("<script>alert(\"x\")</script> & 'quotes'"), .number("184077000.25"), .integer(2024), .date("2024-05-01")],
        [.text("为妇女创造体面工作（第二阶段）"), .number("-0.01"), .integer(-7), .date("1900-03-01")],
        [.text("  padded  "), .number("999999999999.99"), .empty, .date("1900-02-28")],
        [.text("line 1\nline 2"), .empty, .integer(1_000_000), .date("1900-01-01")],
        [.empty, .empty, .empty, .empty],
        [.text("=1+1"), .number("0"), .integer(0), .date("1899-12-31")],
        [.text("_x0041_ stays as typed"), .number("12.5"), .integer(42), .date("2099-12-31")],
        [.text("bell\u{7}and\u{0}nul dropped"), .number("1234.5"), .empty, .empty],
    ]

    /// What a spreadsheet should show of these rows, raw: numbers as numbers, dates by their format.
    static let expected: [[String]] = [
        ["Title", "Budget (USD)", "Year", "Start"],
        ["<script>alert(\"x\")</script> & 'quotes'", "184077000.25", "2024", "2024-05-01"],
        ["为妇女创造体面工作（第二阶段）", "-0.01", "-7", "1900-03-01"],
        ["  padded  ", "999999999999.99", "", "1900-02-28"],
        ["line 1\nline 2", "", "1000000", "1900-01-01"],
        ["", "", "", ""],
        ["=1+1", "0", "0", "1899-12-31"],
        ["_x0041_ stays as typed", "12.5", "42", "2099-12-31"],
        ["bellandnul dropped", "1234.5", "", ""],
    ]

    static func workbook(_ rows: [[TabularCell]], columns: [TabularColumn] = columns, rowsPerSheet: Int = XLSXWriter.maxRowsPerSheet)
        async throws -> Data
    {
        let collector = ChunkCollector()
        let writer = try XLSXWriter(
            sheetName: "Activities", columns: columns, chunkSize: 1024, rowsPerSheet: rowsPerSheet,
            maxSheetBytes: ZipStreamWriter.maxSize, modified: fixedTimestamp, sink: collector.sink)
        for row in rows { try await writer.writeRow(row) }
        try await writer.finish()
        return collector.data
    }

    @Test func readsBackTheSameCells() async throws {
        let sheets = try Self.convert(try await Self.workbook(Self.rows), asShown: false)
        let sheet = try #require(sheets["Activities"])
        #expect(sheet.count == Self.expected.count)
        for (index, (got, expected)) in zip(sheet, Self.expected).enumerated() {
            #expect(got == expected, "line \(index + 1)")
        }
    }

    @Test func formatsShowThousandsAndDays() async throws {
        let sheets = try Self.convert(try await Self.workbook(Self.rows), asShown: true)
        let sheet = try #require(sheets["Activities"])
        #expect(sheet[1] == ["<script>alert(\"x\")</script> & 'quotes'", "184,077,000.25", "2024", "2024-05-01"])
        #expect(sheet[3][1] == "999,999,999,999.99")
        #expect(sheet[4][2] == "1000000")
        #expect(sheet[8][1] == "1,234.50")
    }

    @Test func continuedSheetsAreAllThere() async throws {
        let rows = (0..<10).map { index -> [TabularCell] in [.text("row \(index)"), .integer(index)] }
        let columns = [TabularColumn(header: "Name", kind: .text), TabularColumn(header: "N", kind: .integer)]
        let sheets = try Self.convert(try await Self.workbook(rows, columns: columns, rowsPerSheet: 4), asShown: false)
        #expect(Set(sheets.keys) == ["Activities", "Activities (2)", "Activities (3)", "Activities (4)"])
        var read: [[String]] = []
        for name in ["Activities", "Activities (2)", "Activities (3)", "Activities (4)"] {
            let sheet = try #require(sheets[name])
            #expect(sheet.first == ["Name", "N"])
            read += sheet.dropFirst()
        }
        #expect(read == (0..<10).map { ["row \($0)", "\($0)"] })
    }

    @Test func aLargerExportMatchesTheCSVExport() async throws {
        let count = 20_000
        let csv = ChunkCollector()
        let csvWriter = try CSVWriter(columns: benchmarkColumns, byteOrderMark: false, sink: csv.sink)
        let xlsx = ChunkCollector()
        let xlsxWriter = try XLSXWriter(sheetName: "Activities", columns: benchmarkColumns, sink: xlsx.sink)
        for index in 0..<count {
            try await csvWriter.writeRow(benchmarkRow(index))
            try await xlsxWriter.writeRow(benchmarkRow(index))
        }
        try await csvWriter.finish()
        try await xlsxWriter.finish()
        let fromCSV = try parseCSV(String(decoding: csv.bytes, as: UTF8.self))
        let fromXLSX = try #require(try Self.convert(xlsx.data, asShown: false)["Activities"])
        #expect(fromXLSX.count == count + 1)
        var mismatches = 0
        for (line, (ours, theirs)) in zip(fromCSV, fromXLSX).enumerated() where ours != theirs {
            // LibreOffice writes raw numbers shortest: 137.10 as 137.1.
            let same = ours.count == theirs.count
                && zip(ours, theirs).allSatisfy { a, b in a == b || (Decimal(string: a) != nil && Decimal(string: a) == Decimal(string: b)) }
            if !same {
                mismatches += 1
                if mismatches <= 3 { Issue.record("line \(line + 1): \(ours) ≠ \(theirs)") }
            }
        }
        #expect(mismatches == 0)
    }
}
