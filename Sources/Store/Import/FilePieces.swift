import Foundation

/// Reads a range of a file a megabyte at a time into one buffer, for passes that only look at its
/// bytes (hashing it, counting in it). A file cut short meanwhile ends the pass with an error.
enum FilePieces {
    static let pieceSize = 1 << 20

    /// Calls `body` with each piece of `range` and how many of its bytes are the piece's own: a
    /// piece comes with up to `overlap` bytes of the next, for a pattern across the boundary.
    static func forEach(
        in path: String, range: Range<Int>, overlap: Int = 0, _ body: (UnsafeRawBufferPointer, Int) throws -> Void
    ) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError(.location, "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pieceSize + overlap, alignment: 16)
        defer { buffer.deallocate() }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let own = min(pieceSize, range.upperBound - offset)
            let wanted = own + overlap
            var filled = 0
            while filled < wanted {
                let count = pread(descriptor, buffer.baseAddress! + filled, wanted - filled, off_t(offset + filled))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                filled += count
            }
            guard filled >= own else { throw StoreError(.location, "\(path) is shorter than it was") }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]), own)
            offset += own
        }
    }
}
