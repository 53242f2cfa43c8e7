/// A line of the recipient country's budget classification the activity maps to.
///
/// Decoded from `country-budget-items/budget-item`.
public struct BudgetItem: Sendable, Hashable {
    /// `@code`.
    public var code: String?
    /// `@percentage` as written; percentages are checked by the validator, not normalised here.
    public var percentage: String?
    /// `description`.
    public var description: NarrativeText?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        code: String? = nil,
        percentage: String? = nil,
        description: NarrativeText? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.code = code
        self.percentage = percentage
        self.description = description
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        code = reader.attribute("code")
        percentage = reader.attribute("percentage")
        description = reader.one("description", NarrativeText.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
