/// Findings kept up to a bound and counted beyond it: a file of fifty thousand activities with the
/// same mistake costs a count, not fifty thousand findings in memory.
struct FindingTally {
    /// The first findings, in the order they were added.
    private(set) var kept: [Finding] = []
    /// Every finding added, kept or not, by severity.
    private(set) var counts: [Finding.Severity: Int] = [:]
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    mutating func add(_ findings: [Finding]) {
        for finding in findings { add(finding) }
    }

    mutating func add(_ finding: Finding) {
        counts[finding.severity, default: 0] += 1
        if kept.count < limit { kept.append(finding) }
    }
}
