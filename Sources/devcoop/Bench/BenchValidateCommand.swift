import ArgumentParser
import Foundation
import IATIValidation

/// Times full validation against `xmllint --noout --schema` on the same files, in the same run.
struct BenchValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Full validation (schema, codelists, rulesets) against xmllint's schema check of the same files.",
        discussion: "Target: full validation within 2× the time of xmllint's schema check alone.")

    @Option(help: "How many times to run each side; the best run counts.")
    var runs = 1

    @Argument(help: "IATI XML files or folders.")
    var paths: [String]

    func run() async throws {
        let files = try InputFiles.expand(paths)
        guard !files.isEmpty else { throw UsageError(description: "no .xml files in \(paths.joined(separator: ", "))") }
        guard let xmllint = BenchImportCommand.which("xmllint") else {
            throw UsageError(description: "xmllint is not installed (scripts/setup.sh installs libxml2-utils)")
        }
        let schemas = try SchemaValidator.folder()
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }

        var xmllintSeconds = Double.infinity
        for _ in 0..<runs {
            xmllintSeconds = min(xmllintSeconds, try BenchImportCommand.time {
                for file in files {
                    let root = SchemaValidator.rootName(of: file) == "iati-organisations" ? "iati-organisations-schema.xsd" : "iati-activities-schema.xsd"
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: xmllint)
                    process.arguments = ["--noout", "--huge", "--schema", schemas.appendingPathComponent(root).path, file]
                    process.standardOutput = FileHandle.nullDevice
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    process.waitUntilExit()
                }
            })
        }
        let validator = try Validator()
        var findings = 0
        var validateSeconds = Double.infinity
        for _ in 0..<runs {
            findings = 0
            validateSeconds = min(validateSeconds, BenchImportCommand.time {
                for file in files { findings += validator.validate(file: file).findings.count }
            })
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("files: \(files.count), \(String(format: "%.1f", Double(bytes) / 1_000_000)) MB, \(findings) findings")
        print(String(format: "xmllint --noout --schema      %7.2f s", xmllintSeconds))
        print(String(format: "devcoop validate (all layers) %7.2f s", validateSeconds))
        print(String(format: "ratio validate / xmllint: %.2f× the time (target ≤ 2.00×)", validateSeconds / xmllintSeconds))
        print(String(format: "peak RSS of devcoop: %.0f MB", Double(usage.ru_maxrss) / 1024))
    }
}
