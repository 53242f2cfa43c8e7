/// A planned or actual start or end date of the activity.
///
/// Decoded from `activity-date`.
public struct ActivityDate: Sendable, Hashable {
    /// `@type`.
    public var type: String?
    /// `@iso-date` as written (trimmed); not parsed, so a malformed date survives for the validator.
    public var isoDate: String?
    /// The element's own `narrative` children.
    public var narrative: NarrativeText
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        type: String? = nil,
        isoDate: String? = nil,
        narrative: NarrativeText = NarrativeText(),
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.type = type
        self.isoDate = isoDate
        self.narrative = narrative
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        type = reader.attribute("type")
        isoDate = reader.attribute("iso-date")
        narrative = reader.narrativeText()
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
