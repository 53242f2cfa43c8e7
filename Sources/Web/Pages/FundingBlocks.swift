import Charts
import Store

/// The pieces the funding page and the partner, country, region and outcome pages are made of:
/// charts with their data tables, ranked tables with links, download links and the notes on sums
/// that could not be converted or classified. Each piece is a template value (`chart-block` and
/// `funding-table` partials).
struct FundingBlocks {
    let site: Site
    let page: PageRequest
    let filters: FundingFilters
    var labels: FundingLabels { FundingLabels(site: site, page: page) }

    func text(_ key: String, _ arguments: String...) -> String {
        site.localizer.text(key, page.language, arguments)
    }

    /// A report of one dimension as chart data: its rows in order, in US$ thousands.
    func chartData(_ report: FundingReport, seriesName: String) -> ChartData {
        let dimension = report.dimensions.first ?? .year
        return ChartData(
            categories: report.rows.map { labels.shortName(dimension, $0.keys.first ?? nil) },
            values: report.rows.map { Money.value($0.usd) / 1_000 },
            seriesName: seriesName)
    }

    /// Every year of the period, with the report's sums of each year (none where it has none).
    func yearData(_ reports: [(series: String, report: FundingReport)]) -> ChartData {
        let years = (filters.period.from...filters.period.to).map(String.init)
        return ChartData(categories: years, series: reports.map { series, report in
            let byYear = Dictionary(report.rows.map { ($0.keys.first.flatMap { $0 } ?? "", Money.value($0.usd) / 1_000) }) { $0 + $1 }
            return ChartSeries(name: series, values: years.map { byYear[$0] })
        })
    }

    /// A report of two dimensions as a cross table: the first dimension's keys as categories (in
    /// year order, else largest total first), the second's as series (largest total first).
    func crossData(_ report: FundingReport) -> ChartData {
        guard report.dimensions.count == 2 else { return chartData(report, seriesName: "") }
        var categoryKeys: [String?] = [], seriesKeys: [String?] = []
        var categoryTotals: [String?: Double] = [:], seriesTotals: [String?: Double] = [:]
        var cells: [[String?]: Double] = [:]
        for row in report.rows {
            let value = Money.value(row.usd) / 1_000
            let (category, series) = (row.keys[0], row.keys[1])
            if categoryTotals[category] == nil { categoryKeys.append(category) }
            if seriesTotals[series] == nil { seriesKeys.append(series) }
            categoryTotals[category, default: 0] += value
            seriesTotals[series, default: 0] += value
            cells[[category, series], default: 0] += value
        }
        if report.dimensions[0] == .year {
            categoryKeys.sort { ($0 ?? "") < ($1 ?? "") }
        } else {
            categoryKeys.sort { categoryTotals[$0]! > categoryTotals[$1]! }
        }
        seriesKeys.sort { seriesTotals[$0]! > seriesTotals[$1]! }
        let (first, second) = (report.dimensions[0], report.dimensions[1])
        return ChartData(
            categories: categoryKeys.map { labels.shortName(first, $0) },
            series: seriesKeys.map { series in
                ChartSeries(name: labels.shortName(second, series), values: categoryKeys.map { cells[[$0, series]] })
            })
    }

    /// A column chart of approvals by year (figures 1–3: one series, or stacked by a second
    /// dimension) with its data table and downloads; `key` names its title and description texts.
    func columnFigure(_ id: String, _ key: String, _ data: ChartData, layout: BarLayout, report: FundingReport) -> [String: Any] {
        let period = filters.period.label
        let title = text(key, period)
        let chart = BarChart(title: title, description: text("\(key)_desc", period), data: data, format: .thousands,
                             layout: layout, valueAxisLabel: text("usd_thousands"), noDataText: text("no_data"))
        let table = DataTable(caption: title, data: data, format: .thousands, categoryHeader: text("year"),
                              totalsLabel: text("total"), categoryTotalsLabel: data.series.count > 1 ? text("total") : nil)
        return chartBlock(id: id, svg: chart.svg(id: id), table: table.html(id: "\(id)-data"), reports: [report],
                          downloads: downloads(.approvals, by: report.dimensions), title: title)
    }

