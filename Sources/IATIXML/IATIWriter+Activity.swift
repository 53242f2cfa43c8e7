import IATI

/// `iati-activity` and its parts, in the order of `iati-activities-schema.xsd` (2.03).
extension XMLOutput {
    mutating func write(_ activity: Activity) {
        let leaves = activity.leafExtensions
        start("iati-activity", extensions: activity.extensions)
        attribute("last-updated-datetime", activity.lastUpdatedDatetime)
        attribute("xml:lang", activity.lang)
        attribute("default-currency", activity.defaultCurrency)
        attribute("humanitarian", activity.humanitarian)
        attribute("hierarchy", activity.hierarchy)
        attribute("linked-data-uri", activity.linkedDataURI)
        attribute("budget-not-provided", activity.budgetNotProvided)
        attributes(activity.extensionAttributes)

        textLeaf("iati-identifier", activity.iatiIdentifier, leaves)
        write(activity.reportingOrg)
        narrativeElement("title", activity.title)
        for description in activity.descriptions { write(description) }
        for org in activity.participatingOrgs { write(org) }
        for identifier in activity.otherIdentifiers { write(identifier) }
        leaf("activity-status", activity.activityStatus, leaves)
        for date in activity.activityDates { write(date) }
        for contact in activity.contactInfos { write(contact) }
        leaf("activity-scope", activity.activityScope, leaves)
        for country in activity.recipientCountries { write(country) }
        for region in activity.recipientRegions { write(region) }
        for location in activity.locations { write(location) }
        for sector in activity.sectors { write(sector) }
        for tag in activity.tags { write(tag) }
        write(activity.countryBudgetItems)
        for scope in activity.humanitarianScopes { write(scope) }
        for marker in activity.policyMarkers { write(marker) }
        leaf("collaboration-type", activity.collaborationType, leaves)
        leaf("default-flow-type", activity.defaultFlowType, leaves)
        leaf("default-finance-type", activity.defaultFinanceType, leaves)
        for aidType in activity.defaultAidTypes { write(aidType, name: "default-aid-type") }
        leaf("default-tied-status", activity.defaultTiedStatus, leaves)
        for budget in activity.budgets { write(budget) }
        for disbursement in activity.plannedDisbursements { write(disbursement) }
        leaf("capital-spend", attribute: "percentage", activity.capitalSpend, leaves)
        for transaction in activity.transactions { write(transaction) }
        for link in activity.documentLinks { write(link) }
        for related in activity.relatedActivities { write(related) }
        for legacy in activity.legacyData { write(legacy) }
        write(activity.conditions)
        for result in activity.results { write(result) }
        write(activity.crsAdd)
        write(activity.fss)
        end()
    }

    // MARK: Identification

    mutating func write(_ description: Description) {
        start("description")
        attribute("type", description.type)
        attributes(description.extensionAttributes)
        attributes(description.narrative.extensionAttributes)
        inlineNarratives(description.narrative)
        nodes(description.extensions)
        end()
    }

    mutating func write(_ org: ParticipatingOrg) {
        start("participating-org")
        attribute("ref", org.ref)
        attribute("type", org.type)
        attribute("role", org.role)
        attribute("activity-id", org.activityID)
        attribute("crs-channel-code", org.crsChannelCode)
        attributes(org.extensionAttributes)
        attributes(org.name.extensionAttributes)
        inlineNarratives(org.name)
        nodes(org.extensions)
        end()
    }

    mutating func write(_ identifier: OtherIdentifier) {
        start("other-identifier", extensions: identifier.extensions)
        attribute("ref", identifier.ref)
        attribute("type", identifier.type)
        attributes(identifier.extensionAttributes)
        if let owner = identifier.ownerOrg {
            start("owner-org")
            attribute("ref", owner.ref)
            attributes(owner.extensionAttributes)
            attributes(owner.narrative.extensionAttributes)
            inlineNarratives(owner.narrative)
            nodes(owner.extensions)
            end()
        }
        end()
    }

    mutating func write(_ date: ActivityDate) {
        start("activity-date")
        attribute("type", date.type)
        attribute("iso-date", date.isoDate)
        attributes(date.extensionAttributes)
        attributes(date.narrative.extensionAttributes)
        inlineNarratives(date.narrative)
        nodes(date.extensions)
        end()
    }

