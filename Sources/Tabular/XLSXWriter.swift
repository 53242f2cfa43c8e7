#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a table as an Excel workbook (Office Open XML, `.xlsx`), streamed to a `ByteSink` as it is produced.
///
/// The ZIP container is written front to back (entries with data descriptors, the central directory
/// last), and the worksheet row by row, so memory stays flat however many rows: about two chunks of
/// output, one of XML waiting for zlib, and zlib's own state (about 256 KiB).
///
/// The workbook:
/// - a worksheet (`xl/worksheets/sheet1.xml`, more past a sheet's rows) with a bold, frozen header row, an autofilter over
///   it, and column widths from each column's header and kind (or its `width`);
/// - text as inline strings (`t="inlineStr"`: no shared-strings table to hold in memory). Inline
///   strings are never formulas, so no formula-injection prefix is needed or added. Text over
///   32,767 characters (UTF-16 code units, Excel's limit for a cell) is truncated to that.
///   Characters XML 1.0 forbids (controls other than tab, LF and CR) are dropped; CR is kept (as `&#13;`);
/// - `.number` cells as the given digits (`<c t="n"><v>184077000.25</v></c>`) with the format
///   `#,##0.00`; Excel itself keeps 15 significant digits;
/// - `.integer` cells with the format `0` (no thousands separator: years and identifiers stay as they are);
/// - `.date` cells as Excel serial days (1900 date system) with the format `yyyy-mm-dd`; a day before
///   1900-03-01 is written as its `YYYY-MM-DD` text: Excel cannot show days before 1900, and its
///   serials for January and February 1900 name other days in LibreOffice (Excel counts a 1900-02-29).
///
/// Past Excel's 1,048,576 rows a sheet (the header and 1,048,575 rows), the export goes on in a
/// new sheet named like the first with " (2)", " (3)"… added, which repeats the header; a sheet also
/// goes on in a new one before its XML would pass 4 GiB. So there is no row cap. The archive itself
/// is plain ZIP without ZIP64: past 4 GiB of compressed output it stops with `TabularError` `.limit`.
///
/// A writer belongs to one task: it is not `Sendable`, and its methods run on the caller's executor.
public final class XLSXWriter {
    /// Excel's rows per sheet, header included.
    public static let maxRowsPerSheet = 1_048_576
    /// Excel's columns per sheet.
    public static let maxColumns = 16_384
    /// Excel's characters (UTF-16 code units) per cell.
    public static let maxCellCharacters = 32_767

    public let columns: [TabularColumn]
    /// The first sheet's name, as sanitised.
    public let sheetName: String
    private var sheetNames: [String]
    private let zip: ZipStreamWriter
    private var sheet: SheetXML
    private let rowsPerSheet: Int
    private let maxSheetBytes: Int
    /// Rows in the current sheet, header included.
    private var sheetRows = 0
    private var rowCount = 0
    private var state = WriterState.open

    /// XML is handed to zlib in pieces of this size.
    private static let xmlPiece = 64 * 1024

    /// Starts an XLSX export: the package's fixed parts and the sheet's header are produced now,
    /// and reach the sink with the first full chunk or on `finish()`.
    ///
    /// - Parameters:
    ///   - sheetName: the worksheet's tab name, sanitised as Excel requires: `[ ] : * ? / \` become `_`,
    ///     leading and trailing apostrophes and spaces go, at most 31 characters; empty becomes "Sheet1".
    ///   - columns: 1 to 16,384.
    ///   - chunkSize: the size of the chunks handed to `sink` (default 64 KiB).
    ///   - sink: receives the bytes.
    /// - Throws: `TabularError` (`.columns`) for no columns or more than Excel's 16,384.
    public convenience init(
        sheetName: String, columns: [TabularColumn], chunkSize: Int = defaultTabularChunkSize,
        sink: @escaping ByteSink
    ) throws {
        try self.init(
            sheetName: sheetName, columns: columns, chunkSize: chunkSize, rowsPerSheet: Self.maxRowsPerSheet,
            maxSheetBytes: ZipStreamWriter.maxSize, modified: DOSTimestamp(secondsSince1970: Int(time(nil))),
            sink: sink)
    }

