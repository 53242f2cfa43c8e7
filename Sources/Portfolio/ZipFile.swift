import CZlib
import Foundation

/// The first file of a zip archive, inflated: the ECB publishes its rates as a zip of one CSV.
enum ZipFile {
    /// Refused beyond this size: the ECB's whole history is 2 MB.
    static let maxInflatedSize = 64 << 20

    static func firstEntry(of archive: Data) throws -> Data {
        let bytes = [UInt8](archive)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
        guard bytes.count >= 22, let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 22 - 65_535), by: -1)
            .first(where: { u32($0) == 0x0605_4b50 })
        else { throw PortfolioError("not a zip archive: no end of central directory") }
        let directory = u32(end + 16)
        guard directory + 46 <= bytes.count, u32(directory) == 0x0201_4b50 else {
            throw PortfolioError("the zip archive's central directory is damaged")
        }
        let method = u16(directory + 10), compressedSize = u32(directory + 20), size = u32(directory + 24)
        let local = u32(directory + 42)
        guard local + 30 <= bytes.count, u32(local) == 0x0403_4b50 else { throw PortfolioError("the zip archive's first entry is damaged") }
        let start = local + 30 + u16(local + 26) + u16(local + 28)
        guard start + compressedSize <= bytes.count else { throw PortfolioError("the zip archive is truncated") }
        guard size <= maxInflatedSize else { throw PortfolioError("the zip archive's first entry is over \(maxInflatedSize >> 20) MB") }
        let compressed = Array(bytes[start..<start + compressedSize])
        switch method {
        case 0: return Data(compressed)
        case 8: return try inflateRaw(compressed, size: size)
        default: throw PortfolioError("the zip archive uses compression method \(method), not deflate")
        }
    }

    private static func inflateRaw(_ input: [UInt8], size: Int) throws -> Data {
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var stream = z_stream()
        guard devcoop_inflateInit2(&stream, -MAX_WBITS) == Z_OK else { throw PortfolioError("cannot start inflating the zip entry") }
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
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            throw PortfolioError("the zip entry does not inflate to its stated \(size) bytes")
        }
        return Data(output[0..<size])
    }
}
