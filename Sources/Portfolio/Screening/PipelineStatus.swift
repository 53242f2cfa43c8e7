/// Where a project stands in the agency's pipeline, from proposal to closure; every change is
/// kept with its date and author.
public enum PipelineStatus: String, Sendable, CaseIterable, Codable {
    case proposal, appraisal, approved, implementation, closed, withdrawn

    /// Whether a project may only take this status once it has a completed E&S screening: approval
    /// and everything that follows it (seed §34, the screening gates approval).
    public var requiresScreening: Bool {
        switch self {
        case .approved, .implementation, .closed: true
        case .proposal, .appraisal, .withdrawn: false
        }
    }
}
