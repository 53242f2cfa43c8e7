import Crypto
import Foundation
import NIOPosix

/// The SHA-256 that names a dataset, in lower-case hex.
enum FileHash {
    /// Hashes the file at `path` on a thread of `pool`, off the parsing threads (whose chunks, for
    /// a file read in parts, would not even come in order); `nil` when it cannot be read.
    static func sha256(file path: String, on pool: NIOThreadPool = ImportThreads.pool) async -> String? {
        try? await pool.runIfActive { try digest(file: path) }
    }

    /// Hashes the file at `path` on the calling thread, which it blocks.
    static func digest(file path: String) throws -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw StoreError(.location, "cannot read \(path)") }
        var hasher = SHA256()
        try FilePieces.forEach(in: path, range: 0..<Int(status.st_size)) { piece, _ in hasher.update(bufferPointer: piece) }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
