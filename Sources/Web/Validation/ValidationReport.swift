import IATIValidation

/// What the validation of an uploaded file gave, as the API sends it and the data page shows it:
/// the verdict, counts by severity, findings grouped by rule, and each finding with its line.
struct ValidationReport: Encodable {
    /// The findings of one rule at one severity.
    struct RuleGroup: Encodable {
        var rule: String
        var severity: String
        var category: String
        /// The message of its first finding.
        var message: String
        var count: Int
    }

    /// One finding, with the place to fix it.
    struct Item: Encodable {
        var severity: String
        var category: String
        var rule: String
        var message: String
        var line: Int
        var xpath: String
        var activity: String?
    }

    var fileName: String?
    var size: Int
    var validSchema: Bool
    /// No critical and no error finding.
    var passes: Bool
    var counts: SeverityCounts
    /// Findings counted but not listed (beyond the validator's first 10,000).
    var omitted: Int
    var rules: [RuleGroup]
    var findings: [Item]

    init(_ result: Validator.Result, fileName: String?, size: Int) {
        self.fileName = fileName
        self.size = size
        validSchema = result.validSchema
        passes = result.passes
        counts = SeverityCounts(
            critical: result.counts[.critical] ?? 0, error: result.counts[.error] ?? 0,
            warning: result.counts[.warning] ?? 0, info: result.counts[.info] ?? 0)
        omitted = result.omitted
        findings = result.findings.map {
            Item(severity: $0.severity.rawValue, category: $0.category, rule: $0.rule, message: $0.message,
                 line: $0.line, xpath: $0.xpath, activity: $0.activity)
        }
        // Groups of the listed findings; worst severity first, then the most frequent.
        var groups: [String: RuleGroup] = [:]
        var order: [String] = []
        for finding in result.findings {
            let key = finding.severity.rawValue + " " + finding.rule
            if groups[key] == nil {
                order.append(key)
                groups[key] = RuleGroup(rule: finding.rule, severity: finding.severity.rawValue, category: finding.category,
                                        message: finding.message, count: 0)
            }
            groups[key]!.count += 1
        }
        rules = order.compactMap { groups[$0] }.sorted {
            let left = Finding.Severity(rawValue: $0.severity)!, right = Finding.Severity(rawValue: $1.severity)!
            if left != right { return left < right }
            return $0.count != $1.count ? $0.count > $1.count : $0.rule < $1.rule
        }
    }
}

/// Findings by severity.
struct SeverityCounts: Encodable {
    var critical: Int
    var error: Int
    var warning: Int
    var info: Int
}
