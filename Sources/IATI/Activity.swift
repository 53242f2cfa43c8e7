/// A development or humanitarian activity as published in IATI (`iati-activity`), the unit of the
/// whole system: every project is one.
///
/// Decoding never fails; what the standard requires but a file lacks is `nil` or empty here and
/// reported by the validator. Elements from other namespaces and attributes the standard does not
/// define are kept in `extensions` and `extensionAttributes` so nothing published is lost.
///
/// Decoded from `iati-activity`.
public struct Activity: Sendable, Hashable {
    /// `@last-updated-datetime`.
    public var lastUpdatedDatetime: String?
    /// `@xml:lang`: the default language of narratives, as written (`EN` stays `EN`).
    public var lang: String?
    /// `@default-currency`: the currency of values that name none.
    public var defaultCurrency: String?
    /// `@humanitarian` raw ("1", "true", "0"...).
    public var humanitarian: String?
    /// `@hierarchy` raw; absent means 1.
    public var hierarchy: String?
    /// `@linked-data-uri`.
    public var linkedDataURI: String?
    /// `@budget-not-provided`: why there is no budget.
    public var budgetNotProvided: String?
    /// The text of `iati-identifier`.
    public var iatiIdentifier: String?
    /// `reporting-org`.
    public var reportingOrg: ReportingOrg?
    /// `title`.
    public var title: NarrativeText?
    /// Every `description`.
    public var descriptions: [Description]
    /// Every `participating-org`.
    public var participatingOrgs: [ParticipatingOrg]
    /// Every `other-identifier`.
    public var otherIdentifiers: [OtherIdentifier]
    /// `activity-status/@code`.
    public var activityStatus: String?
    /// Every `activity-date`.
    public var activityDates: [ActivityDate]
    /// Every `contact-info`.
    public var contactInfos: [ContactInfo]
    /// `activity-scope/@code`.
    public var activityScope: String?
    /// Every `recipient-country`.
    public var recipientCountries: [RecipientCountry]
    /// Every `recipient-region`.
    public var recipientRegions: [RecipientRegion]
    /// Every `location`.
    public var locations: [Location]
    /// Every `sector`.
    public var sectors: [Sector]
    /// Every `tag`.
    public var tags: [Tag]
    /// `country-budget-items`.
    public var countryBudgetItems: CountryBudgetItems?
    /// Every `humanitarian-scope`.
    public var humanitarianScopes: [HumanitarianScope]
    /// Every `policy-marker`.
    public var policyMarkers: [PolicyMarker]
    /// `collaboration-type/@code`.
    public var collaborationType: String?
    /// `default-flow-type/@code`.
    public var defaultFlowType: String?
    /// `default-finance-type/@code`.
    public var defaultFinanceType: String?
    /// Every `default-aid-type`.
    public var defaultAidTypes: [AidType]
    /// `default-tied-status/@code`.
    public var defaultTiedStatus: String?
    /// Every `budget`.
    public var budgets: [Budget]
    /// Every `planned-disbursement`.
    public var plannedDisbursements: [PlannedDisbursement]
    /// `capital-spend/@percentage` as written.
    public var capitalSpend: String?
    /// Every `transaction`.
    public var transactions: [Transaction]
    /// Every `document-link`.
    public var documentLinks: [DocumentLink]
    /// Every `related-activity`.
    public var relatedActivities: [RelatedActivity]
    /// Every `legacy-data`.
    public var legacyData: [LegacyData]
    /// `conditions`.
    public var conditions: Conditions?
    /// Every `result`.
    public var results: [Result]
    /// `crs-add`.
    public var crsAdd: CRSAdd?
    /// `fss`.
    public var fss: FSS?
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
        humanitarian: String? = nil,
        hierarchy: String? = nil,
        linkedDataURI: String? = nil,
        budgetNotProvided: String? = nil,
        iatiIdentifier: String? = nil,
        reportingOrg: ReportingOrg? = nil,
        title: NarrativeText? = nil,
        descriptions: [Description] = [],
        participatingOrgs: [ParticipatingOrg] = [],
        otherIdentifiers: [OtherIdentifier] = [],
        activityStatus: String? = nil,
        activityDates: [ActivityDate] = [],
        contactInfos: [ContactInfo] = [],
        activityScope: String? = nil,
        recipientCountries: [RecipientCountry] = [],
        recipientRegions: [RecipientRegion] = [],
        locations: [Location] = [],
        sectors: [Sector] = [],
        tags: [Tag] = [],
        countryBudgetItems: CountryBudgetItems? = nil,
        humanitarianScopes: [HumanitarianScope] = [],
        policyMarkers: [PolicyMarker] = [],
        collaborationType: String? = nil,
        defaultFlowType: String? = nil,
        defaultFinanceType: String? = nil,
        defaultAidTypes: [AidType] = [],
        defaultTiedStatus: String? = nil,
        budgets: [Budget] = [],
        plannedDisbursements: [PlannedDisbursement] = [],
        capitalSpend: String? = nil,
        transactions: [Transaction] = [],
        documentLinks: [DocumentLink] = [],
        relatedActivities: [RelatedActivity] = [],
        legacyData: [LegacyData] = [],
        conditions: Conditions? = nil,
        results: [Result] = [],
        crsAdd: CRSAdd? = nil,
        fss: FSS? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.lastUpdatedDatetime = lastUpdatedDatetime
        self.lang = lang
        self.defaultCurrency = defaultCurrency
        self.humanitarian = humanitarian
        self.hierarchy = hierarchy
        self.linkedDataURI = linkedDataURI
        self.budgetNotProvided = budgetNotProvided
        self.iatiIdentifier = iatiIdentifier
        self.reportingOrg = reportingOrg
        self.title = title
        self.descriptions = descriptions
        self.participatingOrgs = participatingOrgs
        self.otherIdentifiers = otherIdentifiers
        self.activityStatus = activityStatus
        self.activityDates = activityDates
        self.contactInfos = contactInfos
        self.activityScope = activityScope
        self.recipientCountries = recipientCountries
        self.recipientRegions = recipientRegions
        self.locations = locations
        self.sectors = sectors
        self.tags = tags
        self.countryBudgetItems = countryBudgetItems
        self.humanitarianScopes = humanitarianScopes
        self.policyMarkers = policyMarkers
        self.collaborationType = collaborationType
        self.defaultFlowType = defaultFlowType
        self.defaultFinanceType = defaultFinanceType
        self.defaultAidTypes = defaultAidTypes
        self.defaultTiedStatus = defaultTiedStatus
        self.budgets = budgets
        self.plannedDisbursements = plannedDisbursements
        self.capitalSpend = capitalSpend
        self.transactions = transactions
        self.documentLinks = documentLinks
        self.relatedActivities = relatedActivities
        self.legacyData = legacyData
        self.conditions = conditions
        self.results = results
        self.crsAdd = crsAdd
        self.fss = fss
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
        humanitarian = reader.attribute("humanitarian")
        hierarchy = reader.attribute("hierarchy")
        linkedDataURI = reader.attribute("linked-data-uri")
        budgetNotProvided = reader.attribute("budget-not-provided")
        iatiIdentifier = reader.textLeaf("iati-identifier")
        reportingOrg = reader.one("reporting-org", ReportingOrg.init(node:))
        title = reader.one("title", NarrativeText.init(node:))
        descriptions = reader.all("description", Description.init(node:))
        participatingOrgs = reader.all("participating-org", ParticipatingOrg.init(node:))
        otherIdentifiers = reader.all("other-identifier", OtherIdentifier.init(node:))
        activityStatus = reader.leaf("activity-status")
        activityDates = reader.all("activity-date", ActivityDate.init(node:))
        contactInfos = reader.all("contact-info", ContactInfo.init(node:))
        activityScope = reader.leaf("activity-scope")
        recipientCountries = reader.all("recipient-country", RecipientCountry.init(node:))
        recipientRegions = reader.all("recipient-region", RecipientRegion.init(node:))
        locations = reader.all("location", Location.init(node:))
        sectors = reader.all("sector", Sector.init(node:))
        tags = reader.all("tag", Tag.init(node:))
        countryBudgetItems = reader.one("country-budget-items", CountryBudgetItems.init(node:))
        humanitarianScopes = reader.all("humanitarian-scope", HumanitarianScope.init(node:))
        policyMarkers = reader.all("policy-marker", PolicyMarker.init(node:))
        collaborationType = reader.leaf("collaboration-type")
        defaultFlowType = reader.leaf("default-flow-type")
        defaultFinanceType = reader.leaf("default-finance-type")
        defaultAidTypes = reader.all("default-aid-type", AidType.init(node:))
        defaultTiedStatus = reader.leaf("default-tied-status")
        budgets = reader.all("budget", Budget.init(node:))
        plannedDisbursements = reader.all("planned-disbursement", PlannedDisbursement.init(node:))
        capitalSpend = reader.leaf("capital-spend", attribute: "percentage")
        transactions = reader.all("transaction", Transaction.init(node:))
        documentLinks = reader.all("document-link", DocumentLink.init(node:))
        relatedActivities = reader.all("related-activity", RelatedActivity.init(node:))
        legacyData = reader.all("legacy-data", LegacyData.init(node:))
        conditions = reader.one("conditions", Conditions.init(node:))
        results = reader.all("result", Result.init(node:))
        crsAdd = reader.one("crs-add", CRSAdd.init(node:))
        fss = reader.one("fss", FSS.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
