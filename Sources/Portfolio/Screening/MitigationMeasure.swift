/// A measure a screened project must take, required by its risk category or by a flagged area.
public struct MitigationMeasure: Sendable, Hashable, Codable {
    /// Stable identifier, e.g. `category.esmp` or `area.resettlement`.
    public var id: String
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}
