/// One problem found in a document, with the place to fix it.
///
/// Every layer (schema, codelists, rulesets) reports in this one shape.
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case critical, error, warning, info

        private var rank: Int {
            switch self {
            case .critical: 0
            case .error: 1
            case .warning: 2
            case .info: 3
            }
        }

        /// `critical` sorts first.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// `schema`, `codelist`, or the ruleset's category (`Identification`, `Financial`, …).
    public var category: String
    /// The rule's id: `schema`, the codelist's name (`codelist:Sector`), or the ruleset's (`1.1.3`).
    public var rule: String
    public var message: String
    /// The line of the offending element (or of the element holding the offending attribute).
    public var line: Int
    /// Where in the document: `/iati-activities/iati-activity[3]/sector[2]/@code`.
    public var xpath: String
    /// The `iati-identifier` of the activity it sits in, when inside one.
    public var activity: String?

    public init(
        severity: Severity, category: String, rule: String, message: String, line: Int, xpath: String,
        activity: String? = nil
    ) {
        self.severity = severity
        self.category = category
        self.rule = rule
        self.message = message
        self.line = line
        self.xpath = xpath
        self.activity = activity
    }
}
