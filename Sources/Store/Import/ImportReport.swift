import Foundation
import NIOConcurrencyHelpers

/// What importing one file did.
public struct ImportReport: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case imported
        case failed
    }

    /// Why a file was not imported, for callers to map to their own terms (an HTTP status, an exit
    /// code); ``error`` says it in words.
    public enum Failure: String, Sendable, Codable, CaseIterable {
        /// The XML is not well formed, or ends early (``line`` says where).
        case malformed
        /// Well-formed XML, but not an IATI activities or organisations document.
        case notIATI = "not-iati"
        /// The document declares entities, which are refused before anything is expanded.
        case entityDeclared = "entity-declared"
        /// The file goes beyond a limit that keeps the machine safe (nesting, attributes on one
        /// element, inflated size of a compressed file) or is in an encoding whose markup a byte
        /// scan cannot see.
        case refused
        /// The file could not be opened or read.
        case io
        /// The database refused or failed to write the file's rows.
        case database
        /// The import was cancelled before it was done.
        case cancelled
        /// Anything else: a fault of DevCoop's own.
        case `internal`
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
    /// What kind of failure ``error`` is; `nil` when the file was imported.
    public var failure: Failure?
    /// The line of the file the failure is at, when it has one.
    public var line: Int?
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
final class ProgressTally: Sendable {
    private let parts: NIOLockedValueBox<[ImportProgress?]>
    private let report: @Sendable (ImportProgress) -> Void

    init(parts: Int, report: @escaping @Sendable (ImportProgress) -> Void) {
        self.parts = NIOLockedValueBox(Array(repeating: nil, count: parts))
        self.report = report
    }

    func update(part: Int, _ progress: ImportProgress) {
        // Reported under the lock, so that the totals reach the bar in the order they were made.
        parts.withLockedValue { parts in
            parts[part] = progress
            let known = parts.compactMap { $0 }
            report(ImportProgress(
                path: progress.path, bytesRead: known.reduce(0) { $0 + $1.bytesRead }, totalBytes: progress.totalBytes,
                activities: known.reduce(0) { $0 + $1.activities }))
        }
    }
}
