import Foundation

/// Exact money arithmetic for the demo: amounts are `Decimal`s of whole cents, split with
/// cumulative rounding so that parts always add up to their whole.
enum DemoMoney {
    /// `amount` in whole cents, rounded half away from zero.
    static func cents(_ amount: Decimal) -> Int {
        var value = amount * 100, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return NSDecimalNumber(decimal: rounded).intValue
    }

    static func decimal(cents: Int) -> Decimal {
        Decimal(cents) / 100
    }

    /// `amount × share`, rounded to the cent.
    static func cents(_ amount: Decimal, times share: Double) -> Decimal {
        decimal(cents: Int((Double(cents(amount)) * share).rounded()))
    }

    /// `total` cents in parts proportional to `weights` (non-negative); the parts add up to `total`.
    static func split(_ total: Int, _ weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.indices.map { $0 == weights.count - 1 ? total : 0 } }
        var parts: [Int] = []
        var cumulative = 0.0, previous = 0
        for weight in weights {
            cumulative += weight
            let upTo = Int((Double(total) * cumulative / sum).rounded())
            parts.append(upTo - previous)
            previous = upTo
        }
        if let lastIndex = parts.indices.last { parts[lastIndex] += total - previous }
        return parts
    }

    /// A round amount near `value` for an agreement: to the thousand above 100,000, else to the unit.
    static func agreement(_ value: Double) -> Decimal {
        let step = value >= 100_000 ? 1000.0 : 1.0
        return Decimal(Int64((value / step).rounded()) * Int64(step))
    }
}
