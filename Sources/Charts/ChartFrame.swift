/// Layout and drawing shared by the charts: the `<svg>` element with its title and description,
/// the visible title, the legend and the axes.
enum ChartFrame {
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
    static let margin = 12.0
    static let titleFontSize = 16.0
    static let labelFontSize = 12.0
    static let tickFontSize = 11.0
    static let valueFontSize = 11.0

    /// Opens the `<svg>` element and writes its `<title>` and `<desc>`, which `aria-labelledby` names.
    /// Whitespace in `id` becomes `-`, since `aria-labelledby` is a list separated by spaces.
    static func open(_ w: inout SVGWriter, id: String, kind: String, width: Double, height: Double, title: String, description: String) {
        let id = String(id.map { $0.isWhitespace ? "-" : $0 })
        let viewBox = "0 0 \(NumberText.coordinate(width)) \(NumberText.coordinate(height))"
        w.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", .text("chart \(kind)")),
            ("viewBox", .text(viewBox)),
            ("width", "100%"),
            ("preserveAspectRatio", "xMidYMid meet"),
            ("role", "img"),
            ("aria-labelledby", .text("\(id)-title \(id)-desc")),
            ("font-family", .text(fontFamily)),
        ])
        w.element("title", [("id", .text("\(id)-title"))], text: title)
        w.element("desc", [("id", .text("\(id)-desc"))], text: description)
    }

    /// A text that fits `maxWidth`, with the full text as its tooltip when cut.
    static func label(_ w: inout SVGWriter, _ text: String, maxWidth: Double, fontSize: Double, attributes: SVGWriter.Attributes) {
        let line = TextMetrics.singleLine(text)
        let shown = TextMetrics.truncate(line, toWidth: maxWidth, fontSize: fontSize)
        w.element("text", attributes, text: shown, title: shown == line ? nil : line)
    }

    /// A message in the middle of an empty plot.
    static func noData(_ w: inout SVGWriter, text: String, x: Double, y: Double) {
        w.element("text", [
            ("class", "no-data"), ("x", .n(x)), ("y", .n(y)), ("text-anchor", "middle"),
            ("font-size", .n(labelFontSize + 1)), ("fill", .text(ChartPalette.mutedText)),
        ], text: text)
    }
}

/// What sits above a plot: the visible title, the legend and the name of the value axis.
struct ChartHeader {
    let title: String?
    let titleBaseline: Double
    let legend: Legend?
    let axisLabel: String?
    let axisLabelBaseline: Double
    /// Where the header ends.
    let bottom: Double

    init(title: String?, legendNames: [String]?, legendKey: Legend.Key, axisLabel: String?, width: Double) {
        var y = ChartFrame.margin
        self.title = title
        titleBaseline = y + ChartFrame.titleFontSize
        if title != nil { y += ChartFrame.titleFontSize + 12 }
        if let legendNames, legendNames.count > 1 {
            let legend = Legend(names: legendNames, key: legendKey, left: ChartFrame.margin, maxWidth: width - 2 * ChartFrame.margin, top: y)
            self.legend = legend
            y += legend.height + 6
        } else {
            legend = nil
        }
        self.axisLabel = axisLabel
        axisLabelBaseline = y + ChartFrame.tickFontSize
        if axisLabel != nil { y += ChartFrame.tickFontSize + 6 }
        bottom = y
    }

    func draw(_ w: inout SVGWriter, width: Double) {
        if let title {
            // Bold text is about a tenth wider.
            ChartFrame.label(&w, title, maxWidth: (width - 2 * ChartFrame.margin) / 1.1, fontSize: ChartFrame.titleFontSize, attributes: [
                ("class", "chart-title"), ("x", .n(ChartFrame.margin)), ("y", .n(titleBaseline)),
                ("font-size", .n(ChartFrame.titleFontSize)), ("font-weight", "bold"), ("fill", .text(ChartPalette.text)),
            ])
        }
        legend?.draw(&w)
        if let axisLabel {
            ChartFrame.label(&w, axisLabel, maxWidth: width - 2 * ChartFrame.margin, fontSize: ChartFrame.tickFontSize, attributes: [
                ("class", "axis-label"), ("x", .n(ChartFrame.margin)), ("y", .n(axisLabelBaseline)),
                ("font-size", .n(ChartFrame.tickFontSize)), ("fill", .text(ChartPalette.mutedText)),
            ])
        }
    }
}

