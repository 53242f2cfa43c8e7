import Foundation
import IATIXML

/// Everything a publisher needs to hear about one file: the schema verdict and every finding of
/// every layer (schema, codelists, rulesets), in document order.
public struct Validator: Sendable {
    private let schema: SchemaValidator
    private let activities: ActivityValidator

    /// What one file gave.
    public struct Result: Sendable {
        /// Whether the file validates against the 2.03 schema (as `xmllint --schema` says).
        public var validSchema: Bool
        public var findings: [Finding]

        /// How many findings of each severity.
        public var counts: [Finding.Severity: Int] {
            Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        }

        /// Whether the file can be published as it is: no critical and no error finding.
        public var passes: Bool { !findings.contains { $0.severity <= .error } }
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
        var findings: [Finding] = []
        var refusal: IATIXMLError?
        do {
            try activities.validate(file: path) { findings += $0 }
        } catch let error as IATIXMLError {
            refusal = error
        } catch {
            refusal = IATIXMLError(.handler, file: path, line: 0, message: "\(error)")
        }
        if let refusal, refusal.reason != .malformed {
            _ = concurrentSchema?.result()
            let finding = Finding(severity: .critical, category: "schema", rule: "well-formed",
                                  message: refusal.message, line: refusal.line, xpath: "/")
            return Result(validSchema: false, findings: findings + [finding])
        }
        let schemaResult = concurrentSchema?.result() ?? schema.validate(file: path)
        findings += schemaResult.findings
        findings.sort { ($0.line, $0.severity, $0.rule) < ($1.line, $1.severity, $1.rule) }
        return Result(validSchema: schemaResult.valid, findings: findings)
    }

    /// Whether the document's prolog (its first 64 KiB) declares no DTD.
    static func hasNoDoctype(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
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
