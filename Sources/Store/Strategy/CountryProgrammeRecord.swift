import Portfolio

/// A country programme of the register as it stands on a day, with the projects that serve it.
public struct CountryProgrammeRecord: Sendable, Codable {
    public var programme: CountryProgramme
    /// The day the status and the committee are read for, `YYYY-MM-DD`.
    public var day: String
    public var status: CountryProgrammeStatus
    public var hasCommittee: Bool
    /// The projects tagged with the programme, and their incoming commitments in US dollars (exact decimal text).
    public var projectCount: Int
    public var commitmentsUSD: String
    /// Who registered this version of the programme, and when.
    public var recordedBy: String
    public var recordedAt: String
}

/// One project linked to a programme, with its funding in US dollars (exact decimal text).
public struct LinkedProject: Sendable, Codable, Hashable {
    public var identifier: String
    public var title: String?
    /// The country programme outcome the project serves.
    public var outcome: String?
    public var commitmentsUSD: String
    public var expenditureUSD: String
}

/// A programme with its linked projects and every version registered, newest first.
public struct CountryProgrammeDetail: Sendable, Codable {
    public var record: CountryProgrammeRecord
    public var projects: [LinkedProject]
    public var versions: [CountryProgrammeVersion]
}

/// One registered version of a programme: who changed it, when, and to what.
public struct CountryProgrammeVersion: Sendable, Codable {
    public var programme: CountryProgramme
    public var recordedBy: String
    public var recordedAt: String
}

/// How many programmes the register holds on a day.
public struct CountryProgrammeCounts: Sendable, Codable, Equatable {
    public var total: Int
    public var inPreparation: Int
    public var active: Int
    public var ended: Int
    /// Active programmes with a tripartite steering committee on the day.
    public var activeWithCommittee: Int
}
