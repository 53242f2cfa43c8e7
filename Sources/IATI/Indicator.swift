/// A measure of a result, with its baselines and per-period targets and actuals.
///
/// Decoded from `result/indicator`.
public struct Indicator: Sendable, Hashable {
    /// `@measure`: unit, percentage, nominal, ordinal or qualitative.
    public var measure: String?
    /// `@ascending` raw; absent means ascending.
    public var ascending: String?
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
    /// Every `baseline`.
    public var baselines: [Baseline]
    /// Every `period`.
    public var periods: [Period]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        measure: String? = nil,
        ascending: String? = nil,
        aggregationStatus: String? = nil,
        title: NarrativeText? = nil,
        description: NarrativeText? = nil,
        documentLinks: [DocumentLink] = [],
        references: [Reference] = [],
        baselines: [Baseline] = [],
        periods: [Period] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.measure = measure
        self.ascending = ascending
        self.aggregationStatus = aggregationStatus
        self.title = title
        self.description = description
        self.documentLinks = documentLinks
        self.references = references
        self.baselines = baselines
        self.periods = periods
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        measure = reader.attribute("measure")
        ascending = reader.attribute("ascending")
        aggregationStatus = reader.attribute("aggregation-status")
        title = reader.one("title", NarrativeText.init(node:))
        description = reader.one("description", NarrativeText.init(node:))
        documentLinks = reader.all("document-link", DocumentLink.init(node:))
        references = reader.all("reference", Reference.init(node:))
        baselines = reader.all("baseline", Baseline.init(node:))
        periods = reader.all("period", Period.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
