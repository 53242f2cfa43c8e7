import ArgumentParser
import Foundation
import Portfolio
import Store

/// `devcoop strategy`: the development cooperation strategy, its assessments and indicators.
struct StrategyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategy", abstract: "Show and monitor the development cooperation strategy.",
        subcommands: [StrategyShowCommand.self, StrategyAssessCommand.self, StrategyRecordCommand.self, StrategyLoadCommand.self])
}

/// `devcoop strategy show`: the strategy as of a day.
struct StrategyShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the strategy as of a day: pillars, actions, latest progress, indicators.")

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(name: .customLong("as-of"), help: "The day to show the strategy as of (YYYY-MM-DD); today by default.")
    var asOf: String?

    @Option(help: "The language of the texts: en, zh, fr or es (English where a text has no translation).")
    var lang = "en"

    @Option(help: "The strategy's id, when the store holds several.")
    var strategy: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        try ChangeOptions.checkDate(asOf, option: "--as-of")
        guard ["en", "zh", "fr", "es"].contains(lang) else { throw ValidationError("--lang must be en, zh, fr or es, not \(lang)") }
    }

    func run() async throws {
        let day = asOf ?? ChangeOptions.today
        let review = try await ChangeOptions.withStore(db) { try await $0.strategyReview(asOf: day, strategyID: strategy) }
        if json {
            print(Terminal.json(review))
            return
        }
        print("\(review.strategy.title.text(lang)) (\(review.strategy.start) – \(review.strategy.end)), as of \(review.asOf)")
        for pillar in review.pillars {
            print("")
            print("Pillar \(pillar.pillar.number). \(pillar.pillar.title.text(lang))")
            print("  Outcome: \(pillar.pillar.outcome.text(lang))")
            for action in pillar.pillar.actions {
                print("  \(pillar.pillar.number).\(action.number) \(action.text.text(lang))")
            }
            if let latest = pillar.latest {
                print("  Progress (\(latest.date), \(latest.rating.rawValue.replacingOccurrences(of: "-", with: " ")), by \(latest.recordedBy)): \(latest.narrative.text(lang))")
            } else {
                print("  Progress: not assessed yet")
            }
            if pillar.history.count > 1 {
                print("  Earlier assessments: " + pillar.history.dropFirst().map { "\($0.date) \($0.rating.rawValue)" }.joined(separator: "; "))
            }
            for indicator in pillar.indicators {
                let place = indicator.indicator.action.map { "\(pillar.pillar.number).\($0)" } ?? "\(pillar.pillar.number)"
                var parts: [String] = []
                if let computed = indicator.computed {
                    parts.append("\(Self.format(computed.value, indicator.indicator.unit)) computed as of \(computed.date)")
                }
                if let entered = indicator.entered.last {
                    parts.append("\(Self.format(entered.value, indicator.indicator.unit)) reported for \(entered.date) (\(entered.source))")
                }
                if parts.isEmpty { parts.append("no value yet") }
                if let target = indicator.indicator.targets.sorted(by: { $0.key < $1.key }).last {
                    parts.append("target \(Self.format(target.value, indicator.indicator.unit)) in \(target.key)")
                }
                print("  [\(place)] \(indicator.indicator.id): \(indicator.indicator.title.text(lang)): " + parts.joined(separator: "; "))
            }
        }
    }

    static func format(_ value: Double, _ unit: IndicatorUnit) -> String {
        switch unit {
        case .count: value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        case .share: String(format: "%.1f%%", value * 100)
        case .millionUSD: String(format: "US$%.1f million", value)
        }
    }
}

/// `devcoop strategy load`: the bundled strategy 2020–25 with its mid-term review, into a store
/// that does not hold it yet (`devcoop demo` stores have it).
struct StrategyLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Store the bundled strategy 2020-25 with its mid-term review (once; a stored strategy is kept).")

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(help: "Who loads it.")
    var by: String

    func validate() throws {
        try ChangeOptions.checkAuthor(by)
    }

    func run() async throws {
        let catalog: StrategyCatalog
        do {
            catalog = try StrategyCatalog.bundled()
        } catch {
            Terminal.error("devcoop: \(error)")
            throw ExitCode(1)
        }
        let loaded = try await ChangeOptions.withStore(db) { try await $0.loadStrategy(catalog, by: by) }
        print(loaded ? "Stored \(catalog.strategy.title.text("en")), by \(by)." : "\(catalog.strategy.id) is stored already: kept as it is.")
    }
}

