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

    /// The bytes of the batch's text cells, over all tables.
    var byteCount: Int { rows.reduce(0) { $0 + $1.bytes.count } }

    /// Appends a row given by column name, in parts (the owner's columns, an amount's, the rest).
    mutating func append(_ parts: NamedCells..., to slot: Slot) {
        rows[slot.rawValue].append(NamedCells(joining: parts))
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
            "id": .integer(id), "dataset_id": .integer(datasetID), "reporting_org": .text(key.reportingOrg),
            "iati_identifier": .text(key.identifier), "identifier_missing": .integer(identifierMissing ? 1 : 0),
            "version": Cell(version), "upgraded": .integer(element.upgraded ? 1 : 0),
            "hierarchy": Cell(activity.hierarchy), "default_currency": Cell(activity.defaultCurrency),
            "default_lang": Cell(activity.lang), "activity_status": Cell(activity.activityStatus),
            "activity_scope": Cell(activity.activityScope), "humanitarian": Cell(activity.humanitarian),
            "last_updated": Cell(activity.lastUpdatedDatetime), "start_date": date(["2", "1"]), "end_date": date(["4", "3"]),
            "title": Projection.text(activity.title), "line": .integer(element.line),
            "xml": .text(String(decoding: element.xml, as: UTF8.self)),
        ], to: .activity)

        /// The columns every projection row starts with.
        func owned(_ seq: Int) -> NamedCells { ["activity_id": .integer(id), "seq": .integer(seq)] }
        let currency = activity.defaultCurrency
        for (seq, transaction) in activity.transactions.enumerated() {
            append(owned(seq), Projection.amount(transaction.value), [
                "ref": Cell(transaction.ref), "type": Cell(transaction.transactionType),
                "transaction_date": Projection.date(transaction.transactionDate),
                "currency": Cell(transaction.value?.currency ?? currency), "value_date": Projection.date(transaction.value?.valueDate),
                "provider_org_ref": Cell(transaction.providerOrg?.ref),
                "provider_org_name": Projection.text(transaction.providerOrg?.narrative),
                "provider_activity_id": Cell(transaction.providerOrg?.providerActivityID),
                "receiver_org_ref": Cell(transaction.receiverOrg?.ref),
                "receiver_org_name": Projection.text(transaction.receiverOrg?.narrative),
                "receiver_activity_id": Cell(transaction.receiverOrg?.receiverActivityID),
                "flow_type": Cell(transaction.flowType ?? activity.defaultFlowType),
                "finance_type": Cell(transaction.financeType ?? activity.defaultFinanceType),
                "aid_type": Cell(transaction.aidTypes.first?.code ?? activity.defaultAidTypes.first?.code),
                "tied_status": Cell(transaction.tiedStatus ?? activity.defaultTiedStatus),
                "disbursement_channel": Cell(transaction.disbursementChannel),
                "humanitarian": Cell(transaction.humanitarian ?? activity.humanitarian),
                "sector_code": Cell(transaction.sectors.first?.code),
                "recipient_country": Cell(transaction.recipientCountries.first?.code),
                "recipient_region": Cell(transaction.recipientRegions.first?.code),
                "description": Projection.text(transaction.description),
            ], to: .transaction)
        }
        for (seq, budget) in activity.budgets.enumerated() {
            append(owned(seq), Projection.amount(budget.value), [
                "type": Cell(budget.type), "status": Cell(budget.status),
                "period_start": Projection.date(budget.periodStart), "period_end": Projection.date(budget.periodEnd),
                "currency": Cell(budget.value?.currency ?? currency), "value_date": Projection.date(budget.value?.valueDate),
            ], to: .budget)
        }
        for (seq, planned) in activity.plannedDisbursements.enumerated() {
            append(owned(seq), Projection.amount(planned.value), [
                "type": Cell(planned.type),
                "period_start": Projection.date(planned.periodStart), "period_end": Projection.date(planned.periodEnd),
                "currency": Cell(planned.value?.currency ?? currency), "value_date": Projection.date(planned.value?.valueDate),
                "provider_org_ref": Cell(planned.providerOrg?.ref), "receiver_org_ref": Cell(planned.receiverOrg?.ref),
            ], to: .plannedDisbursement)
        }
        for (seq, org) in activity.participatingOrgs.enumerated() {
            append(owned(seq), [
                "ref": Cell(org.ref), "type": Cell(org.type), "role": Cell(org.role), "org_activity_id": Cell(org.activityID),
                "crs_channel_code": Cell(org.crsChannelCode), "name": Projection.text(org.name),
            ], to: .participatingOrg)
        }
        /// The code and vocabulary of a classifying element (sector, region, policy marker, tag).
        func classified(_ code: String?, _ vocabulary: String?, _ vocabularyURI: String?) -> NamedCells {
            ["code": Cell(code), "vocabulary": Cell(vocabulary), "vocabulary_uri": Cell(vocabularyURI)]
        }
        for (seq, sector) in activity.sectors.enumerated() {
            append(owned(seq), classified(sector.code, sector.vocabulary, sector.vocabularyURI), [
                "percentage": Projection.money(sector.percentage), "name": Projection.text(sector.narrative),
            ], to: .sector)
        }
        for (seq, country) in activity.recipientCountries.enumerated() {
            append(owned(seq), [
                "code": Cell(country.code), "percentage": Projection.money(country.percentage),
                "name": Projection.text(country.narrative),
            ], to: .recipientCountry)
        }
        for (seq, region) in activity.recipientRegions.enumerated() {
            append(owned(seq), classified(region.code, region.vocabulary, region.vocabularyURI), [
                "percentage": Projection.money(region.percentage), "name": Projection.text(region.narrative),
            ], to: .recipientRegion)
        }
        for (seq, marker) in activity.policyMarkers.enumerated() {
            append(owned(seq), classified(marker.code, marker.vocabulary, marker.vocabularyURI), [
                "significance": Cell(marker.significance), "name": Projection.text(marker.narrative),
            ], to: .policyMarker)
        }
        for (seq, tag) in activity.tags.enumerated() {
            append(owned(seq), classified(tag.code, tag.vocabulary, tag.vocabularyURI), ["name": Projection.text(tag.narrative)],
                   to: .tag)
        }
        for (seq, location) in activity.locations.enumerated() {
            append(owned(seq), [
                "ref": Cell(location.ref), "name": Projection.text(location.name),
                "description": Projection.text(location.description), "point": Cell(location.point?.pos?.trimmingXMLWhitespace()),
                "exactness": Cell(location.exactness), "location_class": Cell(location.locationClass),
                "feature_designation": Cell(location.featureDesignation),
                "administrative": Cell(location.administratives.first?.code),
            ], to: .location)
        }
        for (seq, link) in activity.documentLinks.enumerated() {
            append(owned(seq), [
                "url": Cell(link.url), "format": Cell(link.format), "title": Projection.text(link.title),
                "category": Cell(link.categories.first), "language": Cell(link.languages.first),
                "document_date": Projection.date(link.documentDate),
            ], to: .documentLink)
        }
        for (resultSeq, result) in activity.results.enumerated() {
            append(owned(resultSeq), [
                "type": Cell(result.type), "aggregation_status": Cell(result.aggregationStatus),
                "title": Projection.text(result.title), "indicator_count": .integer(result.indicators.count),
            ], to: .result)
            for (indicatorSeq, indicator) in result.indicators.enumerated() {
                let baseline = indicator.baselines.first
                append(owned(indicatorSeq), [
                    "result_seq": .integer(resultSeq), "measure": Cell(indicator.measure),
                    "ascending": Cell(indicator.ascending), "title": Projection.text(indicator.title),
                    "baseline_year": Cell(baseline?.year ?? baseline?.isoDate), "baseline_value": Cell(baseline?.value),
                ], to: .indicator)
                for (periodSeq, period) in indicator.periods.enumerated() {
                    append(owned(periodSeq), [
                        "result_seq": .integer(resultSeq), "indicator_seq": .integer(indicatorSeq),
                        "period_start": Projection.date(period.periodStart), "period_end": Projection.date(period.periodEnd),
                        "target_value": Cell(period.targets.first?.value), "actual_value": Cell(period.actuals.first?.value),
                    ], to: .indicatorPeriod)
                }
            }
        }
        var narrativeSeq = 0
        func narratives(_ element: String, _ text: NarrativeText?) {
            for narrative in text?.narratives ?? [] where !narrative.text.isEmpty {
                append(owned(narrativeSeq), ["element": .text(element), "lang": Cell(narrative.lang), "text": .text(narrative.text)],
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
            "id": .integer(id), "dataset_id": .integer(datasetID), "reporting_org": .text(key.reportingOrg),
            "identifier": .text(key.identifier), "name": Projection.text(organisation.name),
            "default_currency": Cell(organisation.defaultCurrency), "last_updated": Cell(organisation.lastUpdatedDatetime),
            "line": .integer(element.line), "xml": .text(String(decoding: element.xml, as: UTF8.self)),
        ], to: .organisation)
        var seq = 0
        func budget(_ kind: String, _ target: String?, _ status: String?, _ start: String?, _ end: String?, _ value: Value?) {
            append(Projection.amount(value), [
                "organisation_id": .integer(id), "seq": .integer(seq), "kind": .text(kind), "target": Cell(target),
                "status": Cell(status), "period_start": Projection.date(start), "period_end": Projection.date(end),
                "currency": Cell(value?.currency ?? organisation.defaultCurrency), "value_date": Projection.date(value?.valueDate),
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
