/// A reference to one of the activity's `location`s from a baseline, target or actual.
///
/// Decoded from `location` in a baseline, target or actual.
public struct ResultLocation: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        ref: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.ref = ref
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
