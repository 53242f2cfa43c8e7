@testable import Charts
import Testing

/// One input the charts must draw.
struct ChartCase: CustomTestStringConvertible, Sendable {
    let name: String
    let data: ChartData
    var format: ValueFormat = .thousands
    var testDescription: String { name }

    static let all: [ChartCase] = [
        ChartCase(name: "approvals", data: SampleData.approvalsByYear),
        ChartCase(name: "budget and spending", data: SampleData.budgetAndSpending),
        ChartCase(name: "partners", data: SampleData.partnerData),
        ChartCase(name: "region by source", data: SampleData.regionBySource),
        ChartCase(name: "Chinese outcomes", data: SampleData.expenditureByOutcome),
        ChartCase(name: "no categories", data: ChartData(categories: [], series: [])),
        ChartCase(name: "no series", data: ChartData(categories: ["2024", "2025"], series: [])),
        ChartCase(name: "all missing", data: ChartData(categories: ["a", "b"], values: [nil, nil], seriesName: "s")),
        ChartCase(name: "all zero", data: ChartData(categories: ["a", "b", "c"], values: [0, 0, 0], seriesName: "s")),
        ChartCase(name: "single value", data: ChartData(categories: ["Czechia"], values: [89], seriesName: "s")),
        ChartCase(name: "negative", data: ChartData(categories: ["2023", "2024", "2025"], series: [
            ChartSeries(name: "Balance", values: [-12_500, 4_300, -800]),
            ChartSeries(name: "Adjustments", values: [1_000, -2_000, 300]),
        ])),
        ChartCase(name: "all negative", data: ChartData(categories: ["x", "y"], values: [-5, -0.5], seriesName: "s"), format: .plain),
        ChartCase(name: "nil values", data: ChartData(categories: ["a", "b", "c", "d"], series: [
            ChartSeries(name: "s", values: [3, nil, 7]),
            ChartSeries(name: "t", values: [nil, 2, .nan, 1]),
        ]), format: .integer),
        ChartCase(name: "40 categories", data: ChartData(
            categories: (0..<40).map { "Category number \($0)" },
            values: (0..<40).map { Double(($0 * 7919) % 1_000) * 1_000 }, seriesName: "s")),
        ChartCase(name: "hostile labels", data: ChartData(
            categories: [SampleData.hostile, "A & B", "l'Organisation \"mondiale\""],
            series: [ChartSeries(name: SampleData.hostile, values: [1, 2, 3]), ChartSeries(name: "O'Brien & <Sons>", values: [4, nil, 6])])),
        ChartCase(name: "percentages", data: ChartData(categories: ["2023", "2024", "2025"], values: [0.1681, 0.25, 0.031], seriesName: "Share"), format: .percent),
        ChartCase(name: "huge values", data: ChartData(categories: ["a", "b"], values: [1e300, -1e300], seriesName: "s"), format: .plain),
    ]
}

/// Every chart type drawn from one input.
func renderings(_ c: ChartCase, id: String = "chart") -> [(kind: String, svg: String, bars: Bool)] {
    let title = "Title of \(c.name) \(SampleData.hostile)"
    let description = "What the chart of \(c.name) shows & why"
    return [
        ("column single", BarChart(title: title, description: description, data: c.data, format: c.format, layout: .single, valueAxisLabel: "US$ thousands").svg(id: id), true),
        ("column grouped", BarChart(title: title, description: description, data: c.data, format: c.format, layout: .grouped).svg(id: id), true),
        ("column stacked", BarChart(title: title, description: description, data: c.data, format: c.format, layout: .stacked).svg(id: id), true),
        ("bar single", HorizontalBarChart(title: title, description: description, data: c.data, format: c.format, layout: .single).svg(id: id), true),
        ("bar grouped", HorizontalBarChart(title: title, description: description, data: c.data, format: c.format, layout: .grouped, valueAxisLabel: "US$ thousands").svg(id: id), true),
        ("bar stacked", HorizontalBarChart(title: title, description: description, data: c.data, format: c.format, layout: .stacked).svg(id: id), true),
        ("line", LineChart(title: title, description: description, data: c.data, format: c.format, valueAxisLabel: "US$ thousands").svg(id: id), false),
    ]
}

