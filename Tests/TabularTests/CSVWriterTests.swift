import Foundation
import TestSupport
import Testing

@testable import Tabular

@Suite("CSVWriter")
struct CSVWriterTests {
    static let columns = [
        TabularColumn(header: "Title", kind: .text),
        TabularColumn(header: "Budget (USD)", kind: .number),
        TabularColumn(header: "Year", kind: .integer),
        TabularColumn(header: "Start", kind: .date),
    ]

    /// The whole export of these rows, as bytes.
    static func export(_ rows: [[TabularCell]], byteOrderMark: Bool = true, columns: [TabularColumn] = columns)
        async throws -> [UInt8]
    {
        let collector = ChunkCollector()
        let writer = try CSVWriter(columns: columns, byteOrderMark: byteOrderMark, sink: collector.sink)
        for row in rows { try await writer.writeRow(row) }
        try await writer.finish()
        return collector.bytes
    }

    @Test func headerRowBOMAndCRLF() async throws {
        let bytes = try await Self.export([[.text("Water"), .number("1200.50"), .integer(2024), .date("2024-05-01")]])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "Title,Budget (USD),Year,Start\r\nWater,1200.50,2024,2024-05-01\r\n")
    }

    @Test func withoutByteOrderMark() async throws {
        let bytes = try await Self.export([], byteOrderMark: false)
        #expect(String(decoding: bytes, as: UTF8.self) == "Title,Budget (USD),Year,Start\r\n")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("crlf\r\ninside", "\"crlf\r\ninside\""),
        ("  spaces kept  ", "  spaces kept  "),
        ("semi;colon", "semi;colon"),
        ("", ""),
    ])
    func quoting(_ value: String, _ expected: String) async throws {
        let bytes = try await Self.export(
            [[.text(value)]], byteOrderMark: false, columns: [TabularColumn(header: "H", kind: .text)])
        #expect(String(decoding: bytes, as: UTF8.self) == "H\r\n\(expected)\r\n")
    }

    @Test(arguments: [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "\"'\rCR\""),
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("=a,b", "\"'=a,b\""),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
    ])
    func formulaInjectionIsNeutralised(_ value: String, _ expected: String) async throws {
        let bytes = try await Self.export(
            [[.text(value)]], byteOrderMark: false, columns: [TabularColumn(header: "H", kind: .text)])
        #expect(String(decoding: bytes, as: UTF8.self) == "H\r\n\(expected)\r\n")
    }

    @Test func typedCellsAreNeverPrefixed() async throws {
        let bytes = try await Self.export([[.text("-5"), .number("-184077000.25"), .integer(-3), .empty]], byteOrderMark: false)
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("\r\n'-5,-184077000.25,-3,\r\n"))
    }

    @Test func headersAreNeutralisedToo() async throws {
        let bytes = try await Self.export([], byteOrderMark: false, columns: [TabularColumn(header: "=cmd|' /C calc'!A0", kind: .text)])
        #expect(String(decoding: bytes, as: UTF8.self) == "'=cmd|' /C calc'!A0\r\n")
    }

    @Test func chineseTextRoundTripsByteExact() async throws {
        let title = "为妇女创造体面工作：促进就业与社会保护（第二阶段）"
        let bytes = try await Self.export([[.text(title), .number("0.5"), .integer(1), .date("2023-12-31")]], byteOrderMark: true)
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Title,Budget (USD),Year,Start\r\n".utf8) + Array(title.utf8)
            + Array(",0.5,1,2023-12-31\r\n".utf8)
        #expect(bytes == expected)
    }

    @Test func parserReadsBackTheSameCells() async throws {
        let rows: [[TabularCell]] = [
            [.text("Décent work, 体面劳动 \"ILO\"\r\nline 2"), .number("184077000.25"), .integer(2024), .date("2024-02-29")],
            [.text("<script>alert('x')</script>&"), .number("-0.01"), .integer(Int.min), .empty],
            [.empty, .empty, .empty, .empty],
            [.text("emoji 🌍 and tab\tinside"), .number("12345678901234567890.123456789"), .integer(Int.max), .date("1899-12-31")],
        ]
        let bytes = try await Self.export(rows)
        let records = try parseCSV(String(decoding: bytes.dropFirst(3), as: UTF8.self))
        #expect(records.count == rows.count + 1)
        #expect(records[0] == Self.columns.map(\.header))
        for (record, row) in zip(records.dropFirst(), rows) {
            let expected = row.map { cell -> String in
                switch cell {
                case .text(let text): text
                case .number(let digits): digits
                case .integer(let value): String(value)
                case .date(let day): day
                case .empty: ""
                }
            }
            #expect(record == expected)
        }
    }

    @Test func wrongCellCountIsRefusedAndTheWriterGoesOn() async throws {
        let collector = ChunkCollector()
        let writer = try CSVWriter(columns: Self.columns, byteOrderMark: false, sink: collector.sink)
        await #expect(throws: TabularError(.cellCount, "row 1 has 2 cells, but the export has 4 columns")) {
            try await writer.writeRow([.text("a"), .text("b")])
        }
        try await writer.writeRow([.text("a"), .empty, .empty, .empty])
        try await writer.finish()
        #expect(String(decoding: collector.bytes, as: UTF8.self) == "Title,Budget (USD),Year,Start\r\na,,,\r\n")
    }

    @Test(arguments: ["1e5", "+1", "1,000.00", "", "-", ".5", "5.", "1.2.3", " 1", "=1+1", "NaN", "١٢"])
    func malformedNumbersAreRefused(_ digits: String) async throws {
        let writer = try CSVWriter(columns: [TabularColumn(header: "N", kind: .number)], sink: { _ in })
        let error = await #expect(throws: TabularError.self) { try await writer.writeRow([.number(digits)]) }
        #expect(error?.reason == .cellValue)
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "24-01-01", "2024/01/01", "0000-01-01", "2024-1-01"])
    func malformedDatesAreRefused(_ day: String) async throws {
        let writer = try CSVWriter(columns: [TabularColumn(header: "D", kind: .date)], sink: { _ in })
        let error = await #expect(throws: TabularError.self) { try await writer.writeRow([.date(day)]) }
        #expect(error?.reason == .cellValue)
    }

    @Test func noColumnsIsRefused() {
        #expect(throws: TabularError.self) { try CSVWriter(columns: [], sink: { _ in }) }
    }

    @Test func finishedWriterRefusesRows() async throws {
        let writer = try CSVWriter(columns: Self.columns, sink: { _ in })
        try await writer.finish()
        let error = await #expect(throws: TabularError.self) { try await writer.writeRow([.empty, .empty, .empty, .empty]) }
        #expect(error?.reason == .finished)
        await #expect(throws: TabularError.self) { try await writer.finish() }
    }

    @Test func aFailingSinkStopsTheExport() async throws {
        struct Gone: Error {}
        let writer = try CSVWriter(columns: Self.columns, chunkSize: 1024, sink: { _ in throw Gone() })
        await #expect(throws: Gone.self) {
            for _ in 0..<1000 { try await writer.writeRow([.text("client went away"), .empty, .empty, .empty]) }
        }
        let error = await #expect(throws: TabularError.self) { try await writer.writeRow([.empty, .empty, .empty, .empty]) }
        #expect(error?.reason == .finished)
    }

    @Test func cancellingTheTaskStopsTheExport() async throws {
        let counter = ChunkCounter()
        let task = Task {
            let writer = try CSVWriter(columns: Self.columns, chunkSize: 1024, sink: counter.sink)
            var rows = 0
            do {
                while true {
                    try await writer.writeRow([.text("row \(rows)"), .empty, .empty, .empty])
                    rows += 1
                    if rows == 10_000 { withUnsafeCurrentTask { $0?.cancel() } }
                    if rows > 1_000_000 { return "not stopped" }
                }
            } catch is CancellationError {
                let again = await #expect(throws: TabularError.self) { try await writer.finish() }
                return again?.reason == .finished ? "stopped" : "usable after cancellation"
            }
        }
        #expect(try await task.value == "stopped")
        #expect(counter.count > 0)
    }

    @Test func streamsInChunksWithFlatMemory() async throws {
        let counter = ChunkCounter()
        let chunkSize = 64 * 1024
        let writer = try CSVWriter(columns: benchmarkColumns, chunkSize: chunkSize, sink: counter.sink)
        var firstChunkAfterRows: Int?
        var largestBuffer = 0
        let started = ContinuousClock.now
        for index in 0..<100_000 {
            try await writer.writeRow(benchmarkRow(index))
            if firstChunkAfterRows == nil, counter.count > 0 { firstChunkAfterRows = index + 1 }
            largestBuffer = max(largestBuffer, writer.bufferCapacity)
        }
        try await writer.finish()
        let elapsed = ContinuousClock.now - started
        // The first bytes leave long before the end.
        #expect(try #require(firstChunkAfterRows) < 1_000)
        #expect(counter.count > 50)
        #expect(counter.largest <= chunkSize)
        #expect(largestBuffer <= 2 * chunkSize + 4096)
        #expect(counter.total == writer.bytesWritten)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "CSV: 100,000 rows, \(counter.total) bytes in \(counter.count) chunks, \(Int(100_000 / seconds)) rows/s, "
                + "\(String(format: "%.1f", Double(counter.total) / seconds / 1e6)) MB/s (this build)")
    }
}

