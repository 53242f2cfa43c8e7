/// The data of a chart as an accessible HTML table, to set next to the chart for screen readers
/// and for people without SVG: a caption, column headers, a row header per category, numbers in
/// cells of class `number` (to right-align them), and optional totals.
public struct DataTable: Sendable {
    public var caption: String
    public var data: ChartData
    public var format: ValueFormat
    /// The header of the category column, e.g. "Year"; left empty, the corner cell is empty.
    public var categoryHeader: String
    /// The header of a last row with each series' total, e.g. "Total"; `nil` for none.
    public var totalsLabel: String?
    /// The header of a last column with each category's total over the series, e.g. "Total";
    /// `nil` for none.
    public var categoryTotalsLabel: String?
    /// Written for missing values.
    public var missingText: String

    /// A table of `data` captioned `caption`, values written with `format`.
    public init(caption: String, data: ChartData, format: ValueFormat, categoryHeader: String = "",
                totalsLabel: String? = nil, categoryTotalsLabel: String? = nil, missingText: String = "–") {
        self.caption = caption
        self.data = data
        self.format = format
        self.categoryHeader = categoryHeader
        self.totalsLabel = totalsLabel
        self.categoryTotalsLabel = categoryTotalsLabel
        self.missingText = missingText
    }

    /// The `<table>` element, with `id` if given.
    public func html(id: String? = nil) -> String {
        let e = escapeMarkup
        let series = data.series.indices
        var html = "<table class=\"data-table\"\(id.map { " id=\"\(e($0))\"" } ?? "")>\n"
        html += "<caption>\(e(caption))</caption>\n"
        html += "<thead>\n<tr>"
        html += categoryHeader.isEmpty ? "<td></td>" : "<th scope=\"col\">\(e(categoryHeader))</th>"
        for s in series {
            html += "<th scope=\"col\" class=\"number\">\(e(data.series[s].name))</th>"
        }
        if let categoryTotalsLabel {
            html += "<th scope=\"col\" class=\"number total\">\(e(categoryTotalsLabel))</th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        for c in data.categories.indices {
            html += "<tr><th scope=\"row\">\(e(data.categories[c]))</th>"
            for s in series {
                html += cell(data.value(series: s, category: c), total: false)
            }
            if categoryTotalsLabel != nil {
                html += cell(data.total(category: c), total: true)
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n"
        if let totalsLabel {
            html += "<tfoot>\n<tr><th scope=\"row\">\(e(totalsLabel))</th>"
            for s in series {
                html += cell(data.total(series: s), total: true)
            }
            if categoryTotalsLabel != nil {
                let totals = series.compactMap { data.total(series: $0) }
                html += cell(totals.isEmpty ? nil : totals.reduce(0, +), total: true)
            }
            html += "</tr>\n</tfoot>\n"
        }
        html += "</table>"
        return html
    }

    private func cell(_ value: Double?, total: Bool) -> String {
        let classes = "number" + (total ? " total" : "") + (value == nil ? " missing" : "")
        return "<td class=\"\(classes)\">\(escapeMarkup(format.format(value, missing: missingText)))</td>"
    }
}
