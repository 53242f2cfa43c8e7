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
        // Codelists and rules first: their reader refuses entity declarations (XXE, entity bombs)
        // before anything is expanded, and then the schema layer does not read the file at all.
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
            let finding = Finding(severity: .critical, category: "schema", rule: "well-formed",
                                  message: refusal.message, line: refusal.line, xpath: "/")
            return Result(validSchema: false, findings: findings + [finding])
        }
        let schemaResult = schema.validate(file: path)
        findings += schemaResult.findings
        findings.sort { ($0.line, $0.severity, $0.rule) < ($1.line, $1.severity, $1.rule) }
        return Result(validSchema: schemaResult.valid, findings: findings)
    }
}
