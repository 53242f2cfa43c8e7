import Foundation
import IATIXML

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

        public init(validSchema: Bool, findings: [Finding], counts: [Finding.Severity: Int]? = nil) {
            self.validSchema = validSchema
            self.findings = findings
            self.counts = counts ?? Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
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

    public func validate(file path: String) -> Result {
        // The schema pass and the codelist and rule pass read the file each on a core of its own.
        // A document with a DTD goes one pass after the other: the codelist and rule pass refuses
        // entity declarations (XXE, entity bombs) before anything is expanded, and then the
        // schema pass does not read the file at all.
        let concurrentSchema = Self.hasNoDoctype(path) ? ConcurrentSchemaPass(schema, path) : nil
        var tally = FindingTally(limit: Self.maxFindings)
        var refusal: IATIXMLError?
        do {
            try activities.validate(file: path) { tally.add($0) }
        } catch let error as IATIXMLError {
            refusal = error
        } catch {
            refusal = IATIXMLError(.handler, file: path, line: 0, message: "\(error)")
        }
        if let refusal, refusal.reason != .malformed {
            _ = concurrentSchema?.result()
            let finding = Finding(severity: .critical, category: "schema", rule: "well-formed",
                                  message: refusal.message, line: refusal.line, xpath: "/")
            tally.add(finding)
            return Result(validSchema: false, findings: tally.kept, counts: tally.counts)
        }
        let schemaResult = concurrentSchema?.result() ?? schema.validate(file: path)
        // Each pass kept its first findings in document order: together they hold the file's first.
        var findings = tally.kept + schemaResult.findings
        findings.sort { ($0.line, $0.severity, $0.rule) < ($1.line, $1.severity, $1.rule) }
        let counts = tally.counts.merging(schemaResult.counts, uniquingKeysWith: +)
        return Result(validSchema: schemaResult.valid, findings: Array(findings.prefix(Self.maxFindings)), counts: counts)
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

/// The schema pass on a thread of its own; `result()` waits for it.
private final class ConcurrentSchemaPass: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: SchemaValidator.Result?

    init(_ schema: SchemaValidator, _ path: String) {
        Thread.detachNewThread {
            self.value = schema.validate(file: path)
            self.done.signal()
        }
    }

    /// The semaphore orders the thread's write of `value` before this read.
    func result() -> SchemaValidator.Result {
        done.wait()
        return value!
    }
}
