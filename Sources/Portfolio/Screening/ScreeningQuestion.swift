/// One question of the E&S screening checklist, answered with a ``ScreeningAnswer``.
public struct ScreeningQuestion: Sendable, Hashable, Codable {
    /// Stable within a checklist version, e.g. `resettlement.displacement`.
    public var id: String
    public var area: ScreeningArea
    public var text: String

    public init(id: String, area: ScreeningArea, text: String) {
        self.id = id
        self.area = area
        self.text = text
    }
}
