/// A target or actual value of an indicator for a period.
///
/// Decoded from `period/target` and `period/actual`.
public struct PeriodValue: Sendable, Hashable {
    /// `@value` as written: result values may be numbers or text, and are not parsed.
    public var value: String?
    /// Every `location`.
    public var locations: [ResultLocation]
    /// Every `dimension`.
    public var dimensions: [Dimension]
    /// `comment`.
    public var comment: NarrativeText?
    /// Every `document-link`.
    public var documentLinks: [DocumentLink]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        value: String? = nil,
        locations: [ResultLocation] = [],
        dimensions: [Dimension] = [],
        comment: NarrativeText? = nil,
        documentLinks: [DocumentLink] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.value = value
        self.locations = locations
        self.dimensions = dimensions
        self.comment = comment
        self.documentLinks = documentLinks
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        value = reader.rawAttribute("value")
        locations = reader.all("location", ResultLocation.init(node:))
        dimensions = reader.all("dimension", Dimension.init(node:))
        comment = reader.one("comment", NarrativeText.init(node:))
        documentLinks = reader.all("document-link", DocumentLink.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }

    /// The `ref` of every location, skipping locations without one.
    public var locationRefs: [String] { locations.compactMap(\.ref) }
}
