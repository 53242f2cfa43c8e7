/// The organisation money goes to.
///
/// Decoded from `receiver-org` in a transaction or planned disbursement.
public struct ReceiverOrg: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// `@type`.
    public var type: String?
    /// `@receiver-activity-id`: the receiver's activity this money funds, to trace funding chains.
    public var receiverActivityID: String?
    /// The element's own `narrative` children.
    public var narrative: NarrativeText
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        ref: String? = nil,
        type: String? = nil,
        receiverActivityID: String? = nil,
        narrative: NarrativeText = NarrativeText(),
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.ref = ref
        self.type = type
        self.receiverActivityID = receiverActivityID
        self.narrative = narrative
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        type = reader.attribute("type")
        receiverActivityID = reader.attribute("receiver-activity-id")
        narrative = reader.narrativeText()
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
