import CZlib
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

// Readers of what the exports write, written apart from the writers: CSV (RFC 4180), zip
// archives and SpreadsheetML worksheets.

/// An RFC 4180 reader, written apart from the writer: records of fields, quotes undone.
///
/// With `bareLF`, LF alone also ends a record (as in LibreOffice's CSV on Linux).
public func parseCSV(_ text: String, bareLF: Bool = false) throws -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var scalars = Array(text.unicodeScalars)[...]
    var fieldStarted = false
    while let scalar = scalars.popFirst() {
        if quoted {
            if scalar == "\"" {
                if scalars.first == "\"" {
                    scalars.removeFirst()
                    field.unicodeScalars.append("\"")
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(scalar)
            }
            continue
        }
        switch scalar {
        case "\"" where !fieldStarted:
            quoted = true
            fieldStarted = true
        case "\"":
            throw CSVParseError(message: "a quote inside an unquoted field")
        case ",":
            record.append(field)
            field = ""
            fieldStarted = false
        case "\r":
            guard scalars.popFirst() == "\n" else { throw CSVParseError(message: "CR without LF") }
            record.append(field)
            records.append(record)
            record = []
            field = ""
            fieldStarted = false
        case "\n":
            guard bareLF else { throw CSVParseError(message: "a bare LF ends a record") }
            record.append(field)
            records.append(record)
            record = []
            field = ""
            fieldStarted = false
        default:
            field.unicodeScalars.append(scalar)
            fieldStarted = true
        }
    }
    guard !quoted else { throw CSVParseError(message: "an unterminated quoted field") }
    guard record.isEmpty, field.isEmpty else { throw CSVParseError(message: "the last record has no CRLF") }
    return records
}

public struct CSVParseError: Error { public var message: String }

/// The entries of a zip archive, read by a reader of this test's own (ZIPFoundation cannot be used
/// beside this package: on Linux it brings a second module named `CZlib`).
///
/// Checks what a strict reader would: the end record, each central directory entry against its
/// local header, bit 3 with a data descriptor that repeats the central directory's CRC and sizes,
/// and the inflated bytes against that CRC-32 and size.
public func unzipEntries(_ data: Data) throws -> [String: Data] {
    let bytes = [UInt8](data)
    func u16(_ at: Int) throws -> Int {
        guard at >= 0, at + 2 <= bytes.count else { throw ZipReadError("read past the end at \(at)") }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }
    func u32(_ at: Int) throws -> Int { try u16(at) | u16(at + 2) << 16 }
    let end = bytes.count - 22
    guard end >= 0, try u32(end) == 0x0605_4B50 else { throw ZipReadError("no end of central directory record at the end") }
    let entryCount = try u16(end + 10)
    guard try u16(end + 8) == entryCount else { throw ZipReadError("entry counts differ") }
    let directorySize = try u32(end + 12)
    var at = try u32(end + 16)
    guard at + directorySize == end else { throw ZipReadError("the central directory does not end where the end record starts") }
    var entries: [String: Data] = [:]
    var nextLocal = 0
    for _ in 0..<entryCount {
        guard try u32(at) == 0x0201_4B50 else { throw ZipReadError("bad central directory entry at \(at)") }
        let flags = try u16(at + 8), method = try u16(at + 10)
        let crc = try u32(at + 16), compressedSize = try u32(at + 20), size = try u32(at + 24)
        let nameLength = try u16(at + 28), extraLength = try u16(at + 30), commentLength = try u16(at + 32)
        let local = try u32(at + 42)
        let name = String(decoding: bytes[at + 46..<at + 46 + nameLength], as: UTF8.self)
        at += 46 + nameLength + extraLength + commentLength
        guard flags & 0x0008 != 0, method == 8 else { throw ZipReadError("\(name): not deflated with a data descriptor") }
        // Entries follow each other with nothing between them.
        guard local == nextLocal, try u32(local) == 0x0403_4B50 else { throw ZipReadError("\(name): no local header at \(local)") }
        guard try u16(local + 6) == flags, try u16(local + 8) == method,
            String(decoding: bytes[local + 30..<local + 30 + (try u16(local + 26))], as: UTF8.self) == name
        else { throw ZipReadError("\(name): the local header differs from the central directory") }
        let start = local + 30 + (try u16(local + 26)) + (try u16(local + 28))
        let descriptor = start + compressedSize
        guard try u32(descriptor) == 0x0807_4B50, try u32(descriptor + 4) == crc, try u32(descriptor + 8) == compressedSize,
            try u32(descriptor + 12) == size
        else { throw ZipReadError("\(name): the data descriptor differs from the central directory") }
        nextLocal = descriptor + 16
        let content = try inflateRaw(Array(bytes[start..<descriptor]), size: size)
        let actual = content.withUnsafeBytes { Int(crc32(0, $0.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt($0.count))) }
        guard actual == crc else { throw ZipReadError("\(name): CRC-32 \(actual) but \(crc) stored") }
        entries[name] = Data(content)
    }
    guard try nextLocal == u32(end + 16) else { throw ZipReadError("bytes between the last entry and the central directory") }
    return entries
}

