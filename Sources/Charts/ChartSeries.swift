/// One named series of values, one per category; `nil` means no data.
public struct ChartSeries: Sendable, Hashable {
    /// The name shown in legends, tooltips and table headers.
    public var name: String
    /// The values, in the order of the categories; `nil` is no data.
    public var values: [Double?]

    /// A series named `name` with `values` in the order of the categories.
    public init(name: String, values: [Double?]) {
        self.name = name
        self.values = values
    }
}