/// `devcoop strategy assess`: a review's rating of a pillar's progress.
struct StrategyAssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess", abstract: "Record a progress assessment of a pillar (or one of its actions).")

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(help: "The pillar's number.")
    var pillar: Int

    @Option(help: "The action's number within the pillar, to assess one action.")
    var action: Int?

    @Option(help: "on-track, progressing, needs-acceleration or off-track.")
    var rating: String

    @Option(name: .customLong("text-en"), help: "The narrative in English.")
    var textEnglish: String

    @Option(name: .customLong("text-zh"), help: "The narrative in Chinese.")
    var textChinese: String?

    @Option(name: .customLong("text-fr"), help: "The narrative in French.")
    var textFrench: String?

    @Option(name: .customLong("text-es"), help: "The narrative in Spanish.")
    var textSpanish: String?

    @Option(help: "The day of the review (YYYY-MM-DD).")
    var date: String

    @Option(name: .customLong("data-as-of"), help: "The day the review's data stop (YYYY-MM-DD).")
    var dataAsOf: String?

    @Option(help: "A link or document that supports the judgement (repeatable).")
    var evidence: [String] = []

    @Option(help: "Who records the assessment.")
    var by: String

    @Option(help: "The strategy's id, when the store holds several.")
    var strategy: String?

    func validate() throws {
        try ChangeOptions.checkDate(date, option: "--date")
        try ChangeOptions.checkDate(dataAsOf, option: "--data-as-of")
        try ChangeOptions.checkAuthor(by)
        guard ProgressRating(rawValue: rating) != nil else {
            throw ValidationError("--rating must be one of \(ProgressRating.allCases.map(\.rawValue).joined(separator: ", ")), not \(rating)")
        }
    }

    func run() async throws {
        let narrative = LocalizedText(["en": textEnglish, "zh": textChinese ?? "", "fr": textFrench ?? "", "es": textSpanish ?? ""])
        let assessment = ProgressAssessment(
            pillar: pillar, action: action, date: date, dataAsOf: dataAsOf, rating: ProgressRating(rawValue: rating)!,
            narrative: narrative, evidence: evidence, recordedBy: by, recordedAt: "")
        try await ChangeOptions.withStore(db) { try await $0.recordAssessment(assessment, strategyID: strategy) }
        print("Recorded: pillar \(pillar)\(action.map { ".\($0)" } ?? "") \(rating) on \(date), by \(by).")
    }
}

/// `devcoop strategy record`: an entered value of an indicator.
struct StrategyRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Record a value of an indicator, with its source.")

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(help: "The indicator's id (see `devcoop strategy show`).")
    var indicator: String

    @Option(help: "The value: a number (a share as a fraction: 0.95).")
    var value: String

    @Option(help: "The day the value describes (YYYY-MM-DD).")
    var date: String

    @Option(help: "Where the value comes from.")
    var source: String

    @Option(help: "Who records the value.")
    var by: String

    @Option(help: "The strategy's id, when the store holds several.")
    var strategy: String?

    func validate() throws {
        try ChangeOptions.checkDate(date, option: "--date")
        try ChangeOptions.checkAuthor(by)
        guard let number = Double(value), number.isFinite else { throw ValidationError("--value must be a number, not \(value)") }
        guard !source.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--source must say where the value comes from") }
    }

    func run() async throws {
        let entered = IndicatorValue(indicator: indicator, date: date, value: Double(value)!, source: source, recordedBy: by)
        try await ChangeOptions.withStore(db) { try await $0.recordIndicatorValue(entered, strategyID: strategy) }
        print("Recorded: \(indicator) = \(value) on \(date), by \(by).")
    }
}

/// What the strategy and register commands share: dates, authors, and errors as exit codes.
enum ChangeOptions {
    static var today: String { String(Date().formatted(.iso8601).prefix(10)) }

    static func checkDate(_ text: String?, option: String) throws {
        if let text, CalendarDate.parse(text) == nil { throw ValidationError("\(option) \(text) is not a date (YYYY-MM-DD)") }
    }

    static func checkAuthor(_ name: String) throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--by must name who makes the change") }
    }

    /// Runs `body` on the `--db` store. A change the store refuses (unknown pillar or indicator)
    /// is bad usage (exit code 2); anything else that fails ends the command with exit code 1.
    static func withStore<T: Sendable>(_ location: String, _ body: (Store) async throws -> T) async throws -> T {
        let store = try await Store.openForCommand(location)
        do {
            let value = try await body(store)
            await store.close()
            return value
        } catch let error as StoreError where error.reason == .invalidChange {
            await store.close()
            throw UsageError(description: "devcoop: \(error)")
        } catch {
            await store.close()
            Terminal.error("devcoop: \(error)")
            throw ExitCode(1)
        }
    }
}
