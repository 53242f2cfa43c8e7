/// Writes a table as CSV (RFC 4180), streamed to a `ByteSink` as it is produced.
///
/// - UTF-8, by default preceded by a byte-order mark (EF BB BF): without it Excel reads a CSV file as
///   the machine's legacy code page and shows Chinese, Arabic or accented text as mojibake. Pass
///   `byteOrderMark: false` for programs that do not expect one.
/// - A header row first; every record ends with CRLF.
/// - A field is quoted when it holds `,` `"` CR or LF, with its quotes doubled.
/// - Formula injection is neutralised: a `.text` cell (or header) starting with `=` `+` `-` `@`, tab or CR
///   gets a leading `'`, so a spreadsheet shows it as text instead of running it. `.number`,
///   `.integer` and `.date` cells are checked to be what they say and are never prefixed,
///   so `-12.50` stays a negative number.
///
/// Memory stays flat however many rows: bytes wait in one buffer of about `chunkSize` and go to the
/// sink in chunks of exactly `chunkSize` (the last one shorter).
///
/// A writer belongs to one task: it is not `Sendable`, and its methods run on the caller's executor.
public final class CSVWriter {
    public let columns: [TabularColumn]
    private var output: ChunkedOutput
    private var rowCount = 0
    private var state = WriterState.open

    /// Starts a CSV export: the BOM and header row are produced now, and reach the sink with the first
    /// full chunk or on `finish()`.
    ///
    /// - Parameters:
    ///   - columns: at least one.
    ///   - byteOrderMark: whether to start with the UTF-8 byte-order mark (default: yes, for Excel).
    ///   - chunkSize: the size of the chunks handed to `sink` (default 64 KiB).
    ///   - sink: receives the bytes.
    /// - Throws: `TabularError` (`.columns`) when `columns` is empty.
    public init(
        columns: [TabularColumn], byteOrderMark: Bool = true, chunkSize: Int = defaultTabularChunkSize,
        sink: @escaping ByteSink
    ) throws {
        guard !columns.isEmpty else { throw TabularError(.columns, "a CSV export needs at least one column") }
        self.columns = columns
        output = ChunkedOutput(chunkSize: chunkSize, sink: sink)
        if byteOrderMark { output.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        for (index, column) in columns.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendText(column.header)
        }
        output.append(contentsOf: [0x0D, 0x0A])
    }

    /// Writes one record. Hands full chunks to the sink before returning.
    ///
    /// - Throws: `TabularError` `.cellCount` (the row is not written, the writer stays usable),
    ///   `.cellValue` (likewise), `.finished`; or what the sink threw (the writer is then unusable).
    nonisolated(nonsending) public func writeRow(_ cells: [TabularCell]) async throws {
        try state.checkOpen()
        let row = rowCount + 1
        guard cells.count == columns.count else {
            throw TabularError(.cellCount, "row \(row) has \(cells.count) cells, but the export has \(columns.count) columns")
        }
        // Checked before any byte is written, so a refused row leaves no half record behind.
        for (index, cell) in cells.enumerated() {
            try cell.validate(row: row, column: columns[index].header)
        }
        for (index, cell) in cells.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let text): appendText(text)
            case .number(let digits): output.append(contentsOf: digits.utf8)
            case .integer(let value): output.append(contentsOf: String(value).utf8)
            case .date(let day): output.append(contentsOf: day.utf8)
            case .empty: break
            }
        }
        output.append(contentsOf: [0x0D, 0x0A])
        rowCount = row
        if output.isFull {
            state = .failed
            try await output.sendFullChunks()
            state = .open
        }
    }

    /// Hands the rest to the sink. The writer cannot be used afterwards.
    nonisolated(nonsending) public func finish() async throws {
        try state.checkOpen()
        state = .failed
        try await output.sendAll()
        state = .finished
    }

    /// Records written so far, not counting the header.
    public var rowsWritten: Int { rowCount }

    /// Bytes produced so far, including those still waiting for a full chunk.
    public var bytesWritten: Int { output.position }

    /// The memory held by bytes waiting for the sink (for tests of flat memory).
    var bufferCapacity: Int { output.capacity }

    /// A text field: prefixed against formula injection, quoted when needed.
    private func appendText(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let first = bytes.first else { return }
            let prefix = CSVWriter.startsFormula(first)
            var needsQuotes = false
            for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                if prefix { output.append(UInt8(ascii: "'")) }
                output.append(UnsafeRawBufferPointer(bytes))
                return
            }
            output.append(UInt8(ascii: "\""))
            if prefix { output.append(UInt8(ascii: "'")) }
            var runStart = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\"") {
                // Copy through this quote, then add its double.
                output.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart...index]))
                output.append(UInt8(ascii: "\""))
                runStart = index + 1
            }
            output.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart...]))
            output.append(UInt8(ascii: "\""))
        }
    }

    /// `=` `+` `-` `@` tab and CR start a formula in Excel, LibreOffice or Google Sheets.
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }
}

/// Where a writer is in its life: usable, finished, or broken by an error that left partial output.
enum WriterState {
    case open, finished, failed

    func checkOpen() throws {
        switch self {
        case .open: return
        case .finished: throw TabularError(.finished, "the export is already finished")
        case .failed: throw TabularError(.finished, "the export stopped at an earlier error and cannot go on")
        }
    }
}

extension TabularCell {
    /// Throws `.cellValue` when a `.number` or `.date` is not what it promises.
    func validate(row: Int, column: String) throws {
        switch self {
        case .number(let digits) where !TabularCell.isPlainDecimal(digits):
            throw TabularError(
                .cellValue,
                "row \(row), column \"\(column)\": \"\(digits.prefix(40))\" is not a plain decimal number (like -1234.50)")
        case .date(let day) where TabularCell.day(day) == nil:
            throw TabularError(.cellValue, "row \(row), column \"\(column)\": \"\(day.prefix(40))\" is not a YYYY-MM-DD day")
        default:
            return
        }
    }
}

/// A writer is used by one task at a time and never shared: it is deliberately not `Sendable`.
@available(*, unavailable)
extension CSVWriter: Sendable {}
