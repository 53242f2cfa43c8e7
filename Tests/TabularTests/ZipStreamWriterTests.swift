import Foundation
import TestSupport
import Testing

@testable import Tabular

@Suite("ZipStreamWriter and chunking")
struct ZipStreamWriterTests {
    static func writer(_ collector: ChunkCollector, sizeLimit: Int = ZipStreamWriter.maxSize) throws -> ZipStreamWriter {
        try ZipStreamWriter(
            output: ChunkedOutput(chunkSize: defaultTabularChunkSize, sink: collector.sink), level: 6,
            modified: fixedTimestamp, sizeLimit: sizeLimit)
    }

    @Test func entriesRoundTrip() async throws {
        let collector = ChunkCollector()
        let zip = try Self.writer(collector)
        let contents: [String: [UInt8]] = [
            "empty.txt": [],
            "text/名前.txt": Array("体面劳动 ".utf8) + Array(repeating: UInt8(ascii: "x"), count: 200_000),
            "random.bin": (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) },
        ]
        for name in contents.keys.sorted() {
            try zip.beginEntry(name)
            // In uneven pieces, as a sheet's XML comes.
            var rest = contents[name]![...]
            while !rest.isEmpty {
                let piece = rest.prefix(7_919)
                try zip.write(Array(piece))
                rest = rest.dropFirst(piece.count)
            }
            try zip.endEntry()
        }
        try zip.finish()
        try await zip.output.sendAll()
        let entries = try unzipEntries(collector.data)
        #expect(entries.mapValues { [UInt8]($0) } == contents)
        if let (status, output) = try unzipTest(collector.data) { #expect(status == 0, "\(output)") }
        if let (status, output) = try pythonZipTest(collector.data) { #expect(status == 0, "\(output)") }
    }

    @Test func refusesMoreEntriesThanZipWithoutZip64Holds() async throws {
        let collector = ChunkCollector()
        let zip = try Self.writer(collector)
        for index in 0..<ZipStreamWriter.maxEntries {
            try zip.beginEntry("e\(index)")
            try zip.endEntry()
            if zip.output.isFull { try await zip.output.sendFullChunks() }
        }
        let error = #expect(throws: TabularError.self) { try zip.beginEntry("one too many") }
        #expect(error?.reason == .limit)
        #expect(error?.message.contains("ZIP64") == true)
        try zip.finish()
        try await zip.output.sendAll()
        #expect(try unzipEntries(collector.data).count == ZipStreamWriter.maxEntries)
    }

    @Test func refusesAnEntryPastTheSizeLimit() throws {
        let zip = try Self.writer(ChunkCollector(), sizeLimit: 1_000)
        try zip.beginEntry("big")
        try zip.write([UInt8](repeating: 1, count: 1_000))
        let error = #expect(throws: TabularError.self) { try zip.write([1]) }
        #expect(error?.reason == .limit)
        #expect(error?.message == "the zip entry big would pass 4 GiB, which needs ZIP64")
    }

    @Test func refusesAnArchivePastTheSizeLimit() throws {
        let zip = try Self.writer(ChunkCollector(), sizeLimit: 1_000)
        let error = #expect(throws: TabularError.self) {
            for index in 0..<100 {
                try zip.beginEntry("entry-\(index)")
                try zip.endEntry()
            }
        }
        #expect(error?.message == "the archive would pass 4 GiB, which needs ZIP64")
    }

    @Test func dosTimestamps() {
        // 2025-03-14 15:09:26 UTC.
        let stamp = DOSTimestamp(secondsSince1970: 1_741_964_966)
        #expect(stamp.date == UInt16((2025 - 1980) << 9 | 3 << 5 | 14))
        #expect(stamp.time == UInt16(15 << 11 | 9 << 5 | 26 / 2))
        let epoch = DOSTimestamp(secondsSince1970: 0)
        #expect(epoch.date == 1 << 5 | 1 && epoch.time == 0)
        let leap = DOSTimestamp(secondsSince1970: 951_825_599)  // 2000-02-29 11:59:59
        #expect(leap.date == UInt16(20 << 9 | 2 << 5 | 29) && leap.time == UInt16(11 << 11 | 59 << 5 | 29))
    }

    @Test(arguments: [1, 7, 4_096])
    func chunkSizeChangesOnlyTheCuts(_ chunkSize: Int) async throws {
        let rows = (0..<500).map(benchmarkRow)
        func csv(_ chunkSize: Int) async throws -> ([UInt8], [Int]) {
            let collector = ChunkCollector()
            let writer = try CSVWriter(columns: benchmarkColumns, chunkSize: chunkSize, sink: collector.sink)
            for row in rows { try await writer.writeRow(row) }
            try await writer.finish()
            return (collector.bytes, collector.sizes)
        }
        func xlsx(_ chunkSize: Int) async throws -> ([UInt8], [Int]) {
            let collector = ChunkCollector()
            let writer = try XLSXWriter(
                sheetName: "S", columns: benchmarkColumns, chunkSize: chunkSize, rowsPerSheet: XLSXWriter.maxRowsPerSheet,
                maxSheetBytes: ZipStreamWriter.maxSize, modified: fixedTimestamp, sink: collector.sink)
            for row in rows { try await writer.writeRow(row) }
            try await writer.finish()
            return (collector.bytes, collector.sizes)
        }
        for (small, large) in [(try await csv(chunkSize), try await csv(1 << 20)), (try await xlsx(chunkSize), try await xlsx(1 << 20))] {
            #expect(small.0 == large.0)
            #expect(small.1.dropLast().allSatisfy { $0 == chunkSize })
            #expect(small.1.last! <= chunkSize && small.1.last! > 0)
            #expect(large.1.count == 1)
        }
    }
}
