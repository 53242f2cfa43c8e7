import ArgumentParser
import Foundation
import IATIValidation

/// Times `devcoop validate` (text and `--json`) against `xmllint --noout --schema` on the same
/// files, in the same run, each in a process of its own.
struct BenchValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Full validation (schema, codelists, rulesets) against xmllint's schema check of the same files.",
        discussion: """
            Takes files and folders (`devcoop bench validate .build-bench/corpus`, `… Samples/iati`). \\
            Target: `devcoop validate`, as text and as --json, within 2× the time of xmllint's \\
            schema check alone; peak RSS < 150 MB. The findings are counted by rule in this process.
            """)

    @Option(help: "How many times to run each side; the best run counts.")
    var runs = 1

    @Option(help: "How many of the most frequent rules to list with their findings.")
    var top = 12

    @Argument(help: "IATI XML files or folders.")
    var paths: [String]

    func run() async throws {
        let files = try InputFiles.expand(paths)
        guard !files.isEmpty else { throw UsageError(description: "no .xml files in \(paths.joined(separator: ", "))") }
        let xmllint = try XMLLint()
        let executable = Bundle.main.executableURL!.path
        let schema = try xmllint.schema(files, runs: runs)
        // Exit status 1 only says that some file has errors: the output is what is timed, thrown away.
        let text = try MeasuredProcess.best(of: runs) { try MeasuredProcess.run(executable, ["validate"] + files) }
        let json = try MeasuredProcess.best(of: runs) { try MeasuredProcess.run(executable, ["validate", "--json"] + files) }

        // What the files hold, so that a corpus can be compared with another.
        let validator = try Validator()
        var byRule: [String: Int] = [:]
        var bySeverity: [Finding.Severity: Int] = [:]
        var omitted = 0
        for file in files {
            let result = await validator.validate(file: file)
            for finding in result.findings { byRule["\(finding.severity.rawValue) \(finding.rule)", default: 0] += 1 }
            bySeverity.merge(result.counts, uniquingKeysWith: +)
            omitted += result.omitted
        }
        let findings = bySeverity.values.reduce(0, +)
        print("files: \(files.count), \(String(format: "%.1f", Double(BenchImportCommand.bytes(of: files)) / 1_000_000)) MB, \(findings) findings (\(files.isEmpty ? 0 : findings / files.count) per file)")
        print("  by severity: " + Finding.Severity.allCases.map { "\($0.rawValue) \(bySeverity[$0] ?? 0)" }.joined(separator: ", "))
        for (rule, count) in byRule.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(top) {
            print(String(format: "  %8d  %@", count, rule))
        }
        if omitted > 0 { print("  (\(omitted) findings beyond \(Validator.maxFindings) in a file are counted, not listed by rule)") }
        print(String(format: "xmllint --noout --schema         %7.2f s", schema.seconds))
        print(String(format: "devcoop validate (text)          %7.2f s  peak RSS %4.0f MB", text.seconds, text.peakMB))
        print(String(format: "devcoop validate --json          %7.2f s  peak RSS %4.0f MB", json.seconds, json.peakMB))
        print(String(format: "ratio validate / xmllint --schema: %.2f× its time (target ≤ 2.00×)", text.seconds / schema.seconds))
        print(String(format: "ratio validate --json / xmllint --schema: %.2f× its time (target ≤ 2.00×)", json.seconds / schema.seconds))
        if text.status > 1 || json.status > 1 {
            print("devcoop validate failed: exit status \(max(text.status, json.status))")
            throw ExitCode(1)
        }
    }
}
