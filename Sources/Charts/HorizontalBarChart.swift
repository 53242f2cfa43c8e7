/// A bar chart with categories down the side: for ranked lists with long labels (funding
/// partners, outcomes). Labels longer than the label column are cut with `…` and keep their full
/// text as a tooltip; values are written at the end of the bars. The chart grows in height with
/// the number of categories.
public struct HorizontalBarChart: Sendable {
    public var title: String
    public var description: String
    public var data: ChartData
    public var format: ValueFormat
    public var layout: BarLayout
    /// What the values are, written above the bars, e.g. "US$ thousands".
    public var valueAxisLabel: String?
    /// The width of the view box; the SVG itself scales to the width of its container.
    public var width: Double
    /// The widest the label column may be; by default 36% of the width.
    public var maxLabelWidth: Double?
    /// Whether the title is drawn in the chart, besides being its accessible name.
    public var showsTitle: Bool
    /// Whether values are written at the end of the bars.
    public var showsValueLabels: Bool
    /// Written in the plot when there is nothing to draw.
    public var noDataText: String

    /// A bar chart of `data` titled `title`, described by `description` (the accessible
    /// description), values written with `format`. The categories are drawn in the order given:
    /// rank them first, e.g. with `ChartData.sortedByTotal()`.
    public init(title: String, description: String, data: ChartData, format: ValueFormat,
                layout: BarLayout = .grouped, valueAxisLabel: String? = nil, width: Double = 720,
                maxLabelWidth: Double? = nil, showsTitle: Bool = true, showsValueLabels: Bool = true,
                noDataText: String = "No data") {
        self.title = title
        self.description = description
        self.data = data
        self.format = format
        self.layout = layout
        self.valueAxisLabel = valueAxisLabel
        self.width = width
        self.maxLabelWidth = maxLabelWidth
        self.showsTitle = showsTitle
        self.showsValueLabels = showsValueLabels
        self.noDataText = noDataText
    }

    static let labelFontSize = ChartFrame.labelFontSize

