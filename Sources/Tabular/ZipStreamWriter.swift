import CZlib

/// Writes a ZIP archive front to back without seeking, so it can go out as it is produced.
///
/// Each entry is deflated (raw deflate, zlib's `deflateInit2_` with window bits -15) as its bytes
/// come; its local header has general-purpose bit 3 set and zero sizes and CRC, which follow the
/// data in a data descriptor once known. The central directory closes the archive.
///
/// No ZIP64: past 4 GiB of archive or entry, or 65,535 entries, it throws `TabularError` `.limit`
/// as soon as the limit would be crossed.
final class ZipStreamWriter {
    static let maxSize = Int(UInt32.max)
    static let maxEntries = Int(UInt16.max)

    /// The size past which an entry or the archive is refused: `maxSize` but in tests.
    private let sizeLimit: Int

    private struct Entry {
        var name: [UInt8]
        var offset: Int
        var crc: UInt32
        var compressedSize: Int
        var size: Int
    }

    /// The archive's bytes, waiting for the sink.
    var output: ChunkedOutput
    private let stream: UnsafeMutablePointer<z_stream>
    private var entries: [Entry] = []
    private var current: Entry?
    private var deflateOut: [UInt8]
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// - Parameters:
    ///   - level: zlib's compression level, 1 (fastest) to 9 (smallest).
    ///   - modified: the entries' modification time (UTC), as DOS date/time fields.
    init(output: ChunkedOutput, level: Int32, modified: DOSTimestamp, sizeLimit: Int = maxSize) throws {
        self.output = output
        self.sizeLimit = min(sizeLimit, Self.maxSize)
        dosTime = modified.time
        dosDate = modified.date
        deflateOut = [UInt8](repeating: 0, count: 64 * 1024)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(
            stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw TabularError(.compression, "zlib could not start compressing (deflateInit2 returned \(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Bytes of uncompressed data in the entry being written.
    var currentEntrySize: Int { current?.size ?? 0 }

    /// Starts an entry: writes its local file header.
    func beginEntry(_ name: String) throws {
        precondition(current == nil, "a zip entry is already open")
        guard entries.count < Self.maxEntries else {
            throw TabularError(.limit, "the archive would have over \(Self.maxEntries) entries, which needs ZIP64")
        }
        let offset = output.position
        try checkArchiveSize(offset)
        let name = Array(name.utf8)
        guard deflateReset(stream) == Z_OK else { throw TabularError(.compression, "zlib could not start a new entry") }
        output.append32(0x0403_4B50)
        output.append16(20)  // version needed: 2.0, deflate
        output.append16(Self.flags)
        output.append16(8)  // deflate
        output.append16(dosTime)
        output.append16(dosDate)
        output.append32(0)  // CRC-32, in the data descriptor
        output.append32(0)  // compressed size, likewise
        output.append32(0)  // uncompressed size, likewise
        output.append16(UInt16(name.count))
        output.append16(0)  // no extra field
        output.append(contentsOf: name)
        current = Entry(name: name, offset: offset, crc: UInt32(crc32(0, nil, 0)), compressedSize: 0, size: 0)
    }

    /// Compresses bytes of the open entry.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var entry = current, !bytes.isEmpty else { return }
        entry.size += bytes.count
        guard entry.size <= sizeLimit else {
            throw TabularError(
                .limit, "the zip entry \(String(decoding: entry.name, as: UTF8.self)) would pass 4 GiB, which needs ZIP64")
        }
        let base = bytes.baseAddress!.assumingMemoryBound(to: Bytef.self)
        entry.crc = UInt32(crc32(uLong(entry.crc), base, uInt(bytes.count)))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
        stream.pointee.avail_in = uInt(bytes.count)
        entry.compressedSize += try deflateAll(flush: Z_NO_FLUSH)
        try checkArchiveSize(output.position)
        current = entry
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Ends the open entry: the rest of its compressed data, then its data descriptor.
    func endEntry() throws {
        guard var entry = current else { return }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        entry.compressedSize += try deflateAll(flush: Z_FINISH)
        output.append32(0x0807_4B50)
        output.append32(entry.crc)
        output.append32(UInt32(truncatingIfNeeded: entry.compressedSize))
        output.append32(UInt32(truncatingIfNeeded: entry.size))
        try checkArchiveSize(output.position)
        entries.append(entry)
        current = nil
    }

    /// Writes the central directory and its end record. Hands nothing to the sink: the caller does.
    func finish() throws {
        precondition(current == nil, "a zip entry is still open")
        let directoryOffset = output.position
        for entry in entries {
            output.append32(0x0201_4B50)
            output.append16(0x0314)  // made by: Unix, spec 2.0
            output.append16(20)
            output.append16(Self.flags)
            output.append16(8)
            output.append16(dosTime)
            output.append16(dosDate)
            output.append32(entry.crc)
            output.append32(UInt32(entry.compressedSize))
            output.append32(UInt32(entry.size))
            output.append16(UInt16(entry.name.count))
            output.append16(0)  // extra field
            output.append16(0)  // comment
            output.append16(0)  // disk number
            output.append16(0)  // internal attributes
            output.append32(0o100644 << 16)  // external attributes: a regular file, rw-r--r--
            output.append32(UInt32(entry.offset))
            output.append(contentsOf: entry.name)
        }
        let directorySize = output.position - directoryOffset
        try checkArchiveSize(output.position + 22)
        output.append32(0x0605_4B50)
        output.append16(0)  // this disk
        output.append16(0)  // the directory's disk
        output.append16(UInt16(entries.count))
        output.append16(UInt16(entries.count))
        output.append32(UInt32(directorySize))
        output.append32(UInt32(directoryOffset))
        output.append16(0)  // comment
    }

    /// Bit 3: sizes and CRC in a data descriptor. Bit 11: names are UTF-8.
    private static let flags: UInt16 = 0x0008 | 0x0800

    private func checkArchiveSize(_ size: Int) throws {
        guard size <= sizeLimit else { throw TabularError(.limit, "the archive would pass 4 GiB, which needs ZIP64") }
    }

    /// Runs deflate until it has taken all its input (and, with `Z_FINISH`, ended the stream); returns the bytes it made.
    private func deflateAll(flush: Int32) throws -> Int {
        var produced = 0
        while true {
            let (status, count) = deflateOut.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(out.count)
                let status = deflate(stream, flush)
                return (status, out.count - Int(stream.pointee.avail_out))
            }
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw TabularError(.compression, "zlib failed to compress (deflate returned \(status))")
            }
            output.append(contentsOf: deflateOut[0..<count])
            produced += count
            if flush == Z_FINISH {
                if status == Z_STREAM_END { return produced }
            } else if stream.pointee.avail_in == 0 && count < deflateOut.count {
                return produced
            }
        }
    }
}

/// A modification time as the two 16-bit fields of a ZIP header.
struct DOSTimestamp {
    var time: UInt16
    var date: UInt16

    /// Years before 1980 (DOS's epoch) become 1980-01-01 00:00.
    init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        guard year >= 1980 else {
            time = 0
            date = 1 << 5 | 1
            return
        }
        time = UInt16(hour << 11 | minute << 5 | second / 2)
        date = UInt16((min(year, 2107) - 1980) << 9 | month << 5 | day)
    }

    /// The given count of seconds since 1970-01-01 UTC.
    init(secondsSince1970 seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // H. Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(
            year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60)
    }
}

extension ChunkedOutput {
    mutating func append16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func append32(_ value: UInt32) {
        append16(UInt16(truncatingIfNeeded: value))
        append16(UInt16(truncatingIfNeeded: value >> 16))
    }
}
