/// Another activity this one is linked to (parent, child, sibling, co-funded...).
///
/// Decoded from `related-activity`.
public struct RelatedActivity: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// `@type`.
    public var type: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        ref: String? = nil,
        type: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.ref = ref
        self.type = type
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        type = reader.attribute("type")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
