/// The colours of the charts: the Okabe–Ito palette, distinguishable with the common forms of
/// colour blindness, with a neutral grey instead of black. Colour never carries meaning alone:
/// legends and tooltips name every series.
public enum ChartPalette {
    /// Series colours in the order they are used; series beyond the eighth start again.
    public static let series: [String] = [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#56B4E9", // sky blue
        "#CC79A7", // reddish purple
        "#F0E442", // yellow
        "#7F7F7F", // grey
    ]

    /// Text drawn on the chart.
    public static let text = "#333333"
    /// Tick labels and other secondary text.
    public static let mutedText = "#595959"
    /// Gridlines.
    public static let gridline = "#DDDDDD"
    /// The zero line and axes.
    public static let axis = "#333333"

    /// The colour of series `index`.
    public static func color(series index: Int) -> String {
        series[((index % series.count) + series.count) % series.count]
    }

    /// Black or white, whichever reads better on `fill` (a `#RRGGBB` colour).
    public static func textColor(on fill: String) -> String {
        let hex = fill.hasPrefix("#") ? String(fill.dropFirst()) : fill
        guard hex.count == 6, let rgb = UInt32(hex, radix: 16) else { return "#000000" }
        func linear(_ component: UInt32) -> Double {
            let c = Double(component) / 255
            return c <= 0.04045 ? c / 12.92 : pow24((c + 0.055) / 1.055)
        }
        let luminance = 0.2126 * linear((rgb >> 16) & 0xFF) + 0.7152 * linear((rgb >> 8) & 0xFF) + 0.0722 * linear(rgb & 0xFF)
        // Contrast with white (1.05 / (L + 0.05)) against contrast with black ((L + 0.05) / 0.05).
        return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#FFFFFF" : "#000000"
    }

    /// `x^2.4` for `x` in 0...1, without Foundation: `x^2 · x^0.4` with `x^0.4` by Newton's method on `y^5 = x^2`.
    private static func pow24(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let target = x * x
        var y = 1.0
        for _ in 0..<60 {
            let y4 = y * y * y * y
            y -= (y4 * y - target) / (5 * y4)
        }
        return x * x * y
    }
}
