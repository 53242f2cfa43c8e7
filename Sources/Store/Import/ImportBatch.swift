import IATI
import IATIXML

/// Rows for a run of activities or organisations, built on the parsing thread and written by the
/// database side, so the two cores parse and write at the same time.
struct ImportBatch: Sendable {
    /// `(reporting org, identifier)` of the activities in this batch: older versions are replaced.
    var activityKeys: [ActivityKey] = []
    var organisationKeys: [ActivityKey] = []
    var activityCount = 0

    /// The rows by table, in the order of `Slot`: an array slot per table instead of hashing a
    /// table name for every row.
    var rows: [TableRows] = Slot.allCases.map { TableRows($0.table) }

    init() {}

    /// An empty batch with room for as much as `previous` held: the next batch of a file is
    /// about as large, and growing its buffers by doubling would copy them again and again.
    init(sizedLike previous: ImportBatch) {
        for (index, rows) in previous.rows.enumerated() {
            self.rows[index].reserveCapacity(cells: rows.cells.count + rows.cells.count / 8, bytes: rows.bytes.count + rows.bytes.count / 8)
        }
    }

    /// How many rows the batch holds, over all tables.
    var rowCount: Int { rows.reduce(0) { $0 + $1.rowCount } }

    mutating func append(_ row: [Cell], to slot: Slot) {
        rows[slot.rawValue].append(row)
    }

    /// The tables a batch writes rows into.
    enum Slot: Int, CaseIterable {
        case activity, transaction, budget, plannedDisbursement, participatingOrg, sector, recipientCountry,
             recipientRegion, policyMarker, tag, location, documentLink, result, indicator, indicatorPeriod,
             narrative, organisation, organisationBudget

        var table: Table {
            switch self {
            case .activity: Schema.activity
            case .transaction: Schema.transaction
            case .budget: Schema.budget
            case .plannedDisbursement: Schema.plannedDisbursement
            case .participatingOrg: Schema.participatingOrg
            case .sector: Schema.sector
            case .recipientCountry: Schema.recipientCountry
            case .recipientRegion: Schema.recipientRegion
            case .policyMarker: Schema.policyMarker
            case .tag: Schema.tag
            case .location: Schema.location
            case .documentLink: Schema.documentLink
            case .result: Schema.result
            case .indicator: Schema.indicator
            case .indicatorPeriod: Schema.indicatorPeriod
            case .narrative: Schema.narrative
            case .organisation: Schema.organisation
            case .organisationBudget: Schema.organisationBudget
            }
        }
    }
}

/// What identifies an activity (or organisation) across files: its reporting organisation and identifier.
struct ActivityKey: Hashable, Sendable {
    var reportingOrg: String
    var identifier: String
}

