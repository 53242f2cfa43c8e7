import IATI
import Testing

@Suite struct NarrativeTests {
    @Test func keepsEveryLanguageAndTextAsGiven() {
        let title = NarrativeText(node: X.text("title", [
            X.narrative("  Decent work\n", lang: nil),
            X.narrative("Travail décent", lang: "fr"),
            X.narrative("Trabajo decente", lang: "ES"),
            X.narrative("体面劳动", lang: "zh"),
            X.narrative("Decent work (2)", lang: "EN"),
        ]))
        #expect(title.narratives.count == 5)
        #expect(title.narratives[0] == Narrative(text: "  Decent work\n", lang: nil))
        #expect(title.narratives[2].lang == "ES")
        #expect(title.languages == ["fr", "ES", "zh", "EN"])
        #expect(title.text(in: "es") == "Trabajo decente")
        #expect(title.text(in: "en") == "Decent work (2)")
        #expect(title.text(in: "de") == "  Decent work\n")
        #expect(title.text() == "  Decent work\n")
        #expect(title.extensions.isEmpty && title.extensionAttributes.isEmpty)
    }

    @Test func emptyElementGivesNoNarrative() {
        let title = NarrativeText(node: X.el("title"))
        #expect(title.isEmpty)
        #expect(title.text(in: "en") == nil)
        let empty = NarrativeText(node: X.text("title", [X.narrative("")]))
        #expect(empty.narratives == [Narrative(text: "")])
    }

    @Test func legacyTextBecomesANarrative() {
        let title = NarrativeText(node: X.el("title", ["xml:lang": "fr"], text: "\n  Eau potable  \n"))
        #expect(title.narratives == [Narrative(text: "Eau potable", lang: "fr")])
        #expect(title.extensionAttributes.isEmpty)

        let org = ParticipatingOrg(node: X.el("participating-org", ["role": "Funding", "ref": "GB-1"], text: "DFID"))
        #expect(org.name.text() == "DFID")
        #expect(org.role == "Funding")
    }

    @Test func keepsForeignPartsOfNarratives() {
        let node = X.text("description", [
            X.el("narrative", ["xml:lang": "en", "akvo:type": "summary"], text: "Text"),
            X.el("akvo:note", text: "internal"),
        ], ["akvo:id": "7"])
        let text = NarrativeText(node: node)
        #expect(text.narratives.count == 1)
        #expect(text.narratives[0].extensionAttributes.map(\.qualifiedName) == ["akvo:type"])
        #expect(text.extensions.map(\.qualifiedName) == ["akvo:note"])
        #expect(text.extensionAttributes.map(\.value) == ["7"])
    }
}
