import Foundation

/// What importing one file did.
public struct ImportReport: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case imported
        case failed
    }

    public var path: String
    public var status: Status
    /// The container's `@version` as written; `nil` when the file gives none.
    public var version: String?
    /// `activities` or `organisations`; `nil` when the file is not IATI.
    public var kind: String?
    /// What the file holds, duplicates included.
    public var activities = 0
    public var organisations = 0
    public var transactions = 0
    public var budgets = 0
    /// Identifiers that occur more than once in the file (the first occurrence is kept): the first
    /// ``maxListedDuplicates`` of them, so that a file of one identifier repeated costs no more
    /// memory than a short one.
    public var duplicates: [String] = []
    /// How many elements were skipped as duplicates, listed or not.
    public var duplicateCount = 0
    public static let maxListedDuplicates = 100
    /// Whether a 1.0x file was upgraded to 2.03 on the way in.
    public var upgraded = false
    /// The reporting organisation most of the file's elements name.
    public var reportingOrg: String?
    public var bytes = 0
    public var sha256: String?
    public var error: String?
    /// Whether the file validates against the 2.03 schema; `nil` when it was not validated.
    public var validSchema: Bool?
    /// Findings by severity (`critical`, `error`, `warning`, `info`); `nil` when not validated.
    public var findings: [String: Int]?

    public init(path: String, status: Status) {
        self.path = path
        self.status = status
    }

    mutating func addDuplicate(_ identifier: String) {
        duplicateCount += 1
        if duplicates.count < Self.maxListedDuplicates { duplicates.append(identifier) }
    }

    /// Adds the duplicates of the part of a file read after this one.
    mutating func addDuplicates(of later: ImportReport) {
        duplicates += later.duplicates.prefix(Self.maxListedDuplicates - duplicates.count)
        duplicateCount += later.duplicateCount
    }
}

/// How far an import has got, for a progress bar.
public struct ImportProgress: Sendable {
    public var path: String
    public var bytesRead: Int
    public var totalBytes: Int
    public var activities: Int
}

/// Adds up the progress of the parts of a file read in parts, for one progress bar.
final class ProgressTally: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [ImportProgress?]
    private let report: @Sendable (ImportProgress) -> Void

    init(parts: Int, report: @escaping @Sendable (ImportProgress) -> Void) {
        self.parts = Array(repeating: nil, count: parts)
        self.report = report
    }

    func update(part: Int, _ progress: ImportProgress) {
        lock.lock()
        defer { lock.unlock() }
        parts[part] = progress
        let known = parts.compactMap { $0 }
        report(ImportProgress(
            path: progress.path, bytesRead: known.reduce(0) { $0 + $1.bytesRead }, totalBytes: progress.totalBytes,
            activities: known.reduce(0) { $0 + $1.activities }))
    }
}