/// The number of values a chart of `kind` should draw.
func expectedMarks(_ data: ChartData, kind: String) -> Int {
    let series = kind.hasSuffix("single") ? min(1, data.series.count) : data.series.count
    return (0..<series).reduce(0) { sum, s in
        sum + data.categories.indices.filter { data.value(series: s, category: $0) != nil }.count
    }
}

@Suite struct ChartTests {
    @Test(arguments: ChartCase.all)
    func wellFormedAccessibleAndSafe(_ c: ChartCase) throws {
        for rendering in renderings(c, id: "c-1") {
            let svg = rendering.svg
            let tree = try XMLTree.parse(svg)
            let kind = rendering.kind
            #expect(tree.name == "svg", "\(kind)")
            #expect(tree.attributes["role"] == "img")
            #expect(tree.attributes["width"] == "100%")
            #expect(tree.attributes["height"] == nil)
            #expect(tree.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
            #expect(tree.classes.contains("chart"))

            // Accessible name and description.
            #expect(tree.attributes["aria-labelledby"] == "c-1-title c-1-desc")
            let title = tree.children.first { $0.name == "title" }
            let desc = tree.children.first { $0.name == "desc" }
            #expect(title?.attributes["id"] == "c-1-title")
            #expect(title?.text == "Title of \(c.name) \(SampleData.hostile)")
            #expect(desc?.attributes["id"] == "c-1-desc")
            #expect(desc?.text == "What the chart of \(c.name) shows & why")

            // Nothing a Content-Security-Policy without 'unsafe-inline' would block.
            #expect(!svg.contains("style="), "\(kind)")
            #expect(!svg.contains("<style"), "\(kind)")
            #expect(!svg.contains("<script"), "\(kind)")
            #expect(!svg.contains("javascript:"), "\(kind)")
            for element in tree.all {
                #expect(!["script", "style", "foreignObject", "a"].contains(element.name), "\(kind): \(element.name)")
                for (name, value) in element.attributes {
                    #expect(!name.lowercased().hasPrefix("on"), "\(kind): event handler \(name)")
                    #expect(name != "style", "\(kind)")
                    let lowered = value.lowercased()
                    #expect(!lowered.contains("nan") && !lowered.contains("inf"), "\(kind): \(name)=\"\(value)\"")
                }
            }
            #expect(!svg.contains("NaN") && !svg.contains("nan,") && !svg.contains("inf "), "\(kind)")

            // One mark per value, each with a tooltip.
            let marks = tree.withClass(rendering.bars ? "bar" : "point")
            #expect(marks.count == expectedMarks(c.data, kind: kind), "\(kind)")
            for mark in marks {
                #expect(mark.title?.isEmpty == false, "\(kind)")
            }
            if !c.data.hasValues {
                #expect(tree.withClass("no-data").count == 1, "\(kind)")
            }
        }
    }

