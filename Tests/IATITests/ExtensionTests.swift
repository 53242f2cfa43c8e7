import IATI
import Testing

@Suite struct ExtensionTests {
    @Test func namespacedElementsAndAttributesAreKept() {
        let extensionNode = X.el("akvo:photo", ["akvo:caption": "Site"], text: "https://akvo.org/p.jpg")
        let activity = Activity(node: X.el("iati-activity", ["akvo:version": "3", "dataset": "d-portal-1"], [
            X.el("iati-identifier", text: "ID"),
            extensionNode,
            X.el("sector", ["code": "111", "usg:weight": "high"], [X.el("usg:note", text: "x")]),
            X.el("transaction", ["dataset": "d-portal-1"], [
                X.el("transaction-type", ["code": "2"]),
                X.el("usg:treasury-account", ["code": "72-1021"]),
            ]),
        ]))
        #expect(activity.extensions == [extensionNode])
        #expect(activity.extensions.first?.namespace == "http://akvo.org/iati-activities")
        #expect(activity.extensionAttributes.map(\.qualifiedName) == ["akvo:version", "dataset"])
        #expect(activity.sectors.first?.extensionAttributes.map(\.qualifiedName) == ["usg:weight"])
        #expect(activity.sectors.first?.extensions.map(\.qualifiedName) == ["usg:note"])
        #expect(activity.transactions.first?.extensionAttributes.map(\.value) == ["d-portal-1"])
        #expect(activity.transactions.first?.extensions.map(\.name) == ["treasury-account"])
    }

    @Test func namespacedElementWithAnIATIName() {
        // A foreign element named like an IATI one is not mistaken for it.
        let activity = Activity(node: X.el("iati-activity", [:], [
            X.el("akvo:title", text: "Not the title"),
            X.el("akvo:sector", ["code": "999"]),
        ]))
        #expect(activity.title == nil)
        #expect(activity.sectors.isEmpty)
        #expect(activity.extensions.count == 2)
    }

    @Test func unexpectedIATIChildrenAreKept() {
        let activity = Activity(node: X.el("iati-activity", [:], [
            X.el("default-currency", text: "USD"),
            X.el("iati-identifier", text: "A"),
            X.el("iati-identifier", text: "B"),
        ]))
        #expect(activity.iatiIdentifier == "A")
        #expect(activity.extensions.map(\.name) == ["default-currency", "iati-identifier"])
        #expect(activity.extensions.map(\.text) == ["USD", "B"])
    }

    @Test func extrasOnOneValueElementsAreKept() {
        let activity = Activity(node: X.el("iati-activity", [:], [
            X.el("activity-status", ["code": "2", "akvo:source": "erp"], text: "Implementation"),
            X.el("document-link", ["url": "u", "format": "f"], [
                X.el("category", ["code": "A01"]),
                X.el("category", ["code": "A02"], [X.el("usg:note", text: "n")]),
            ]),
        ]))
        #expect(activity.activityStatus == "2")
        let status = activity.leafExtensions.first(element: "activity-status")
        #expect(status?.text == "Implementation")
        #expect(status?.extensionAttributes.map(\.qualifiedName) == ["akvo:source"])
        #expect(activity.extensions.isEmpty)
        let document = activity.documentLinks.first
        #expect(document?.categories == ["A01", "A02"])
        #expect(document?.leafExtensions.first(element: "category", index: 0) == nil)
        #expect(document?.leafExtensions.first(element: "category", index: 1)?.extensions.map(\.name) == ["note"])
    }
}
