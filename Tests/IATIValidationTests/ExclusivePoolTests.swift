import Foundation
import Testing

@testable import IATIValidation

@Suite struct ExclusivePoolTests {
    /// Counts its borrowers: more than one at a time means the pool lent it twice.
    final class Probe {
        var borrowers = 0
    }

    /// What the borrowing threads saw.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var overlaps = 0
        private var probes: Set<ObjectIdentifier> = []

        func saw(_ probe: Probe, overlapping: Bool) {
            lock.withLock {
                probes.insert(ObjectIdentifier(probe))
                if overlapping { overlaps += 1 }
            }
        }

        var result: (overlaps: Int, probes: Int) { lock.withLock { (overlaps, probes.count) } }
    }

    @Test func lendsEachObjectToOneBorrowerAtATime() {
        let pool = ExclusivePool<Probe>(capacity: 2)
        let tally = Tally()
        DispatchQueue.concurrentPerform(iterations: 400) { _ in
            pool.borrow(make: { Probe() }) { probe in
                probe.borrowers += 1
                let overlapping = probe.borrowers != 1
                usleep(50)
                probe.borrowers -= 1
                tally.saw(probe, overlapping: overlapping)
            }
        }
        #expect(tally.result.overlaps == 0)
        let counts = pool.counts
        #expect(counts.idle <= 2)
        // Objects come back and are lent again rather than built for every borrower.
        #expect(counts.built < 400)
        #expect(counts.built >= tally.result.probes)
    }

    @Test func keepsAtMostItsCapacityAndNothingNotWorthKeeping() {
        let pool = ExclusivePool<Probe>(capacity: 1)
        weak var dropped: Probe?
        pool.borrow(make: { Probe() }, keep: { _ in false }) { dropped = $0 }
        #expect(dropped == nil)
        #expect(pool.counts == (built: 1, idle: 0))

        weak var second: Probe?
        pool.borrow(make: { Probe() }) { _ in
            pool.borrow(make: { Probe() }) { second = $0 }
            #expect(second != nil)
            #expect(pool.counts == (built: 3, idle: 1))
        }
        // The first came back to a full pool: freed, not kept.
        #expect(pool.counts == (built: 3, idle: 1))
        pool.borrow(make: { Probe() }) { #expect($0 === second) }
        #expect(pool.counts == (built: 3, idle: 1))
    }

    @Test func aBuildingErrorLeavesThePoolAsItWas() {
        let pool = ExclusivePool<Probe>()
        #expect(throws: IATIValidationError.self) {
            try pool.borrow(make: { throw IATIValidationError("no") }) { _ in }
        }
        #expect(pool.counts == (built: 0, idle: 0))
    }
}
