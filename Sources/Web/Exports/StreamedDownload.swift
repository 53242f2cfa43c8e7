import AsyncAlgorithms
import Hummingbird
import Tabular

/// A download written while it is sent: a producer writes into a `ByteSink`, and each chunk goes to
/// the client before the producer may write the next (a channel without a buffer), so a slow client
/// slows the export instead of letting it pile up in memory, and the first bytes leave at once.
/// When the client goes away, the producer is cancelled.
enum StreamedDownload {
    /// The formats of tables.
    enum TableFormat: String, CaseIterable, Sendable {
        case csv, xlsx

        var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// A response whose body `produce` writes into the sink it is given.
    static func response(
        contentType: String, fileName: String, produce: @escaping @Sendable (@escaping ByteSink) async throws -> Void
    ) -> Response {
        let body = ResponseBody { writer in
            let channel = AsyncThrowingChannel<ArraySlice<UInt8>, any Error>()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await produce { chunk in await channel.send(chunk) }
                        channel.finish()
                    } catch {
                        channel.fail(error)
                    }
                }
                for try await chunk in channel {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await group.waitForAll()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [
            .contentType: contentType,
            .contentDisposition: "attachment; filename=\"\(fileName)\"",
            .cacheControl: "no-store",
        ], body: body)
    }

    /// A table as CSV or XLSX: `rows` calls `write` with batches of rows, one cell per column.
    static func table(
        _ format: TableFormat, fileName: String, sheetName: String, columns: [TabularColumn],
        rows: @escaping @Sendable (_ write: ([[TabularCell]]) async throws -> Void) async throws -> Void
    ) -> Response {
        response(contentType: format.contentType, fileName: fileName + "." + format.rawValue) { sink in
            switch format {
            case .csv:
                let writer = try CSVWriter(columns: columns, sink: sink)
                try await rows { batch in for row in batch { try await writer.writeRow(row) } }
                try await writer.finish()
            case .xlsx:
                let writer = try XLSXWriter(sheetName: sheetName, columns: columns, sink: sink)
                try await rows { batch in for row in batch { try await writer.writeRow(row) } }
                try await writer.finish()
            }
        }
    }
}
