import Charts
import Foundation
import Testing

/// Writes sample charts and tables as SVG and HTML files to look at, into the folder named by
/// the environment variable `CHARTS_SAMPLES_DIR`; does nothing without it.
@Suite struct SampleOutputTests {
    static var samples: [(name: String, svg: String, table: String)] {
        let approvals = SampleData.approvalsByYear
        let partners = SampleData.partnerData
        let regions = SampleData.regionBySource
        let outcomes = SampleData.expenditureByOutcome.sortedByTotal()
        let budget = SampleData.budgetAndSpending
        let french = ChartData(categories: SampleData.frenchOutcomes, values: [12_000, 8_500, 30_200, 14_800, 22_000, 6_100, 17_900, 25_400], seriesName: "Dépenses")
        let negative = ChartData(categories: ["2021", "2022", "2023", "2024", "2025"], series: [
            ChartSeries(name: "Balance", values: [-12_500, 4_300, -800, nil, 9_000]),
            ChartSeries(name: "Adjustments", values: [1_000, -2_000, 300, 1_200, -4_000]),
        ])
        let many = ChartData(categories: (0..<40).map { "Country \($0 + 1)" }, values: (0..<40).map { Double(($0 * 7919) % 1_000) * 100 }, seriesName: "Expenditure")
        let hostile = ChartData(categories: [SampleData.hostile, "A & B", "l'Organisation \"mondiale\""],
                                series: [ChartSeries(name: SampleData.hostile, values: [1_200, 2_500, 3_100]), ChartSeries(name: "O'Brien & <Sons>", values: [400, nil, 600])])
        let rates = ChartData(categories: SampleData.years, values: [0.121, 0.135, 0.142, 0.168, 0.1681, 0.17, 0.155, 0.149, 0.16, 0.171, 0.18, 0.192], seriesName: "SSTC share")
        return [
            ("approvals", BarChart(title: "Approvals by year, 2014–2025", description: "Approvals peaked in 2017 at 374,700 thousand US$.", data: approvals, format: .thousands, layout: .single, valueAxisLabel: "US$ thousands").svg(id: "approvals"),
             DataTable(caption: "Approvals by year (US$ thousands)", data: approvals, format: .thousands, categoryHeader: "Year", totalsLabel: "Total").html()),
            ("partners", HorizontalBarChart(title: "Funding partners, 2025", description: "34 funding partners; the European Commission is the largest.", data: partners, format: .thousands, layout: .single, valueAxisLabel: "US$ thousands").svg(id: "partners"),
             DataTable(caption: "Funding partners (US$ thousands)", data: partners, format: .thousands, categoryHeader: "Partner", totalsLabel: "Total").html()),
            ("regions-stacked", BarChart(title: "Expenditure by region and funding source", description: "Multi-bilateral funding dominates in every region.", data: regions, format: .thousands, layout: .stacked, valueAxisLabel: "US$ thousands").svg(id: "regions"),
             DataTable(caption: "Expenditure by region and source (US$ thousands)", data: regions, format: .thousands, categoryHeader: "Region", totalsLabel: "Total", categoryTotalsLabel: "All sources").html()),
            ("regions-hstacked", HorizontalBarChart(title: "Expenditure by region and funding source", description: "d", data: regions, format: .thousands, layout: .stacked).svg(id: "regions-h"), ""),
            ("regions-grouped", BarChart(title: "Expenditure by region, first three sources", description: "d", data: ChartData(categories: regions.categories, series: Array(regions.series.prefix(3))), format: .thousands, layout: .grouped).svg(id: "regions-g"), ""),
            ("outcomes-zh", HorizontalBarChart(title: "按政策成果分列的支出（千美元）", description: "就业促进的支出最多。", data: outcomes, format: .thousands).svg(id: "outcomes-zh"),
             DataTable(caption: "按政策成果分列的支出（千美元）", data: outcomes, format: .thousands, categoryHeader: "成果", totalsLabel: "合计").html()),
            ("outcomes-zh-columns", BarChart(title: "按政策成果分列的支出", description: "d", data: outcomes, format: .thousands).svg(id: "outcomes-zh-c"), ""),
            ("outcomes-fr-columns", BarChart(title: "Dépenses par résultat stratégique", description: "d", data: french, format: .thousands, valueAxisLabel: "milliers de dollars É.-U.").svg(id: "outcomes-fr"), ""),
            ("budget-line", LineChart(title: "Budget and expenditure by year", description: "Expenditure follows the budget at about 90%.", data: budget, format: .thousands, valueAxisLabel: "US$ thousands").svg(id: "budget"),
             DataTable(caption: "Budget and expenditure (US$ thousands)", data: budget, format: .thousands, categoryHeader: "Year", totalsLabel: "Total").html()),
            ("rates-line", LineChart(title: "Share of South–South cooperation", description: "d", data: rates, format: .percent).svg(id: "rates"), ""),
            ("negative", BarChart(title: "Balances", description: "d", data: negative, format: .thousands, layout: .grouped).svg(id: "negative"), ""),
            ("negative-stacked", BarChart(title: "Balances, stacked", description: "d", data: negative, format: .thousands, layout: .stacked).svg(id: "negative-s"), ""),
            ("negative-h", HorizontalBarChart(title: "Balances", description: "d", data: negative, format: .thousands).svg(id: "negative-h"), ""),
            ("many", BarChart(title: "Forty countries", description: "d", data: many, format: .thousands).svg(id: "many"), ""),
            ("many-line", LineChart(title: "Forty countries", description: "d", data: many, format: .thousands).svg(id: "many-line"), ""),
            ("hostile", BarChart(title: SampleData.hostile, description: SampleData.hostile, data: hostile, format: .thousands, layout: .stacked).svg(id: "hostile"),
             DataTable(caption: SampleData.hostile, data: hostile, format: .thousands, categoryHeader: SampleData.hostile, totalsLabel: "Total").html()),
            ("empty", BarChart(title: "Nothing yet", description: "d", data: ChartData(categories: [], series: []), format: .thousands).svg(id: "empty"), ""),
            ("zero", LineChart(title: "All zero", description: "d", data: ChartData(categories: ["2024", "2025"], values: [0, 0], seriesName: "s"), format: .integer).svg(id: "zero"), ""),
        ]
    }

    @Test func writeSamples() throws {
        guard let folder = ProcessInfo.processInfo.environment["CHARTS_SAMPLES_DIR"] else { return }
        let directory = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for sample in Self.samples {
            try sample.svg.write(to: directory.appendingPathComponent("\(sample.name).svg"), atomically: true, encoding: .utf8)
            let page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>\(sample.name)</title></head>
                <body>
                <figure>
                \(sample.svg)
                </figure>
                \(sample.table)
                </body></html>
                """
            try page.write(to: directory.appendingPathComponent("\(sample.name).html"), atomically: true, encoding: .utf8)
        }
    }
}
