/// What the organisation spent in one period.
///
/// Decoded from `total-expenditure`.
public struct TotalExpenditure: Sendable, Hashable {
    /// `period-start/@iso-date`.
    public var periodStart: String?
    /// `period-end/@iso-date`.
    public var periodEnd: String?
    /// `value`.
    public var value: Value?
    /// Every `expense-line`.
    public var expenseLines: [BudgetLine]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        periodStart: String? = nil,
        periodEnd: String? = nil,
        value: Value? = nil,
        expenseLines: [BudgetLine] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.value = value
        self.expenseLines = expenseLines
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        periodStart = reader.leaf("period-start", attribute: "iso-date")
        periodEnd = reader.leaf("period-end", attribute: "iso-date")
        value = reader.one("value", Value.init(node:))
        expenseLines = reader.all("expense-line", BudgetLine.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