    mutating func write(_ contact: ContactInfo) {
        start("contact-info", extensions: contact.extensions)
        attribute("type", contact.type)
        attributes(contact.extensionAttributes)
        narrativeElement("organisation", contact.organisation)
        narrativeElement("department", contact.department)
        narrativeElement("person-name", contact.personName)
        narrativeElement("job-title", contact.jobTitle)
        textLeaves("telephone", contact.telephones, contact.leafExtensions)
        textLeaves("email", contact.emails, contact.leafExtensions)
        textLeaves("website", contact.websites, contact.leafExtensions)
        narrativeElements("mailing-address", contact.mailingAddresses)
        end()
    }

    // MARK: Geography

    mutating func write(_ location: Location) {
        let leaves = location.leafExtensions
        start("location", extensions: location.extensions)
        attribute("ref", location.ref)
        attributes(location.extensionAttributes)
        leaf("location-reach", location.locationReach, leaves)
        for id in location.locationIDs {
            start("location-id")
            attribute("code", id.code)
            attribute("vocabulary", id.vocabulary)
            attributes(id.extensionAttributes)
            nodes(id.extensions)
            end()
        }
        narrativeElement("name", location.name)
        narrativeElement("description", location.description)
        narrativeElement("activity-description", location.activityDescription)
        for administrative in location.administratives {
            start("administrative")
            attribute("code", administrative.code)
            attribute("vocabulary", administrative.vocabulary)
            attribute("level", administrative.level)
            attributes(administrative.extensionAttributes)
            nodes(administrative.extensions)
            end()
        }
        if let point = location.point {
            start("point", extensions: point.extensions)
            attribute("srsName", point.srsName)
            attributes(point.extensionAttributes)
            textLeaf("pos", point.pos, point.leafExtensions)
            end()
        }
        leaf("exactness", location.exactness, leaves)
        leaf("location-class", location.locationClass, leaves)
        leaf("feature-designation", location.featureDesignation, leaves)
        end()
    }

    // MARK: Classifications

    mutating func write(_ sector: Sector) {
        start("sector")
        attribute("vocabulary", sector.vocabulary)
        attribute("vocabulary-uri", sector.vocabularyURI)
        attribute("code", sector.code)
        attribute("percentage", sector.percentage)
        attributes(sector.extensionAttributes)
        attributes(sector.narrative.extensionAttributes)
        inlineNarratives(sector.narrative)
        nodes(sector.extensions)
        end()
    }

    mutating func write(_ tag: Tag) {
        start("tag")
        attribute("code", tag.code)
        attribute("vocabulary", tag.vocabulary)
        attribute("vocabulary-uri", tag.vocabularyURI)
        attributes(tag.extensionAttributes)
        attributes(tag.narrative.extensionAttributes)
        inlineNarratives(tag.narrative)
        nodes(tag.extensions)
        end()
    }

    mutating func write(_ items: CountryBudgetItems?) {
        guard let items else { return }
        start("country-budget-items", extensions: items.extensions)
        attribute("vocabulary", items.vocabulary)
        attributes(items.extensionAttributes)
        for item in items.budgetItems {
            start("budget-item", extensions: item.extensions)
            attribute("code", item.code)
            attribute("percentage", item.percentage)
            attributes(item.extensionAttributes)
            narrativeElement("description", item.description)
            end()
        }
        end()
    }

    mutating func write(_ scope: HumanitarianScope) {
        start("humanitarian-scope")
        attribute("type", scope.type)
        attribute("vocabulary", scope.vocabulary)
        attribute("vocabulary-uri", scope.vocabularyURI)
        attribute("code", scope.code)
        attributes(scope.extensionAttributes)
        attributes(scope.narrative.extensionAttributes)
        inlineNarratives(scope.narrative)
        nodes(scope.extensions)
        end()
    }

    mutating func write(_ marker: PolicyMarker) {
        start("policy-marker")
        attribute("vocabulary", marker.vocabulary)
        attribute("vocabulary-uri", marker.vocabularyURI)
        attribute("code", marker.code)
        attribute("significance", marker.significance)
        attributes(marker.extensionAttributes)
        attributes(marker.narrative.extensionAttributes)
        inlineNarratives(marker.narrative)
        nodes(marker.extensions)
        end()
    }

    /// `default-aid-type` (activity) or `aid-type` (transaction).
    mutating func write(_ aidType: AidType, name: String) {
        start(name)
        attribute("code", aidType.code)
        attribute("vocabulary", aidType.vocabulary)
        attributes(aidType.extensionAttributes)
        nodes(aidType.extensions)
        end()
    }

