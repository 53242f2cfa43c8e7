/// A reference to an external results framework (for a result or an indicator).
///
/// Decoded from `result/reference` and `indicator/reference`.
public struct Reference: Sendable, Hashable {
    /// `@code`.
    public var code: String?
    /// `@vocabulary`.
    public var vocabulary: String?
    /// `@vocabulary-uri` (result references).
    public var vocabularyURI: String?
    /// `@indicator-uri` (indicator references).
    public var indicatorURI: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        code: String? = nil,
        vocabulary: String? = nil,
        vocabularyURI: String? = nil,
        indicatorURI: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.code = code
        self.vocabulary = vocabulary
        self.vocabularyURI = vocabularyURI
        self.indicatorURI = indicatorURI
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        code = reader.attribute("code")
        vocabulary = reader.attribute("vocabulary")
        vocabularyURI = reader.attribute("vocabulary-uri")
        indicatorURI = reader.attribute("indicator-uri")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
