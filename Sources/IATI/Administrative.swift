/// An administrative area (country, province, district) containing a location.
///
/// Decoded from `location/administrative`.
public struct Administrative: Sendable, Hashable {
    /// `@code`.
    public var code: String?
    /// `@vocabulary`.
    public var vocabulary: String?
    /// `@level`.
    public var level: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        code: String? = nil,
        vocabulary: String? = nil,
        level: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.code = code
        self.vocabulary = vocabulary
        self.level = level
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        code = reader.attribute("code")
        vocabulary = reader.attribute("vocabulary")
        level = reader.attribute("level")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
