/// An organisation as published in an IATI organisation file (`iati-organisation`): who it is and
/// its budgets and spending, overall and by recipient.
///
/// Decoded from `iati-organisation`.
public struct Organisation: Sendable, Hashable {
    /// `@last-updated-datetime`.
    public var lastUpdatedDatetime: String?
    /// `@xml:lang`: the default language of narratives, as written.
    public var lang: String?
    /// `@default-currency`: the currency of values that name none.
    public var defaultCurrency: String?
    /// The text of `organisation-identifier`.
    public var organisationIdentifier: String?
    /// `name`.
    public var name: NarrativeText?
    /// `reporting-org`.
    public var reportingOrg: ReportingOrg?
    /// Every `total-budget`.
    public var totalBudgets: [TotalBudget]
    /// Every `recipient-org-budget`.
    public var recipientOrgBudgets: [RecipientOrgBudget]
    /// Every `recipient-region-budget`.
    public var recipientRegionBudgets: [RecipientRegionBudget]
    /// Every `recipient-country-budget`.
    public var recipientCountryBudgets: [RecipientCountryBudget]
    /// Every `total-expenditure`.
    public var totalExpenditures: [TotalExpenditure]
    /// Every `document-link`.
    public var documentLinks: [DocumentLink]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        lastUpdatedDatetime: String? = nil,
        lang: String? = nil,
        defaultCurrency: String? = nil,
        organisationIdentifier: String? = nil,
        name: NarrativeText? = nil,
        reportingOrg: ReportingOrg? = nil,
        totalBudgets: [TotalBudget] = [],
        recipientOrgBudgets: [RecipientOrgBudget] = [],
        recipientRegionBudgets: [RecipientRegionBudget] = [],
        recipientCountryBudgets: [RecipientCountryBudget] = [],
        totalExpenditures: [TotalExpenditure] = [],
        documentLinks: [DocumentLink] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.lastUpdatedDatetime = lastUpdatedDatetime
        self.lang = lang
        self.defaultCurrency = defaultCurrency
        self.organisationIdentifier = organisationIdentifier
        self.name = name
        self.reportingOrg = reportingOrg
        self.totalBudgets = totalBudgets
        self.recipientOrgBudgets = recipientOrgBudgets
        self.recipientRegionBudgets = recipientRegionBudgets
        self.recipientCountryBudgets = recipientCountryBudgets
        self.totalExpenditures = totalExpenditures
        self.documentLinks = documentLinks
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        lastUpdatedDatetime = reader.attribute("last-updated-datetime")
        lang = reader.attribute("xml:lang")
        defaultCurrency = reader.attribute("default-currency")
        organisationIdentifier = reader.textLeaf("organisation-identifier")
        name = reader.one("name", NarrativeText.init(node:))
        reportingOrg = reader.one("reporting-org", ReportingOrg.init(node:))
        totalBudgets = reader.all("total-budget", TotalBudget.init(node:))
        recipientOrgBudgets = reader.all("recipient-org-budget", RecipientOrgBudget.init(node:))
        recipientRegionBudgets = reader.all("recipient-region-budget", RecipientRegionBudget.init(node:))
        recipientCountryBudgets = reader.all("recipient-country-budget", RecipientCountryBudget.init(node:))
        totalExpenditures = reader.all("total-expenditure", TotalExpenditure.init(node:))
        documentLinks = reader.all("document-link", DocumentLink.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
