import CZlib
import Foundation

/// A document file's bytes as the parsers read them: the file itself, or, when it is
/// gzip-compressed (it starts with `1f 8b`), what it inflates to, a chunk at a time.
///
/// Every reader of a file goes through it (the SAX reader, the schema pass), so `import` and
/// `validate` read the same bytes. A compressed file may inflate to at most
/// ``maxInflatedSize(compressed:)``: a gzip bomb (kilobytes that inflate to gigabytes) is refused
/// once it passes that bound, having cost no more memory than a chunk.
public final class DocumentInput {
    public let path: String
    /// Whether the file is gzip-compressed (known after the first read).
    public private(set) var isCompressed = false
    /// Bytes handed out so far (inflated ones for a compressed file).
    public private(set) var bytesRead = 0
    private let stream: UnsafeMutablePointer<FILE>
    private var ranges: ArraySlice<Range<Int>>
    /// Where the stream stands in the range being read; -1 when it must seek to its start.
    private var position: Int
    private let onChunk: ((UnsafeRawBufferPointer) -> Void)?
    private var inflater: Inflater?

    /// Opens the file to read its byte `ranges` one after the other (a compressed file is read
    /// whole only). `onChunk` sees the bytes of the file as they are read, before inflating.
    public init(path: String, ranges: [Range<Int>] = [0..<Int.max], onChunk: ((UnsafeRawBufferPointer) -> Void)? = nil) throws {
        guard let stream = fopen(path, "rb") else {
            throw IATIXMLError(.io, file: path, line: 0, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.stream = stream
        self.ranges = ranges[...]
        self.onChunk = onChunk
        position = ranges.first?.lowerBound == 0 ? 0 : -1
    }

    deinit {
        fclose(stream)
    }

    /// Inflated bytes allowed for `compressed` bytes read: far beyond what XML compresses to
    /// (IATI files shrink 10 to 30 times), far below a bomb's thousandfold.
    public static func maxInflatedSize(compressed: Int) -> Int {
        (64 << 20) + 200 * compressed
    }

    /// Fills `buffer` with the next bytes of the document and says how many; 0 at its end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !buffer.isEmpty else { return 0 }
        if let inflater { return try inflated(into: buffer, inflater) }
        let count = try readFile(into: buffer)
        if bytesRead == 0, count >= 2, buffer[0] == 0x1F, buffer[1] == 0x8B {
            guard ranges.isEmpty || ranges.first?.upperBound == .max else {
                throw IATIXMLError(.compression, file: path, line: 0, message: "a gzip-compressed file is read whole, not in parts")
            }
            isCompressed = true
            let inflater = try Inflater(path: path, first: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            self.inflater = inflater
            return try inflated(into: buffer, inflater)
        }
        bytesRead += count
        return count
    }

    private func inflated(into buffer: UnsafeMutableRawBufferPointer, _ inflater: Inflater) throws -> Int {
        let count = try inflater.inflate(into: buffer) { try readFile(into: $0) }
        bytesRead += count
        if bytesRead > Self.maxInflatedSize(compressed: inflater.compressedRead) {
            throw IATIXMLError(.compression, file: path, line: 0, message:
                "the gzip-compressed file inflates to more than \(Self.maxInflatedSize(compressed: inflater.compressedRead) >> 20) MiB "
                + "(more than 200 times its compressed size): refused as a likely gzip bomb")
        }
        return count
    }

    /// The file's own bytes, range after range.
    private func readFile(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while let range = ranges.first {
            if position == -1 {
                guard fseeko(stream, off_t(range.lowerBound), SEEK_SET) == 0 else {
                    throw IATIXMLError(.io, file: path, line: 0, message: "seek failed: \(String(cString: strerror(errno)))")
                }
                position = range.lowerBound
            }
            let wanted = min(buffer.count, range.upperBound - position)
            let count = wanted == 0 ? 0 : fread(buffer.baseAddress, 1, wanted, stream)
            if count == 0 {
                if ferror(stream) != 0 {
                    throw IATIXMLError(.io, file: path, line: 0, message: "read failed: \(String(cString: strerror(errno)))")
                }
                ranges = ranges.dropFirst()
                position = -1
                continue
            }
            position += count
            if position == range.upperBound {
                ranges = ranges.dropFirst()
                position = -1
            }
            onChunk?(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            return count
        }
        return 0
    }
}

/// zlib's inflate over a gzip stream (one member or several, as `gzip -d` reads them).
private final class Inflater {
    let path: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    /// Whether a member has begun and not yet ended: the file must not stop there.
    private var inMember = true
    private(set) var compressedRead = 0

    init(path: String, first: UnsafeRawBufferPointer) throws {
        self.path = path
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: max(1 << 16, first.count), alignment: 16)
        input.copyMemory(from: first)
        compressedRead = first.count
        // 16 + 15: gzip only, with the largest window.
        guard devcoop_inflateInit2(stream, 16 + 15) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw IATIXMLError(.compression, file: path, line: 0, message: "zlib could not start inflating")
        }
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(first.count)
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Inflates into `buffer` until something comes out or the file ends; `read` gives more compressed bytes.
    func inflate(into buffer: UnsafeMutableRawBufferPointer, read: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> Int {
        stream.pointee.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(buffer.count)
        while stream.pointee.avail_out == uInt(buffer.count) {
            if stream.pointee.avail_in == 0 {
                let count = try read(input)
                guard count > 0 else {
                    if inMember { throw failure("the gzip-compressed data ends before its end (truncated file)") }
                    return 0
                }
                compressedRead += count
                stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = uInt(count)
            }
            inMember = true
            switch CZlib.inflate(stream, Z_NO_FLUSH) {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                // Another member may follow, as in files joined with `cat`.
                inMember = false
                inflateReset(stream)
                if stream.pointee.avail_out < uInt(buffer.count) { return buffer.count - Int(stream.pointee.avail_out) }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "corrupt data"
                throw failure("the gzip-compressed data cannot be inflated: \(message)")
            }
        }
        return buffer.count - Int(stream.pointee.avail_out)
    }

    private func failure(_ message: String) -> IATIXMLError {
        IATIXMLError(.compression, file: path, line: 0, message: message)
    }
}
