import IATI

/// `iati-organisation` and its parts, in the order of `iati-organisations-schema.xsd` (2.03).
extension XMLOutput {
    mutating func write(_ organisation: Organisation) {
        start("iati-organisation", extensions: organisation.extensions)
        attribute("last-updated-datetime", organisation.lastUpdatedDatetime)
        attribute("xml:lang", organisation.lang)
        attribute("default-currency", organisation.defaultCurrency)
        attributes(organisation.extensionAttributes)

        textLeaf("organisation-identifier", organisation.organisationIdentifier, organisation.leafExtensions)
        narrativeElement("name", organisation.name)
        write(organisation.reportingOrg)
        for budget in organisation.totalBudgets { write(budget) }
        for budget in organisation.recipientOrgBudgets { write(budget) }
        for budget in organisation.recipientRegionBudgets { write(budget) }
        for budget in organisation.recipientCountryBudgets { write(budget) }
        for expenditure in organisation.totalExpenditures { write(expenditure) }
        for link in organisation.documentLinks { write(link) }
        end()
    }

    mutating func write(_ budget: TotalBudget) {
        start("total-budget", extensions: budget.extensions)
        attribute("status", budget.status)
        attributes(budget.extensionAttributes)
        dateLeaf("period-start", budget.periodStart, budget.leafExtensions)
        dateLeaf("period-end", budget.periodEnd, budget.leafExtensions)
        write(budget.value)
        for line in budget.budgetLines { write(line) }
        end()
    }

    mutating func write(_ budget: RecipientOrgBudget) {
        start("recipient-org-budget", extensions: budget.extensions)
        attribute("status", budget.status)
        attributes(budget.extensionAttributes)
        if let org = budget.recipientOrg {
            start("recipient-org")
            attribute("ref", org.ref)
            attributes(org.extensionAttributes)
            attributes(org.narrative.extensionAttributes)
            inlineNarratives(org.narrative)
            nodes(org.extensions)
            end()
        }
        dateLeaf("period-start", budget.periodStart, budget.leafExtensions)
        dateLeaf("period-end", budget.periodEnd, budget.leafExtensions)
        write(budget.value)
        for line in budget.budgetLines { write(line) }
        end()
    }

    mutating func write(_ budget: RecipientRegionBudget) {
        start("recipient-region-budget", extensions: budget.extensions)
        attribute("status", budget.status)
        attributes(budget.extensionAttributes)
        if let region = budget.recipientRegion { write(region) }
        dateLeaf("period-start", budget.periodStart, budget.leafExtensions)
        dateLeaf("period-end", budget.periodEnd, budget.leafExtensions)
        write(budget.value)
        for line in budget.budgetLines { write(line) }
        end()
    }

    mutating func write(_ budget: RecipientCountryBudget) {
        start("recipient-country-budget", extensions: budget.extensions)
        attribute("status", budget.status)
        attributes(budget.extensionAttributes)
        if let country = budget.recipientCountry { write(country) }
        dateLeaf("period-start", budget.periodStart, budget.leafExtensions)
        dateLeaf("period-end", budget.periodEnd, budget.leafExtensions)
        write(budget.value)
        for line in budget.budgetLines { write(line) }
        end()
    }

    mutating func write(_ expenditure: TotalExpenditure) {
        start("total-expenditure", extensions: expenditure.extensions)
        attributes(expenditure.extensionAttributes)
        dateLeaf("period-start", expenditure.periodStart, expenditure.leafExtensions)
        dateLeaf("period-end", expenditure.periodEnd, expenditure.leafExtensions)
        write(expenditure.value)
        for line in expenditure.expenseLines { write(line, name: "expense-line") }
        end()
    }
}
