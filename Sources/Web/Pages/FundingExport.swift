import Foundation
import Hummingbird
import Store
import Tabular

/// `/funding/export?measure=…&by=…[&by=…]&format=csv|xlsx` with the funding filters: one funding
/// table as a file, streamed into the response as the writer produces it. The sums are the exact
/// decimal text of the store (US dollars, not rounded thousands); names are in the request's language.
/// Amounts that could not be converted follow the converted rows, one row per group, currency and
/// reason, with their sum in their own currency: a download never leaves out what the page says.
struct FundingExport {
    let format: StreamedDownload.TableFormat
    let filters: FundingFilters
    let query: FundingQuery

    init(_ page: PageRequest) throws {
        guard let format = try page.choice("format", StreamedDownload.TableFormat.self) else {
            throw WebError.badRequest("format is required: csv or xlsx")
        }
        self.format = format
        filters = try FundingFilters(page)
        let measure = try page.choice("measure", FundingQuery.Measure.self) ?? .contributions
        let dimensions = try page.strings("by").map { name in
            guard let dimension = FundingQuery.Dimension(rawValue: name) else {
                throw WebError.badRequest(
                    "by must be one of \(FundingQuery.Dimension.allCases.map(\.rawValue).joined(separator: ", ")), not \(PageRequest.quoted(name))")
            }
            return dimension
        }
        guard dimensions.count <= 2, Set(dimensions).count == dimensions.count else {
            throw WebError.badRequest("by must name at most two different dimensions")
        }
        query = filters.query(measure, by: dimensions)
    }

    /// `funding-approvals-by-region-source-2020-2022` (the format adds `.csv` or `.xlsx`).
    var fileName: String {
        let by = query.dimensions.isEmpty ? "" : "-by-" + query.dimensions.map(\.rawValue).joined(separator: "-")
        return "funding-\(query.measure.rawValue)\(by)-\(filters.period.from)-\(filters.period.to)"
    }

    /// The response: headers now, the file's bytes as the writer hands them over.
    func response(site: Site, page: PageRequest) async throws -> Response {
        let report = try await site.store.funding(query)
        let labels = FundingLabels(site: site, page: page)
        let columns = self.columns(site: site, page: page)
        let rows = report.rows.map { cells($0, labels: labels) } + report.unconverted.flatMap { sum in
            sum.groups.map { group in
                dimensionCells(group.keys, category: group.category, labels: labels)
                    + [.integer(group.count), .empty, .empty, .empty, .text(sum.currency ?? ""), .number(group.sum), .text(labels.unconvertedReason(sum.reason))]
            }
        }
        let sheetName = site.text("measure_\(query.measure.rawValue)", page)
        return StreamedDownload.table(format, fileName: fileName, sheetName: sheetName, columns: columns) { write in
            try await write(rows)
        }
    }

    /// A code and a name column for each coded dimension, the partner's category with a partner,
    /// then the count, the exact US$ sum, the share and the cumulative share, and for amounts not
    /// converted their currency, their sum in it and why.
    private func columns(site: Site, page: PageRequest) -> [TabularColumn] {
        var columns: [TabularColumn] = []
        for dimension in query.dimensions {
            let header = site.text("dimension_\(dimension.rawValue)", page).capitalizedFirst
            switch dimension {
            case .year:
                columns.append(TabularColumn(header: header, kind: .integer))
            case .partner, .reportingOrg:
                columns.append(TabularColumn(header: header, kind: .text, width: 40))
                if dimension == .partner {
                    columns.append(TabularColumn(header: site.text("category", page) + " (" + site.text("code", page) + ")", kind: .text))
                    columns.append(TabularColumn(header: site.text("category", page), kind: .text, width: 40))
                }
            default:
                columns.append(TabularColumn(header: header + " (" + site.text("code", page) + ")", kind: .text))
                columns.append(TabularColumn(header: header, kind: .text, width: 40))
            }
        }
        return columns + [
            TabularColumn(header: site.text("amount_count", page), kind: .integer),
            TabularColumn(header: site.text("usd_exact", page), kind: .number, width: 20),
            TabularColumn(header: site.text("share", page), kind: .number),
            TabularColumn(header: site.text("cumulative_share", page), kind: .number),
            TabularColumn(header: site.text("export_unconverted_currency", page), kind: .text),
            TabularColumn(header: site.text("export_unconverted_sum", page), kind: .number, width: 20),
            TabularColumn(header: site.text("export_unconverted_reason", page), kind: .text, width: 30),
        ]
    }

    private func cells(_ row: FundingRow, labels: FundingLabels) -> [TabularCell] {
        dimensionCells(row.keys, category: row.category, labels: labels)
            + [.integer(row.count), .number(row.usd), .number(Self.fraction(row.share)), .number(Self.fraction(row.cumulativeShare)),
               .empty, .empty, .empty]
    }

    private func dimensionCells(_ keys: [String?], category: String?, labels: FundingLabels) -> [TabularCell] {
        var cells: [TabularCell] = []
        for (dimension, key) in zip(query.dimensions, keys) {
            switch dimension {
            case .year:
                cells.append(key.flatMap(Int.init).map(TabularCell.integer) ?? .empty)
            case .partner, .reportingOrg:
                cells.append(key.map(TabularCell.text) ?? .empty)
                if dimension == .partner {
                    cells.append(category.map(TabularCell.text) ?? .empty)
                    cells.append(.text(labels.sourceName(category)))
                }
            default:
                cells.append(key.map(TabularCell.text) ?? .empty)
                cells.append(.text(labels.name(dimension, key)))
            }
        }
        return cells
    }

    /// A share as plain decimal text with six places: `0.168254`.
    static func fraction(_ value: Double) -> String {
        let scaled = (value.isFinite ? value : 0) * 1_000_000
        let micro = Int(scaled.rounded())
        let sign = micro < 0 ? "-" : ""
        let digits = String(abs(micro))
        let padded = String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        return sign + padded.dropLast(6) + "." + padded.suffix(6)
    }
}
