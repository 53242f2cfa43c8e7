import ArgumentParser
import Foundation
import Portfolio
import Store

/// `devcoop dwcp`: the register of Decent Work Country Programmes.
struct DWCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dwcp", abstract: "List, show, add and update Decent Work Country Programmes.",
        subcommands: [DWCPListCommand.self, DWCPShowCommand.self, DWCPAddCommand.self, DWCPUpdateCommand.self])
}

/// `devcoop dwcp list`: the register on a day.
struct DWCPListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the programmes, their status and committee on a day.")

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(help: "Only programmes in-preparation, active or ended.")
    var status: String?

    @Option(name: .customLong("as-of"), help: "The day (YYYY-MM-DD); today by default.")
    var asOf: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        try ChangeOptions.checkDate(asOf, option: "--as-of")
        if let status, CountryProgrammeStatus(rawValue: status) == nil {
            throw ValidationError("--status must be one of \(CountryProgrammeStatus.allCases.map(\.rawValue).joined(separator: ", ")), not \(status)")
        }
    }

    func run() async throws {
        let day = asOf ?? ChangeOptions.today
        let (records, counts) = try await ChangeOptions.withStore(db) { store in
            (try await store.programmes(on: day, status: status.flatMap(CountryProgrammeStatus.init(rawValue:))), try await store.programmeCounts(on: day))
        }
        if json {
            print(Terminal.json(records))
            return
        }
        print("Decent Work Country Programmes on \(day): \(counts.active) active (\(counts.activeWithCommittee) with a tripartite steering committee), "
            + "\(counts.inPreparation) in preparation, \(counts.ended) ended")
        for record in records {
            let committee = record.programme.committeeSince.map { "committee since \($0)" } ?? "no committee"
            print("  \(record.programme.code.padding(toLength: 14, withPad: " ", startingAt: 0)) \(record.status.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) "
                + "\(committee.padding(toLength: 27, withPad: " ", startingAt: 0)) \(record.projectCount) projects, US$\(record.commitmentsUSD)")
        }
    }
}

/// `devcoop dwcp show CODE`: one programme with its outcomes and projects.
struct DWCPShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one programme: period, status, committee, outcomes, projects.")

    @Argument(help: "The programme's code (e.g. BD-2022-2026).")
    var code: String

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(name: .customLong("as-of"), help: "The day (YYYY-MM-DD); today by default.")
    var asOf: String?

    @Option(help: "The language of the texts: en, zh, fr or es.")
    var lang = "en"

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        try ChangeOptions.checkDate(asOf, option: "--as-of")
    }

    func run() async throws {
        let day = asOf ?? ChangeOptions.today
        guard let detail = try await ChangeOptions.withStore(db, { try await $0.programme(code, on: day) }) else {
            Terminal.error("devcoop: there is no country programme \(code)")
            throw ExitCode(1)
        }
        if json {
            print(Terminal.json(detail))
            return
        }
        let programme = detail.record.programme
        print("\(programme.code): \(programme.title.text(lang))")
        print("  country \(programme.country), \(programme.start) – \(programme.end), \(detail.record.status.rawValue) on \(day)")
        print("  tripartite steering committee: " + (programme.committeeSince.map { "since \($0)" } ?? "none"))
        print("  country programme outcomes:")
        for outcome in programme.outcomes { print("    \(outcome.code) \(outcome.text.text(lang))") }
        print("  \(detail.projects.count) projects, US$\(detail.record.commitmentsUSD) committed:")
        for project in detail.projects {
            print("    \(project.identifier) \(project.outcome ?? "") US$\(project.commitmentsUSD) committed, US$\(project.expenditureUSD) spent  \(project.title ?? "")")
        }
        print("  registered: " + detail.versions.map { "\($0.recordedAt) by \($0.recordedBy)" }.joined(separator: "; "))
    }
}

/// What `dwcp add` and `dwcp update` read: one programme, or a list, as JSON (the shape `dwcp show --json` prints under `record.programme`).
struct ProgrammeInput: ParsableArguments {
    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(help: "A JSON file with the programme (or a list of them); - reads standard input.")
    var file: String

    @Option(help: "Who makes the change.")
    var by: String

    @Flag(help: "Print the registered programmes as JSON.")
    var json = false

    func validate() throws {
        try ChangeOptions.checkAuthor(by)
    }

    func programmes() throws -> [CountryProgramme] {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else { throw UsageError(description: "devcoop: cannot read \(file)") }
            data = contents
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            if let list = try? decoder.decode([CountryProgramme].self, from: data) { return list }
            return [try decoder.decode(CountryProgramme.self, from: data)]
        } catch {
            throw UsageError(description: "devcoop: \(file == "-" ? "standard input" : file) is not a programme in JSON: \(error)")
        }
    }

    func write(_ change: @escaping @Sendable (Store, CountryProgramme) async throws -> Void, verb: String) async throws {
        let programmes = try programmes()
        let details = try await ChangeOptions.withStore(db) { store in
            var details: [CountryProgrammeDetail] = []
            for programme in programmes {
                try await change(store, programme)
                if let detail = try await store.programme(programme.code, on: ChangeOptions.today) { details.append(detail) }
            }
            return details
        }
        if json {
            print(Terminal.json(details))
        } else {
            for programme in programmes { print("\(verb) \(programme.code), by \(by).") }
        }
    }
}

/// `devcoop dwcp add`: registers new programmes.
struct DWCPAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a new programme from JSON.")

    @OptionGroup var input: ProgrammeInput

    func run() async throws {
        let by = input.by
        try await input.write({ try await $0.addProgramme($1, by: by) }, verb: "Registered")
    }
}

/// `devcoop dwcp update`: registers a new version of programmes already registered.
struct DWCPUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Register a new version of a programme from JSON; the earlier stays in the history.")

    @OptionGroup var input: ProgrammeInput

    func run() async throws {
        let by = input.by
        try await input.write({ try await $0.updateProgramme($1, by: by) }, verb: "Updated")
    }
}
