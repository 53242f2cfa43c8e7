import Foundation
import Hummingbird
import Store
import Tabular

extension Site {
    /// `/projects/export?table=activities|transactions|budgets|results&format=csv|xlsx|xml` plus the
    /// project list's filters: the filtered list's tables, streamed, without a row cap. IATI XML
    /// (`format=xml`) is the activities themselves, as an `iati-activities` document.
    func addProjectExports(to router: Router<WebRequestContext>) {
        router.get("/projects/export") { request, _ in
            let page = try PageRequest(request)
            let query = try ProjectFilter(page).query
            let table = try page.choice("table", ActivityTable.self) ?? .activities
            let store = self.store
            let stamp = Self.fileStamp()
            if page.string("format") == "xml" {
                guard table == .activities else {
                    throw WebError.badRequest("format=xml is the activities themselves: use it with table=activities")
                }
                return StreamedDownload.response(contentType: "application/xml; charset=utf-8", fileName: "activities-\(stamp).xml") { sink in
                    try await store.export(ExportSelection(activities: query), into: sink)
                }
            }
            let format = try page.choice("format", StreamedDownload.TableFormat.self) ?? .csv
            let columns = table.columns.map(Self.tabularColumn)
            return StreamedDownload.table(format, fileName: "\(table.rawValue)-\(stamp)", sheetName: table.rawValue, columns: columns) { write in
                try await store.rows(of: table, matching: query) { rows in
                    try await write(rows.map { row in zip(row, table.columns).map { Self.cell($0, $1.kind) } })
                }
            }
        }
    }

    static func tabularColumn(_ column: ActivityTable.Column) -> TabularColumn {
        switch column.kind {
        case .text: TabularColumn(header: column.name, kind: .text)
        case .decimal: TabularColumn(header: column.name, kind: .number)
        case .date: TabularColumn(header: column.name, kind: .date)
        case .integer: TabularColumn(header: column.name, kind: .integer)
        }
    }

    /// A stored value as a cell of its column's kind; a value that is not what the column says
    /// (a published amount that is not a number, an impossible date) stays visible as text.
    static func cell(_ value: String?, _ kind: ActivityTable.Kind) -> TabularCell {
        guard let value, !value.isEmpty else { return .empty }
        switch kind {
        case .text: return .text(value)
        case .decimal: return TabularCell.number(value).isValid ? .number(value) : .text(value)
        case .date: return TabularCell.date(value).isValid ? .date(value) : .text(value)
        case .integer: return Int(value).map(TabularCell.integer) ?? .text(value)
        }
    }

    /// `20261205-0830`: exports of different moments get different names.
    static func fileStamp(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmm"
        return formatter.string(from: date)
    }
}
