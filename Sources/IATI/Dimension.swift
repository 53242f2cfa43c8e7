/// A disaggregation of a result value (sex, age group...).
///
/// Decoded from `dimension`.
public struct Dimension: Sendable, Hashable {
    /// `@name`.
    public var name: String?
    /// `@value` as written.
    public var value: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        name: String? = nil,
        value: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.name = name
        self.value = value
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        name = reader.attribute("name")
        value = reader.rawAttribute("value")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
