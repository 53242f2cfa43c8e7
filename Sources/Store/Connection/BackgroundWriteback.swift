import Foundation

/// Flushes a file to disk every tenth of a second while a large transaction writes it, from a
/// thread of its own: the kernel otherwise keeps the written pages until the commit's `fsync`,
/// which then writes hundreds of megabytes while the import waits. Durability is unchanged; the
/// commit still syncs.
///
/// Closing any descriptor of a file releases every POSIX lock the process holds on it, SQLite's
/// included. So the descriptor it flushes through is one per file for the whole process, opened
/// by the first store on the file and closed when the last one closes (after its SQLite
/// connection): never while a connection of this process has the file open.
final class BackgroundWriteback: @unchecked Sendable {
    private let file: SharedDescriptor
    private let condition = NSCondition()
    private var running = false
    private var thread: Thread?
    private var closed = false

    init?(path: String) {
        guard let file = SharedDescriptor.open(path) else { return nil }
        self.file = file
    }

    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running, !closed, thread == nil else { return }
        running = true
        let thread = Thread { self.run() }
        self.thread = thread
        thread.start()
    }

    /// Returns once the thread has stopped.
    func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        while thread != nil { condition.wait() }
        condition.unlock()
    }

    /// To be called once the store's SQLite connection is closed.
    func close() {
        stop()
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return }
        closed = true
        file.release()
    }

    private func run() {
        condition.lock()
        while running {
            condition.unlock()
            fdatasync(file.descriptor)
            condition.lock()
            if running { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1)) }
        }
        thread = nil
        condition.broadcast()
        condition.unlock()
    }
}

/// A read-only descriptor of a file shared by everything in the process that uses the file,
/// closed when the last user releases it.
private final class SharedDescriptor: @unchecked Sendable {
    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var open: [FileID: SharedDescriptor] = [:]

    let descriptor: Int32
    private let id: FileID
    private var users = 1

    private init(descriptor: Int32, id: FileID) {
        self.descriptor = descriptor
        self.id = id
    }

    /// The file's descriptor; opened only when the process has none, so that no second one is
    /// ever opened and closed again beside SQLite's.
    static func open(_ path: String) -> SharedDescriptor? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let id = FileID(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        lock.lock()
        defer { lock.unlock() }
        if let shared = open[id] {
            shared.users += 1
            return shared
        }
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let shared = SharedDescriptor(descriptor: descriptor, id: id)
        open[id] = shared
        return shared
    }

    func release() {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        users -= 1
        guard users == 0 else { return }
        Self.open[id] = nil
        _ = Foundation.close(descriptor)
    }
}
