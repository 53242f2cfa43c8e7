import Foundation
import IATI
import IATIXML
import SQLKit

/// Which stored elements an export writes.
public struct ExportSelection: Sendable {
    /// Only those of this reporting organisation (`@ref`).
    public var reportingOrg: String?
    /// Only the one with this `iati-identifier` (or `organisation-identifier`).
    public var identifier: String?
    /// Organisations (an `iati-organisations` file) instead of activities.
    public var organisations: Bool
    /// Every element through the model and the writer, even those published as valid 2.03.
    public var rewrite: Bool
    /// Only the activities that match this query (its page size and cursor are ignored).
    public var activities: ActivityQuery?

    public init(
        reportingOrg: String? = nil, identifier: String? = nil, organisations: Bool = false, rewrite: Bool = false,
        activities: ActivityQuery? = nil
    ) {
        self.reportingOrg = reportingOrg
        self.identifier = identifier
        self.organisations = organisations
        self.rewrite = rewrite
        self.activities = activities
    }
}

/// What an export wrote.
public struct ExportReport: Sendable, Codable {
    public var path: String
    public var kind: String
    public var count: Int
    public var bytes: Int
}

extension Store {
    /// Stored elements per ``ExportChunk``: enough that handing one to another thread costs
    /// little beside rendering it.
    static let exportChunkSize = 64
    /// Chunks rendered ahead of the one being written: enough to keep both cores busy.
    static let exportChunksInFlight = 4

