import Foundation
import IATI
import Testing

@Suite struct OrganisationTests {
    static let node = X.el("iati-organisation", [
        "last-updated-datetime": "2024-01-01T00:00:00", "xml:lang": "en", "default-currency": "USD", "dataset": "org-file",
    ], [
        X.el("organisation-identifier", text: "XM-DAC-41302"),
        X.text("name", [X.narrative("International Labour Organization"), X.narrative("国际劳工组织", lang: "zh")]),
        X.el("reporting-org", ["ref": "XM-DAC-41302", "type": "40"], [X.narrative("ILO")]),
        X.el("total-budget", ["status": "2"], [
            X.el("period-start", ["iso-date": "2024-01-01"]),
            X.el("period-end", ["iso-date": "2024-12-31"]),
            X.el("value", ["value-date": "2024-01-01"], text: "400 000 000"),
            X.el("budget-line", ["ref": "RBSA"], [
                X.el("value", ["value-date": "2024-01-01"], text: "30000000"),
                X.narrative("Regular budget supplementary account"),
            ]),
        ]),
        X.el("recipient-org-budget", ["status": "1"], [
            X.el("recipient-org", ["ref": "XM-DAC-41114"], [X.narrative("UNDP")]),
            X.el("period-start", ["iso-date": "2024-01-01"]),
            X.el("period-end", ["iso-date": "2024-12-31"]),
            X.el("value", ["value-date": "2024-01-01"], text: "1000"),
        ]),
        X.el("recipient-region-budget", [:], [
            X.el("recipient-region", ["code": "298", "vocabulary": "1"], [X.narrative("Africa")]),
            X.el("period-start", ["iso-date": "2024-01-01"]),
            X.el("period-end", ["iso-date": "2024-12-31"]),
            X.el("value", ["value-date": "2024-01-01"], text: "2000"),
        ]),
        X.el("recipient-country-budget", [:], [
            X.el("recipient-country", ["code": "ET"]),
            X.el("period-start", ["iso-date": "2024-01-01"]),
            X.el("period-end", ["iso-date": "2024-12-31"]),
            X.el("value", ["value-date": "2024-01-01"], text: "3000"),
            X.el("budget-line", ["ref": "x"], [X.el("value", text: "300"), X.narrative("Line")]),
        ]),
        X.el("total-expenditure", [:], [
            X.el("period-start", ["iso-date": "2023-01-01"]),
            X.el("period-end", ["iso-date": "2023-12-31"]),
            X.el("value", ["value-date": "2023-01-01"], text: "350000000"),
            X.el("expense-line", ["ref": "XBDC"], [X.el("value", text: "250000000"), X.narrative("Projects")]),
        ]),
        X.el("document-link", ["url": "https://ilo.org/ar.pdf", "format": "application/pdf"], [
            X.text("title", [X.narrative("Annual report")]),
            X.el("category", ["code": "B01"]),
            X.el("recipient-country", ["code": "ET"], [X.narrative("Ethiopia")]),
        ]),
        X.el("usg:extra", text: "kept"),
    ])

    @Test func readsOrganisation() {
        let organisation = Organisation(node: Self.node)
        #expect(organisation.organisationIdentifier == "XM-DAC-41302")
        #expect(organisation.lastUpdatedDatetime == "2024-01-01T00:00:00")
        #expect(organisation.lang == "en")
        #expect(organisation.defaultCurrency == "USD")
        #expect(organisation.name?.text(in: "zh") == "国际劳工组织")
        #expect(organisation.reportingOrg?.ref == "XM-DAC-41302")
        #expect(organisation.reportingOrg?.name.text() == "ILO")
        #expect(organisation.extensionAttributes.map(\.name) == ["dataset"])
        #expect(organisation.extensions.map(\.name) == ["extra"])
        #expect(organisation == Organisation(node: Self.node))
    }

    @Test func readsBudgetsAndExpenditure() {
        let organisation = Organisation(node: Self.node)
        let total = organisation.totalBudgets.first
        #expect(total?.status == "2")
        #expect(total?.periodStart == "2024-01-01")
        #expect(total?.periodEnd == "2024-12-31")
        #expect(total?.value?.amount == 400_000_000)
        #expect(total?.budgetLines.first?.ref == "RBSA")
        #expect(total?.budgetLines.first?.value?.amount == 30_000_000)
        #expect(total?.budgetLines.first?.narrative.text() == "Regular budget supplementary account")
        let toOrg = organisation.recipientOrgBudgets.first
        #expect(toOrg?.status == "1")
        #expect(toOrg?.recipientOrg?.ref == "XM-DAC-41114")
        #expect(toOrg?.recipientOrg?.narrative.text() == "UNDP")
        #expect(toOrg?.value?.amount == 1000)
        let toRegion = organisation.recipientRegionBudgets.first
        #expect(toRegion?.recipientRegion?.code == "298")
        #expect(toRegion?.recipientRegion?.narrative.text() == "Africa")
        #expect(toRegion?.periodEnd == "2024-12-31")
        let toCountry = organisation.recipientCountryBudgets.first
        #expect(toCountry?.recipientCountry?.code == "ET")
        #expect(toCountry?.budgetLines.first?.value?.amount == 300)
        let spent = organisation.totalExpenditures.first
        #expect(spent?.periodStart == "2023-01-01")
        #expect(spent?.value?.amount == 350_000_000)
        #expect(spent?.expenseLines.first?.ref == "XBDC")
        #expect(spent?.expenseLines.first?.narrative.text() == "Projects")
    }

    @Test func readsDocumentLinksWithCountries() {
        let document = Organisation(node: Self.node).documentLinks.first
        #expect(document?.title?.text() == "Annual report")
        #expect(document?.categories == ["B01"])
        #expect(document?.recipientCountries.map(\.code) == ["ET"])
        #expect(document?.recipientCountries.first?.narrative.text() == "Ethiopia")
        #expect(document?.extensions.isEmpty == true)
    }

    @Test func emptyOrganisation() {
        #expect(Organisation(node: X.el("iati-organisation")) == Organisation())
    }
}
