/// A point in a spatial reference system (GML).
///
/// Decoded from `location/point`.
public struct Point: Sendable, Hashable {
    /// `@srsName`.
    public var srsName: String?
    /// The text of `pos`: latitude and longitude separated by a space, as written.
    public var pos: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        srsName: String? = nil,
        pos: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.srsName = srsName
        self.pos = pos
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        srsName = reader.attribute("srsName")
        pos = reader.textLeaf("pos")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