    /// The chart as a standalone `<svg>` element, its `<title>` and `<desc>` identified by
    /// `id-title` and `id-desc`: `id` must be unique in the page (whitespace in it becomes `-`).
    public func svg(id: String) -> String {
        let seriesCount = layout == .single ? min(1, data.series.count) : data.series.count
        let series = Array(0..<seriesCount)
        let categories = data.categories.map(TextMetrics.singleLine)
        let stacked = layout == .stacked && seriesCount > 1
        let grouped = layout == .grouped && seriesCount > 1
        let value = { (s: Int, c: Int) in data.value(series: s, category: c) }
        let fontSize = HorizontalBarChart.labelFontSize
        let margin = ChartFrame.margin

        // The range to show, and the widest value label.
        var minimum = 0.0
        var maximum = 0.0
        var widestValue = 0.0
        for c in categories.indices {
            if stacked {
                let values = series.compactMap { value($0, c) }
                maximum = max(maximum, values.filter { $0 > 0 }.reduce(0, +))
                minimum = min(minimum, values.filter { $0 < 0 }.reduce(0, +))
                if let total = data.total(category: c) {
                    widestValue = max(widestValue, TextMetrics.width(of: format.format(total), fontSize: ChartFrame.valueFontSize))
                }
            } else {
                for s in series {
                    guard let v = value(s, c) else { continue }
                    maximum = max(maximum, v)
                    minimum = min(minimum, v)
                    widestValue = max(widestValue, TextMetrics.width(of: format.format(v), fontSize: ChartFrame.valueFontSize))
                }
            }
        }

        let header = ChartHeader(
            title: showsTitle ? title : nil, legendNames: seriesCount > 1 ? data.series.map(\.name) : nil,
            legendKey: .swatch, axisLabel: valueAxisLabel, width: width)

        // Columns from left to right: labels, room for labels of negative bars, bars, room for labels.
        let longestLabel = categories.map { TextMetrics.width(of: $0, fontSize: fontSize) }.max() ?? 0
        let labelColumn = min(longestLabel, maxLabelWidth ?? width * 0.36)
        let valueRoom = showsValueLabels ? widestValue + 8 : 4
        let plotLeft = margin + labelColumn + 10 + (minimum < 0 ? valueRoom : 0)
        let plotRight = width - margin - (maximum > 0 || minimum == 0 ? valueRoom : 0)
        let plotWidth = max(40, plotRight - plotLeft)

        // Ticks far enough apart for their labels.
        var scale = NiceScale(minimum: minimum, maximum: maximum, maximumTicks: 2, minimumStep: format.minimumStep)
        for count in stride(from: max(2, Int(plotWidth / 70)), through: 2, by: -1) {
            let candidate = NiceScale(minimum: minimum, maximum: maximum, maximumTicks: count, minimumStep: format.minimumStep)
            let widest = candidate.ticks.map { TextMetrics.width(of: format.tickLabel($0, step: candidate.step), fontSize: ChartFrame.tickFontSize) }.max() ?? 0
            let spacing = plotWidth / Double(max(1, candidate.ticks.count - 1))
            scale = candidate
            if widest + 10 <= spacing { break }
        }
        let x = { (v: Double) in plotLeft + scale.position(of: v) * plotWidth }

        let rowHeight = grouped ? max(26, Double(seriesCount) * 12 + 12) : 24
        let plotTop = header.bottom + 4
        let plotBottom = plotTop + rowHeight * Double(max(1, categories.count))
        let height = plotBottom + ChartFrame.tickFontSize + 8 + margin / 2

        var w = SVGWriter()
        ChartFrame.open(&w, id: id, kind: "bar-chart horizontal-bar-chart", width: width, height: height, title: title, description: description)
        header.draw(&w, width: width)

        // Value axis: vertical gridlines, tick labels at the bottom.
        w.open("g", [
            ("class", "axis axis-value"), ("font-size", .n(ChartFrame.tickFontSize)),
            ("fill", .text(ChartPalette.mutedText)), ("text-anchor", "middle"),
        ])
        for tick in scale.ticks {
            let tx = x(tick)
            w.element("line", [
                ("class", "gridline"), ("x1", .n(tx)), ("x2", .n(tx)), ("y1", .n(plotTop)), ("y2", .n(plotBottom)),
                ("stroke", .text(ChartPalette.gridline)), ("stroke-width", 1),
            ])
            w.element("text", [
                ("class", "tick-label"), ("x", .n(tx)), ("y", .n(plotBottom + ChartFrame.tickFontSize + 4)),
            ], text: format.tickLabel(tick, step: scale.step))
        }
        w.close("g")

        // Category labels.
        w.open("g", [
            ("class", "axis axis-category"), ("font-size", .n(fontSize)),
            ("fill", .text(ChartPalette.text)), ("text-anchor", "end"),
        ])
        for (c, label) in categories.enumerated() {
            ChartFrame.label(&w, label, maxWidth: labelColumn, fontSize: fontSize, attributes: [
                ("class", "category-label"), ("x", .n(margin + labelColumn)),
                ("y", .n(plotTop + rowHeight * (Double(c) + 0.5) + fontSize * 0.35)),
            ])
        }
        w.close("g")

        // Bars.
        let bandHeight = grouped ? rowHeight - 12 : rowHeight * 0.66
        let barHeight = grouped ? bandHeight / Double(seriesCount) : bandHeight
        let gap = grouped ? min(1.5, barHeight * 0.15) : 0
        var labels: [(x: Double, y: Double, text: String, anchor: String, fill: String)] = []
        var ends = Array(repeating: (positive: 0.0, negative: 0.0), count: categories.count)
        var hasBars = false
        w.open("g", [("class", "bars")])
        for s in series {
            let color = ChartPalette.color(series: seriesCount > 1 ? s : 0)
            let name = TextMetrics.singleLine(data.series[s].name)
            w.open("g", [("class", .text("series series-\(s)")), ("fill", .text(color))])
            for c in categories.indices {
                guard let v = value(s, c) else { continue }
                hasBars = true
                let bandTop = plotTop + rowHeight * Double(c) + (rowHeight - bandHeight) / 2
                let y = grouped ? bandTop + Double(s) * barHeight + gap / 2 : bandTop
                let from: Double
                if stacked {
                    from = v >= 0 ? ends[c].positive : ends[c].negative
                    if v >= 0 { ends[c].positive += v } else { ends[c].negative += v }
                } else {
                    from = 0
                }
                let x0 = x(from)
                let x1 = x(from + v)
                let left = min(x0, x1)
                let length = abs(x1 - x0)
                let text = format.format(v)
                w.element("rect", [
                    ("class", .text("bar series-\(s)")), ("x", .n(left)), ("y", .n(y)),
                    ("width", .n(length)), ("height", .n(max(0, barHeight - gap))),
                ], title: "\(categories[c]) — \(name): \(text)")
                guard showsValueLabels else { continue }
                let middle = y + (barHeight - gap) / 2 + ChartFrame.valueFontSize * 0.35
                if stacked {
                    if TextMetrics.width(of: text, fontSize: ChartFrame.valueFontSize) <= length - 6, barHeight >= ChartFrame.valueFontSize + 2 {
                        labels.append((left + length / 2, middle, text, "middle", ChartPalette.textColor(on: color)))
                    }
                } else if barHeight - gap >= ChartFrame.valueFontSize - 2 {
                    labels.append(v >= 0 ? (x1 + 4, middle, text, "start", ChartPalette.text) : (x1 - 4, middle, text, "end", ChartPalette.text))
                }
            }
            w.close("g")
        }
        w.close("g")
        if stacked, showsValueLabels {
            for c in categories.indices {
                // The total of a stack with values on both sides of zero would be read as the end of one of them.
                guard let total = data.total(category: c), ends[c].positive == 0 || ends[c].negative == 0 else { continue }
                let middle = plotTop + rowHeight * (Double(c) + 0.5) + ChartFrame.valueFontSize * 0.35
                let text = format.format(total)
                labels.append(total >= 0 ? (x(ends[c].positive) + 4, middle, text, "start", ChartPalette.text)
                                         : (x(ends[c].negative) - 4, middle, text, "end", ChartPalette.text))
            }
        }
        let zero = x(0)
        w.element("line", [
            ("class", "axis baseline"), ("x1", .n(zero)), ("x2", .n(zero)), ("y1", .n(plotTop)), ("y2", .n(plotBottom)),
            ("stroke", .text(ChartPalette.axis)), ("stroke-width", 1),
        ])
        if !labels.isEmpty {
            w.open("g", [("class", "value-labels"), ("font-size", .n(ChartFrame.valueFontSize))])
            for label in labels {
                w.element("text", [
                    ("class", "value-label"), ("x", .n(label.x)), ("y", .n(label.y)),
                    ("text-anchor", .text(label.anchor)), ("fill", .text(label.fill)),
                ], text: label.text)
            }
            w.close("g")
        }
        if !hasBars {
            ChartFrame.noData(&w, text: noDataText, x: (plotLeft + plotRight) / 2, y: (plotTop + plotBottom) / 2 + 4)
        }
        w.close("svg")
        return w.output
    }
}
