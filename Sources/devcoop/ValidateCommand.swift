import ArgumentParser
import Foundation
import IATIValidation
import Store

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate IATI files: the 2.03 schema, codelists and the IATI Standard Ruleset, every finding at once.",
        discussion: """
            Text output tells each file's findings once per severity, rule and message, with their count and lines. \
            --json prints one document {"files": [...], "totals": {...}}, --json-lines one object per file and \
            then {"totals": {...}}; both are written as the files finish. \
            Exit code 0 when no critical or error finding, 1 otherwise, 2 on bad usage.
            """)

    @OptionGroup var output: JSONOutputOptions

    @Option(help: "Show findings of this severity and worse: critical, error, warning or info.")
    var severity: Finding.Severity = .info

    @Argument(help: "IATI XML files (gzip-compressed ones too), or folders searched recursively for .xml and .xml.gz files.")
    var paths: [String]

    /// What every file adds up to.
    struct Totals {
        var files = 0
        var passed = 0
        var validSchema = 0
        var counts: [Finding.Severity: Int] = [:]
        var listed = 0
        var omitted = 0

        func write(to json: inout JSONWriter) {
            json.beginObject()
            json.key("files"); json.int(files)
            json.key("passed"); json.int(passed)
            json.key("failed"); json.int(files - passed)
            json.key("valid_schema"); json.int(validSchema)
            json.key("counts"); json.counts(counts)
            json.key("listed"); json.int(listed)
            json.key("omitted"); json.int(omitted)
            json.endObject()
        }
    }

    func run() async throws {
        let files = try InputFiles.expand(paths)
        guard !files.isEmpty else { throw UsageError(description: "no .xml files in \(paths.joined(separator: ", "))") }
        let validator = try Validator()
        var stream = output.stream()
        var totals = Totals()
        // The next file is validated while this one finishes: a file's two passes rarely end
        // together, and the threads one leaves idle take up the next file's.
        var validations = LookaheadQueue(files, ahead: 1) { path in await validator.validate(file: path) }
        for path in files {
            let result = await validations.next()
            let shown = result.findings.filter { $0.severity <= severity }
            totals.files += 1
            totals.passed += result.passes ? 1 : 0
            totals.validSchema += result.validSchema ? 1 : 0
            totals.counts.merge(result.counts, uniquingKeysWith: +)
            totals.listed += shown.count
            totals.omitted += result.omitted
            if stream != nil {
                Self.write(path: path, result: result, shown: shown, to: &stream!)
            } else {
                print(Self.humanReport(path: path, result: result, findings: shown))
            }
        }
        stream?.finish { totals.write(to: &$0) }
        if totals.passed < totals.files { throw ExitCode(1) }
    }

    /// One file's object: `path`, `valid_schema`, `counts` (every finding, by severity), `omitted`
    /// (counted but not kept, beyond ``Validator/maxFindings``) and the `findings` shown.
    static func write(path: String, result: Validator.Result, shown: [Finding], to stream: inout FileReportStream) {
        stream.json.beginObject()
        stream.json.key("path"); stream.json.string(path)
        stream.json.key("valid_schema"); stream.json.bool(result.validSchema)
        stream.json.key("counts"); stream.json.counts(result.counts)
        stream.json.key("omitted"); stream.json.int(result.omitted)
        stream.json.key("findings")
        stream.json.beginArray()
        for finding in shown {
            stream.json.finding(finding)
            stream.flushIfLarge()
        }
        stream.json.endArray()
        stream.json.endObject()
        stream.endFile()
    }

    /// The file's verdict and counts, then its findings told once per severity, rule and message.
    static func humanReport(path: String, result: Validator.Result, findings: [Finding]) -> String {
        var lines = ["\(path): schema \(result.validSchema ? "valid" : "NOT valid"); "
            + Finding.Severity.allCases.map { "\(Terminal.count(result.counts[$0] ?? 0)) \($0.rawValue)" }.joined(separator: ", ")]
        lines += FindingGroup.groups(findings).map { "  " + $0.line }
        if result.omitted > 0 {
            lines.append("  … and \(Terminal.count(result.omitted)) more findings, counted above but not listed (the first \(Terminal.count(Validator.maxFindings)) are)")
        }
        return lines.joined(separator: "\n")
    }
}

extension Finding.Severity: ExpressibleByArgument {}

extension JSONWriter {
    /// `{"critical": 0, "error": 3, "warning": 12, "info": 0}`: every severity, none left out.
    mutating func counts(_ counts: [Finding.Severity: Int]) {
        beginObject()
        for severity in Finding.Severity.allCases {
            key(severity.rawValue)
            int(counts[severity] ?? 0)
        }
        endObject()
    }

    /// The finding with the field names `JSONEncoder` gave it: `activity` only when inside one.
    mutating func finding(_ finding: Finding) {
        beginObject()
        key("severity"); string(finding.severity.rawValue)
        key("category"); string(finding.category)
        key("rule"); string(finding.rule)
        key("message"); string(finding.message)
        key("line"); int(finding.line)
        key("xpath"); string(finding.xpath)
        if let activity = finding.activity {
            key("activity"); string(activity)
        }
        endObject()
    }
}
