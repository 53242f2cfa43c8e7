/// How the activity maps to the recipient country's budget classification.
///
/// Decoded from `country-budget-items`.
public struct CountryBudgetItems: Sendable, Hashable {
    /// `@vocabulary`.
    public var vocabulary: String?
    /// Every `budget-item`.
    public var budgetItems: [BudgetItem]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        vocabulary: String? = nil,
        budgetItems: [BudgetItem] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.vocabulary = vocabulary
        self.budgetItems = budgetItems
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        vocabulary = reader.attribute("vocabulary")
        budgetItems = reader.all("budget-item", BudgetItem.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
