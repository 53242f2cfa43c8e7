/// A value axis with "nice" round ticks (1, 2 or 5 times a power of ten) that always includes
/// zero and covers the data.
///
/// `NiceScale(minimum: 0, maximum: 374_700, maximumTicks: 9)` has ticks 0, 50,000, … 400,000.
/// All-zero data gets the axis 0 to 1; values that are not finite are ignored.
public struct NiceScale: Sendable, Hashable {
    /// The lowest tick, at or below both zero and the smallest value.
    public let lower: Double
    /// The highest tick, at or above both zero and the largest value.
    public let upper: Double
    /// The distance between ticks: 1, 2 or 5 times a power of ten.
    public let step: Double
    /// The tick values from `lower` to `upper`.
    public let ticks: [Double]

    /// The scale for values from `minimum` to `maximum` with at most `maximumTicks` ticks
    /// (at least 2) where the data allow, and a step of at least `minimumStep` if given.
    public init(minimum: Double, maximum: Double, maximumTicks: Int = 6, minimumStep: Double? = nil) {
        let limit = 1e300
        var low = min(0, minimum.isFinite ? max(-limit, minimum) : 0)
        var high = max(0, maximum.isFinite ? min(limit, maximum) : 0)
        if low > high { swap(&low, &high) }
        if low == high { high = 1 }
        let intervals = max(1, maximumTicks - 1)
        // The smallest nice step giving no more than `intervals` intervals.
        let rough = (high - low) / Double(intervals)
        let exponent = NumberText.decimalExponent(rough)
        var step = 10 * NumberText.powerOfTen(exponent + 1)
        search: for decade in [exponent, exponent + 1] {
            for multiple in [1.0, 2, 5, 10] {
                let candidate = multiple * NumberText.powerOfTen(decade)
                if NiceScale.intervalCount(low: low, high: high, step: candidate) <= intervals {
                    step = candidate
                    break search
                }
            }
        }
        if let minimumStep, minimumStep.isFinite, minimumStep > 0, step < minimumStep {
            step = minimumStep
        }
        let (first, last) = NiceScale.tickRange(low: low, high: high, step: step)
        self.step = step
        self.ticks = (first...last).map { Double($0) * step }
        self.lower = ticks.first ?? 0
        self.upper = ticks.last ?? 1
    }

    /// The fraction of the way from `lower` to `upper` at which `value` lies.
    public func position(of value: Double) -> Double {
        guard upper > lower, value.isFinite else { return 0 }
        return (value - lower) / (upper - lower)
    }

    private static func tickRange(low: Double, high: Double, step: Double) -> (Int, Int) {
        let tolerance = 1e-9
        let first = (low / step + tolerance).rounded(.down)
        var last = (high / step - tolerance).rounded(.up)
        if last <= first { last = first + 1 }
        return (Int(first), Int(last))
    }

    private static func intervalCount(low: Double, high: Double, step: Double) -> Int {
        let (first, last) = tickRange(low: low, high: high, step: step)
        return last - first
    }
}
