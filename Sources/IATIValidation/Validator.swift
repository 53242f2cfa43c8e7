import Foundation
import IATIXML
import NIOConcurrencyHelpers

/// Everything a publisher needs to hear about one file: the schema verdict and every finding of
/// every layer (schema, codelists, rulesets), in document order.
public struct Validator: Sendable {
    private let schema: SchemaValidator
    private let activities: ActivityValidator

    /// How many findings a file's result holds at most: memory stays bounded whatever the number
    /// of activities with the same mistake. Beyond it findings are only counted.
    public static let maxFindings = 10_000

    /// What one file gave.
    public struct Result: Sendable {
        /// Whether the file validates against the 2.03 schema (as `xmllint --schema` says).
        public var validSchema: Bool
        /// The findings by line, the first ``Validator/maxFindings`` of them.
        public var findings: [Finding]
        /// How many findings of each severity, those left out of `findings` included.
        public var counts: [Finding.Severity: Int]
        /// The start-tag lines of the activities (or organisations) with a schema finding; `nil`
        /// when that is not known. In a file that fails the schema, an activity whose line is not
        /// here validates on its own, so it can be published as it is.
        public var schemaFindingLines: Set<Int>?

        public init(validSchema: Bool, findings: [Finding], counts: [Finding.Severity: Int]? = nil, schemaFindingLines: Set<Int>? = nil) {
            self.validSchema = validSchema
            self.findings = findings
            self.counts = counts ?? Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
            self.schemaFindingLines = schemaFindingLines
        }

        /// How many findings were counted but not kept.
        public var omitted: Int { counts.values.reduce(0, +) - findings.count }

        /// Whether the file can be published as it is: no critical and no error finding.
        public var passes: Bool { (counts[.critical] ?? 0) + (counts[.error] ?? 0) == 0 }
    }

    public init() throws {
        schema = try SchemaValidator()
        activities = try ActivityValidator()
    }

    /// Validates the file at `path`, blocking the calling thread; in `async` code, the `async`
    /// variant runs the same passes on ``ValidationThreads`` instead.
    public func validate(file path: String) -> Result {
        // The schema pass and the codelist and rule pass read the file each on a core of its own.
        // A document with a DTD goes one pass after the other: the codelist and rule pass refuses
        // entity declarations (XXE, entity bombs) before anything is expanded, and then the
        // schema pass does not read the file at all.
        let concurrentSchema = Self.hasNoDoctype(path) ? ConcurrentSchemaPass(schema, path) : nil
        let pass = activityPass(file: path)
        if let refused = pass.refused {
            _ = concurrentSchema?.result()
            return refused
        }
        return pass.combined(with: concurrentSchema?.result() ?? schema.validate(file: path))
    }

    /// Validates the file at `path` with its two passes on ``ValidationThreads``, so that no
    /// thread that runs tasks waits for libxml2.
    public func validate(file path: String) async -> Result {
        let concurrentSchema = await ValidationThreads.run { Self.hasNoDoctype(path) }
        let schema = schema
        async let schemaPass: SchemaValidator.Result? = concurrentSchema ? ValidationThreads.run { schema.validate(file: path) } : nil
        let pass = await ValidationThreads.run { self.activityPass(file: path) }
        if let refused = pass.refused {
            _ = await schemaPass
            return refused
        }
        if let schemaResult = await schemaPass { return pass.combined(with: schemaResult) }
        return pass.combined(with: await ValidationThreads.run { schema.validate(file: path) })
    }

    /// What the codelist and rule pass gave: its first findings and the count of all, or its refusal of the file.
    private struct ActivityPass: Sendable {
        var tally = FindingTally(limit: Validator.maxFindings)
        var refusal: IATIXMLError?

        /// The result of a file the pass refused for anything but malformed XML (which the schema
        /// pass reports in its words).
        var refused: Result? {
            guard let refusal, refusal.reason != .malformed else { return nil }
            var tally = tally
            tally.add(Finding(severity: .critical, category: "schema", rule: "well-formed",
                              message: refusal.message, line: refusal.line, xpath: "/"))
            return Result(validSchema: false, findings: tally.kept, counts: tally.counts)
        }

        func combined(with schemaResult: SchemaValidator.Result) -> Result {
            // Each pass kept its first findings in document order: together they hold the file's first.
            var findings = tally.kept + schemaResult.findings
            findings.sort { ($0.line, $0.severity, $0.rule) < ($1.line, $1.severity, $1.rule) }
            let counts = tally.counts.merging(schemaResult.counts, uniquingKeysWith: +)
            return Result(
                validSchema: schemaResult.valid, findings: Array(findings.prefix(Validator.maxFindings)), counts: counts,
                schemaFindingLines: schemaResult.schemaFindingLines)
        }
    }

    private func activityPass(file path: String) -> ActivityPass {
        var pass = ActivityPass()
        do {
            try activities.validate(file: path) { pass.tally.add($0) }
        } catch let error as IATIXMLError {
            pass.refusal = error
        } catch {
            pass.refusal = IATIXMLError(.handler, file: path, line: 0, message: "\(error)")
        }
        return pass
    }

    /// Whether the document's prolog (its first 64 KiB, inflated when compressed) declares no DTD.
    static func hasNoDoctype(_ path: String) -> Bool {
        guard let input = try? DocumentInput(path: path) else { return false }
        var head = Data(count: 64 * 1024)
        let count = head.withUnsafeMutableBytes { (try? input.read(into: $0)) ?? -1 }
        guard count >= 0 else { return false }
        head.count = count
        return head.range(of: Data("<!DOCTYPE".utf8)) == nil && head.range(of: Data("<!ENTITY".utf8)) == nil
    }
}

/// The schema pass on a thread of ``ValidationThreads`` (whose work never waits for other work, so
/// a caller waiting for it cannot deadlock the pool); `result()` blocks the caller until it is done.
private final class ConcurrentSchemaPass: Sendable {
    private let value = NIOLockedValueBox<SchemaValidator.Result?>(nil)
    private let done = ConditionLock(value: false)

    init(_ schema: SchemaValidator, _ path: String) {
        ValidationThreads.pool.submit { [value, done] _ in
            value.withLockedValue { $0 = schema.validate(file: path) }
            done.lock()
            done.unlock(withValue: true)
        }
    }

    func result() -> SchemaValidator.Result {
        done.lock(whenValue: true)
        done.unlock()
        return value.withLockedValue { $0! }
    }
}
