/// A field from the publisher's own system that has no exact IATI equivalent.
///
/// Decoded from `legacy-data`.
public struct LegacyData: Sendable, Hashable {
    /// `@name`.
    public var name: String?
    /// `@value` as written.
    public var value: String?
    /// `@iati-equivalent`.
    public var iatiEquivalent: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        name: String? = nil,
        value: String? = nil,
        iatiEquivalent: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.name = name
        self.value = value
        self.iatiEquivalent = iatiEquivalent
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        name = reader.attribute("name")
        value = reader.rawAttribute("value")
        iatiEquivalent = reader.attribute("iati-equivalent")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
