import IATIValidation

/// Findings of one file that say the same thing (same severity, rule and message), told once with
/// their count and lines: real files repeat one mistake thousands of times (`xml:lang="EN"`).
struct FindingGroup {
    var severity: Finding.Severity
    var rule: String
    var message: String
    var count = 0
    var firstLine = Int.max
    var lastLine = 0
    /// The first few lines, listed (`lines 8,417; 8,467`) when there are no more of them.
    private var someLines: [Int] = []
    private var activities: Set<String> = []
    private var outsideActivities = false

    /// The groups of `findings`, worst severity first, then the largest.
    static func groups(_ findings: [Finding]) -> [FindingGroup] {
        var index: [String: Int] = [:]
        var groups: [FindingGroup] = []
        for finding in findings {
            let key = "\(finding.severity.rawValue)\u{0}\(finding.rule)\u{0}\(finding.message)"
            let position: Int
            if let known = index[key] {
                position = known
            } else {
                position = groups.count
                index[key] = position
                groups.append(FindingGroup(severity: finding.severity, rule: finding.rule, message: finding.message))
            }
            groups[position].add(finding)
        }
        return groups.sorted { ($0.severity, -$0.count, $0.rule, $0.message) < ($1.severity, -$1.count, $1.rule, $1.message) }
    }

    private mutating func add(_ finding: Finding) {
        count += 1
        firstLine = min(firstLine, finding.line)
        lastLine = max(lastLine, finding.line)
        if someLines.count <= 3, !someLines.contains(finding.line) { someLines.append(finding.line) }
        if let activity = finding.activity { activities.insert(activity) } else { outsideActivities = true }
    }

    /// `8,411 × warning codelist:Language: "EN" is not a Language code, lines 12–40,233 (in 35 activities)`
    var line: String {
        let lines: String
        if someLines.count == 1 {
            lines = "line \(Terminal.count(firstLine))"
        } else if someLines.count <= 3 {
            lines = "lines " + someLines.sorted().map(Terminal.count).joined(separator: "; ")
        } else {
            lines = "lines \(Terminal.count(firstLine))–\(Terminal.count(lastLine))"
        }
        let place: String
        switch (activities.count, outsideActivities) {
        case (0, _): place = "outside any activity"
        case (1, false): place = "in \(activities.first!)"
        case (let count, false): place = "in \(Terminal.count(count)) activities"
        case (let count, true): place = "in \(Terminal.count(count)) activities and outside any"
        }
        return "\(Terminal.count(count)) × \(severity.rawValue) \(rule): \(message), \(lines) (\(place))"
    }
}
