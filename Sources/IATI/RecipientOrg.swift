/// The organisation an organisation budget is for.
///
/// Decoded from `recipient-org-budget/recipient-org`.
public struct RecipientOrg: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// The element's own `narrative` children.
    public var narrative: NarrativeText
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        ref: String? = nil,
        narrative: NarrativeText = NarrativeText(),
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.ref = ref
        self.narrative = narrative
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        narrative = reader.narrativeText()
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
