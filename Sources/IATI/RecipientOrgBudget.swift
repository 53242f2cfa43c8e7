/// What the organisation plans to give another organisation in one period.
///
/// Decoded from `recipient-org-budget`.
public struct RecipientOrgBudget: Sendable, Hashable {
    /// `@status`: indicative or committed.
    public var status: String?
    /// `recipient-org`.
    public var recipientOrg: RecipientOrg?
    /// `period-start/@iso-date`.
    public var periodStart: String?
    /// `period-end/@iso-date`.
    public var periodEnd: String?
    /// `value`.
    public var value: Value?
    /// Every `budget-line`.
    public var budgetLines: [BudgetLine]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        status: String? = nil,
        recipientOrg: RecipientOrg? = nil,
        periodStart: String? = nil,
        periodEnd: String? = nil,
        value: Value? = nil,
        budgetLines: [BudgetLine] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.status = status
        self.recipientOrg = recipientOrg
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.value = value
        self.budgetLines = budgetLines
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        status = reader.attribute("status")
        recipientOrg = reader.one("recipient-org", RecipientOrg.init(node:))
        periodStart = reader.leaf("period-start", attribute: "iso-date")
        periodEnd = reader.leaf("period-end", attribute: "iso-date")
        value = reader.one("value", Value.init(node:))
        budgetLines = reader.all("budget-line", BudgetLine.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
