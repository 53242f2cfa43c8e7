import ArgumentParser
import Foundation
import Portfolio
import Store

/// `devcoop demo`: the demo portfolio, served (the default) or written as files.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "The demo portfolio: served on the dashboard, or written as IATI files.",
        subcommands: [DemoServeCommand.self, DemoGenerateCommand.self], defaultSubcommand: DemoServeCommand.self)
}

/// `devcoop demo [serve]`: the demo portfolio in `devcoop-demo.sqlite` (made on first use), served.
struct DemoServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the demo portfolio on the dashboard (http://127.0.0.1:8080 by default).",
        discussion: """
            The first time, generates the demo portfolio and imports it, validated, into the store \
            (about a minute); later runs serve the existing store at once. Delete the file to start again.
            """)

    @Option(help: "The SQLite store of the demo portfolio.")
    var db = "devcoop-demo.sqlite"

    @OptionGroup var server: ServerOptions

    func run() async throws {
        if !FileManager.default.fileExists(atPath: db) {
            let started = Date()
            do {
                try await DemoStore.create(at: db) { print("devcoop demo: \($0)") }
            } catch {
                Terminal.error("devcoop: the demo store could not be made: \(error)")
                throw ExitCode(1)
            }
            print("devcoop demo: \(db) ready in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
        let store = try await Store.openForCommand(db)
        do {
            // A demo store made by an earlier version gets what the demo has since gained.
            try await DemoStore.complete(store) { print("devcoop demo: \($0)") }
        } catch {
            await store.close()
            Terminal.error("devcoop: the demo store \(db) could not be completed: \(error)")
            throw ExitCode(1)
        }
        try await server.serve(store)
    }
}

/// `devcoop demo generate -o DIR`: the demo portfolio as IATI 2.03 files, the way the ILO publishes.
struct DemoGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a demo portfolio true to the seed document as IATI 2.03 files, the way the ILO publishes.",
        discussion: """
            Writes one activity file per biennium (ilo-activities-2014-15.xml … ilo-activities-2024-25.xml; each \
            project in the biennium its agreement was signed, with all its transactions) and ilo-organisation.xml, \
            reporting-org XM-DAC-41302. About 1,000 projects 2014-2025; every funding partner's 2020-22 incoming \
            commitments add up, at the bundled ECB rates, to its figure in the ILO's 2020-22 contributions table. \
            The same seed and scale write the same files. Exit code 0 when the files were written, 1 when writing \
            failed, 2 on bad usage.
            """)

    @Option(help: "Seed of the pseudo-random generator: the same seed writes the same portfolio.")
    var seed: UInt64 = 1

    @Option(help: "Multiplies the number of projects and every partner's money (a larger portfolio for benchmarks).")
    var scale = 1

    @Option(name: .shortAndLong, help: "The folder to write the files into (created if missing).")
    var output: String

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1") }
    }

    func run() throws {
        let started = Date()
        let portfolio: DemoPortfolio
        do {
            portfolio = try DemoPortfolio(seed: seed, scale: scale)
        } catch {
            Terminal.error("devcoop: \(error)")
            throw ExitCode(1)
        }
        let files: [DemoFiles.Written]
        do {
            files = try DemoFiles.write(portfolio, to: URL(fileURLWithPath: output)) { file in
                let what = file.path.hasSuffix(DemoPortfolio.organisationFileName) ? "organisation" : "activities"
                print("wrote \(file.path): \(file.count) \(what), \(Terminal.megabytes(file.bytes))")
            }
        } catch {
            Terminal.error("devcoop: demo generate failed: \(error)")
            throw ExitCode(1)
        }
        let activities = files.dropLast().reduce(0) { $0 + $1.count }
        print("\(activities) activities of \(DemoPortfolio.reportingOrg) (seed \(seed), scale \(scale)), "
            + "\(Terminal.megabytes(files.reduce(0) { $0 + $1.bytes })) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}