    /// Figure 4: approvals by region, each bar split by funding source.
    func regionSourceFigure(_ report: FundingReport) -> [String: Any] {
        let id = "approvals-by-region-source"
        let period = filters.period.label
        let title = text("fig_region_source", period)
        let data = crossData(report)
        let chart = HorizontalBarChart(
            title: title, description: text("fig_region_source_desc", period), data: data, format: .thousands,
            layout: .stacked, valueAxisLabel: text("usd_thousands"), noDataText: text("no_data"))
        let table = DataTable(caption: title, data: data, format: .thousands, categoryHeader: text("filter_region"),
                              totalsLabel: text("total"), categoryTotalsLabel: text("total"))
        return chartBlock(id: id, svg: chart.svg(id: id), table: table.html(id: "\(id)-data"), reports: [report],
                          downloads: downloads(.approvals, by: report.dimensions), title: title)
    }

    /// A chart and its data one click away, with download links and notes.
    func chartBlock(id: String, svg: String, table: String, reports: [FundingReport], downloads: [[String: Any]],
                    title: String = "") -> [String: Any] {
        ["id": id, "svg": svg, "table": table, "notes": reports.flatMap(notes), "downloads": downloads, "title": title]
    }

    /// The CSV and Excel links of the funding table `measure` by `dimensions` under these filters.
    func downloads(_ measure: FundingQuery.Measure, by dimensions: [FundingQuery.Dimension]) -> [[String: Any]] {
        let base = [("measure", measure.rawValue)] + dimensions.map { ("by", $0.rawValue) } + filters.parameters
        return StreamedDownload.TableFormat.allCases.map { format in
            ["label": text("download_\(format.rawValue)"), "format": format.rawValue,
             "href": page.link("/funding/export", base + [("format", format.rawValue)])]
        }
    }

    /// What the sums leave out or could not classify, as sentences; none when all is converted and classified.
    func notes(_ report: FundingReport) -> [String] {
        var notes: [String] = []
        if report.unclassified.count > 0, report.dimensions.contains(where: { $0 == .partner || $0 == .source }) {
            notes.append(text("unclassified_note", Money.usd(report.unclassified.usd), String(report.unclassified.count)))
        }
        for sum in report.unconverted {
            notes.append(text("unconverted_note", sum.currency ?? text("unconverted_no_currency"),
                              ValueFormat.decimal(places: 2).format(Money.value(sum.sum)), String(sum.count), labels.unconvertedReason(sum.reason)))
        }
        return notes
    }

    /// A ranked table of a one-dimension report: rank, name (linked to its page), the partner's
    /// category, US$ thousands, share and cumulative share, and the total.
    func rankedTable(_ report: FundingReport, id: String, caption: String) -> [String: Any] {
        let dimension = report.dimensions.first ?? .year
        let byPartner = dimension == .partner
        let rows: [[String: Any]] = report.rows.enumerated().map { index, row in
            let key = row.keys.first ?? nil
            return [
                "rank": index + 1,
                "name": labels.name(dimension, key),
                "href": labels.href(dimension, key, period: filters.period) ?? false,
                "category": byPartner ? labels.sourceName(row.category) : "",
                "thousands": Money.thousands(row.usd),
                "share": ValueFormat.percent.format(row.share),
                "cumulative": ValueFormat.percent.format(row.cumulativeShare),
            ]
        }
        return [
            "id": id, "caption": caption, "nameHeader": text("dimension_\(dimension.rawValue)").capitalizedFirst,
            "hasCategory": byPartner, "rows": rows, "total": Money.thousands(report.total),
            "notes": notes(report), "downloads": downloads(report.measure, by: report.dimensions),
        ]
    }

    /// The name of a measure, as in "Contributions".
    func measureName(_ measure: FundingQuery.Measure) -> String { text("measure_\(measure.rawValue)") }

    /// A horizontal bar chart of a one-dimension report, largest first, with its ranked table.
    func rankedChart(_ report: FundingReport, id: String, title: String, description: String) -> [String: Any] {
        let chart = HorizontalBarChart(
            title: title, description: description,
            data: chartData(report, seriesName: text("usd_thousands")), format: .thousands, layout: .single,
            valueAxisLabel: text("usd_thousands"), noDataText: text("no_data"))
        return ["id": id, "svg": chart.svg(id: id), "ranked": rankedTable(report, id: "\(id)-data", caption: title), "title": title]
    }
}

extension String {
    /// The text with its first letter in upper case ("funding partner" → "Funding partner").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