public struct ZipReadError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

private func inflateRaw(_ input: [UInt8], size: Int) throws -> [UInt8] {
    var output = [UInt8](repeating: 0, count: max(size, 1))
    var stream = z_stream()
    guard devcoop_inflateInit2(&stream, -MAX_WBITS) == Z_OK else { throw ZipReadError("inflateInit2") }
    defer { inflateEnd(&stream) }
    var input = input
    let status = input.withUnsafeMutableBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            stream.next_out = outputBuffer.baseAddress
            stream.avail_out = uInt(outputBuffer.count)
            return inflate(&stream, Z_FINISH)
        }
    }
    guard status == Z_STREAM_END, Int(stream.total_out) == size, stream.avail_in == 0 else {
        throw ZipReadError("the deflate stream does not inflate to its stated \(size) bytes (status \(status))")
    }
    return Array(output[0..<size])
}

/// A worksheet read back with FoundationXML: cells by reference, and the raw elements.
public struct SheetReading {
    /// Row number → cells of the row: (reference, type attribute, style, value text).
    public var rows: [(number: Int, cells: [(ref: String, type: String?, style: String?, value: String)])] = []
    public var document: XMLDocument

    public init(_ data: Data) throws {
        document = try XMLDocument(data: data, options: [.nodePreserveWhitespace])
        guard let root = document.rootElement() else { throw ZipReadError("the sheet has no root element") }
        guard let sheetData = root.elements(forName: "sheetData").first else { throw ZipReadError("the sheet has no sheetData") }
        for row in sheetData.elements(forName: "row") {
            let number = Int(row.value(of: "r") ?? "") ?? -1
            var cells: [(String, String?, String?, String)] = []
            for cell in row.elements(forName: "c") {
                let type = cell.value(of: "t")
                let value: String
                if type == "inlineStr" {
                    value = cell.elements(forName: "is").first?.elements(forName: "t").first?.stringValue ?? ""
                } else {
                    value = cell.elements(forName: "v").first?.stringValue ?? ""
                }
                cells.append(
                    (cell.value(of: "r") ?? "", type, cell.value(of: "s"), value))
            }
            rows.append((number, cells))
        }
    }

    /// The values of a row by column letter.
    public func values(row: Int) -> [String: String] {
        guard let found = rows.first(where: { $0.number == row }) else { return [:] }
        var values: [String: String] = [:]
        for cell in found.cells {
            values[String(cell.ref.prefix { $0.isLetter })] = cell.value
        }
        return values
    }

    public func firstElement(_ name: String) -> XMLElement? {
        document.rootElement()?.elements(forName: name).first
    }
}

extension XMLElement {
    /// An attribute's value. (FoundationXML's `attribute(forName:)` finds nothing on elements in
    /// a default namespace, as every SpreadsheetML element is.)
    public func value(of attribute: String) -> String? {
        attributes?.first { $0.name == attribute }?.stringValue
    }
}