/// Eight columns like a dashboard's activity list.
let benchmarkColumns = [
    TabularColumn(header: "IATI identifier", kind: .text),
    TabularColumn(header: "Title", kind: .text),
    TabularColumn(header: "Country", kind: .text),
    TabularColumn(header: "Sector", kind: .text),
    TabularColumn(header: "Start", kind: .date),
    TabularColumn(header: "Year", kind: .integer),
    TabularColumn(header: "Commitment (USD)", kind: .number),
    TabularColumn(header: "Disbursement (USD)", kind: .number),
]

private let countries = ["Bangladesh", "中国", "Côte d'Ivoire", "Ethiopia", "Guatemala", "Jordan", "Viet Nam", "Zambia"]

/// A row of the benchmark table, different for each index.
func benchmarkRow(_ index: Int) -> [TabularCell] {
    [
        .text("XM-DAC-41302-\(100_000 + index)"),
        .text(index % 7 == 0 ? "促进体面劳动 \(index)" : "Decent work for youth, phase \(index % 5 + 1)"),
        .text(countries[index % countries.count]),
        .text("Employment policy and administrative management"),
        .date("20\(10 + index % 15)-0\(1 + index % 9)-1\(index % 10)"),
        .integer(2010 + index % 15),
        .number("\(index * 137 % 10_000_000).\(10 + index % 90)"),
        index % 3 == 0 ? .empty : .number("\(index * 71 % 1_000_000).5"),
    ]
}
