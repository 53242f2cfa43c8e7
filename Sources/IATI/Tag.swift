/// A free classification of the activity (for example an SDG target, or an agency's own vocabulary 99 tag).
///
/// Decoded from `tag`.
public struct Tag: Sendable, Hashable {
    /// `@code`.
    public var code: String?
    /// `@vocabulary`.
    public var vocabulary: String?
    /// `@vocabulary-uri`: where a publisher's own vocabulary (99/98) is described.
    public var vocabularyURI: String?
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
        narrative: NarrativeText = NarrativeText(),
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.code = code
        self.vocabulary = vocabulary
        self.vocabularyURI = vocabularyURI
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
        narrative = reader.narrativeText()
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