    /// The full initialiser; tests lower the limits to reach them.
    init(
        sheetName: String, columns: [TabularColumn], chunkSize: Int, rowsPerSheet: Int, maxSheetBytes: Int,
        compressionLevel: Int32 = 3, modified: DOSTimestamp, sink: @escaping ByteSink
    ) throws {
        guard !columns.isEmpty else { throw TabularError(.columns, "an XLSX export needs at least one column") }
        guard columns.count <= Self.maxColumns else {
            throw TabularError(.columns, "an Excel sheet holds at most \(Self.maxColumns) columns, not \(columns.count)")
        }
        self.columns = columns
        self.rowsPerSheet = max(rowsPerSheet, 2)
        self.maxSheetBytes = maxSheetBytes
        self.sheetName = Self.sanitizedSheetName(sheetName)
        sheetNames = [self.sheetName]
        sheet = SheetXML(columnCount: columns.count)
        zip = try ZipStreamWriter(
            output: ChunkedOutput(chunkSize: chunkSize, sink: sink), level: compressionLevel, modified: modified)
        try writePart("_rels/.rels", PackageParts.rootRelationships)
        try writePart("xl/styles.xml", PackageParts.styles)
        try beginSheet()
    }

    /// Writes one row. Hands full chunks to the sink before returning.
    ///
    /// - Throws: `TabularError` `.cellCount` or `.cellValue` (the row is not written and the writer
    ///   stays usable), `.finished`, `.limit`; or what the sink threw (the writer is then unusable).
    nonisolated(nonsending) public func writeRow(_ cells: [TabularCell]) async throws {
        try state.checkOpen()
        let row = rowCount + 1
        guard cells.count == columns.count else {
            throw TabularError(.cellCount, "row \(row) has \(cells.count) cells, but the export has \(columns.count) columns")
        }
        for (index, cell) in cells.enumerated() {
            try cell.validate(row: row, column: columns[index].header)
        }
        state = .failed  // until the row is fully written
        if sheetRows >= rowsPerSheet { try nextSheet() }
        let rowStart = sheet.xml.count
        sheet.appendRow(cells, number: sheetRows + 1)
        if zip.currentEntrySize + sheet.xml.count + Self.sheetTailReserve > maxSheetBytes {
            // This row would push the sheet past what a ZIP entry can hold: it goes to a new sheet.
            sheet.xml.truncate(to: rowStart)
            guard sheetRows > 1 else {
                throw TabularError(.limit, "row \(row) alone is too large for a worksheet")
            }
            try nextSheet()
            sheet.appendRow(cells, number: sheetRows + 1)
        }
        sheetRows += 1
        rowCount = row
        if sheet.xml.count >= Self.xmlPiece { try compressXML() }
        if zip.output.isFull { try await zip.output.sendFullChunks() }
        state = .open
    }

    /// Ends the sheet, writes the workbook's remaining parts and the ZIP central directory, and
    /// hands the rest to the sink. The writer cannot be used afterwards.
    nonisolated(nonsending) public func finish() async throws {
        try state.checkOpen()
        state = .failed
        try endSheet()
        try writePart("xl/workbook.xml", PackageParts.workbook(sheetNames: sheetNames, lastRows: lastRows, columns: columns.count))
        try writePart("xl/_rels/workbook.xml.rels", PackageParts.workbookRelationships(sheets: sheetNames.count))
        try writePart("[Content_Types].xml", PackageParts.contentTypes(sheets: sheetNames.count))
        try zip.finish()
        try await zip.output.sendAll()
        state = .finished
    }

    /// Data rows written so far, not counting header rows.
    public var rowsWritten: Int { rowCount }

    /// Sheets so far: more than one once a sheet was full.
    public var sheetCount: Int { sheetNames.count }

