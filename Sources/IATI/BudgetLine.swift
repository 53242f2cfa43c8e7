/// A sub-total of an organisation budget or expenditure, such as one programme's share.
///
/// Decoded from `budget-line` and `expense-line`.
public struct BudgetLine: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// `value`.
    public var value: Value?
    /// The element's own `narrative` children.
    public var narrative: NarrativeText
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        ref: String? = nil,
        value: Value? = nil,
        narrative: NarrativeText = NarrativeText(),
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.ref = ref
        self.value = value
        self.narrative = narrative
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        value = reader.one("value", Value.init(node:))
        narrative = reader.narrativeText()
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
