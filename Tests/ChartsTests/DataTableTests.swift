import Charts
import Testing

@Suite struct DataTableTests {
    @Test func approvalsTable() throws {
        let table = DataTable(caption: "Approvals by year (US$ thousands)", data: SampleData.approvalsByYear, format: .thousands, categoryHeader: "Year", totalsLabel: "Total")
        let tree = try XMLTree.parse(table.html(id: "approvals-table"))
        #expect(tree.name == "table" && tree.attributes["id"] == "approvals-table")
        #expect(tree.children.first?.name == "caption")
        #expect(tree.children.first?.text == "Approvals by year (US$ thousands)")
        let head = tree.all.first { $0.name == "thead" }!
        #expect(head.all.filter { $0.name == "th" }.map { $0.attributes["scope"] } == ["col", "col"])
        #expect(head.all.filter { $0.name == "th" }.map(\.text) == ["Year", "Approvals"])
        let rows = tree.all.first { $0.name == "tbody" }!.children
        #expect(rows.count == 12)
        for row in rows {
            #expect(row.children.count == 2)
            #expect(row.children[0].name == "th" && row.children[0].attributes["scope"] == "row")
            #expect(row.children[1].name == "td" && row.children[1].classes.contains("number"))
        }
        #expect(rows[0].children.map(\.text) == ["2014", "285,692"])
        let total = SampleData.approvals.compactMap { $0 }.reduce(0, +)
        #expect(total == 3_874_714)
        let foot = tree.all.first { $0.name == "tfoot" }!.children[0]
        #expect(foot.children.map(\.text) == ["Total", "3,874,714"])
        #expect(foot.children[0].attributes["scope"] == "row")
    }

    @Test func formatsPercentagesAndMissingValues() throws {
        let data = ChartData(categories: ["2024", "2025"], series: [
            ChartSeries(name: "Delivery rate", values: [0.1681, nil]),
            ChartSeries(name: "SSTC share", values: [0.05, 0.25]),
        ])
        let tree = try XMLTree.parse(DataTable(caption: "Rates", data: data, format: .percent).html())
        let cells = tree.all.filter { $0.name == "td" && $0.classes.contains("number") }
        #expect(cells.map(\.text) == ["16.8%", "5.0%", "–", "25.0%"])
        #expect(cells[2].classes.contains("missing"))
        // No category header: an empty corner cell, no empty header.
        #expect(tree.all.first { $0.name == "thead" }!.all.filter { $0.name == "th" }.count == 2)
        #expect(tree.all.first { $0.name == "tfoot" } == nil)
    }

    @Test func regionBySourceWithBothTotals() throws {
        let data = SampleData.regionBySource
        let table = DataTable(caption: "Region × source", data: data, format: .thousands, categoryHeader: "Region", totalsLabel: "Total", categoryTotalsLabel: "All sources")
        let tree = try XMLTree.parse(table.html())
        let rows = tree.all.first { $0.name == "tbody" }!.children
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { $0.children.count == 1 + 8 + 1 })
        #expect(tree.all.first { $0.name == "thead" }!.all.filter { $0.name == "th" }.count == 10)
        // Africa over all sources.
        let africa = (0..<8).compactMap { data.value(series: $0, category: 0) }.reduce(0, +)
        #expect(rows[0].children.last?.text == ValueFormat.thousands.format(africa))
        let foot = tree.all.first { $0.name == "tfoot" }!.children[0].children
        #expect(foot.count == 10)
        #expect(foot[1].text == "88,800")
        // Domestic development funding has no value for Europe and Central Asia: the total skips it.
        #expect(foot[3].text == "40,500")
        let grand = (0..<8).compactMap { data.total(series: $0) }.reduce(0, +)
        #expect(foot[9].text == ValueFormat.thousands.format(grand))
        #expect(foot.dropFirst().allSatisfy { $0.classes.contains("total") })
    }

    @Test func hostileLabelsAreEscaped() throws {
        let data = ChartData(categories: [SampleData.hostile], values: [1], seriesName: SampleData.hostile)
        let html = DataTable(caption: SampleData.hostile, data: data, format: .integer, categoryHeader: SampleData.hostile, totalsLabel: SampleData.hostile).html(id: "\"><script>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("style="))
        let tree = try XMLTree.parse(html)
        #expect(tree.all.filter { $0.text == SampleData.hostile }.count == 5)
        #expect(tree.attributes["id"] == "\"><script>")
    }

    @Test func emptyData() throws {
        let tree = try XMLTree.parse(DataTable(caption: "Nothing", data: ChartData(categories: [], series: []), format: .integer, totalsLabel: "Total").html())
        #expect(tree.all.first { $0.name == "tbody" }!.children.isEmpty)
        #expect(tree.all.first { $0.name == "tfoot" }!.children[0].children.count == 1)
    }
}