extension ImportBatch {
    /// Adds the activity's row and every projection row.
    mutating func add(
        _ activity: Activity, element: SourceElement, key: ActivityKey, identifierMissing: Bool,
        id: Int, datasetID: Int, version: String?
    ) {
        activityKeys.append(key)
        activityCount += 1
        let dates = activity.activityDates
        func date(_ types: [String]) -> Cell {
            for type in types {
                if let found = dates.first(where: { $0.type == type }), case .text(let text) = Projection.date(found.isoDate) {
                    return .text(text)
                }
            }
            return .null
        }
        append([
            .integer(id), .integer(datasetID), .text(key.reportingOrg), .text(key.identifier),
            .integer(identifierMissing ? 1 : 0), Cell(version), .integer(element.upgraded ? 1 : 0),
            Cell(activity.hierarchy), Cell(activity.defaultCurrency), Cell(activity.lang),
            Cell(activity.activityStatus), Cell(activity.activityScope), Cell(activity.humanitarian),
            Cell(activity.lastUpdatedDatetime), date(["2", "1"]), date(["4", "3"]),
            Projection.text(activity.title), .integer(element.line),
            .text(String(decoding: element.xml, as: UTF8.self)),
        ], to: .activity)

        let currency = activity.defaultCurrency
        for (seq, transaction) in activity.transactions.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(transaction.ref), Cell(transaction.transactionType),
                Projection.date(transaction.transactionDate), Projection.money(transaction.value),
                Cell(transaction.value?.currency ?? currency), Projection.date(transaction.value?.valueDate),
                Cell(transaction.providerOrg?.ref), Projection.text(transaction.providerOrg?.narrative),
                Cell(transaction.providerOrg?.providerActivityID),
                Cell(transaction.receiverOrg?.ref), Projection.text(transaction.receiverOrg?.narrative),
                Cell(transaction.receiverOrg?.receiverActivityID),
                Cell(transaction.flowType ?? activity.defaultFlowType),
                Cell(transaction.financeType ?? activity.defaultFinanceType),
                Cell(transaction.aidTypes.first?.code ?? activity.defaultAidTypes.first?.code),
                Cell(transaction.tiedStatus ?? activity.defaultTiedStatus),
                Cell(transaction.disbursementChannel), Cell(transaction.humanitarian ?? activity.humanitarian),
                Cell(transaction.sectors.first?.code), Cell(transaction.recipientCountries.first?.code),
                Cell(transaction.recipientRegions.first?.code), Projection.text(transaction.description),
            ], to: .transaction)
        }
        for (seq, budget) in activity.budgets.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(budget.type), Cell(budget.status),
                Projection.date(budget.periodStart), Projection.date(budget.periodEnd), Projection.money(budget.value),
                Cell(budget.value?.currency ?? currency), Projection.date(budget.value?.valueDate),
            ], to: .budget)
        }
        for (seq, planned) in activity.plannedDisbursements.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(planned.type), Projection.date(planned.periodStart),
                Projection.date(planned.periodEnd), Projection.money(planned.value),
                Cell(planned.value?.currency ?? currency), Projection.date(planned.value?.valueDate),
                Cell(planned.providerOrg?.ref), Cell(planned.receiverOrg?.ref),
            ], to: .plannedDisbursement)
        }
        for (seq, org) in activity.participatingOrgs.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(org.ref), Cell(org.type), Cell(org.role), Cell(org.activityID),
                Cell(org.crsChannelCode), Projection.text(org.name),
            ], to: .participatingOrg)
        }
        for (seq, sector) in activity.sectors.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(sector.code), Cell(sector.vocabulary), Cell(sector.vocabularyURI),
                Projection.money(sector.percentage), Projection.text(sector.narrative),
            ], to: .sector)
        }
        for (seq, country) in activity.recipientCountries.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(country.code), Projection.money(country.percentage),
                Projection.text(country.narrative),
            ], to: .recipientCountry)
        }
        for (seq, region) in activity.recipientRegions.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(region.code), Cell(region.vocabulary), Cell(region.vocabularyURI),
                Projection.money(region.percentage), Projection.text(region.narrative),
            ], to: .recipientRegion)
        }
        for (seq, marker) in activity.policyMarkers.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(marker.code), Cell(marker.vocabulary), Cell(marker.vocabularyURI),
                Cell(marker.significance), Projection.text(marker.narrative),
            ], to: .policyMarker)
        }
        for (seq, tag) in activity.tags.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(tag.code), Cell(tag.vocabulary), Cell(tag.vocabularyURI),
                Projection.text(tag.narrative),
            ], to: .tag)
        }
        for (seq, location) in activity.locations.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(location.ref), Projection.text(location.name),
                Projection.text(location.description), Cell(location.point?.pos?.trimmingXMLWhitespace()),
                Cell(location.exactness), Cell(location.locationClass), Cell(location.featureDesignation),
                Cell(location.administratives.first?.code),
            ], to: .location)
        }
        for (seq, link) in activity.documentLinks.enumerated() {
            append([
                .integer(id), .integer(seq), Cell(link.url), Cell(link.format), Projection.text(link.title),
                Cell(link.categories.first), Cell(link.languages.first), Projection.date(link.documentDate),
            ], to: .documentLink)
        }
        for (resultSeq, result) in activity.results.enumerated() {
            append([
                .integer(id), .integer(resultSeq), Cell(result.type), Cell(result.aggregationStatus),
                Projection.text(result.title), .integer(result.indicators.count),
            ], to: .result)
            for (indicatorSeq, indicator) in result.indicators.enumerated() {
                let baseline = indicator.baselines.first
                append([
                    .integer(id), .integer(indicatorSeq), .integer(resultSeq), Cell(indicator.measure),
                    Cell(indicator.ascending), Projection.text(indicator.title),
                    Cell(baseline?.year ?? baseline?.isoDate), Cell(baseline?.value),
                ], to: .indicator)
                for (periodSeq, period) in indicator.periods.enumerated() {
                    append([
                        .integer(id), .integer(periodSeq), .integer(resultSeq), .integer(indicatorSeq),
                        Projection.date(period.periodStart), Projection.date(period.periodEnd),
                        Cell(period.targets.first?.value), Cell(period.actuals.first?.value),
                    ], to: .indicatorPeriod)
                }
            }
        }
        var narrativeSeq = 0
        func narratives(_ element: String, _ text: NarrativeText?) {
            for narrative in text?.narratives ?? [] where !narrative.text.isEmpty {
                append([.integer(id), .integer(narrativeSeq), .text(element), Cell(narrative.lang), .text(narrative.text)],
                       to: .narrative)
                narrativeSeq += 1
            }
        }
        narratives("title", activity.title)
        for description in activity.descriptions {
            narratives("description" + (description.type.map { "/\($0)" } ?? ""), description.narrative)
        }
    }

    /// Adds the organisation's row and its budget and expenditure rows.
    mutating func add(_ organisation: Organisation, element: SourceElement, key: ActivityKey, id: Int, datasetID: Int) {
        organisationKeys.append(key)
        append([
            .integer(id), .integer(datasetID), .text(key.reportingOrg), .text(key.identifier),
            Projection.text(organisation.name), Cell(organisation.defaultCurrency),
            Cell(organisation.lastUpdatedDatetime), .integer(element.line),
            .text(String(decoding: element.xml, as: UTF8.self)),
        ], to: .organisation)
        var seq = 0
        func budget(_ kind: String, _ target: String?, _ status: String?, _ start: String?, _ end: String?, _ value: Value?) {
            append([
                .integer(id), .integer(seq), .text(kind), Cell(target), Cell(status), Projection.date(start),
                Projection.date(end), Projection.money(value), Cell(value?.currency ?? organisation.defaultCurrency),
                Projection.date(value?.valueDate),
            ], to: .organisationBudget)
            seq += 1
        }
        for item in organisation.totalBudgets {
            budget("total", nil, item.status, item.periodStart, item.periodEnd, item.value)
        }
        for item in organisation.recipientOrgBudgets {
            budget("recipient-org", item.recipientOrg?.ref, item.status, item.periodStart, item.periodEnd, item.value)
        }
        for item in organisation.recipientRegionBudgets {
            budget("recipient-region", item.recipientRegion?.code, item.status, item.periodStart, item.periodEnd, item.value)
        }
        for item in organisation.recipientCountryBudgets {
            budget("recipient-country", item.recipientCountry?.code, item.status, item.periodStart, item.periodEnd, item.value)
        }
        for item in organisation.totalExpenditures {
            budget("expenditure", nil, nil, item.periodStart, item.periodEnd, item.value)
        }
    }
}
