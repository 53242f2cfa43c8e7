import Foundation
import TestSupport
import Testing

@testable import IATIValidation

private typealias F = ValidationFixtures

@Suite struct CompiledChecksTests {
    /// Samples small enough to validate many times over.
    static let small = Fixtures.samples.filter {
        ((try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? .max) < 500_000
    }

    @Test func checksAreCompiledOnceAndKeptBetweenFiles() throws {
        let validator = try ActivityValidator(now: F.now)
        let first = try Self.small.map { try validator.validate(file: $0) }
        // One set per checking thread of a file, not one per file.
        #expect(Self.small.count > ElementPipe.workerLimit)
        var counts = validator.compiledChecks.counts
        #expect(counts.built <= ElementPipe.workerLimit)
        #expect(counts.idle == counts.built)
        let again = try Self.small.map { try validator.validate(file: $0) }
        counts = validator.compiledChecks.counts
        #expect(counts.built <= ElementPipe.workerLimit)
        #expect(counts.idle == counts.built)
        #expect(again == first)
    }

    @Test func threadsSharingAValidatorFindWhatOneThreadFinds() throws {
        let validator = try Validator()
        let serial = Self.small.map { validator.validate(file: $0) }
        let results = Results(count: Self.small.count * 3)
        DispatchQueue.concurrentPerform(iterations: results.count) { index in
            results[index] = validator.validate(file: Self.small[index % Self.small.count])
        }
        for index in 0..<results.count {
            let expected = serial[index % Self.small.count]
            #expect(results[index]?.validSchema == expected.validSchema, "\(Self.small[index % Self.small.count])")
            #expect(results[index]?.findings == expected.findings, "\(Self.small[index % Self.small.count])")
        }
    }

    /// The `async` variant runs the same passes on the validation threads, several files at once.
    @Test func tasksFindWhatThreadsFind() async throws {
        let validator = try Validator()
        let files = Self.small + [Fixtures.hostile("malformed.xml"), Fixtures.hostile("xxe.xml"), Fixtures.hostile("not-iati.xml")]
        let serial = files.map { validator.validate(file: $0) }
        let concurrent = await withTaskGroup(of: (Int, Validator.Result).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask { (index, await validator.validate(file: file)) }
            }
            var results = [Validator.Result?](repeating: nil, count: files.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
        for (index, expected) in serial.enumerated() {
            #expect(concurrent[index]?.validSchema == expected.validSchema, "\(files[index])")
            #expect(concurrent[index]?.findings == expected.findings, "\(files[index])")
        }
        #expect(serial.contains { !$0.validSchema })
    }

    @Test func checksThatGrewTooMuchAreNotKept() {
        let checks = CompiledChecks(F.validator)
        #expect(checks.isWorthKeeping)
        // As many `loop` values as the limit, each compiling its cases anew.
        for value in 0...CompiledChecks.keptLoopExpressions {
            _ = checks.cache.expression("sector[@vocabulary = '\(value)']/@percentage")
        }
        #expect(!checks.isWorthKeeping)
    }

    /// One slot per validation, each written by one thread.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Validator.Result?]

        init(count: Int) {
            results = Array(repeating: nil, count: count)
        }

        var count: Int { results.count }

        subscript(index: Int) -> Validator.Result? {
            get { lock.withLock { results[index] } }
            set { lock.withLock { results[index] = newValue } }
        }
    }
}
