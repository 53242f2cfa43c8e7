import Charts
import Foundation

/// How sums of US dollars (exact decimal text from the store) are written on pages.
enum Money {
    /// The value of decimal text, for charts and rounding; `0` for text that is not a number.
    static func value(_ text: String) -> Double { Double(text) ?? 0 }

    /// `US$1.97 bn`, `US$106.2 M`, `US$412,000` below a million: short enough for a key figure.
    static func usd(_ text: String) -> String { usd(value(text)) }

    static func usd(_ value: Double) -> String {
        if abs(value) >= 1_000_000_000 {
            return "US$" + ValueFormat.decimal(places: 2).format(value / 1_000_000_000) + " bn"
        }
        if abs(value) >= 1_000_000 {
            return "US$" + ValueFormat.decimal(places: 1).format(value / 1_000_000) + " M"
        }
        return "US$" + ValueFormat.integer.format(value)
    }

    /// Whole US dollars, grouped: `1,095,327,412`.
    static func whole(_ text: String) -> String { ValueFormat.integer.format(value(text)) }

    /// Thousands of US dollars, as the seed's tables: `184,077`.
    static func thousands(_ text: String) -> String { ValueFormat.thousands.format(value(text) / 1_000) }
}
