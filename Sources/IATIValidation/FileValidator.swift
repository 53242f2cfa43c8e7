/// Everything a publisher needs to hear about one file: the schema verdict and every finding of
/// every layer, in document order.
public struct FileValidator: Sendable {
    private let schema: SchemaValidator

    /// What one file gave.
    public struct Result: Sendable {
        /// Whether the file validates against the 2.03 schema (as `xmllint --schema` says).
        public var validSchema: Bool
        public var findings: [Finding]
    }

    public init() throws {
        schema = try SchemaValidator()
    }

    public func validate(file path: String) -> Result {
        let schemaResult = schema.validate(file: path)
        let findings = schemaResult.findings.sorted { ($0.line, $0.severity) < ($1.line, $1.severity) }
        return Result(validSchema: schemaResult.valid, findings: findings)
    }
}
