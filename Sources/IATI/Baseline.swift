/// The value of an indicator before the activity.
///
/// Decoded from `indicator/baseline`.
public struct Baseline: Sendable, Hashable {
    /// `@year`.
    public var year: String?
    /// `@iso-date`.
    public var isoDate: String?
    /// `@value` as written: result values may be numbers or text, and are not parsed.
    public var value: String?
    /// Every `location`.
    public var locations: [ResultLocation]
    /// Every `dimension`.
    public var dimensions: [Dimension]
    /// Every `document-link`.
    public var documentLinks: [DocumentLink]
    /// `comment`.
    public var comment: NarrativeText?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        year: String? = nil,
        isoDate: String? = nil,
        value: String? = nil,
        locations: [ResultLocation] = [],
        dimensions: [Dimension] = [],
        documentLinks: [DocumentLink] = [],
        comment: NarrativeText? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.year = year
        self.isoDate = isoDate
        self.value = value
        self.locations = locations
        self.dimensions = dimensions
        self.documentLinks = documentLinks
        self.comment = comment
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        year = reader.attribute("year")
        isoDate = reader.attribute("iso-date")
        value = reader.rawAttribute("value")
        locations = reader.all("location", ResultLocation.init(node:))
        dimensions = reader.all("dimension", Dimension.init(node:))
        documentLinks = reader.all("document-link", DocumentLink.init(node:))
        comment = reader.one("comment", NarrativeText.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }

    /// The `ref` of every location, skipping locations without one.
    public var locationRefs: [String] { locations.compactMap(\.ref) }
}
