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

    /// An amount in its own currency as published, exact, its whole part grouped: `1,234,567.50`.
    static func amount(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber) else { return text }
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}
