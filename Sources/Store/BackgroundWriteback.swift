import Foundation

/// Flushes a file to disk every tenth of a second while a large transaction writes it, from a
/// thread of its own: the kernel otherwise keeps the written pages until the commit's `fsync`,
/// which then writes hundreds of megabytes while the import waits. Durability is unchanged; the
/// commit still syncs.
///
/// It keeps its own descriptor of the file open until ``close()``, to be called only after SQLite
/// has closed the file: closing any descriptor of a file releases every POSIX lock the process
/// holds on it, SQLite's included.
final class BackgroundWriteback: @unchecked Sendable {
    private var descriptor: Int32
    private let condition = NSCondition()
    private var running = false
    private var thread: Thread?

    init?(path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
    }

    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running, thread == nil else { return }
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

    func close() {
        stop()
        condition.lock()
        defer { condition.unlock() }
        guard descriptor >= 0 else { return }
        _ = Foundation.close(descriptor)
        descriptor = -1
    }

    private func run() {
        condition.lock()
        while running {
            let descriptor = self.descriptor
            condition.unlock()
            fdatasync(descriptor)
            condition.lock()
            if running { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1)) }
        }
        thread = nil
        condition.broadcast()
        condition.unlock()
    }
}