    @Test(arguments: ChartCase.all)
    func ticksAreNiceAndCoverTheData(_ c: ChartCase) throws {
        for rendering in renderings(c) {
            let tree = try XMLTree.parse(rendering.svg)
            let ticks = tree.withClass("tick-label").map { label in
                Double(label.text.filter { $0 != "," && $0 != "%" }).map { c.format == .percent ? $0 / 100 : $0 }
            }
            #expect(ticks.count >= 2, "\(rendering.kind)")
            let values = ticks.compactMap { $0 }
            guard values.count == ticks.count, values.count >= 2 else {
                Issue.record("\(rendering.kind): tick labels \(tree.withClass("tick-label").map(\.text))")
                continue
            }
            let step = values[1] - values[0]
            #expect(step > 0)
            #expect(NiceScaleTests.isNice(step) || c.name == "huge values", "\(rendering.kind): step \(step)")
            for (a, b) in zip(values, values.dropFirst()) {
                #expect(abs((b - a) - step) <= abs(step) * 1e-6, "\(rendering.kind): uneven ticks \(values)")
            }
            #expect(values.contains(0), "\(rendering.kind)")
            let stacked = rendering.kind.hasSuffix("stacked")
            let single = rendering.kind.hasSuffix("single")
            let seriesCount = single ? min(1, c.data.series.count) : c.data.series.count
            for category in c.data.categories.indices {
                let categoryValues = (0..<seriesCount).compactMap { c.data.value(series: $0, category: category) }
                let high = stacked ? categoryValues.filter { $0 > 0 }.reduce(0, +) : categoryValues.max() ?? 0
                let low = stacked ? categoryValues.filter { $0 < 0 }.reduce(0, +) : categoryValues.min() ?? 0
                #expect(values.max()! >= high * (1 - 1e-9), "\(rendering.kind): ticks \(values) below \(high)")
                #expect(values.min()! <= low * (1 - 1e-9), "\(rendering.kind): ticks \(values) above \(low)")
            }
        }
    }

