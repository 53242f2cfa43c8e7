import ArgumentParser
import Foundation
import Portfolio
import Store

/// `devcoop screening`: the E&S risk screening of projects (seed §34).
struct ScreeningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screening", abstract: "E&S risk screening: the checklist, screenings of projects, the projects without one.",
        subcommands: [ScreeningChecklistCommand.self, ScreeningRecordCommand.self, ScreeningShowCommand.self, ScreeningMissingCommand.self])
}

/// `devcoop screening checklist`: the questions, the answers they take, the rules and measures.
struct ScreeningChecklistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checklist", abstract: "Print the checklist in force: questions, rules, measures.")

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let checklist = ScreeningChecklist.current
        if json {
            print(Terminal.json(ChecklistDocument(checklist)))
            return
        }
        print("E&S screening checklist, version \(checklist.version). Answer each question no, low, medium or high.\n")
        for area in ScreeningArea.allCases {
            print(area.englishName)
            for question in checklist.questions where question.area == area {
                print("  \(question.id): \(question.text)")
            }
        }
        print("\nRisk category, by the first rule that applies:")
        for (number, rule) in checklist.rules.enumerated() { print("  \(number + 1). \(rule)") }
        print("\nMeasures required by category (cumulative):")
        for category in RiskCategory.allCases {
            for measure in checklist.categoryMeasures[category] ?? [] { print("  \(category.rawValue): \(measure.text)") }
        }
        print("\nMeasures required by each area with a medium or high answer:")
        for area in ScreeningArea.allCases {
            if let measure = checklist.areaMeasures[area] { print("  \(area.rawValue): \(measure.text)") }
        }
    }

    /// The checklist as JSON: maps keyed by names, not by enum values.
    struct ChecklistDocument: Encodable {
        var version: Int
        var answers: [String]
        var questions: [ScreeningQuestion]
        var rules: [String]
        var categoryMeasures: [String: [MitigationMeasure]]
        var areaMeasures: [String: MitigationMeasure]

        init(_ checklist: ScreeningChecklist) {
            version = checklist.version
            answers = ScreeningAnswer.allCases.map(\.rawValue)
            questions = checklist.questions
            rules = checklist.rules
            categoryMeasures = Dictionary(uniqueKeysWithValues: checklist.categoryMeasures.map { ($0.key.rawValue, $0.value) })
            areaMeasures = Dictionary(uniqueKeysWithValues: checklist.areaMeasures.map { ($0.key.rawValue, $0.value) })
        }
    }
}

/// `devcoop screening record PROJECT --file answers.json --by NAME`.
struct ScreeningRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Record a completed screening of a project; print its category and measures.",
        discussion: """
            The answers are a JSON object of question id → no | low | medium | high (see `devcoop screening checklist`), \
            every question answered, e.g. {"labour.conditions": "low", "gender.seah": "no", …}.
            """)

    @Argument(help: "The project's iati-identifier.")
    var project: String

    @Option(help: "The answers as JSON; - reads standard input.")
    var file: String

    @Option(help: "Who screened the project.")
    var by: String

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data else { throw UsageError(description: "cannot read \(file)") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw UsageError(description: "\(file): the answers must be a JSON object of question id → answer")
        }
        var answers: [String: String] = [:]
        for (question, answer) in (object["answers"] as? [String: Any]) ?? object {
            guard let text = answer as? String else {
                throw UsageError(description: "\(file): the answer to \(question) must be a string (no, low, medium or high)")
            }
            answers[question] = text
        }
        let screening = try await Store.withCommandStore(db) { try await $0.recordScreening(project: project, answers: answers, by: by) }
        if json {
            print(Terminal.json(screening))
        } else {
            print(ScreeningText.describe(screening))
        }
    }
}

/// `devcoop screening show PROJECT`: every screening of a project and its pipeline history.
struct ScreeningShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a project's screenings and pipeline status history.")

    @Argument(help: "The project's iati-identifier.")
    var project: String

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Flag(help: "Print JSON.")
    var json = false

    struct Shown: Encodable {
        var project: String
        var screenings: [Screening]
        var pipeline: [PipelineChange]
    }

    func run() async throws {
        let shown = try await Store.withCommandStore(db) { store in
            guard try await store.hasProject(project) else {
                throw StoreError(.unknownProject, "no project (IATI activity) \(project) in the store")
            }
            return Shown(project: project, screenings: try await store.screenings(project: project), pipeline: try await store.pipelineHistory(project: project))
        }
        if json {
            print(Terminal.json(shown))
            return
        }
        if shown.screenings.isEmpty { print("\(project): no E&S screening yet.") }
        for screening in shown.screenings { print(ScreeningText.describe(screening) + "\n") }
        print(shown.pipeline.isEmpty ? "No pipeline status." : "Pipeline:")
        for change in shown.pipeline { print("  \(change.changedAt)  \(change.status.rawValue)  by \(change.changedBy)") }
    }
}

/// `devcoop screening missing`: the projects without a screening.
struct ScreeningMissingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "missing", abstract: "List the projects without an E&S screening.")

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let register = try await Store.withCommandStore(db) { try await $0.screeningRegister() }
        if json {
            print(Terminal.json(register.missing))
            return
        }
        print("\(register.missing.count) projects without an E&S screening (\(register.screened.count) screened).")
        for entry in register.missing {
            print("  \(entry.project)  \(entry.status?.rawValue ?? "no status")  \(entry.title ?? "")")
        }
    }
}

/// A screening as text for the terminal.
enum ScreeningText {
    static func describe(_ screening: Screening) -> String {
        let checklist = ScreeningChecklist.version(screening.checklistVersion)
        var lines = [
            "\(screening.project): \(screening.category.rawValue) risk (rule \(screening.rule)\(checklist.map { ": " + $0.rules[screening.rule - 1] } ?? ""))",
            "Screened by \(screening.screenedBy) on \(screening.screenedAt), checklist version \(screening.checklistVersion).",
            "Required measures:",
        ]
        lines += screening.measures.map { "  - \($0.text)" }
        return lines.joined(separator: "\n")
    }
}
