import ArgumentParser
import Foundation
import IATIValidation

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate IATI files: the 2.03 schema, codelists and the IATI Standard Ruleset, every finding at once.",
        discussion: "Exit code 0 when no critical or error finding, 1 otherwise, 2 on bad usage.")

    @Flag(help: "Print one JSON object per file.")
    var json = false

    @Option(help: "Show findings of this severity and worse: critical, error, warning or info.")
    var severity: Finding.Severity = .info

    @Argument(help: "IATI XML files (gzip-compressed ones too), or folders searched recursively for .xml and .xml.gz files.")
    var paths: [String]

    struct FileReport: Encodable {
        var path: String
        var validSchema: Bool
        var counts: [String: Int]
        /// Findings counted in `counts` but left out of `findings` (beyond ``Validator/maxFindings``).
        var omitted: Int
        var findings: [Finding]
    }

    func run() async throws {
        let files = try InputFiles.expand(paths)
        guard !files.isEmpty else { throw UsageError(description: "no .xml files in \(paths.joined(separator: ", "))") }
        let validator = try Validator()
        var failed = false
        for path in files {
            let result = await validator.validate(file: path)
            let counts = Dictionary(uniqueKeysWithValues: Finding.Severity.allCases.map { ($0.rawValue, result.counts[$0] ?? 0) })
            failed = failed || !result.passes
            let shown = result.findings.filter { $0.severity <= severity }
            if json {
                print(Terminal.json(FileReport(
                    path: path, validSchema: result.validSchema, counts: counts, omitted: result.omitted, findings: shown)))
            } else {
                print(Self.humanReport(path: path, validSchema: result.validSchema, counts: counts, findings: shown))
                if result.omitted > 0 {
                    print("  … and \(result.omitted) more findings, counted above but not listed (the first \(Validator.maxFindings) are)")
                }
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Findings grouped by activity, then by rule, with their lines.
    static func humanReport(path: String, validSchema: Bool, counts: [String: Int], findings: [Finding]) -> String {
        var lines = ["\(path): schema \(validSchema ? "valid" : "NOT valid"); "
            + Finding.Severity.allCases.map { "\(counts[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")]
        let byActivity = Dictionary(grouping: findings) { $0.activity ?? "(outside any activity)" }
        for activity in byActivity.keys.sorted() {
            lines.append("  \(activity)")
            let byRule = Dictionary(grouping: byActivity[activity]!) { "\($0.severity.rawValue) \($0.rule)" }
            for rule in byRule.keys.sorted(by: { byRule[$0]![0].severity == byRule[$1]![0].severity ? $0 < $1 : byRule[$0]![0].severity < byRule[$1]![0].severity }) {
                let group = byRule[rule]!
                lines.append("    \(rule): \(group[0].message)")
                for finding in group.sorted(by: { $0.line < $1.line }) {
                    lines.append("      line \(finding.line)  \(finding.xpath)" + (finding.message != group[0].message ? "  \(finding.message)" : ""))
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension Finding.Severity: ExpressibleByArgument {}
