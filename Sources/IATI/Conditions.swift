/// The conditions attached to the activity, if any.
///
/// Decoded from `conditions`.
public struct Conditions: Sendable, Hashable {
    /// `@attached` raw ("1", "true", "0"...).
    public var attached: String?
    /// Every `condition`.
    public var conditions: [Condition]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        attached: String? = nil,
        conditions: [Condition] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.attached = attached
        self.conditions = conditions
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        attached = reader.attribute("attached")
        conditions = reader.all("condition", Condition.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