    /// Bytes of the archive produced so far, including those still waiting for a full chunk.
    public var bytesWritten: Int { zip.output.position }

    /// The memory held by bytes waiting for the sink or for zlib (for tests of flat memory).
    var bufferCapacity: Int { zip.output.capacity + sheet.xml.bytes.capacity }

    // MARK: - Sheets

    /// Each sheet's last row, header included, for its autofilter.
    private var lastRows: [Int] = []

    /// Room kept at the end of a sheet's XML for what closes it.
    private static let sheetTailReserve = 256

    private func beginSheet() throws {
        try zip.beginEntry("xl/worksheets/sheet\(sheetNames.count).xml")
        sheet.appendStart(columns: columns, selected: sheetNames.count == 1)
        sheetRows = 1
    }

    private func endSheet() throws {
        sheet.appendEnd(lastRow: sheetRows)
        lastRows.append(sheetRows)
        try compressXML()
        try zip.endEntry()
    }

    private func nextSheet() throws {
        try endSheet()
        sheetNames.append(Self.continuationName(sheetName, number: sheetNames.count + 1))
        try beginSheet()
    }

    private func compressXML() throws {
        try zip.write(sheet.xml.bytes)
        sheet.xml.removeAll()
    }

    private func writePart(_ name: String, _ text: String) throws {
        try zip.beginEntry(name)
        try zip.write(text)
        try zip.endEntry()
    }

    // MARK: - Names, widths, styles

    /// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var letters: [UInt8] = []
        while index > 0 {
            index -= 1
            letters.append(UInt8(ascii: "A") + UInt8(index % 26))
            index /= 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// A sheet name as Excel accepts it.
    static func sanitizedSheetName(_ name: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var cleaned = String(
            name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0.value != 0xFFFE && $0.value != 0xFFFF }
                .map(Character.init)
                .map { forbidden.contains($0) ? "_" : $0 })
        while let first = cleaned.first, first == "'" || first.isWhitespace { cleaned.removeFirst() }
        cleaned = cleaned.truncated(toUTF16: 31)
        while let last = cleaned.last, last == "'" || last.isWhitespace { cleaned.removeLast() }
        if cleaned.isEmpty { return "Sheet1" }
        // Excel keeps this name for itself.
        if cleaned.lowercased() == "history" { return cleaned + "_" }
        return cleaned
    }

    /// The name of the n-th sheet of an export that goes on past a sheet's rows.
    static func continuationName(_ base: String, number: Int) -> String {
        let suffix = " (\(number))"
        var base = base.truncated(toUTF16: 31 - suffix.utf16.count)
        while let last = base.last, last == "'" || last.isWhitespace { base.removeLast() }
        return base + suffix
    }

    /// A column's width in characters: its own, or enough for its header and filter button,
    /// and at least what its kind usually needs.
    static func width(of column: TabularColumn) -> Double {
        if let width = column.width { return min(max(width, 0), 255) }
        var headerWidth = 0
        for scalar in column.header.unicodeScalars {
            // East Asian wide characters take about two columns.
            headerWidth += (0x1100...0xFFEF).contains(scalar.value) && !(0xD800...0xDFFF).contains(scalar.value) ? 2 : 1
        }
        let usual: Int
        switch column.kind {
        case .text: usual = 24
        case .number: usual = 16
        case .integer: usual = 10
        case .date: usual = 11
        }
        return Double(min(max(headerWidth + 4, usual), 60))
    }

    static func widthText(_ width: Double) -> String {
        let hundredths = Int((width * 100).rounded())
        let fraction = hundredths % 100
        return fraction == 0 ? "\(hundredths / 100)" : "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The cell style of a column's empty cells.
    static func style(of kind: TabularColumn.Kind) -> Int? {
        switch kind {
        case .text: return nil
        case .number: return 2
        case .integer: return 3
        case .date: return 4
        }
    }
}

/// A writer is used by one task at a time and never shared: it is deliberately not `Sendable`.
@available(*, unavailable)
extension XLSXWriter: Sendable {}
