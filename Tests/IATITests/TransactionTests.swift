import Foundation
import IATI
import Testing

@Suite struct TransactionTests {
    static let node = X.el("transaction", ["ref": "TX-1", "humanitarian": "1"], [
        X.el("transaction-type", ["code": "3"]),
        X.el("transaction-date", ["iso-date": "2024-02-29"]),
        X.el("value", ["currency": "CHF", "value-date": "2024-02-28"], text: " 12 500.75 "),
        X.text("description", [X.narrative("First instalment", lang: "en"), X.narrative("Premier versement", lang: "fr")]),
        X.el("provider-org", ["ref": "CH-4", "provider-activity-id": "CH-4-2020-1", "type": "10"], [X.narrative("SDC")]),
        X.el("receiver-org", ["ref": "XM-DAC-41302", "receiver-activity-id": "XM-DAC-41302-1", "type": "40"], [X.narrative("ILO")]),
        X.el("disbursement-channel", ["code": "1"]),
        X.el("sector", ["code": "16020", "vocabulary": "1"]),
        X.el("sector", ["code": "P4", "vocabulary": "99", "vocabulary-uri": "https://ilo.org/pillars"], [X.narrative("Pillar 4")]),
        X.el("recipient-country", ["code": "BD"], [X.narrative("Bangladesh")]),
        X.el("recipient-region", ["code": "798", "vocabulary": "1", "vocabulary-uri": "http://regions"]),
        X.el("flow-type", ["code": "10"]),
        X.el("finance-type", ["code": "110"]),
        X.el("aid-type", ["code": "B03"]),
        X.el("aid-type", ["code": "1", "vocabulary": "2"]),
        X.el("tied-status", ["code": "5"]),
    ])

    @Test func readsEveryPart() {
        let transaction = Transaction(node: Self.node)
        #expect(transaction.ref == "TX-1")
        #expect(transaction.humanitarian == "1")
        #expect(transaction.transactionType == "3")
        #expect(transaction.transactionDate == "2024-02-29")
        #expect(transaction.value?.text == " 12 500.75 ")
        #expect(transaction.value?.amount == Decimal(string: "12500.75"))
        #expect(transaction.value?.currency == "CHF")
        #expect(transaction.value?.valueDate == "2024-02-28")
        #expect(transaction.description?.text(in: "fr") == "Premier versement")
        #expect(transaction.providerOrg?.ref == "CH-4")
        #expect(transaction.providerOrg?.type == "10")
        #expect(transaction.providerOrg?.providerActivityID == "CH-4-2020-1")
        #expect(transaction.providerOrg?.narrative.text() == "SDC")
        #expect(transaction.receiverOrg?.ref == "XM-DAC-41302")
        #expect(transaction.receiverOrg?.receiverActivityID == "XM-DAC-41302-1")
        #expect(transaction.receiverOrg?.narrative.text() == "ILO")
        #expect(transaction.disbursementChannel == "1")
        #expect(transaction.sectors.map(\.code) == ["16020", "P4"])
        #expect(transaction.sectors[1].vocabularyURI == "https://ilo.org/pillars")
        #expect(transaction.sectors[1].percentage == nil)
        #expect(transaction.recipientCountries.map(\.code) == ["BD"])
        #expect(transaction.recipientRegions.first?.vocabularyURI == "http://regions")
        #expect(transaction.flowType == "10")
        #expect(transaction.financeType == "110")
        #expect(transaction.aidTypes.map(\.code) == ["B03", "1"])
        #expect(transaction.aidTypes[1].vocabulary == "2")
        #expect(transaction.tiedStatus == "5")
        #expect(transaction.extensions.isEmpty)
        #expect(transaction.extensionAttributes.isEmpty)
        #expect(transaction == Transaction(node: Self.node))
    }

    @Test func secondValueOfASingleElementIsKept() {
        let transaction = Transaction(node: X.el("transaction", [:], [
            X.el("value", text: "1"),
            X.el("value", text: "2"),
            X.el("transaction-type", ["code": "2"]),
            X.el("transaction-type", ["code": "3"]),
        ]))
        #expect(transaction.value?.text == "1")
        #expect(transaction.transactionType == "2")
        #expect(transaction.extensions.map(\.name) == ["value", "transaction-type"])
        #expect(transaction.extensions[0].text == "2")
    }

    @Test func legacyDateTextIsRead() {
        let transaction = Transaction(node: X.el("transaction", [:], [
            X.el("transaction-date", text: " 2012-03-04 "),
        ]))
        #expect(transaction.transactionDate == "2012-03-04")
        #expect(transaction.extensions.isEmpty)
    }
}
