import ArgumentParser
import Foundation
import IATI
import IATIXML
import Store

/// Times `devcoop import` against `xmllint --stream --noout` on the same files, in the same run.
struct BenchImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import throughput and peak memory against xmllint's streaming parse of the same files.",
        discussion: "Generate a large file first with `devcoop bench generate`. Targets: ≥ 0.7× xmllint, peak RSS < 150 MB.")

    @Option(help: "The store to import into; default: a new SQLite file in a temporary folder, removed afterwards.")
    var db: String?

    @Option(help: "How many times to run each side; the best run counts.")
    var runs = 1

    @Argument(help: "IATI XML files or folders.")
    var paths: [String]

    func run() async throws {
        let files = try InputFiles.expand(paths)
        guard !files.isEmpty else { throw UsageError(description: "no .xml files in \(paths.joined(separator: ", "))") }
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        guard let xmllint = Self.which("xmllint") else {
            throw UsageError(description: "xmllint is not installed (scripts/setup.sh installs libxml2-utils)")
        }

        var xmllintSeconds = Double.infinity
        for _ in 0..<runs {
            let started = Date()
            for file in files {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: xmllint)
                process.arguments = ["--stream", "--noout", "--huge", file]
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
            }
            xmllintSeconds = min(xmllintSeconds, Date().timeIntervalSince(started))
        }

        // Where the time goes: the parser alone, then the import's parsing side (parser, rows, hash) without a database.
        let parseSeconds = try Self.time { for file in files { try IATIReader(buildsTrees: false).read(file: file) { _ in } } }
        let projectStarted = Date()
        for file in files { _ = try await ImportBenchmark.projectRows(file: file) }
        let projectSeconds = Date().timeIntervalSince(projectStarted)

        var importSeconds = Double.infinity
        var engineSeconds = Double.infinity
        var activities = 0
        var failures: [String] = []
        for _ in 0..<runs {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-bench-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let location = db ?? folder.appendingPathComponent("bench.sqlite").path
            // The command itself, in a process of its own: its time from start to exit, and its own peak memory.
            let process = Process()
            process.executableURL = Bundle.main.executableURL
            process.arguments = ["import", "--no-validate", "--json", "--db", location] + files
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let started = Date()
            try process.run()
            let json = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            importSeconds = min(importSeconds, Date().timeIntervalSince(started))
            let report = try JSONSerialization.jsonObject(with: json) as? [String: Any]
            activities = ((report?["totals"] as? [String: Any])?["activities"] as? Int) ?? 0
            for file in report?["files"] as? [[String: Any]] ?? [] {
                if let error = file["error"] as? String { failures.append(error) }
            }
            if process.terminationStatus != 0, failures.isEmpty { failures.append("devcoop import exited with \(process.terminationStatus)") }
            guard db == nil else { continue }
            // The database's share alone: the same rows copied by the engine, no parsing, no binding.
            let copyStarted = Date()
            try await ImportBenchmark.copyTables(fromSQLite: location, into: folder.appendingPathComponent("copy.sqlite").path)
            engineSeconds = min(engineSeconds, Date().timeIntervalSince(copyStarted))
        }

        // The largest of the child processes: the imports (xmllint needs a few MB).
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let peakMB = Double(usage.ru_maxrss) / 1024
        let megabytes = Double(bytes) / 1_000_000
        let xmllintRate = megabytes / xmllintSeconds
        let importRate = megabytes / importSeconds
        print("files: \(files.count), \(String(format: "%.1f", megabytes)) MB, \(activities) activities")
        print(String(format: "xmllint --stream --noout  %7.2f s  %7.1f MB/s", xmllintSeconds, xmllintRate))
        print(String(format: "  parser alone (SAX2)             %7.2f s  %7.1f MB/s", parseSeconds, megabytes / parseSeconds))
        print(String(format: "  parser + rows + hash (no db)    %7.2f s  %7.1f MB/s", projectSeconds, megabytes / projectSeconds))
        if engineSeconds.isFinite {
            print(String(format: "  SQLite copying the same rows    %7.2f s  %7.1f MB/s   (INSERT … SELECT into a new store: the engine's floor)",
                         engineSeconds, megabytes / engineSeconds))
        }
        print(String(format: "devcoop import --no-validate (%@)  %7.2f s  %7.1f MB/s  %8.0f activities/s", db == nil ? "SQLite" : "--db", importSeconds, importRate, Double(activities) / importSeconds))
        print(String(format: "ratio import / xmllint: %.2f× (target ≥ 0.70×)", importRate / xmllintRate))
        if engineSeconds.isFinite {
            print(String(format: "ratio SQLite copy alone / xmllint: %.2f× (no import into this store can do better)", xmllintSeconds / engineSeconds))
        }
        print(String(format: "peak RSS of devcoop import: %.0f MB (target < 150 MB)", peakMB))
        if !failures.isEmpty {
            print("failed: \(failures.joined(separator: "; "))")
            throw ExitCode(1)
        }
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let started = Date()
        try body()
        return Date().timeIntervalSince(started)
    }

    static func which(_ command: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
