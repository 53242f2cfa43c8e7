/// A supranational region that benefits from the activity, transaction or organisation budget.
///
/// Decoded from `recipient-region`.
public struct RecipientRegion: Sendable, Hashable {
    /// `@code`.
    public var code: String?
    /// `@vocabulary`.
    public var vocabulary: String?
    /// `@vocabulary-uri`: where a publisher's own vocabulary (99/98) is described.
    public var vocabularyURI: String?
    /// `@percentage` as written; percentages are checked by the validator, not normalised here.
    public var percentage: String?
    /// The element's own `narrative` children.
    public var narrative: NarrativeText
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        code: String? = nil,
        vocabulary: String? = nil,
        vocabularyURI: String? = nil,
        percentage: String? = nil,
        narrative: NarrativeText = NarrativeText(),
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.code = code
        self.vocabulary = vocabulary
        self.vocabularyURI = vocabularyURI
        self.percentage = percentage
        self.narrative = narrative
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        code = reader.attribute("code")
        vocabulary = reader.attribute("vocabulary")
        vocabularyURI = reader.attribute("vocabulary-uri")
        percentage = reader.attribute("percentage")
        narrative = reader.narrativeText()
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
