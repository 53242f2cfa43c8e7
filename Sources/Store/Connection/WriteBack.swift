#if canImport(Glibc)
import Glibc
#endif
import NIOPosix

/// Has the kernel start writing files' dirty pages to disk now, without waiting for them (Linux's
/// `sync_file_range(SYNC_FILE_RANGE_WRITE)`), so that a later `fsync` finds little left to write.
///
/// In WAL mode SQLite writes an import twice: into the WAL during the transaction, then into the
/// database file at the checkpoint after the commit, and it syncs each file once, at the
/// checkpoint. Started early, both writes go to disk while the import still parses and inserts
/// (the WAL's, after each batch) or while the checkpoint still copies (the database file's),
/// instead of all at once at the sync: the two syncs after a 100 MB import took 1.1–1.5 s, and
/// take 0.1–0.3 s so. Nothing is less durable: the syncs are SQLite's own, as before.
///
/// Elsewhere than on Linux it does nothing.
enum WriteBack {
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32

    /// Found at run time: Swift's Glibc module leaves the GNU extension out.
    private static let syncFileRange: SyncFileRange? = GNUFunction.find("sync_file_range", as: SyncFileRange.self)

    /// `SYNC_FILE_RANGE_WRITE`: start writing what is dirty and not being written yet; do not wait.
    private static let write: UInt32 = 2

    /// Starts writing the dirty pages of the files open as `descriptors` (a whole file each).
    static func start(_ descriptors: [Int32]) {
        guard let syncFileRange else { return }
        for descriptor in descriptors where descriptor >= 0 {
            _ = syncFileRange(descriptor, 0, 0, write)
        }
    }

    /// Runs `body` (a commit, whose checkpoint copies the WAL into the database file) while the
    /// pages of `descriptors` are started on their way to disk every few milliseconds.
    static func during<T: Sendable>(_ descriptors: [Int32], _ body: () async throws -> T) async throws -> T {
        guard syncFileRange != nil, !descriptors.isEmpty else { return try await body() }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    // On a thread of its own: the kernel may make the call wait while its queue is full.
                    try await NIOThreadPool.singleton.runIfActive { start(descriptors) }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}
