/// The category labels under a column or line chart: level and on up to three lines when they
/// fit, else slanted at 45°, else upright (every n-th label when even that is too tight), cut
/// with `…` beyond `maxLength` with the full label as a tooltip.
struct CategoryAxis {
    enum Orientation { case level, slanted, upright }

    static let fontSize = ChartFrame.labelFontSize
    static let gap = 6.0
    static let sin45 = 0.7071
    static let maxLines = 3

    let orientation: Orientation
    /// The full label of each category, on one line.
    let full: [String]
    /// The lines shown for each category.
    let lines: [[String]]
    /// Every how many categories a label is shown.
    let every: Int
    /// The height the labels need below the plot.
    let height: Double
    /// How far the first label reaches left of the middle of its slot.
    let leftOverhang: Double

    init(categories: [String], slot: Double, maxLength: Double) {
        let fontSize = CategoryAxis.fontSize
        full = categories.map(TextMetrics.singleLine)
        let room = max(1, slot - 6)
        let wrapped = full.map { TextMetrics.wrap($0, toWidth: room, fontSize: fontSize) }
        let fitsLevel = wrapped.allSatisfy { lines in
            lines.count <= CategoryAxis.maxLines && lines.allSatisfy { TextMetrics.width(of: $0, fontSize: fontSize) <= room }
        }
        if fitsLevel {
            orientation = .level
            lines = wrapped
            every = 1
            let lineCount = Double(wrapped.map(\.count).max() ?? 1)
            height = CategoryAxis.gap + fontSize * 1.2 * max(1, lineCount) + 4
            leftOverhang = 0
            return
        }
        let cut = full.map { [TextMetrics.truncate($0, toWidth: maxLength, fontSize: fontSize)] }
        lines = cut
        let longest = cut.map { TextMetrics.width(of: $0[0], fontSize: fontSize) }.max() ?? 0
        if slot * CategoryAxis.sin45 >= fontSize * 1.15 {
            orientation = .slanted
            every = 1
            height = CategoryAxis.gap + (longest + fontSize) * CategoryAxis.sin45 + 6
            leftOverhang = longest * CategoryAxis.sin45
        } else {
            orientation = .upright
            every = max(1, Int((fontSize * 1.15 / max(slot, 0.01)).rounded(.up)))
            height = CategoryAxis.gap + longest + 6
            leftOverhang = 0
        }
    }

    /// Draws the labels under slots of width `slot` starting at `left`, below `top`.
    func draw(_ w: inout SVGWriter, left: Double, slot: Double, top: Double) {
        let fontSize = CategoryAxis.fontSize
        w.open("g", [
            ("class", "axis axis-category"), ("font-size", .n(fontSize)), ("fill", .text(ChartPalette.text)),
            ("text-anchor", orientation == .level ? "middle" : "end"),
        ])
        for index in full.indices where index % every == 0 {
            let center = left + slot * (Double(index) + 0.5)
            let shown = lines[index]
            let title = shown.joined(separator: " ") == full[index] ? nil : full[index]
            switch orientation {
            case .level:
                let baseline = top + CategoryAxis.gap + fontSize
                if shown.count == 1 {
                    w.element("text", [("class", "category-label"), ("x", .n(center)), ("y", .n(baseline))], text: shown[0], title: title)
                    continue
                }
                let tspans: [(attributes: SVGWriter.Attributes, text: String)] = shown.enumerated().map { offset, line in
                    ([("x", .n(center)), ("y", .n(baseline + Double(offset) * fontSize * 1.2))], line)
                }
                w.multilineText([("class", "category-label")], lines: tspans, title: title)
            case .slanted:
                let x = center + fontSize * 0.3
                let y = top + CategoryAxis.gap + fontSize * 0.3
                w.element("text", [
                    ("class", "category-label"), ("x", .n(x)), ("y", .n(y)),
                    ("transform", .text("rotate(-45 \(NumberText.coordinate(x)) \(NumberText.coordinate(y)))")),
                ], text: shown[0], title: title)
            case .upright:
                let x = center + fontSize * 0.35
                let y = top + CategoryAxis.gap
                w.element("text", [
                    ("class", "category-label"), ("x", .n(x)), ("y", .n(y)),
                    ("transform", .text("rotate(-90 \(NumberText.coordinate(x)) \(NumberText.coordinate(y)))")),
                ], text: shown[0], title: title)
            }
        }
        w.close("g")
    }
}
