/// A disbursement forecast for one period.
///
/// Decoded from `planned-disbursement`.
public struct PlannedDisbursement: Sendable, Hashable {
    /// `@type`.
    public var type: String?
    /// `period-start/@iso-date`.
    public var periodStart: String?
    /// `period-end/@iso-date`.
    public var periodEnd: String?
    /// `value`.
    public var value: Value?
    /// `provider-org`.
    public var providerOrg: ProviderOrg?
    /// `receiver-org`.
    public var receiverOrg: ReceiverOrg?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        type: String? = nil,
        periodStart: String? = nil,
        periodEnd: String? = nil,
        value: Value? = nil,
        providerOrg: ProviderOrg? = nil,
        receiverOrg: ReceiverOrg? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.type = type
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.value = value
        self.providerOrg = providerOrg
        self.receiverOrg = receiverOrg
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        type = reader.attribute("type")
        periodStart = reader.leaf("period-start", attribute: "iso-date")
        periodEnd = reader.leaf("period-end", attribute: "iso-date")
        value = reader.one("value", Value.init(node:))
        providerOrg = reader.one("provider-org", ProviderOrg.init(node:))
        receiverOrg = reader.one("receiver-org", ReceiverOrg.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
