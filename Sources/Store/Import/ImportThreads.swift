import Foundation
import NIOPosix

/// The threads that run an import's blocking work: parsing loops and file hashing.
///
/// A pool of its own, not `NIOThreadPool.singleton`: sqlite-nio runs its queries there, and a
/// parser waiting for the writer (whose queries would then wait behind it) could deadlock.
enum ImportThreads {
    /// Two parsers and a hasher for one import at once, or more when there are more cores; more
    /// imports at a time queue their work here. Started once, for the life of the process.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(3, ProcessInfo.processInfo.activeProcessorCount))
        pool.start()
        return pool
    }()
}
