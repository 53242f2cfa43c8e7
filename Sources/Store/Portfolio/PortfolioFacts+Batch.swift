import Portfolio

/// The import's way to the facts: from the rows of a batch while they are in memory, instead of
/// reading them back once written. The same rows as ``PortfolioFacts/build(in:activitiesFrom:rates:)``
/// makes from the tables (a test holds the two equal).
extension PortfolioFacts {
    /// Makes the facts of an import's batches, while the writer writes their rows: the classifier
    /// and the store's rates as the import began.
    struct Maker: Sendable {
        let classifier = Classifier()
        let rates: ExchangeRates

        /// The facts of the activities in `batch` (whole activities: a batch never cuts one).
        func rows(of batch: ImportBatch) -> TableRows {
            PortfolioFacts.rows(
                TransactionRow.rows(in: batch.rows[ImportBatch.Slot.transaction.rawValue]), of: ActivityRows.activities(in: batch),
                classifier: classifier, rates: rates)
        }
    }
}

extension TransactionRow {
    /// The transactions of the analytics' types among `rows`, in their order (the order of
    /// activity and `seq`, as the query reads them).
    static func rows(in rows: TableRows) -> [TransactionRow] {
        let cells = CellReader(rows)
        let activityID = cells.column("activity_id"), seq = cells.column("seq"), type = cells.column("type")
        let date = cells.column("transaction_date"), value = cells.column("value"), currency = cells.column("currency")
        let valueDate = cells.column("value_date"), providerRef = cells.column("provider_org_ref")
        let providerName = cells.column("provider_org_name")
        var transactions: [TransactionRow] = []
        for row in 0..<rows.rowCount {
            guard let typeCode = cells.text(row, type), PortfolioFacts.types.contains(typeCode),
                  let id = cells.integer(row, activityID), let number = cells.integer(row, seq) else { continue }
            transactions.append(TransactionRow(
                activityID: id, seq: number, type: typeCode, date: cells.text(row, date), value: cells.text(row, value),
                currency: cells.text(row, currency), valueDate: cells.text(row, valueDate),
                providerRef: cells.text(row, providerRef), providerName: cells.text(row, providerName)))
        }
        return transactions
    }
}

extension ActivityRows {
    /// The activities of `batch` with what classification reads of them, from its rows in memory.
    static func activities(in batch: ImportBatch) -> [Int: Activity] {
        func rows(_ slot: ImportBatch.Slot) -> CellReader { CellReader(batch.rows[slot.rawValue]) }
        var activities: [Int: Activity] = [:]
        let activity = rows(.activity)
        let id = activity.column("id"), reportingOrg = activity.column("reporting_org")
        let defaultCurrency = activity.column("default_currency")
        for row in activity.indices {
            guard let number = activity.integer(row, id) else { continue }
            activities[number] = Activity(
                reportingOrg: activity.text(row, reportingOrg) ?? "", defaultCurrency: activity.text(row, defaultCurrency))
        }
        let organisations = rows(.participatingOrg)
        let owner = organisations.column("activity_id"), ref = organisations.column("ref"), type = organisations.column("type")
        let role = organisations.column("role"), name = organisations.column("name")
        for row in organisations.indices {
            guard let number = organisations.integer(row, owner), activities[number] != nil else { continue }
            activities[number]?.profile.participatingOrgs.append(.init(
                ref: organisations.text(row, ref), type: organisations.text(row, type), role: organisations.text(row, role),
                name: organisations.text(row, name)))
        }
        // Coded rows with a code; sectors and tags only in the agency's own vocabulary (99).
        func codes(
            _ slot: ImportBatch.Slot, agencyOnly: Bool, percentage hasPercentage: Bool,
            add: (inout ActivityProfile, ActivityProfile.Code) -> Void
        ) {
            let cells = rows(slot)
            let owner = cells.column("activity_id"), code = cells.column("code")
            let vocabulary = agencyOnly || slot == .recipientRegion ? cells.column("vocabulary") : nil
            let uri = agencyOnly ? cells.column("vocabulary_uri") : nil
            let percentage = hasPercentage ? cells.column("percentage") : nil
            for row in cells.indices {
                guard let number = cells.integer(row, owner), activities[number] != nil, let text = cells.text(row, code) else { continue }
                let vocabularyText = vocabulary.flatMap { cells.text(row, $0) }
                if agencyOnly, vocabularyText != "99" { continue }
                let entry = ActivityProfile.Code(
                    code: text, vocabulary: vocabularyText, vocabularyURI: uri.flatMap { cells.text(row, $0) },
                    percentage: percentage.flatMap { cells.text(row, $0) }.flatMap { Double($0) })
                add(&activities[number]!.profile, entry)
            }
        }
        codes(.recipientCountry, agencyOnly: false, percentage: true) { $0.countries.append($1) }
        codes(.recipientRegion, agencyOnly: false, percentage: false) { $0.regions.append($1) }
        codes(.sector, agencyOnly: true, percentage: true) { $0.sectors.append($1) }
        codes(.tag, agencyOnly: true, percentage: false) { $0.tags.append($1) }
        return activities
    }
}

/// Reads the cells of rows in memory as the facts' queries read them back: text, or an integer.
private struct CellReader {
    let rows: TableRows

    init(_ rows: TableRows) {
        self.rows = rows
    }

    var indices: Range<Int> { 0..<rows.rowCount }

    func column(_ name: String) -> Int { rows.table.index(of: name) }

    func text(_ row: Int, _ column: Int) -> String? {
        let cell = rows[row, column]
        return cell.isInteger ? String(cell.value) : rows.text(cell)
    }

    func integer(_ row: Int, _ column: Int) -> Int? {
        let cell = rows[row, column]
        return cell.isInteger ? cell.value : rows.text(cell).flatMap { Int($0) }
    }
}
