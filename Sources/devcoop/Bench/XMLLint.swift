import Foundation
import IATIValidation

/// `xmllint`, the reference the benchmarks measure DevCoop against: one process over all the files
/// (in chunks of ``chunk``, and one per schema), as a person checking a folder would run it, so the
/// reference pays no process start per file that DevCoop does not pay either.
struct XMLLint {
    static let chunk = 500
    let path: String

    init() throws {
        guard let path = Self.which("xmllint") else {
            throw UsageError(description: "xmllint is not installed (scripts/setup.sh installs libxml2-utils)")
        }
        self.path = path
    }

    /// `xmllint --stream --noout --huge FILE…`: the parse alone.
    func stream(_ files: [String], runs: Int) throws -> MeasuredProcess {
        try MeasuredProcess.best(of: runs) { try over(files, ["--stream", "--noout", "--huge"]) }
    }

    /// `xmllint --noout --huge --schema XSD FILE…`, the activities' schema for activity files and the
    /// organisations' for organisation files.
    func schema(_ files: [String], runs: Int) throws -> MeasuredProcess {
        let folder = try SchemaValidator.folder()
        let byRoot = Dictionary(grouping: files) {
            SchemaValidator.rootName(of: $0) == "iati-organisations" ? "iati-organisations-schema.xsd" : "iati-activities-schema.xsd"
        }
        return try MeasuredProcess.best(of: runs) {
            try byRoot.keys.sorted().map { schema in
                try over(byRoot[schema]!, ["--noout", "--huge", "--schema", folder.appendingPathComponent(schema).path])
            }.reduce(MeasuredProcess(seconds: 0, status: 0, peakBytes: 0), +)
        }
    }

    private func over(_ files: [String], _ options: [String]) throws -> MeasuredProcess {
        try stride(from: 0, to: files.count, by: Self.chunk).map { start in
            try MeasuredProcess.run(path, options + files[start..<min(files.count, start + Self.chunk)])
        }.reduce(MeasuredProcess(seconds: 0, status: 0, peakBytes: 0), +)
    }

    static func which(_ command: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