    @Test func hostileLabelsAppearOnlyEscaped() throws {
        let c = ChartCase.all.first { $0.name == "hostile labels" }!
        for rendering in renderings(c) {
            let svg = rendering.svg
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("alert(1)</"))
            #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;") || svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let tree = try XMLTree.parse(svg)
            // The full label survives, as text, in the tooltips.
            let tooltips = tree.all.compactMap(\.title)
            #expect(tooltips.contains { $0.contains(SampleData.hostile) }, "\(rendering.kind)")
        }
    }

    @Test func idsAreEscapedToo() throws {
        let svg = BarChart(title: "t", description: "d", data: SampleData.approvalsByYear, format: .thousands).svg(id: "a\"b<c")
        let tree = try XMLTree.parse(svg)
        #expect(tree.attributes["aria-labelledby"] == "a\"b<c-title a\"b<c-desc")
        let spaced = try XMLTree.parse(LineChart(title: "t", description: "d", data: SampleData.approvalsByYear, format: .thousands).svg(id: "budget chart"))
        #expect(spaced.attributes["aria-labelledby"] == "budget-chart-title budget-chart-desc")
        #expect(spaced.children.first { $0.name == "title" }?.attributes["id"] == "budget-chart-title")
    }

    @Test func valueLabelsAreAllOrNothing() throws {
        // Six-figure values do not fit above grouped columns, five-figure ones might: none are written.
        let data = ChartData(categories: SampleData.regionBySource.categories, series: Array(SampleData.regionBySource.series.prefix(3)))
        let tree = try XMLTree.parse(BarChart(title: "t", description: "d", data: data, format: .thousands, layout: .grouped).svg(id: "g"))
        #expect(tree.withClass("value-label").isEmpty)
        let smallValues = ChartData(categories: data.categories, series: data.series.map { series in
            ChartSeries(name: series.name, values: series.values.map { $0.map { $0 / 1_000 } })
        })
        let small = try XMLTree.parse(BarChart(title: "t", description: "d", data: smallValues, format: .thousands, layout: .grouped).svg(id: "g"))
        #expect(small.withClass("value-label").count == expectedMarks(data, kind: "grouped"))
    }

    @Test func stacksWithBothSignsHaveNoTotal() throws {
        let data = ChartData(categories: ["mixed", "positive", "negative"], series: [
            ChartSeries(name: "a", values: [-12_500, 4_000, -3_000]),
            ChartSeries(name: "b", values: [1_000, 3_000, -2_000]),
        ])
        for svg in [
            BarChart(title: "t", description: "d", data: data, format: .thousands, layout: .stacked, width: 1_200).svg(id: "s"),
            HorizontalBarChart(title: "t", description: "d", data: data, format: .thousands, layout: .stacked).svg(id: "h"),
        ] {
            let labels = try XMLTree.parse(svg).withClass("value-label").map(\.text)
            #expect(!labels.contains("-11,500"))
            #expect(labels.contains("7,000") && labels.contains("-5,000"))
        }
    }

    @Test func approvalsByYearColumns() throws {
        let chart = BarChart(title: "Approvals by year", description: "Approvals, 2014–2025", data: SampleData.approvalsByYear, format: .thousands, layout: .single)
        let tree = try XMLTree.parse(chart.svg(id: "approvals"))
        let bars = tree.withClass("bar")
        #expect(bars.count == 12)
        #expect(bars.allSatisfy { $0.classes.contains("series-0") })
        #expect(bars[0].title == "2014 — Approvals: 285,692")
        #expect(bars[3].title == "2017 — Approvals: 374,700")
        // The tallest column is 2017's.
        let heights = bars.map { Double($0.attributes["height"]!)! }
        #expect(heights.firstIndex(of: heights.max()!) == 3)
        #expect(tree.withClass("tick-label").map(\.text) == ["0", "100,000", "200,000", "300,000", "400,000"])
        // Twelve years fit level; every value is written above its column.
        #expect(tree.withClass("category-label").map(\.text) == SampleData.years)
        #expect(tree.withClass("category-label").allSatisfy { $0.attributes["transform"] == nil })
        #expect(tree.withClass("value-label").map(\.text).contains("374,700"))
        #expect(tree.withClass("value-label").count == 12)
        // One series: no legend.
        #expect(tree.withClass("legend").isEmpty)
    }

    @Test func stackedRegionsBySource() throws {
        let data = SampleData.regionBySource
        let chart = BarChart(title: "Region by source", description: "d", data: data, format: .thousands, layout: .stacked)
        let tree = try XMLTree.parse(chart.svg(id: "rs"))
        #expect(tree.withClass("bar").count == expectedMarks(data, kind: "stacked"))
        // The legend names all eight sources, each with a different colour.
        let items = tree.withClass("legend-item")
        #expect(items.count == 8)
        #expect(items.map { $0.all.first { $0.name == "text" }?.text } == data.series.map(\.name))
        let fills = Set(tree.withClass("legend-swatch").compactMap { $0.attributes["fill"] })
        #expect(fills.count == 8)
        // Stacks: the segments of a category touch.
        let africa = tree.withClass("bar").filter { $0.title?.hasPrefix("Africa —") == true }
        let spans = africa.map { (top: Double($0.attributes["y"]!)!, height: Double($0.attributes["height"]!)!) }.sorted { $0.top < $1.top }
        for (upper, lower) in zip(spans, spans.dropFirst()) {
            #expect(abs(upper.top + upper.height - lower.top) < 0.05)
        }
        // Totals above the stacks.
        #expect(tree.withClass("value-label").map(\.text).contains(ValueFormat.thousands.format(data.total(category: 0)!)))
    }

    @Test func groupedBarsSitSideBySide() throws {
        let chart = BarChart(title: "t", description: "d", data: SampleData.budgetAndSpending, format: .thousands, layout: .grouped)
        let tree = try XMLTree.parse(chart.svg(id: "g"))
        let budget = tree.withClass("series-0").filter { $0.classes.contains("bar") }
        let spending = tree.withClass("series-1").filter { $0.classes.contains("bar") }
        #expect(budget.count == 12 && spending.count == 11)
        let x0 = Double(budget[0].attributes["x"]!)!
        let w0 = Double(budget[0].attributes["width"]!)!
        #expect(Double(spending[0].attributes["x"]!)! >= x0 + w0)
        #expect(tree.withClass("legend-item").count == 2)
    }

    @Test func manyCategoriesTurnTheirLabels() throws {
        let c = ChartCase.all.first { $0.name == "40 categories" }!
        let tree = try XMLTree.parse(BarChart(title: "t", description: "d", data: c.data, format: .thousands).svg(id: "x"))
        let labels = tree.withClass("category-label")
        #expect(!labels.isEmpty)
        #expect(labels.allSatisfy { $0.attributes["transform"]?.hasPrefix("rotate(") == true })
        // Cut labels keep their full text as a tooltip.
        for label in labels where label.text.hasSuffix("…") {
            #expect(label.title?.hasPrefix(String(label.text.dropLast())) == true)
        }
    }

    @Test func partnersWithLongLabels() throws {
        let data = SampleData.partnerData
        let chart = HorizontalBarChart(title: "Funding partners", description: "d", data: data, format: .thousands, layout: .single)
        let svg = chart.svg(id: "partners")
        let tree = try XMLTree.parse(svg)
        #expect(tree.withClass("bar").count == 34)
        let labels = tree.withClass("category-label")
        #expect(labels.count == 34)
        let uk = labels[6]
        #expect(uk.text.hasSuffix("…"))
        #expect(uk.title == "United Kingdom of Great Britain and Northern Ireland")
        #expect(labels[0].text == "European Commission" && labels[0].title == nil)
        #expect(labels[33].text == "Czechia")
        // Bars get shorter down the ranking.
        let widths = tree.withClass("bar").map { Double($0.attributes["width"]!)! }
        #expect(widths == widths.sorted(by: >))
        #expect(tree.withClass("value-label").first?.text == "184,077")
        #expect(tree.withClass("value-label").last?.text == "89")
        // The view box grows with the rows.
        let viewBox = tree.attributes["viewBox"]!.split(separator: " ").compactMap { Double($0) }
        #expect(viewBox[3] > 34 * 20)
    }

    @Test func chineseLabels() throws {
        let data = SampleData.expenditureByOutcome.sortedByTotal()
        let narrow = HorizontalBarChart(title: "按成果分列的支出", description: "支出", data: data, format: .thousands, maxLabelWidth: 100)
        let tree = try XMLTree.parse(narrow.svg(id: "zh"))
        let labels = tree.withClass("category-label")
        #expect(labels.count == 9)
        let long = labels.first { $0.title == "性别平等、机会平等和平等待遇" }
        #expect(long?.text.hasSuffix("…") == true)
        // At 12 px, a 100 px column holds at most 8 CJK characters with the ellipsis.
        #expect((long?.text.count ?? 99) <= 8)
        #expect(labels.contains { $0.text == "社会保护" })
        let columns = try XMLTree.parse(BarChart(title: "支出", description: "d", data: data, format: .thousands).svg(id: "zh2"))
        // Nine outcomes over the width: wrapped or turned, but never wider than their slot when level.
        let columnLabels = columns.withClass("category-label")
        #expect(columnLabels.count == 9)
        // Nine CJK labels wrap between characters onto up to three level lines, whole.
        #expect(columnLabels.map(\.content) == data.categories)
        #expect(columnLabels.allSatisfy { $0.attributes["transform"] == nil })
        #expect(columnLabels.contains { $0.children.filter { $0.name == "tspan" }.count == 3 })
    }

    @Test func lineChartBreaksAtMissingValues() throws {
        let data = ChartData(categories: ["a", "b", "c", "d", "e"], series: [
            ChartSeries(name: "Budget", values: [1, 2, nil, 4, 5]),
            ChartSeries(name: "Spending", values: [nil, 1, nil, nil, 3]),
        ])
        let tree = try XMLTree.parse(LineChart(title: "t", description: "d", data: data, format: .integer).svg(id: "l"))
        let lines = tree.withClass("line")
        #expect(lines.count == 2)
        #expect(lines[0].attributes["d"]?.filter { $0 == "M" }.count == 2)
        #expect(lines[1].attributes["d"]?.filter { $0 == "M" }.count == 2)
        #expect(lines[0].attributes["stroke-dasharray"] == nil && lines[1].attributes["stroke-dasharray"] != nil)
        let points = tree.withClass("point")
        #expect(points.count == 6)
        #expect(points.filter { $0.classes.contains("series-0") }.allSatisfy { $0.name == "circle" })
        #expect(points.filter { $0.classes.contains("series-1") }.allSatisfy { $0.name == "rect" })
        #expect(points.first?.title == "a — Budget: 1")
        #expect(tree.withClass("legend-item").count == 2)
    }
}
