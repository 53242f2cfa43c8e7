/// Where a Decent Work Country Programme stands on a day.
public enum CountryProgrammeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case inPreparation = "in-preparation"
    case active
    case ended
}

/// A Decent Work Country Programme (seed §13): the country's agreed programme with the agency, its
/// period, whether a tripartite steering committee monitors it (and since when), and its country
/// programme outcomes (CPOs). Projects link to it by the `dwcp` and `cpo` tags they carry.
public struct CountryProgramme: Sendable, Hashable, Codable {
    /// `BD-2022-2026`.
    public var code: String
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var title: LocalizedText
    /// First and last day in force, `YYYY-MM-DD`.
    public var start: String
    public var end: String
    /// The day the tripartite steering committee was set up, `nil` while there is none.
    public var committeeSince: String?
    public var outcomes: [CountryProgrammeOutcome]

    public init(
        code: String, country: String, title: LocalizedText, start: String, end: String, committeeSince: String? = nil,
        outcomes: [CountryProgrammeOutcome] = []
    ) {
        self.code = code
        self.country = country
        self.title = title
        self.start = start
        self.end = end
        self.committeeSince = committeeSince
        self.outcomes = outcomes
    }

    /// The status follows from the period: in preparation before it, active in it, ended after it.
    public func status(on day: String) -> CountryProgrammeStatus {
        day < start ? .inPreparation : day > end ? .ended : .active
    }

    /// Whether a committee monitored the programme on `day`.
    public func hasCommittee(on day: String) -> Bool {
        committeeSince.map { $0 <= day } ?? false
    }

    /// What is wrong with the programme as given, or `nil`: a register refuses it then.
    public var problem: String? {
        if code.isEmpty { return "the programme has no code" }
        if country.count != 2 || country.uppercased() != country { return "\(code): the country must be an ISO code of two capital letters, not \(country)" }
        for (name, date) in [("start", start), ("end", end)] where CalendarDate.parse(date) == nil {
            return "\(code): the \(name) \(date) is not a date (YYYY-MM-DD)"
        }
        if end < start { return "\(code): the period ends (\(end)) before it starts (\(start))" }
        if let since = committeeSince, CalendarDate.parse(since) == nil { return "\(code): the committee date \(since) is not a date (YYYY-MM-DD)" }
        if let duplicate = Dictionary(grouping: outcomes, by: \.code).first(where: { $0.value.count > 1 })?.key {
            return "\(code): the outcome \(duplicate) is given twice"
        }
        return nil
    }
}

/// A country programme outcome (CPO): `BGD101`, with its statement.
public struct CountryProgrammeOutcome: Sendable, Hashable, Codable {
    public var code: String
    public var text: LocalizedText

    public init(code: String, text: LocalizedText) {
        self.code = code
        self.text = text
    }
}
