import Foundation
import Testing
import CZlib

@testable import Tabular

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A value behind a lock (Synchronization's `Mutex` needs macOS 15; the package supports 14).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// A sink that keeps what it is given, and the size of each call.
final class ChunkCollector: Sendable {
    private let state = Locked<(bytes: [UInt8], sizes: [Int])>(([], []))

    var sink: ByteSink {
        { chunk in self.state.withLock { $0.bytes.append(contentsOf: chunk); $0.sizes.append(chunk.count) } }
    }

    var bytes: [UInt8] { state.withLock { $0.bytes } }
    var sizes: [Int] { state.withLock { $0.sizes } }
    var data: Data { Data(bytes) }
}

/// A sink that only counts: for long exports whose bytes need not be kept.
final class ChunkCounter: Sendable {
    private let state = Locked<(count: Int, total: Int, largest: Int)>((0, 0, 0))

    var sink: ByteSink {
        { chunk in self.state.withLock { $0.count += 1; $0.total += chunk.count; $0.largest = max($0.largest, chunk.count) } }
    }

    var count: Int { state.withLock { $0.count } }
    var total: Int { state.withLock { $0.total } }
    var largest: Int { state.withLock { $0.largest } }
}

/// An RFC 4180 reader, written apart from the writer: records of fields, quotes undone.
///
/// With `bareLF`, LF alone also ends a record (as in LibreOffice's CSV on Linux).
func parseCSV(_ text: String, bareLF: Bool = false) throws -> [[String]] {
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

struct CSVParseError: Error { var message: String }

/// The entries of a zip archive, read by a reader of this test's own (ZIPFoundation cannot be used
/// beside this package: on Linux it brings a second module named `CZlib`).
///
/// Checks what a strict reader would: the end record, each central directory entry against its
/// local header, bit 3 with a data descriptor that repeats the central directory's CRC and sizes,
/// and the inflated bytes against that CRC-32 and size.
func unzipEntries(_ data: Data) throws -> [String: Data] {
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

struct ZipReadError: Error, CustomStringConvertible {
    var description: String
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

/// Python's `zipfile` testing the archive (`python3 -m zipfile -t`), when python3 is installed: nil when it is not.
func pythonZipTest(_ data: Data) throws -> (status: Int32, output: String)? {
    guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile)
    else { return nil }
    return try withTemporaryFile(data) { try run(python, ["-m", "zipfile", "-t", $0.path]) }
}

func withTemporaryFile<T>(_ data: Data, name: String = "export.xlsx", _ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tabular-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent(name)
    try data.write(to: file)
    return try body(file)
}

/// `unzip -t` on the bytes, when unzip is installed: nil when it is not.
func unzipTest(_ data: Data) throws -> (status: Int32, output: String)? {
    guard let unzip = ["/usr/bin/unzip", "/bin/unzip", "/usr/local/bin/unzip"].first(where: FileManager.default.isExecutableFile)
    else { return nil }
    return try withTemporaryFile(data) { try run(unzip, ["-t", $0.path]) }
}

/// Runs a program to its end; its status and what it printed.
func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// A worksheet read back with FoundationXML: cells by reference, and the raw elements.
struct SheetReading {
    /// Row number → cells of the row: (reference, type attribute, style, value text).
    var rows: [(number: Int, cells: [(ref: String, type: String?, style: String?, value: String)])] = []
    var document: XMLDocument

    init(_ data: Data) throws {
        document = try XMLDocument(data: data, options: [.nodePreserveWhitespace])
        let root = try #require(document.rootElement())
        let sheetData = try #require(root.elements(forName: "sheetData").first)
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
    func values(row: Int) -> [String: String] {
        guard let found = rows.first(where: { $0.number == row }) else { return [:] }
        var values: [String: String] = [:]
        for cell in found.cells {
            values[String(cell.ref.prefix { $0.isLetter })] = cell.value
        }
        return values
    }

    func firstElement(_ name: String) -> XMLElement? {
        document.rootElement()?.elements(forName: name).first
    }
}

/// A fixed timestamp, so the bytes of an export do not depend on the clock.
let fixedTimestamp = DOSTimestamp(year: 2025, month: 3, day: 14, hour: 15, minute: 9, second: 26)

extension XMLElement {
    /// An attribute's value. (FoundationXML's `attribute(forName:)` finds nothing on elements in
    /// a default namespace, as every SpreadsheetML element is.)
    func value(of attribute: String) -> String? {
        attributes?.first { $0.name == attribute }?.stringValue
    }
}
