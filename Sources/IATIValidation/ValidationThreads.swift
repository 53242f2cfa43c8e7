import Foundation
import NIOPosix

/// The threads that run validation's blocking passes (libxml2 reads a whole file in one call) for
/// callers in `async` code.
///
/// A pool of its own: a pass must not wait behind the store's queries or an import's parsers, nor
/// they behind it.
enum ValidationThreads {
    /// A schema pass and a codelist and rule pass for each file validated at once; started once,
    /// for the life of the process.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(2, ProcessInfo.processInfo.activeProcessorCount))
        pool.start()
        return pool
    }()

    /// Runs `body` on a thread of the pool and returns what it returns.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            // The pool is never shut down, so the work item always runs as active.
            pool.submit { _ in continuation.resume(returning: body()) }
        }
    }
}
