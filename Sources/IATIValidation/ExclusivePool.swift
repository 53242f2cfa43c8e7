import Foundation
import NIOConcurrencyHelpers

/// Objects that are costly to build and must never be used by two threads at once (libxml2's
/// compiled XPaths, XPath and parser contexts, parsed schemas), lent to one borrower at a time.
///
/// An object is either idle here or held by exactly one ``borrow(make:_:)`` call, never both: the
/// lock hands it over, and the borrower's thread is the only one that touches it until it comes
/// back. At most `capacity` objects wait idle; one more coming back, or one that is no longer worth
/// keeping, is dropped, so it is freed (its `deinit`) exactly once, by the last reference going.
final class ExclusivePool<Object: AnyObject>: @unchecked Sendable {
    private struct State {
        var idle: [Object] = []
        /// How many objects `make` built (for tests: a reused object is not built again).
        var built = 0
    }

    private let state = NIOLockedValueBox(State())
    private let capacity: Int

    init(capacity: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)) {
        self.capacity = capacity
    }

    /// Puts an object built ahead of time (so that building errors show early) in the pool.
    func add(_ object: Object) {
        state.withLockedValue { state in
            state.built += 1
            state.idle.append(object)
        }
    }

    /// Runs `body` with an idle object, or one `make` builds when none is idle, then takes it back
    /// unless `keep` says it has grown too much to be worth keeping.
    func borrow<T>(make: () throws -> Object, keep: (Object) -> Bool = { _ in true }, _ body: (Object) throws -> T) rethrows -> T {
        let object: Object
        if let taken = state.withLockedValue({ $0.idle.popLast() }) {
            object = taken
        } else {
            object = try make()
            state.withLockedValue { $0.built += 1 }
        }
        defer {
            if keep(object) {
                let capacity = capacity
                state.withLockedValue { state in
                    if state.idle.count < capacity { state.idle.append(object) }
                }
            }
        }
        return try body(object)
    }

    /// How many objects were built so far, and how many are idle now.
    var counts: (built: Int, idle: Int) {
        state.withLockedValue { ($0.built, $0.idle.count) }
    }
}
