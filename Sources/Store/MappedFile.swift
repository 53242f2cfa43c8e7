import Foundation

/// A file mapped into memory read-only, for passes that only look at its bytes (hashing it,
/// counting in it): no copy into a buffer, as `read` would make.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw StoreError(.location, "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw StoreError(.location, "cannot read \(path): \(String(cString: strerror(errno)))") }
        let size = Int(status.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw StoreError(.location, "cannot map \(path): \(String(cString: strerror(errno)))")
        }
        madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Calls `body` with the bytes of `range` a few megabytes at a time, unmapping each piece
    /// after it (the pages stay in the page cache), so the pass does not grow the process.
    func forEachPiece(of range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Void) {
        let pieceSize = 4 << 20
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start + pieceSize, range.upperBound)
            body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            // Whole pages only: the piece's last page may hold the next piece's first bytes.
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let first = (start + page - 1) / page * page, last = end / page * page
            if last > first, let base = bytes.baseAddress {
                madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, MADV_DONTNEED)
            }
            start = end
        }
    }

    deinit {
        if let address = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: address), bytes.count) }
    }
}
