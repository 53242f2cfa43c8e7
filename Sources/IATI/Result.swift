/// An intended result of the activity (output, outcome, impact) and how it is measured.
///
/// Note: inside modules that import `IATI`, write `Swift.Result` for the standard library type.
///
/// Decoded from `iati-activity/result`.
public struct Result: Sendable, Hashable {
    /// `@type`.
    public var type: String?
    /// `@aggregation-status` raw ("1", "true", "0"...).
    public var aggregationStatus: String?
    /// `title`.
    public var title: NarrativeText?
    /// `description`.
    public var description: NarrativeText?
    /// Every `document-link`.
    public var documentLinks: [DocumentLink]
    /// Every `reference`.
    public var references: [Reference]
    /// Every `indicator`.
    public var indicators: [Indicator]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        type: String? = nil,
        aggregationStatus: String? = nil,
        title: NarrativeText? = nil,
        description: NarrativeText? = nil,
        documentLinks: [DocumentLink] = [],
        references: [Reference] = [],
        indicators: [Indicator] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.type = type
        self.aggregationStatus = aggregationStatus
        self.title = title
        self.description = description
        self.documentLinks = documentLinks
        self.references = references
        self.indicators = indicators
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        type = reader.attribute("type")
        aggregationStatus = reader.attribute("aggregation-status")
        title = reader.one("title", NarrativeText.init(node:))
        description = reader.one("description", NarrativeText.init(node:))
        documentLinks = reader.all("document-link", DocumentLink.init(node:))
        references = reader.all("reference", Reference.init(node:))
        indicators = reader.all("indicator", Indicator.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
