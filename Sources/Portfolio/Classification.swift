/// How the agency sees one activity: where, what for, how funded.
public struct Classification: Sendable, Hashable {
    public var region: Region
    /// The recipient country when the activity has exactly one; `nil` for none or several.
    public var country: String?
    public var outcome: Outcome?
    public var modality: FundingModality?
    /// The funding source the agency gives the activity's funds (its own tag), if any.
    public var source: FundingSource?
    public var isSSTC: Bool
    public var dwcp: String?
    public var cpo: String?
}

/// Who gave a sum: the partner as the agency reports it, and its funding source.
public struct FundingPartner: Sendable, Hashable {
    /// The reported partner ("Germany", "United Nations", an organisation's name); `nil` when nothing names it.
    public var name: String?
    /// The organisation identifier the partner was found by.
    public var ref: String?
    /// `nil`: unclassified, counted as such, never dropped.
    public var source: FundingSource?
}
