import Logging
import NIOCore
import PostgresNIO

/// The PostgreSQL side of the import's bulk path: rows written by `COPY`, several times faster
/// than multi-row `INSERT`s through SQLKit.
enum PostgresCopy {
    private static let logger = Logger(label: "devcoop.store")

    /// `COPY … FROM STDIN` in text format: `\`, tab, newline and CR escaped, NULL as `\N`.
    static func copy(_ rows: TableRows, into connection: PostgresConnection) async throws {
        let width = rows.table.columns.count
        try await connection.copyFrom(table: rows.table.name, columns: rows.table.columnNames, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for (index, cell) in rows.cells.enumerated() {
                if cell.isNull {
                    buffer.writeStaticString("\\N")
                } else if cell.isInteger {
                    buffer.writeString(String(cell.value))
                } else {
                    rows.bytes.withUnsafeBufferPointer { bytes in
                        Self.writeEscaped(UnsafeBufferPointer(rebasing: bytes[cell.value..<(cell.value + cell.length)]), into: &buffer)
                    }
                }
                buffer.writeInteger(UInt8(index % width == width - 1 ? 10 : 9))
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: inout ByteBuffer) {
        guard bytes.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 0 }) else {
            buffer.writeBytes(bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case 92: buffer.writeStaticString("\\\\")
            case 9: buffer.writeStaticString("\\t")
            case 10: buffer.writeStaticString("\\n")
            case 13: buffer.writeStaticString("\\r")
            case 0: break  // PostgreSQL text cannot hold NUL; XML cannot either, so none comes from a parsed file.
            default: buffer.writeInteger(byte)
            }
        }
    }
}
