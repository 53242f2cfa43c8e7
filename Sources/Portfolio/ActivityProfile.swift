/// What classification needs of one activity, as any publisher writes it: its places, sectors,
/// tags and participating organisations.
public struct ActivityProfile: Sendable, Hashable {
    /// A coded element: a sector, tag or region with its vocabulary.
    public struct Code: Sendable, Hashable {
        public var code: String
        public var vocabulary: String?
        public var vocabularyURI: String?
        public var percentage: Double?

        public init(code: String, vocabulary: String? = nil, vocabularyURI: String? = nil, percentage: Double? = nil) {
            self.code = code
            self.vocabulary = vocabulary
            self.vocabularyURI = vocabularyURI
            self.percentage = percentage
        }
    }

    /// A participating organisation.
    public struct Organisation: Sendable, Hashable {
        public var ref: String?
        public var type: String?
        /// The OrganisationRole code: `1` funding, `2` accountable, `3` extending, `4` implementing.
        public var role: String?
        public var name: String?

        public init(ref: String? = nil, type: String? = nil, role: String? = nil, name: String? = nil) {
            self.ref = ref
            self.type = type
            self.role = role
            self.name = name
        }
    }

    public var countries: [Code]
    public var regions: [Code]
    public var sectors: [Code]
    public var tags: [Code]
    public var participatingOrgs: [Organisation]

    public init(
        countries: [Code] = [], regions: [Code] = [], sectors: [Code] = [], tags: [Code] = [],
        participatingOrgs: [Organisation] = []
    ) {
        self.countries = countries
        self.regions = regions
        self.sectors = sectors
        self.tags = tags
        self.participatingOrgs = participatingOrgs
    }
}
