/// A CRS flag (such as an associated financing) set on the activity.
///
/// Decoded from `crs-add/other-flags`.
public struct OtherFlag: Sendable, Hashable {
    /// `@code`.
    public var code: String?
    /// `@significance` raw ("1", "true", "0"...).
    public var significance: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        code: String? = nil,
        significance: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.code = code
        self.significance = significance
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        code = reader.attribute("code")
        significance = reader.attribute("significance")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