/// A legend naming every series next to its colour (and, for lines, its dash and marker).
struct Legend {
    enum Key { case swatch, line }

    struct Item {
        let series: Int
        let name: String
        let x: Double
        /// The middle of the item's row.
        let y: Double
    }

    static let fontSize = 12.0
    static let rowHeight = 20.0
    let key: Key
    let items: [Item]
    let height: Double

    var keyWidth: Double { key == .swatch ? 12 : 24 }

    init(names: [String], key: Key, left: Double, maxWidth: Double, top: Double) {
        self.key = key
        let keyWidth = key == .swatch ? 12.0 : 24.0
        var items: [Item] = []
        var x = left
        var row = 0
        for (index, name) in names.enumerated() {
            let textWidth = min(TextMetrics.width(of: TextMetrics.singleLine(name), fontSize: Legend.fontSize), max(40, maxWidth - keyWidth - 6), 240)
            let itemWidth = keyWidth + 6 + textWidth
            if x > left, x + itemWidth > left + maxWidth {
                row += 1
                x = left
            }
            items.append(Item(series: index, name: name, x: x, y: top + Legend.rowHeight * (Double(row) + 0.5)))
            x += itemWidth + 20
        }
        self.items = items
        height = items.isEmpty ? 0 : Legend.rowHeight * Double(row + 1)
    }

    func draw(_ w: inout SVGWriter) {
        w.open("g", [("class", "legend"), ("font-size", .n(Legend.fontSize)), ("fill", .text(ChartPalette.text))])
        for item in items {
            let color = ChartPalette.color(series: item.series)
            w.open("g", [("class", .text("legend-item series-\(item.series)"))])
            switch key {
            case .swatch:
                w.element("rect", [
                    ("class", "legend-swatch"), ("x", .n(item.x)), ("y", .n(item.y - 6)), ("width", 12), ("height", 12),
                    ("fill", .text(color)),
                ])
            case .line:
                var attributes: SVGWriter.Attributes = [
                    ("class", "legend-line"), ("x1", .n(item.x)), ("x2", .n(item.x + 24)), ("y1", .n(item.y)), ("y2", .n(item.y)),
                    ("stroke", .text(color)), ("stroke-width", 2.5),
                ]
                if let dash = LineStyle.dash(series: item.series) { attributes.append(("stroke-dasharray", .text(dash))) }
                w.element("line", attributes)
                LineStyle.marker(&w, series: item.series, x: item.x + 12, y: item.y, classes: "legend-marker", title: nil)
            }
            ChartFrame.label(&w, item.name, maxWidth: 240, fontSize: Legend.fontSize, attributes: [
                ("x", .n(item.x + keyWidth + 6)), ("y", .n(item.y + Legend.fontSize * 0.35)),
            ])
            w.close("g")
        }
        w.close("g")
    }
}

/// How lines and their points look besides their colour, so that colour alone never tells
/// series apart: a dash pattern and a marker shape per series.
enum LineStyle {
    static func dash(series: Int) -> String? {
        switch series % 4 {
        case 1: return "7 4"
        case 2: return "2 3"
        case 3: return "9 3 2 3"
        default: return nil
        }
    }

    /// Draws the marker of `series` at (`x`, `y`): a circle, square, triangle or diamond.
    static func marker(_ w: inout SVGWriter, series: Int, x: Double, y: Double, classes: String, title: String?) {
        let color = ChartPalette.color(series: series)
        let common: SVGWriter.Attributes = [
            ("class", .text(classes)), ("fill", .text(color)), ("stroke", "#FFFFFF"), ("stroke-width", 1),
        ]
        let c = NumberText.coordinate
        switch series % 4 {
        case 1:
            w.element("rect", common + [("x", .n(x - 4)), ("y", .n(y - 4)), ("width", 8), ("height", 8)], title: title)
        case 2:
            let d = "M\(c(x)) \(c(y - 5.5))L\(c(x + 5)) \(c(y + 3.5))L\(c(x - 5)) \(c(y + 3.5))Z"
            w.element("path", common + [("d", .text(d))], title: title)
        case 3:
            let d = "M\(c(x)) \(c(y - 5.5))L\(c(x + 5.5)) \(c(y))L\(c(x)) \(c(y + 5.5))L\(c(x - 5.5)) \(c(y))Z"
            w.element("path", common + [("d", .text(d))], title: title)
        default:
            w.element("circle", common + [("cx", .n(x)), ("cy", .n(y)), ("r", 4.5)], title: title)
        }
    }
}
