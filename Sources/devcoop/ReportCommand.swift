import ArgumentParser
import Foundation
import Portfolio
import Store

/// `devcoop report`: the agency's analytics.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Report on the portfolio.", subcommands: [FundingReportCommand.self, ReviewReportCommand.self])
}

extension FundingQuery.Measure: ExpressibleByArgument {}
extension FundingQuery.Dimension: ExpressibleByArgument {}

/// `devcoop report funding`: voluntary funding by partner, source, region, … in US$ thousands.
struct FundingReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funding",
        abstract: "Voluntary funding in US$ thousands, converted at each value date by the ECB's rates.",
        discussion: """
            Measures: contributions (incoming commitments, every modality, by year signed), approvals \
            (the same without core RBSA funding), expenditure (types 3 and 4), incoming-funds (type 1).
            Dimensions: \(FundingQuery.Dimension.allCases.map(\.rawValue).joined(separator: ", ")); give --by twice \
            for a cross table (e.g. --by region --by source).
            """)

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(help: "The first year included.")
    var from: Int?

    @Option(help: "The last year included.")
    var to: Int?

    @Option(help: "What to group by (at most twice).")
    var by: [FundingQuery.Dimension] = []

    @Option(help: "Which sums: contributions, approvals, expenditure, incoming-funds.")
    var measure: FundingQuery.Measure = .contributions

    @Option(help: "Only these reporting organisations (repeatable).") var reportingOrg: [String] = []
    @Option(help: "Only these partners, as reported (repeatable).") var partner: [String] = []
    @Option(help: "Only these funding sources (repeatable).") var source: [String] = []
    @Option(help: "Only these regions (repeatable).") var region: [String] = []
    @Option(help: "Only these recipient countries (repeatable).") var country: [String] = []
    @Option(help: "Only these P&B outcomes (repeatable).") var outcome: [String] = []
    @Option(help: "Only these modalities: xbdc, rbsa, lightly-earmarked (repeatable).") var modality: [String] = []
    @Option(help: "yes: only South-South and triangular cooperation; no: only the rest.") var sstc: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if by.count > 2 { throw ValidationError("--by is given at most twice") }
        if let sstc, !["yes", "no"].contains(sstc) { throw ValidationError("--sstc is yes or no") }
        for value in source where FundingSource(rawValue: value) == nil {
            throw ValidationError("no funding source \(value); one of \(FundingSource.allCases.map(\.code).joined(separator: ", "))")
        }
        for value in region where Region(rawValue: value) == nil {
            throw ValidationError("no region \(value); one of \(Region.allCases.map(\.code).joined(separator: ", "))")
        }
        for value in modality where FundingModality(rawValue: value) == nil {
            throw ValidationError("no modality \(value); one of \(FundingModality.allCases.map(\.code).joined(separator: ", "))")
        }
    }

    func run() async throws {
        var query = FundingQuery(measure, by: by, from: from, to: to)
        query.reportingOrgs = reportingOrg
        query.partners = partner
        query.sources = source
        query.regions = region
        query.countries = country
        query.outcomes = outcome
        query.modalities = modality
        query.sstc = sstc.map { $0 == "yes" }
        let report = try await Store.withCommandStore(db) { try await $0.funding(query) }
        if json {
            print(Terminal.json(FundingReportJSON(report)))
        } else {
            printTable(report)
        }
    }

    private func printTable(_ report: FundingReport) {
        let period = [from.map { "from \($0)" }, to.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
        print("\(report.measure.rawValue.capitalized)\(period.isEmpty ? "" : ", " + period), US$ thousands")
        let headers = report.dimensions.map(\.key) + (report.dimensions.contains(.partner) ? ["category"] : [])
        let lines = report.rows.map { row in
            zip(report.dimensions, row.keys).map { dimension, key in
                key ?? ([.partner, .source].contains(dimension) ? "unclassified" : "(none)")
            } + (report.dimensions.contains(.partner) ? [row.category ?? "unclassified"] : [])
                + [FundingReportJSON.thousands(row.usd), String(format: "%.1f%%", row.share * 100), String(format: "%.1f%%", row.cumulativeShare * 100)]
        }
        let allHeaders = headers + ["total", "share", "cumulative"]
        let widths = allHeaders.indices.map { column in ([allHeaders[column]] + lines.map { $0[column] }).map(\.count).max() ?? 0 }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column < headers.count ? StatsCommand.left(cell, widths[column]) : StatsCommand.right(cell, widths[column])
            }.joined(separator: "  ")
        }
        print(format(allHeaders))
        lines.forEach { print(format($0)) }
        print(format(headers.map { _ in "" }.enumerated().map { $0.offset == 0 ? "Total" : $0.element }
            + [FundingReportJSON.thousands(report.total), "", ""]))
        if report.unclassified.count > 0 {
            print("Unclassified partners: \(report.unclassified.count) sums, US$ \(FundingReportJSON.thousands(report.unclassified.usd)) thousand (in the rows above)")
        }
        if !report.unconverted.isEmpty {
            print("Not converted to US dollars (left out of the totals):")
            for sum in report.unconverted {
                print("  \(sum.currency ?? "(no currency)")  \(sum.count) sums, \(sum.sum): \(sum.reason)")
            }
        }
        print("Rates: \(report.rateBasis); last day \(report.ratesLastDay).")
    }
}

/// The JSON of `report funding`: totals in US$ thousands, as the seed reports them.
struct FundingReportJSON: Encodable {
    var currency: String
    var unit = "thousand"
    var measure: String
    var rateBasis: String
    var ratesLastDay: String
    var rows: [[String: JSONValue]]
    var total: Int64
    var unconverted: [UnconvertedSum]
    var unclassified: [String: JSONValue]

    enum CodingKeys: String, CodingKey {
        case currency, unit, measure, rows, total, unconverted, unclassified
        case rateBasis = "rate_basis", ratesLastDay = "rates_last_day"
    }

    init(_ report: FundingReport) {
        currency = report.currency
        measure = report.measure.rawValue
        rateBasis = report.rateBasis
        ratesLastDay = report.ratesLastDay
        rows = report.rows.map { row in
            var object: [String: JSONValue] = [:]
            for (dimension, key) in zip(report.dimensions, row.keys) { object[dimension.key] = key.map(JSONValue.string) ?? .null }
            if report.dimensions.contains(.partner) { object["category"] = row.category.map(JSONValue.string) ?? .string("unclassified") }
            object["total"] = .integer(Self.thousandsValue(row.usd))
            object["usd"] = .string(row.usd)
            object["count"] = .integer(Int64(row.count))
            object["share"] = .number((row.share * 10_000).rounded() / 10_000)
            object["cumulative_share"] = .number((row.cumulativeShare * 10_000).rounded() / 10_000)
            return object
        }
        total = Self.thousandsValue(report.total)
        unconverted = report.unconverted
        unclassified = ["count": .integer(Int64(report.unclassified.count)), "total": .integer(Self.thousandsValue(report.unclassified.usd))]
    }

    /// US dollars in thousands, rounded half away from zero.
    static func thousandsValue(_ usd: String) -> Int64 {
        var value = (Decimal(string: usd) ?? 0) / 1000, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    static func thousands(_ usd: String) -> String {
        let digits = String(thousandsValue(usd).magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (thousandsValue(usd) < 0 ? "-" : "") + grouped
    }
}

/// A JSON value of a row whose keys depend on the report's dimensions.
enum JSONValue: Encodable {
    case string(String), integer(Int64), number(Double), null

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
