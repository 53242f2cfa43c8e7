/// A column chart: one column per category (approvals by year), or several per category, side by
/// side or stacked (region × funding source).
///
/// Every column has a tooltip naming its category, series and value; values are written on or
/// above the columns where they fit, and a legend names the series when there are several.
public struct BarChart: Sendable {
    public var title: String
    public var description: String
    public var data: ChartData
    public var format: ValueFormat
    public var layout: BarLayout
    /// What the values are, written above the value axis, e.g. "US$ thousands".
    public var valueAxisLabel: String?
    /// The width of the view box; the SVG itself scales to the width of its container.
    public var width: Double
    /// The height of the view box, grown if the labels need more room.
    public var height: Double
    /// Whether the title is drawn in the chart, besides being its accessible name.
    public var showsTitle: Bool
    /// Whether values are written on or above the columns where they fit.
    public var showsValueLabels: Bool
    /// Written in the plot when there is nothing to draw.
    public var noDataText: String

    /// A column chart of `data` titled `title`, described by `description` (the accessible
    /// description: say what the chart shows and its main finding), values written with `format`.
    public init(title: String, description: String, data: ChartData, format: ValueFormat,
                layout: BarLayout = .grouped, valueAxisLabel: String? = nil,
                width: Double = 720, height: Double = 360, showsTitle: Bool = true,
                showsValueLabels: Bool = true, noDataText: String = "No data") {
        self.title = title
        self.description = description
        self.data = data
        self.format = format
        self.layout = layout
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
        let seriesCount = layout == .single ? min(1, data.series.count) : data.series.count
        let categories = data.categories
        let series = Array(0..<seriesCount)
        let stacked = layout == .stacked && seriesCount > 1
        let grouped = layout == .grouped && seriesCount > 1
        let value = { (s: Int, c: Int) in data.value(series: s, category: c) }

        // The range to show.
        var minimum = 0.0
        var maximum = 0.0
        for c in categories.indices {
            if stacked {
                let values = series.compactMap { value($0, c) }
                maximum = max(maximum, values.filter { $0 > 0 }.reduce(0, +))
                minimum = min(minimum, values.filter { $0 < 0 }.reduce(0, +))
            } else {
                for s in series {
                    if let v = value(s, c) {
                        maximum = max(maximum, v)
                        minimum = min(minimum, v)
                    }
                }
            }
        }

        let header = ChartHeader(
            title: showsTitle ? title : nil, legendNames: seriesCount > 1 ? data.series.map(\.name) : nil,
            legendKey: .swatch, axisLabel: valueAxisLabel, width: width)
        let labelRoom = showsValueLabels ? ChartFrame.valueFontSize + 6 : 6
        let plot = ColumnPlot(
            categories: categories, minimum: minimum, maximum: maximum, format: format,
            width: width, height: height, top: header.bottom + labelRoom,
            bottomPadding: minimum < 0 && showsValueLabels ? ChartFrame.valueFontSize + 6 : 0)

        var w = SVGWriter()
        ChartFrame.open(&w, id: id, kind: "bar-chart", width: width, height: plot.height, title: title, description: description)
        header.draw(&w, width: width)
        plot.drawValueAxis(&w, format: format)

        // Columns.
        let columnWidth = min(plot.slot * (grouped ? 0.84 : 0.7), grouped ? 36 * Double(seriesCount) : 72)
        let barWidth = grouped ? columnWidth / Double(seriesCount) : columnWidth
        let gap = grouped ? min(2, barWidth * 0.15) : 0
        var labels: [(x: Double, y: Double, text: String, fill: String)] = []
        var hasBars = false
        var allFit = true
        w.open("g", [("class", "bars")])
        var positiveTops = Array(repeating: 0.0, count: categories.count)
        var negativeBottoms = Array(repeating: 0.0, count: categories.count)
        for s in series {
            let color = ChartPalette.color(series: seriesCount > 1 ? s : 0)
            let name = data.series[s].name
            w.open("g", [("class", .text("series series-\(s)")), ("fill", .text(color))])
            for c in categories.indices {
                guard let v = value(s, c) else { continue }
                hasBars = true
                let columnLeft = plot.center(c) - columnWidth / 2
                let x = grouped ? columnLeft + Double(s) * barWidth + gap / 2 : columnLeft
                let from: Double
                if stacked {
                    from = v >= 0 ? positiveTops[c] : negativeBottoms[c]
                    if v >= 0 { positiveTops[c] += v } else { negativeBottoms[c] += v }
                } else {
                    from = 0
                }
                let y0 = plot.y(from)
                let y1 = plot.y(from + v)
                let top = min(y0, y1)
                let height = abs(y1 - y0)
                let text = format.format(v)
                w.element("rect", [
                    ("class", .text("bar series-\(s)")), ("x", .n(x)), ("y", .n(top)),
                    ("width", .n(max(0, barWidth - gap))), ("height", .n(height)),
                ], title: "\(TextMetrics.singleLine(categories[c])) — \(TextMetrics.singleLine(name)): \(text)")
                guard showsValueLabels else { continue }
                let textWidth = TextMetrics.width(of: text, fontSize: ChartFrame.valueFontSize)
                if stacked {
                    if height >= ChartFrame.valueFontSize + 4, textWidth <= barWidth - 4 {
                        labels.append((x + barWidth / 2, top + height / 2 + ChartFrame.valueFontSize * 0.35, text, ChartPalette.textColor(on: color)))
                    }
                } else {
                    // Values above every column or above none.
                    allFit = allFit && textWidth <= (grouped ? barWidth + gap : plot.slot - 4)
                    let y = v >= 0 ? top - 4 : top + height + ChartFrame.valueFontSize + 2
                    labels.append((x + (barWidth - gap) / 2, y, text, ChartPalette.text))
                }
            }
            w.close("g")
        }
        w.close("g")
        if !allFit { labels = [] }
        if stacked, showsValueLabels {
            for c in categories.indices {
                // The total of a stack with values on both sides of zero would be read as the end of one of them.
                guard let total = data.total(category: c), positiveTops[c] == 0 || negativeBottoms[c] == 0 else { continue }
                let text = format.format(total)
                guard TextMetrics.width(of: text, fontSize: ChartFrame.valueFontSize) <= plot.slot - 4 else { continue }
                let y = total >= 0 ? plot.y(positiveTops[c]) - 4 : plot.y(negativeBottoms[c]) + ChartFrame.valueFontSize + 2
                labels.append((plot.center(c), y, text, ChartPalette.text))
            }
        }
        plot.drawBaseline(&w)
        if !labels.isEmpty {
            w.open("g", [("class", "value-labels"), ("font-size", .n(ChartFrame.valueFontSize)), ("text-anchor", "middle")])
            for label in labels {
                w.element("text", [("class", "value-label"), ("x", .n(label.x)), ("y", .n(label.y)), ("fill", .text(label.fill))], text: label.text)
            }
            w.close("g")
        }
        plot.drawCategoryAxis(&w)
        if !hasBars {
            ChartFrame.noData(&w, text: noDataText, x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2)
        }
        w.close("svg")
        return w.output
    }
}
