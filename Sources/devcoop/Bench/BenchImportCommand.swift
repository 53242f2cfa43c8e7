import ArgumentParser
import Foundation
import IATI
import IATIXML
import Store

/// Times `devcoop import` against xmllint on the same files, in the same run: without validation
/// against `xmllint --stream --noout`, with validation against `xmllint --schema`.
struct BenchImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import time and peak memory against xmllint over the same files.",
        discussion: """
            Takes files and folders: `devcoop bench generate --files 130 -o .build-bench/corpus`, then \\
            `devcoop bench import .build-bench/corpus` (or Samples/iati). Targets: `import --no-validate` \\
            ≥ 0.7× the throughput of `xmllint --stream --noout`; `import` (validating) ≤ 2.5× the time \\
            of `xmllint --schema`; peak RSS < 150 MB. The store the validating import made is then \
            exported (`devcoop export`): target ≤ 0.5× the time of `xmllint --stream --noout`.
            """)

    @Option(help: "The store to import into; default: a new SQLite file in a temporary folder, removed afterwards.")
    var db: String?

    @Option(help: "How many times to run each side; the best run counts.")
    var runs = 1

    @Flag(help: "Time only the import without validation (and its parts).")
    var skipValidatedImport = false

    @Argument(help: "IATI XML files or folders.")
    var paths: [String]

    func run() async throws {
        let files = try InputFiles.expand(paths)
        guard !files.isEmpty else { throw UsageError(description: "no .xml files in \(paths.joined(separator: ", "))") }
        let megabytes = Double(Self.bytes(of: files)) / 1_000_000
        let xmllint = try XMLLint()
        let stream = try xmllint.stream(files, runs: runs)

        // Where the time goes: the parser alone, then the import's parsing side (parser, rows, hash) without a database.
        let parseSeconds = try Self.time { for file in files { try IATIReader(buildsTrees: false).read(file: file) { _ in } } }
        let projectStarted = Date()
        for file in files { _ = try await ImportBenchmark.projectRows(file: file) }
        let projectSeconds = Date().timeIntervalSince(projectStarted)

        var failures: [String] = []
        let plain = try await importing(files, validate: false, failures: &failures)
        print("files: \(files.count), \(String(format: "%.1f", megabytes)) MB, \(plain.activities) activities")
        print(String(format: "xmllint --stream --noout  %7.2f s  %7.1f MB/s", stream.seconds, megabytes / stream.seconds))
        print(String(format: "  parser alone (SAX2)             %7.2f s  %7.1f MB/s", parseSeconds, megabytes / parseSeconds))
        print(String(format: "  parser + rows + hash (no db)    %7.2f s  %7.1f MB/s", projectSeconds, megabytes / projectSeconds))
        if let engineSeconds = plain.engineSeconds {
            print(String(format: "  SQLite copying the same rows    %7.2f s  %7.1f MB/s   (INSERT … SELECT into a new store: the engine's floor)",
                         engineSeconds, megabytes / engineSeconds))
        }
        let store = db == nil ? "SQLite" : "--db"
        print(String(format: "devcoop import --no-validate (%@)  %7.2f s  %7.1f MB/s  %8.0f activities/s",
                     store, plain.process.seconds, megabytes / plain.process.seconds, Double(plain.activities) / plain.process.seconds))
        print(String(format: "ratio import --no-validate / xmllint --stream: %.2f× its throughput (target ≥ 0.70×)", stream.seconds / plain.process.seconds))
        print(String(format: "peak RSS of devcoop import --no-validate: %.0f MB (target < 150 MB)", plain.process.peakMB))

        if !skipValidatedImport {
            let schema = try xmllint.schema(files, runs: runs)
            let validated = try await importing(files, validate: true, failures: &failures)
            print(String(format: "xmllint --noout --schema  %7.2f s", schema.seconds))
            print(String(format: "devcoop import (%@, validates)  %7.2f s", store, validated.process.seconds))
            print(String(format: "ratio import / xmllint --schema: %.2f× its time (target ≤ 2.50×)", validated.process.seconds / schema.seconds))
            print(String(format: "peak RSS of devcoop import: %.0f MB (target < 150 MB)", validated.process.peakMB))
            if let export = validated.export {
                print(String(format: "devcoop export of that store  %7.2f s", export.seconds))
                print(String(format: "ratio export / xmllint --stream: %.2f× its time (target ≤ 0.50×)", export.seconds / stream.seconds))
                print(String(format: "peak RSS of devcoop export: %.0f MB", export.peakMB))
            }
        }
        if !failures.isEmpty {
            print("failed: \(failures.joined(separator: "; "))")
            throw ExitCode(1)
        }
    }

    /// What the import runs gave: the best run, its activities, the engine's own copy time, and
    /// the best export of a store the validating import made.
    struct Imported {
        var process: MeasuredProcess
        var activities: Int
        var engineSeconds: Double?
        var export: MeasuredProcess?
    }

    /// `devcoop import [--no-validate] --json` in a process of its own, each run into a new store
    /// (unless `--db`): its time from start to exit, and its own peak memory.
    func importing(_ files: [String], validate: Bool, failures: inout [String]) async throws -> Imported {
        var best: Imported?
        for _ in 0..<max(1, runs) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-bench-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let location = db ?? folder.appendingPathComponent("bench.sqlite").path
            let report = folder.appendingPathComponent("report.json").path
            let executable = Bundle.main.executableURL!.path
            let process = try MeasuredProcess.run(
                executable, ["import"] + (validate ? [] : ["--no-validate"]) + ["--json", "--db", location] + files, output: report)
            let json = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report)))) as? [String: Any]
            let activities = ((json?["totals"] as? [String: Any])?["activities"] as? Int) ?? 0
            for file in json?["files"] as? [[String: Any]] ?? [] {
                if let error = file["error"] as? String { failures.append(error) }
            }
            if process.status != 0, failures.isEmpty { failures.append("devcoop import exited with \(process.status)") }
            var run = Imported(process: process, activities: activities)
            if db == nil, !validate {
                // The database's share alone: the same rows copied by the engine, no parsing, no binding.
                let copyStarted = Date()
                try await ImportBenchmark.copyTables(fromSQLite: location, into: folder.appendingPathComponent("copy.sqlite").path)
                run.engineSeconds = Date().timeIntervalSince(copyStarted)
            }
            if db == nil, validate {
                // Validated as the agency's files are, so what validated is exported as published.
                let export = try MeasuredProcess.run(
                    executable, ["export", "--db", location, "-o", folder.appendingPathComponent("export.xml").path])
                if export.status != 0 { failures.append("devcoop export exited with \(export.status)") }
                run.export = export
            }
            let fastestExport = [best?.export, run.export].compactMap { $0 }.min { $0.seconds < $1.seconds }
            if let previous = best, previous.process.seconds <= run.process.seconds {
                best!.process.peakBytes = max(previous.process.peakBytes, run.process.peakBytes)
                if let seconds = run.engineSeconds { best!.engineSeconds = min(previous.engineSeconds ?? seconds, seconds) }
            } else {
                run.process.peakBytes = max(run.process.peakBytes, best?.process.peakBytes ?? 0)
                best = run
            }
            best!.export = fastestExport
        }
        return best!
    }

    static func bytes(of files: [String]) -> Int {
        files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let started = Date()
        try body()
        return Date().timeIntervalSince(started)
    }
}
