/// The value of the activity's budget for one period.
///
/// Decoded from `iati-activity/budget`.
public struct Budget: Sendable, Hashable {
    /// `@type`: original or revised.
    public var type: String?
    /// `@status`: indicative or committed.
    public var status: String?
    /// `period-start/@iso-date`.
    public var periodStart: String?
    /// `period-end/@iso-date`.
    public var periodEnd: String?
    /// `value`.
    public var value: Value?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        type: String? = nil,
        status: String? = nil,
        periodStart: String? = nil,
        periodEnd: String? = nil,
        value: Value? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.type = type
        self.status = status
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.value = value
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        type = reader.attribute("type")
        status = reader.attribute("status")
        periodStart = reader.leaf("period-start", attribute: "iso-date")
        periodEnd = reader.leaf("period-end", attribute: "iso-date")
        value = reader.one("value", Value.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