    /// Writes the selected activities (or organisations) as one IATI 2.03 file, streaming them from
    /// the store a page at a time, so memory does not grow with their number. Elements are read back
    /// and rendered in chunks on other threads, a few chunks ahead of the one being written, in
    /// file order.
    ///
    /// Elements that validated against the 2.03 schema on import are written as they were
    /// published: those of valid files, and the activities of an invalid file that had no schema
    /// finding of their own. The others (legacy, invalid, or never validated) go through the model
    /// and the writer, which puts them in schema order.
    ///
    /// The file appears whole or not at all: it is written beside `path` and moved there at the end.
    /// When nothing matches, no file is written and the report's count is 0.
    public func export(_ selection: ExportSelection, to path: String) async throws -> ExportReport {
        try await read { database in
            let partial = path + ".partial-\(UUID().uuidString)"
            do {
                let writer = try IATIWriter(path: partial)
                let count = try await export(selection, from: database, into: writer) {}
                let bytes = (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0
                if count == 0 {
                    // Nothing matched: no file, rather than an empty one that looks like an export.
                    try? FileManager.default.removeItem(atPath: partial)
                } else if rename(partial, path) != 0 {
                    throw StoreError(.location, "cannot move the export to \(path): \(String(cString: strerror(errno)))")
                }
                return ExportReport(path: path, kind: selection.organisations ? "organisations" : "activities", count: count, bytes: bytes)
            } catch {
                try? FileManager.default.removeItem(atPath: partial)
                throw error
            }
        }
    }

    /// Streams the selected activities (or organisations) as one IATI 2.03 document to `sink`, a
    /// few dozen elements at a time, as they are read: the first bytes go out at once, and memory
    /// stays flat however many match. When nothing matches, the document is an empty root.
    /// - Returns: how many elements were written.
    @discardableResult
    public func export(_ selection: ExportSelection, into sink: @Sendable (ArraySlice<UInt8>) async throws -> Void) async throws -> Int {
        try await read { database in
            let writer = IATIWriter()
            func drain() async throws {
                let bytes = writer.takeBytes()
                if !bytes.isEmpty { try await sink(bytes[...]) }
            }
            let count = try await export(selection, from: database, into: writer, drain: drain)
            try await drain()
            return count
        }
    }

    /// Writes the selection through `writer`, calling `drain` after each run of elements.
    private func export(
        _ selection: ExportSelection, from database: Database, into writer: IATIWriter, drain: () async throws -> Void
    ) async throws -> Int {
        let table = selection.organisations ? Schema.organisation : Schema.activity
        let identifierColumn = selection.organisations ? "identifier" : "iati_identifier"
        @Sendable func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query
            if let reportingOrg = selection.reportingOrg {
                query = query.where(SQLColumn("reporting_org", table: table.name), .equal, SQLBind(reportingOrg))
            }
            if let identifier = selection.identifier {
                query = query.where(SQLColumn(identifierColumn, table: table.name), .equal, SQLBind(identifier))
            }
            if let activities = selection.activities, !selection.organisations {
                let matching = Self.filtered(
                    database.sql.select().column(SQLColumn("id", table: "activity")).from("activity"),
                    by: activities, postgres: database.isPostgres)
                query = query.where(SQLColumn("id", table: table.name), .in, SQLGroupExpression(matching.select))
            }
            return query
        }

        // The root must declare every namespace the selected elements were published with.
        var namespaces: [String: String] = [:]
        let datasets = try await filtered(database.sql.select().distinct()
            .column(SQLColumn("namespaces", table: "dataset"))
            .from(table.name)
            .join("dataset", on: SQLColumn("dataset_id", table: table.name), .equal, SQLColumn("id", table: "dataset")))
            .all()
        for row in datasets {
            guard let json = try row.decode(column: "namespaces", as: String?.self),
                  let declared = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else { continue }
            namespaces.merge(declared.filter { $0.key != "" && $0.key != "xml" }) { first, _ in first }
        }

        var count = 0
        // Chunks being rendered on other threads, oldest first; bounded, so memory stays flat.
        var rendering: [Task<[RenderedElement], any Error>] = []
        defer { for task in rendering { task.cancel() } }
        try writer.begin(kind: selection.organisations ? .organisations : .activities, generatedDatetime: Date(), namespaces: namespaces)
        func writeOldest() async throws {
            let task = rendering.removeFirst()
            for element in try await task.value { try writer.write(element) }
            try await drain()
        }
        func render(_ chunk: inout ExportChunk) async throws {
            let ready = chunk
            rendering.append(Task { try ready.render() })
            chunk.items.removeAll()
            if rendering.count > Self.exportChunksInFlight { try await writeOldest() }
        }
        /// The elements after `lastID`, a page of them, in order.
        @Sendable func page(after lastID: Int) async throws -> [any SQLRow] {
            let page = database.sql.select()
            if !selection.organisations {
                // An activity with no schema finding of its own validates alone, even in a file that fails.
                let lines = Schema.schemaFindingLine.name
                page.column(SQLColumn("upgraded", table: table.name))
                    .column(SQLColumn("activity_verdicts", table: Schema.datasetValidation.name))
                    .column(SQLAlias(SQLColumn("line", table: lines), as: SQLIdentifier("schema_finding_line")))
                    .join(SQLIdentifier(lines), method: SQLJoinMethod.left, on: SQLBinaryExpression(
                        SQLBinaryExpression(SQLColumn("dataset_id", table: lines), .equal, SQLColumn("dataset_id", table: table.name)),
                        .and,
                        SQLBinaryExpression(SQLColumn("line", table: lines), .equal, SQLColumn("line", table: table.name))))
            }
            return try await filtered(page
                .column(SQLColumn("id", table: table.name))
                .column(SQLColumn("xml", table: table.name))
                .column(SQLColumn("namespaces", table: "dataset"))
                .column(SQLColumn("version", table: "dataset"))
                .column(SQLColumn("valid_schema", table: Schema.datasetValidation.name))
                .from(table.name)
                .join("dataset", on: SQLColumn("dataset_id", table: table.name), .equal, SQLColumn("id", table: "dataset"))
                .join(Schema.datasetValidation.name, method: SQLJoinMethod.left,
                      on: SQLColumn("dataset_id", table: Schema.datasetValidation.name), .equal, SQLColumn("id", table: "dataset"))
                .where(SQLColumn("id", table: table.name), .greaterThan, SQLBind(lastID)))
                .orderBy(SQLColumn("id", table: table.name))
                .limit(500)
                .all()
        }
        var parsedNamespaces: [String: [String: String]] = [:]
        var nextPage: Task<[any SQLRow], any Error>? = Task { try await page(after: 0) }
        do {
            while let pending = nextPage {
                let rows = try await pending.value
                guard let last = rows.last else { break }
                let lastID = try last.decode(column: "id", as: Int.self)
                // The next page is read while this one is rendered and written.
                nextPage = Task { try await page(after: lastID) }
                var chunk = ExportChunk(organisations: selection.organisations, namespaces: namespaces)
                for row in rows {
                    let document = try StoredDocument(row: row, parsedNamespaces: &parsedNamespaces)
                    // What validated as 2.03 on the way in is written as it was published.
                    if !selection.rewrite, try Self.validatedAlone(row), !document.legacy,
                       document.namespaces.allSatisfy({ $0.key.isEmpty || $0.key == "xml" || namespaces[$0.key] == $0.value }) {
                        chunk.items.append(.verbatim(document.xml))
                    } else {
                        chunk.items.append(.stored(document))
                    }
                    count += 1
                    if chunk.items.count == Self.exportChunkSize { try await render(&chunk) }
                }
                if !chunk.items.isEmpty { try await render(&chunk) }
            }
        } catch {
            // The page being read must be done before the connection goes back to its pool.
            _ = try? await nextPage?.value
            throw error
        }
        while !rendering.isEmpty { try await writeOldest() }
        try writer.end()
        return count
    }

    /// Whether the stored element of `row` validated against the 2.03 schema on import: its file
    /// did, or the file's schema findings were placed by activity and none is in this one.
    private static func validatedAlone(_ row: any SQLRow) throws -> Bool {
        if try row.decode(column: "valid_schema", as: Int?.self) == 1 { return true }
        guard row.contains(column: "activity_verdicts"), try row.decode(column: "activity_verdicts", as: Int?.self) == 1 else { return false }
        return try row.decodeNil(column: "schema_finding_line")
    }
}
