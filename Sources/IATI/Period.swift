/// One reporting period of an indicator, with its targets and actuals.
///
/// Decoded from `indicator/period`.
public struct Period: Sendable, Hashable {
    /// `period-start/@iso-date`.
    public var periodStart: String?
    /// `period-end/@iso-date`.
    public var periodEnd: String?
    /// Every `target`.
    public var targets: [PeriodValue]
    /// Every `actual`.
    public var actuals: [PeriodValue]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        periodStart: String? = nil,
        periodEnd: String? = nil,
        targets: [PeriodValue] = [],
        actuals: [PeriodValue] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.targets = targets
        self.actuals = actuals
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        periodStart = reader.leaf("period-start", attribute: "iso-date")
        periodEnd = reader.leaf("period-end", attribute: "iso-date")
        targets = reader.all("target", PeriodValue.init(node:))
        actuals = reader.all("actual", PeriodValue.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
