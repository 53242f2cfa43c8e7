/// The plot of a chart with categories along the bottom and values going up: its scale, where it
/// sits, and its axes.
struct ColumnPlot {
    let scale: NiceScale
    let left: Double
    let right: Double
    /// Where `scale.upper` is.
    let top: Double
    /// Where `scale.lower` is.
    let bottom: Double
    /// Where the category labels start.
    let axisTop: Double
    /// The width of each category.
    let slot: Double
    let categoryAxis: CategoryAxis
    /// The height of the whole chart: the requested height, or more if the plot needs it.
    let height: Double

    /// - Parameters:
    ///   - top: where the plot starts, below the header and room for value labels.
    ///   - bottomPadding: room kept below the lowest value (for labels under negative columns).
    init(categories: [String], minimum: Double, maximum: Double, format: ValueFormat,
         width: Double, height: Double, top: Double, bottomPadding: Double) {
        let count = max(1, categories.count)
        let right = width - ChartFrame.margin
        var left = 48.0
        var axisHeight = 24.0
        var scale = NiceScale(minimum: minimum, maximum: maximum, maximumTicks: 6, minimumStep: format.minimumStep)
        var slot = (right - left) / Double(count)
        var axis = CategoryAxis(categories: categories, slot: slot, maxLength: 150)
        var chartHeight = height
        for _ in 0..<3 {
            chartHeight = max(height, top + 80 + bottomPadding + axisHeight + ChartFrame.margin / 2)
            let plotHeight = chartHeight - top - bottomPadding - axisHeight - ChartFrame.margin / 2
            scale = NiceScale(minimum: minimum, maximum: maximum, maximumTicks: max(3, Int(plotHeight / 36)), minimumStep: format.minimumStep)
            let tickWidth = scale.ticks.map { TextMetrics.width(of: format.tickLabel($0, step: scale.step), fontSize: ChartFrame.tickFontSize) }.max() ?? 0
            left = ChartFrame.margin + tickWidth + 8
            slot = (right - left) / Double(count)
            axis = CategoryAxis(categories: categories, slot: slot, maxLength: 150)
            let needed = ChartFrame.margin + axis.leftOverhang - slot / 2
            if needed > left {
                left = needed
                slot = (right - left) / Double(count)
                axis = CategoryAxis(categories: categories, slot: slot, maxLength: 150)
            }
            axisHeight = axis.height
        }
        chartHeight = max(height, top + 80 + bottomPadding + axisHeight + ChartFrame.margin / 2)
        self.scale = scale
        self.left = left
        self.right = right
        self.top = top
        self.axisTop = chartHeight - axisHeight - ChartFrame.margin / 2
        self.bottom = axisTop - bottomPadding
        self.slot = slot
        self.categoryAxis = axis
        self.height = chartHeight
    }

    /// The y coordinate of `value`.
    func y(_ value: Double) -> Double {
        bottom - scale.position(of: value) * (bottom - top)
    }

    /// The x coordinate of the middle of category `index`.
    func center(_ index: Int) -> Double {
        left + slot * (Double(index) + 0.5)
    }

    /// Gridlines and tick labels for the values, and the zero line.
    func drawValueAxis(_ w: inout SVGWriter, format: ValueFormat) {
        w.open("g", [
            ("class", "axis axis-value"), ("font-size", .n(ChartFrame.tickFontSize)),
            ("fill", .text(ChartPalette.mutedText)), ("text-anchor", "end"),
        ])
        for tick in scale.ticks {
            let y = y(tick)
            w.element("line", [
                ("class", "gridline"), ("x1", .n(left)), ("x2", .n(right)), ("y1", .n(y)), ("y2", .n(y)),
                ("stroke", .text(ChartPalette.gridline)), ("stroke-width", 1),
            ])
            w.element("text", [
                ("class", "tick-label"), ("x", .n(left - 6)), ("y", .n(y + ChartFrame.tickFontSize * 0.35)),
            ], text: format.tickLabel(tick, step: scale.step))
        }
        w.close("g")
    }

    /// The zero line, drawn over the columns.
    func drawBaseline(_ w: inout SVGWriter) {
        let y = y(0)
        w.element("line", [
            ("class", "axis baseline"), ("x1", .n(left)), ("x2", .n(right)), ("y1", .n(y)), ("y2", .n(y)),
            ("stroke", .text(ChartPalette.axis)), ("stroke-width", 1),
        ])
    }

    func drawCategoryAxis(_ w: inout SVGWriter) {
        categoryAxis.draw(&w, left: left, slot: slot, top: axisTop)
    }
}
