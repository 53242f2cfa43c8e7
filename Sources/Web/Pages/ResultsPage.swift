import Charts
import Foundation
import Hummingbird
import Portfolio
import Store
import Tabular

extension Site {
    /// `/results`: the projects' indicators rolled up to strategy pillar, P&B outcome and country
    /// programme outcome (seed §32; `?by=pillar|outcome|cpo`), target against actual per year with
    /// the projects reporting; what cannot be added up is listed with the reason, never summed.
    /// `/results/export?by=…&format=csv|xlsx` downloads the table.
    func addResults(to router: Router<WebRequestContext>) {
        router.get("/results") { request, _ in
            let page = try PageRequest(request)
            let level = try page.choice("by", ResultsRollup.Level.self) ?? .pillar
            return try await results(page, level: level)
        }
        router.get("/results/export") { request, _ in
            let page = try PageRequest(request)
            let level = try page.choice("by", ResultsRollup.Level.self) ?? .pillar
            let format = try page.choice("format", StreamedDownload.TableFormat.self) ?? .csv
            let rollup = try await store.resultsRollup(by: level)
            return resultsDownload(rollup, format: format, page)
        }
    }

    private func results(_ page: PageRequest, level: ResultsRollup.Level) async throws -> Response {
        let rollup = try await store.resultsRollup(by: level)
        let labels = FundingLabels(site: self, page: page)
        let pillars = [1, 2, 3, 4, nil] as [Int?]
        let pillarNames = pillars.map { pillarName($0, page) }
        let data = ChartData(categories: pillars.map { $0.map { text("results_pillar_short", page, String($0)) } ?? text("results_unclassified", page) },
                             series: [
                                ChartSeries(name: text("results_summed", page), values: pillars.map { pillar in
                                    Double(rollup.rows.filter { $0.pillar == pillar && $0.gap == nil }.count) }),
                                ChartSeries(name: text("results_not_summed", page), values: pillars.map { pillar in
                                    Double(rollup.rows.filter { $0.pillar == pillar && $0.gap != nil }.count) }),
                             ])
        let title = text("results_chart_title", page)
        let chart = BarChart(title: title, description: text("results_chart_desc", page), data: data, format: .integer,
                             layout: .stacked, valueAxisLabel: text("results_rows", page), noDataText: text("no_data", page))
        let table = DataTable(caption: title, data: data, format: .integer, categoryHeader: text("results_pillar", page),
                              totalsLabel: text("total", page), categoryTotalsLabel: text("total", page))

        let groups: [[String: Any]] = pillars.enumerated().compactMap { index, pillar in
            let rows = rollup.rows.filter { $0.pillar == pillar }
            guard !rows.isEmpty else { return nil }
            return [
                "name": pillarNames[index],
                "rows": rows.map { row -> [String: Any] in
                    [
                        "outcome": row.outcome.map { labels.name(.outcome, $0) } ?? (level == .pillar ? "" : text("results_unclassified", page)),
                        "cpo": row.cpo ?? (level == .cpo ? text("results_no_cpo", page) : ""),
                        "indicator": row.indicator,
                        "measure": row.measure.map { text("results_measure_\($0 == "1" || $0 == "2" ? $0 : "other")", page) } ?? "",
                        "year": row.year ?? "–",
                        "target": row.target.map(Self.plainNumber) ?? "",
                        "actual": row.actual.map(Self.plainNumber) ?? "",
                        "achieved": Self.achieved(row).map { ValueFormat.percent.format($0) } ?? "",
                        "reporting": text("results_reporting_of", page, String(row.reporting), String(row.projects)),
                        "reason": row.gap.map { text("results_gap_\($0.rawValue)", page) } ?? "",
                        "summed": row.gap == nil,
                    ]
                },
            ]
        }
        let levels: [[String: Any]] = ResultsRollup.Level.allCases.map { choice in
            ["label": text("results_by_\(choice.rawValue)", page), "href": page.link("/results", [("by", choice.rawValue)]), "current": choice == level]
        }
        let downloads: [[String: Any]] = StreamedDownload.TableFormat.allCases.map { format in
            ["label": text("download_\(format.rawValue)", page), "format": format.rawValue,
             "href": page.link("/results/export", [("by", level.rawValue), ("format", format.rawValue)])]
        }
        return try self.page("results", title: text("results_title", page), [
            "svg": chart.svg(id: "results-rollup"), "table": table.html(id: "results-rollup-data"),
            "groups": groups, "hasRows": !rollup.rows.isEmpty, "levels": levels, "downloads": downloads,
            "showOutcome": level != .pillar, "showCPO": level == .cpo,
            "pillarMapping": pillars.compactMap { $0 }.map { pillar in
                ["name": pillarName(pillar, page),
                 "outcomes": Outcome.allCases.filter { $0.strategyPillar == pillar }.map(\.code).joined(separator: ", ")]
            },
        ], for: page)
    }

    private func pillarName(_ pillar: Int?, _ page: PageRequest) -> String {
        pillar.map { text("results_pillar_\($0)", page) } ?? text("results_unclassified", page)
    }

    /// Actual over target of a summed row, when both are there and the target is not zero.
    static func achieved(_ row: ResultsRollup.Row) -> Double? {
        guard row.gap == nil, let target = row.target.flatMap({ Decimal(string: $0) }), target != 0,
              let actual = row.actual.flatMap({ Decimal(string: $0) }) else { return nil }
        return NSDecimalNumber(decimal: actual / target).doubleValue
    }

    /// An exact sum as written, grouped in thousands for reading: `12345.5` → `12,345.5`.
    static func plainNumber(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = String(parts.first ?? "0")
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return (negative ? "-" : "") + whole + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    private func resultsDownload(_ rollup: ResultsRollup, format: StreamedDownload.TableFormat, _ page: PageRequest) -> Response {
        let columns = [
            TabularColumn(header: "pillar", kind: .integer), TabularColumn(header: "outcome", kind: .text),
            TabularColumn(header: "cpo", kind: .text), TabularColumn(header: "indicator", kind: .text, width: 60),
            TabularColumn(header: "measure", kind: .text), TabularColumn(header: "year", kind: .text),
            TabularColumn(header: "target", kind: .number), TabularColumn(header: "actual", kind: .number),
            TabularColumn(header: "projects", kind: .integer), TabularColumn(header: "projects_reporting", kind: .integer),
            TabularColumn(header: "periods", kind: .integer), TabularColumn(header: "not_summed_because", kind: .text, width: 40),
        ]
        let rows: [[TabularCell]] = rollup.rows.map { row in
            [row.pillar.map(TabularCell.integer) ?? .empty, row.outcome.map(TabularCell.text) ?? .empty,
             row.cpo.map(TabularCell.text) ?? .empty, .text(row.indicator), row.measure.map(TabularCell.text) ?? .empty,
             row.year.map(TabularCell.text) ?? .empty, row.target.map(TabularCell.number) ?? .empty,
             row.actual.map(TabularCell.number) ?? .empty, .integer(row.projects), .integer(row.reporting), .integer(row.periods),
             row.gap.map { TabularCell.text($0.englishReason) } ?? .empty]
        }
        return StreamedDownload.table(
            format, fileName: "results-by-\(rollup.level.rawValue)", sheetName: "Results", columns: columns
        ) { write in try await write(rows) }
    }
}
