/// How the values of a chart or table are written: deterministic, without `Locale`, with commas
/// grouping thousands and a full stop before decimals.
public enum ValueFormat: Sendable, Hashable {
    /// Amounts in thousands (US$ thousands), written as whole numbers: `184077` → `184,077`.
    case thousands
    /// Whole numbers, grouped: `1234.4` → `1,234`.
    case integer
    /// Fractions written as percentages with one decimal: `0.168` → `16.8%`.
    case percent
    /// Up to two decimals, trailing zeros dropped, no grouping: `1234.5` → `1234.5`.
    case plain
    /// A fixed number of decimals (0 to 10), grouped: `.decimal(places: 2)`, `1234.5` → `1,234.50`.
    case decimal(places: Int)

    /// The text for one value. A value that is not finite is written as `–`.
    public func format(_ value: Double) -> String {
        switch self {
        case .thousands, .integer:
            return NumberText.fixed(value, decimals: 0, grouping: true)
        case .percent:
            return NumberText.fixed(value * 100, decimals: 1, grouping: true) + (value.isFinite ? "%" : "")
        case .plain:
            return NumberText.fixed(value, decimals: 2, grouping: false, trimmingZeros: true)
        case .decimal(let places):
            return NumberText.fixed(value, decimals: places, grouping: true)
        }
    }

    /// The text for a value that may be missing; `missing` stands for `nil` and for values that
    /// are not finite.
    public func format(_ value: Double?, missing: String = "–") -> String {
        guard let value, value.isFinite else { return missing }
        return format(value)
    }

    /// The label of an axis tick, with as many decimals as the step between ticks needs.
    public func tickLabel(_ value: Double, step: Double) -> String {
        switch self {
        case .percent:
            let decimals = NumberText.decimalsNeeded(forStep: step * 100)
            return NumberText.fixed(value * 100, decimals: decimals, grouping: true) + "%"
        case .thousands, .integer, .decimal:
            return NumberText.fixed(value, decimals: NumberText.decimalsNeeded(forStep: step), grouping: true)
        case .plain:
            return NumberText.fixed(value, decimals: NumberText.decimalsNeeded(forStep: step), grouping: false)
        }
    }

    /// The smallest step between axis ticks that makes sense for the values: 1 for whole
    /// numbers, 0.1% for percentages.
    public var minimumStep: Double? {
        switch self {
        case .thousands, .integer: return 1
        case .percent: return 0.001
        case .plain: return nil
        case .decimal(let places): return 1 / NumberText.powerOfTen(max(0, min(places, 10)))
        }
    }
}

/// Deterministic number writing without Foundation.
enum NumberText {
    /// `10^exponent` for exponents from -300 to 300, exact where a `Double` can be.
    static func powerOfTen(_ exponent: Int) -> Double {
        let e = max(-300, min(300, exponent))
        var power = 1.0
        for _ in 0..<abs(e) { power *= 10 }
        return e >= 0 ? power : 1 / power
    }

    /// The exponent `e` with `10^e <= x < 10^(e+1)`, for a positive finite `x`.
    static func decimalExponent(_ x: Double) -> Int {
        guard x.isFinite, x > 0 else { return 0 }
        var e = 0
        while e < 308, powerOfTen(e + 1) <= x { e += 1 }
        while e > -308, powerOfTen(e) > x { e -= 1 }
        return e
    }

    /// Decimals needed to tell apart multiples of `step`.
    static func decimalsNeeded(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var decimals = 0
        var scaled = step
        while decimals < 10 {
            let rounded = scaled.rounded()
            if rounded >= 1, abs(scaled - rounded) <= 1e-9 * max(1, abs(scaled)) { break }
            scaled *= 10
            decimals += 1
        }
        return decimals
    }

    /// `value` with `decimals` decimals, commas between groups of thousands if `grouping`,
    /// and a leading `-` for negative values that do not round to zero.
    static func fixed(_ value: Double, decimals: Int, grouping: Bool, trimmingZeros: Bool = false) -> String {
        guard value.isFinite else { return "–" }
        let places = max(0, min(decimals, 10))
        var factor: UInt64 = 1
        for _ in 0..<places { factor *= 10 }
        let scaled = (abs(value) * Double(factor)).rounded()
        guard scaled < 9.0e18 else { return value < 0 ? "-" + "\(abs(value))" : "\(value)" }
        let units = UInt64(scaled)
        let whole = units / factor
        var fraction = places > 0 ? String(units % factor) : ""
        if places > 0 {
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            if trimmingZeros {
                while fraction.last == "0" { fraction.removeLast() }
            }
        }
        var digits = String(whole)
        if grouping, digits.count > 3 {
            var grouped = ""
            for (index, digit) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            digits = grouped
        }
        let sign = units > 0 && value < 0 ? "-" : ""
        return sign + digits + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A coordinate for SVG: at most two decimals, never `nan` or `inf`.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = max(-1e9, min(1e9, value))
        return fixed(clamped, decimals: 2, grouping: false, trimmingZeros: true)
    }
}
