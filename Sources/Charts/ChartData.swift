/// What a chart or a data table shows: labelled categories and one or more series of values.
///
/// A series shorter than the categories has no data for the missing ones; values beyond the
/// categories are ignored, and values that are not finite count as no data.
public struct ChartData: Sendable, Hashable {
    /// The category labels: years, partners, outcomes, regions…
    public var categories: [String]
    /// The series, each with one value per category.
    public var series: [ChartSeries]

    /// Data with `categories` and `series`.
    public init(categories: [String], series: [ChartSeries]) {
        self.categories = categories
        self.series = series
    }

    /// Data with one series named `seriesName`.
    public init(categories: [String], values: [Double?], seriesName: String) {
        self.init(categories: categories, series: [ChartSeries(name: seriesName, values: values)])
    }

    /// The value of series `series` for category `category`, or `nil` when there is none, when it
    /// is not finite, or when either index is out of range.
    public func value(series: Int, category: Int) -> Double? {
        guard series >= 0, series < self.series.count, category >= 0, category < categories.count else { return nil }
        let values = self.series[series].values
        guard category < values.count, let value = values[category], value.isFinite else { return nil }
        return value
    }

    /// The sum of the values of category `category` over all series, or `nil` if it has none.
    public func total(category: Int) -> Double? {
        let values = series.indices.compactMap { value(series: $0, category: category) }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    /// The sum of the values of series `series` over all categories, or `nil` if it has none.
    public func total(series: Int) -> Double? {
        let values = categories.indices.compactMap { value(series: series, category: $0) }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    /// Whether any series has a value for any category.
    public var hasValues: Bool {
        series.indices.contains { s in categories.indices.contains { value(series: s, category: $0) != nil } }
    }

    /// The same data with categories ordered by their total over all series, largest first
    /// (or smallest first if `descending` is false); categories without data come last, and
    /// equal totals keep their order.
    public func sortedByTotal(descending: Bool = true) -> ChartData {
        let order = categories.indices.sorted { a, b in
            switch (total(category: a), total(category: b)) {
            case let (x?, y?): return x != y ? (descending ? x > y : x < y) : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }
        return ChartData(
            categories: order.map { categories[$0] },
            series: series.indices.map { s in
                ChartSeries(name: series[s].name, values: order.map { value(series: s, category: $0) })
            })
    }
}