    // MARK: Money

    mutating func write(_ budget: Budget) {
        start("budget", extensions: budget.extensions)
        attribute("type", budget.type)
        attribute("status", budget.status)
        attributes(budget.extensionAttributes)
        dateLeaf("period-start", budget.periodStart, budget.leafExtensions)
        dateLeaf("period-end", budget.periodEnd, budget.leafExtensions)
        write(budget.value)
        end()
    }

    mutating func write(_ disbursement: PlannedDisbursement) {
        start("planned-disbursement", extensions: disbursement.extensions)
        attribute("type", disbursement.type)
        attributes(disbursement.extensionAttributes)
        dateLeaf("period-start", disbursement.periodStart, disbursement.leafExtensions)
        dateLeaf("period-end", disbursement.periodEnd, disbursement.leafExtensions)
        write(disbursement.value)
        write(disbursement.providerOrg)
        write(disbursement.receiverOrg)
        end()
    }

    mutating func write(_ transaction: Transaction) {
        let leaves = transaction.leafExtensions
        start("transaction", extensions: transaction.extensions)
        attribute("ref", transaction.ref)
        attribute("humanitarian", transaction.humanitarian)
        attributes(transaction.extensionAttributes)
        leaf("transaction-type", transaction.transactionType, leaves)
        dateLeaf("transaction-date", transaction.transactionDate, leaves)
        write(transaction.value)
        narrativeElement("description", transaction.description)
        write(transaction.providerOrg)
        write(transaction.receiverOrg)
        leaf("disbursement-channel", transaction.disbursementChannel, leaves)
        for sector in transaction.sectors { write(sector) }
        for country in transaction.recipientCountries { write(country) }
        for region in transaction.recipientRegions { write(region) }
        leaf("flow-type", transaction.flowType, leaves)
        leaf("finance-type", transaction.financeType, leaves)
        for aidType in transaction.aidTypes { write(aidType, name: "aid-type") }
        leaf("tied-status", transaction.tiedStatus, leaves)
        end()
    }

    // MARK: Links and notes

    mutating func write(_ related: RelatedActivity) {
        start("related-activity")
        attribute("ref", related.ref)
        attribute("type", related.type)
        attributes(related.extensionAttributes)
        nodes(related.extensions)
        end()
    }

    mutating func write(_ legacy: LegacyData) {
        start("legacy-data")
        attribute("name", legacy.name)
        attribute("value", legacy.value)
        attribute("iati-equivalent", legacy.iatiEquivalent)
        attributes(legacy.extensionAttributes)
        nodes(legacy.extensions)
        end()
    }

    mutating func write(_ conditions: Conditions?) {
        guard let conditions else { return }
        start("conditions", extensions: conditions.extensions)
        attribute("attached", conditions.attached)
        attributes(conditions.extensionAttributes)
        for condition in conditions.conditions {
            start("condition")
            attribute("type", condition.type)
            attributes(condition.extensionAttributes)
            attributes(condition.narrative.extensionAttributes)
            inlineNarratives(condition.narrative)
            nodes(condition.extensions)
            end()
        }
        end()
    }

    // MARK: Results

    mutating func write(_ result: Result) {
        start("result", extensions: result.extensions)
        attribute("type", result.type)
        attribute("aggregation-status", result.aggregationStatus)
        attributes(result.extensionAttributes)
        narrativeElement("title", result.title)
        narrativeElement("description", result.description)
        for link in result.documentLinks { write(link) }
        for reference in result.references { write(reference) }
        for indicator in result.indicators { write(indicator) }
        end()
    }

    mutating func write(_ reference: Reference) {
        start("reference")
        attribute("vocabulary", reference.vocabulary)
        attribute("code", reference.code)
        attribute("vocabulary-uri", reference.vocabularyURI)
        attribute("indicator-uri", reference.indicatorURI)
        attributes(reference.extensionAttributes)
        nodes(reference.extensions)
        end()
    }

    mutating func write(_ indicator: Indicator) {
        start("indicator", extensions: indicator.extensions)
        attribute("measure", indicator.measure)
        attribute("ascending", indicator.ascending)
        attribute("aggregation-status", indicator.aggregationStatus)
        attributes(indicator.extensionAttributes)
        narrativeElement("title", indicator.title)
        narrativeElement("description", indicator.description)
        for link in indicator.documentLinks { write(link) }
        for reference in indicator.references { write(reference) }
        for baseline in indicator.baselines { write(baseline) }
        for period in indicator.periods { write(period) }
        end()
    }

