/// A line chart over categories (budget against spending per year): one line per series, each
/// with its own colour, dash pattern and point marker, every point with a tooltip naming its
/// category, series and value. Missing values break the line.
public struct LineChart: Sendable {
    public var title: String
    public var description: String
    public var data: ChartData
    public var format: ValueFormat
    /// What the values are, written above the value axis, e.g. "US$ thousands".
    public var valueAxisLabel: String?
    /// The width of the view box; the SVG itself scales to the width of its container.
    public var width: Double
    /// The height of the view box, grown if the labels need more room.
    public var height: Double
    /// Whether the title is drawn in the chart, besides being its accessible name.
    public var showsTitle: Bool
    /// Whether values are written next to the points of a single series where they fit.
    public var showsValueLabels: Bool
    /// Written in the plot when there is nothing to draw.
    public var noDataText: String

    /// A line chart of `data` titled `title`, described by `description` (the accessible
    /// description), values written with `format`.
    public init(title: String, description: String, data: ChartData, format: ValueFormat,
                valueAxisLabel: String? = nil, width: Double = 720, height: Double = 360,
                showsTitle: Bool = true, showsValueLabels: Bool = true, noDataText: String = "No data") {
        self.title = title
        self.description = description
        self.data = data
        self.format = format
        self.valueAxisLabel = valueAxisLabel
        self.width = width
        self.height = height
        self.showsTitle = showsTitle
        self.showsValueLabels = showsValueLabels
        self.noDataText = noDataText
    }

    /// The chart as a standalone `<svg>` element, its `<title>` and `<desc>` identified by
    /// `id-title` and `id-desc`: `id` must be unique in the page (whitespace in it becomes `-`).
    public func svg(id: String) -> String {
        let categories = data.categories
        let series = Array(data.series.indices)
        let value = { (s: Int, c: Int) in data.value(series: s, category: c) }
        var minimum = 0.0
        var maximum = 0.0
        for s in series {
            for c in categories.indices {
                guard let v = value(s, c) else { continue }
                minimum = min(minimum, v)
                maximum = max(maximum, v)
            }
        }
        let labelled = showsValueLabels && series.count == 1
        let header = ChartHeader(
            title: showsTitle ? title : nil, legendNames: series.count > 1 ? data.series.map(\.name) : nil,
            legendKey: .line, axisLabel: valueAxisLabel, width: width)
        let plot = ColumnPlot(
            categories: categories, minimum: minimum, maximum: maximum, format: format,
            width: width, height: height, top: header.bottom + (labelled ? ChartFrame.valueFontSize + 8 : 8),
            bottomPadding: labelled && minimum < 0 ? ChartFrame.valueFontSize + 8 : 6)

        var w = SVGWriter()
        ChartFrame.open(&w, id: id, kind: "line-chart", width: width, height: plot.height, title: title, description: description)
        header.draw(&w, width: width)
        plot.drawValueAxis(&w, format: format)
        plot.drawBaseline(&w)

        // Lines, broken where values are missing.
        let c = NumberText.coordinate
        w.open("g", [("class", "lines"), ("fill", "none"), ("stroke-width", 2.5), ("stroke-linejoin", "round")])
        for s in series {
            var path = ""
            var previous: Double? = nil
            for index in categories.indices {
                guard let v = value(s, index) else {
                    previous = nil
                    continue
                }
                path += "\(previous == nil ? "M" : "L")\(c(plot.center(index))) \(c(plot.y(v)))"
                previous = v
            }
            guard !path.isEmpty else { continue }
            var attributes: SVGWriter.Attributes = [
                ("class", .text("line series-\(s)")), ("d", .text(path)), ("stroke", .text(ChartPalette.color(series: s))),
            ]
            if let dash = LineStyle.dash(series: s) { attributes.append(("stroke-dasharray", .text(dash))) }
            w.element("path", attributes)
        }
        w.close("g")

        // Points, and the values of a single series where they fit.
        var labels: [(x: Double, y: Double, text: String)] = []
        var hasPoints = false
        var allFit = true
        w.open("g", [("class", "points")])
        for s in series {
            let name = TextMetrics.singleLine(data.series[s].name)
            for index in categories.indices {
                guard let v = value(s, index) else { continue }
                hasPoints = true
                let text = format.format(v)
                let x = plot.center(index)
                let y = plot.y(v)
                LineStyle.marker(&w, series: s, x: x, y: y, classes: "point series-\(s)",
                                 title: "\(TextMetrics.singleLine(categories[index])) — \(name): \(text)")
                guard labelled else { continue }
                allFit = allFit && TextMetrics.width(of: text, fontSize: ChartFrame.valueFontSize) <= plot.slot - 4
                // Below a point lower than its neighbours, above otherwise, and always inside the plot.
                let neighbours = [index - 1, index + 1].compactMap { value(s, $0) }
                let below = !neighbours.isEmpty && neighbours.allSatisfy { $0 > v } || v < 0 && neighbours.isEmpty
                let belowY = y + ChartFrame.valueFontSize + 7
                labels.append((x, below && belowY <= plot.axisTop ? belowY : y - 8, text))
            }
        }
        w.close("g")
        if !allFit { labels = [] }
        if !labels.isEmpty {
            w.open("g", [
                ("class", "value-labels"), ("font-size", .n(ChartFrame.valueFontSize)),
                ("fill", .text(ChartPalette.text)), ("text-anchor", "middle"),
            ])
            for label in labels {
                w.element("text", [("class", "value-label"), ("x", .n(label.x)), ("y", .n(label.y))], text: label.text)
            }
            w.close("g")
        }
        plot.drawCategoryAxis(&w)
        if !hasPoints {
            ChartFrame.noData(&w, text: noDataText, x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2)
        }
        w.close("svg")
        return w.output
    }
}
