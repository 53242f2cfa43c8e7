/// An emergency or appeal the activity responds to.
///
/// Decoded from `humanitarian-scope`.
public struct HumanitarianScope: Sendable, Hashable {
    /// `@type`.
    public var type: String?
    /// `@vocabulary`.
    public var vocabulary: String?
    /// `@vocabulary-uri`: where a publisher's own vocabulary (99/98) is described.
    public var vocabularyURI: String?
    /// `@code`.
    public var code: String?
    /// The element's own `narrative` children.
    public var narrative: NarrativeText
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        type: String? = nil,
        vocabulary: String? = nil,
        vocabularyURI: String? = nil,
        code: String? = nil,
        narrative: NarrativeText = NarrativeText(),
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.type = type
        self.vocabulary = vocabulary
        self.vocabularyURI = vocabularyURI
        self.code = code
        self.narrative = narrative
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        type = reader.attribute("type")
        vocabulary = reader.attribute("vocabulary")
        vocabularyURI = reader.attribute("vocabulary-uri")
        code = reader.attribute("code")
        narrative = reader.narrativeText()
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