    mutating func write(_ baseline: Baseline) {
        start("baseline", extensions: baseline.extensions)
        attribute("iso-date", baseline.isoDate)
        attribute("year", baseline.year)
        attribute("value", baseline.value)
        attributes(baseline.extensionAttributes)
        for location in baseline.locations { write(location) }
        for dimension in baseline.dimensions { write(dimension) }
        for link in baseline.documentLinks { write(link) }
        narrativeElement("comment", baseline.comment)
        end()
    }

    mutating func write(_ period: Period) {
        start("period", extensions: period.extensions)
        attributes(period.extensionAttributes)
        dateLeaf("period-start", period.periodStart, period.leafExtensions)
        dateLeaf("period-end", period.periodEnd, period.leafExtensions)
        for target in period.targets { write(target, name: "target") }
        for actual in period.actuals { write(actual, name: "actual") }
        end()
    }

    /// `target` or `actual`.
    mutating func write(_ value: PeriodValue, name: String) {
        start(name, extensions: value.extensions)
        attribute("value", value.value)
        attributes(value.extensionAttributes)
        for location in value.locations { write(location) }
        for dimension in value.dimensions { write(dimension) }
        narrativeElement("comment", value.comment)
        for link in value.documentLinks { write(link) }
        end()
    }

    mutating func write(_ location: ResultLocation) {
        start("location", extensions: location.extensions)
        attribute("ref", location.ref)
        attributes(location.extensionAttributes)
        end()
    }

    mutating func write(_ dimension: Dimension) {
        start("dimension")
        attribute("name", dimension.name)
        attribute("value", dimension.value)
        attributes(dimension.extensionAttributes)
        nodes(dimension.extensions)
        end()
    }

    // MARK: CRS and FSS

    mutating func write(_ crs: CRSAdd?) {
        guard let crs else { return }
        start("crs-add", extensions: crs.extensions)
        attributes(crs.extensionAttributes)
        for flag in crs.otherFlags {
            start("other-flags")
            attribute("code", flag.code)
            attribute("significance", flag.significance)
            attributes(flag.extensionAttributes)
            nodes(flag.extensions)
            end()
        }
        if let terms = crs.loanTerms {
            let leaves = terms.leafExtensions
            start("loan-terms", extensions: terms.extensions)
            attribute("rate-1", terms.rate1)
            attribute("rate-2", terms.rate2)
            attributes(terms.extensionAttributes)
            leaf("repayment-type", terms.repaymentType, leaves)
            leaf("repayment-plan", terms.repaymentPlan, leaves)
            dateLeaf("commitment-date", terms.commitmentDate, leaves)
            dateLeaf("repayment-first-date", terms.repaymentFirstDate, leaves)
            dateLeaf("repayment-final-date", terms.repaymentFinalDate, leaves)
            end()
        }
        if let status = crs.loanStatus {
            let leaves = status.leafExtensions
            start("loan-status", extensions: status.extensions)
            attribute("year", status.year)
            attribute("currency", status.currency)
            attribute("value-date", status.valueDate)
            attributes(status.extensionAttributes)
            textLeaf("interest-received", status.interestReceived, leaves)
            textLeaf("principal-outstanding", status.principalOutstanding, leaves)
            textLeaf("principal-arrears", status.principalArrears, leaves)
            textLeaf("interest-arrears", status.interestArrears, leaves)
            end()
        }
        textLeaf("channel-code", crs.channelCode, crs.leafExtensions)
        end()
    }

    mutating func write(_ fss: FSS?) {
        guard let fss else { return }
        start("fss", extensions: fss.extensions)
        attribute("extraction-date", fss.extractionDate)
        attribute("priority", fss.priority)
        attribute("phaseout-year", fss.phaseoutYear)
        attributes(fss.extensionAttributes)
        for forecast in fss.forecasts {
            start("forecast")
            attribute("year", forecast.year)
            attribute("currency", forecast.currency)
            attribute("value-date", forecast.valueDate)
            attributes(forecast.extensionAttributes)
            text(forecast.text)
            nodes(forecast.extensions)
            end()
        }
        end()
    }
}
