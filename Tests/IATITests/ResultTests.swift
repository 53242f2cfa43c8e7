import IATI
import Testing

@Suite struct ResultTests {
    static let node = X.el("result", ["type": "2", "aggregation-status": "1"], [
        X.text("title", [X.narrative("Employment increased", lang: "en"), X.narrative("Emploi accru", lang: "fr")]),
        X.text("description", [X.narrative("Outcome")]),
        X.el("document-link", ["url": "https://ilo.org/r.pdf", "format": "application/pdf"], [
            X.text("title", [X.narrative("Report")]), X.el("category", ["code": "A08"]),
        ]),
        X.el("reference", ["vocabulary": "99", "code": "O1", "vocabulary-uri": "https://ilo.org/pb"]),
        X.el("indicator", ["measure": "1", "ascending": "0", "aggregation-status": "true"], [
            X.text("title", [X.narrative("Jobs created")]),
            X.text("description", [X.narrative("Count")]),
            X.el("document-link", ["url": "https://ilo.org/i.pdf", "format": "application/pdf"]),
            X.el("reference", ["vocabulary": "1", "code": "3", "indicator-uri": "https://ilo.org/i/3"]),
            X.el("baseline", ["year": "2019", "iso-date": "2019-12-31", "value": "10"], [
                X.el("location", ["ref": "L1"]),
                X.el("dimension", ["name": "sex", "value": "female"]),
                X.el("document-link", ["url": "https://ilo.org/b.pdf", "format": "application/pdf"]),
                X.text("comment", [X.narrative("Survey")]),
            ]),
            X.el("period", [:], [
                X.el("period-start", ["iso-date": "2020-01-01"]),
                X.el("period-end", ["iso-date": "2020-12-31"]),
                X.el("target", ["value": "100"], [
                    X.el("location", ["ref": "L1"]),
                    X.el("location", ["ref": "L2"]),
                    X.el("dimension", ["name": "sex", "value": "male"]),
                    X.text("comment", [X.narrative("Ambitious")]),
                ]),
                X.el("target", ["value": "50"]),
                X.el("actual", ["value": " 1 000 "], [
                    X.el("document-link", ["url": "https://ilo.org/a.pdf", "format": "application/pdf"]),
                ]),
            ]),
            X.el("period", [:], [
                X.el("period-start", ["iso-date": "2021-01-01"]),
                X.el("period-end", ["iso-date": "2021-12-31"]),
                X.el("actual", [:], [X.text("comment", [X.narrative("Qualitative only")])]),
            ]),
        ]),
        X.el("indicator", ["measure": "5"], [X.text("title", [X.narrative("Policy adopted")])]),
    ])

    @Test func readsResult() {
        let result = Result(node: Self.node)
        #expect(result.type == "2")
        #expect(result.aggregationStatus == "1")
        #expect(result.title?.text(in: "fr") == "Emploi accru")
        #expect(result.description?.text() == "Outcome")
        #expect(result.documentLinks.first?.categories == ["A08"])
        #expect(result.references == [Reference(code: "O1", vocabulary: "99", vocabularyURI: "https://ilo.org/pb")])
        #expect(result.indicators.map(\.measure) == ["1", "5"])
        #expect(result.extensions.isEmpty)
    }

    @Test func readsIndicatorAndBaseline() throws {
        let indicator = try #require(Result(node: Self.node).indicators.first)
        #expect(indicator.ascending == "0")
        #expect(indicator.aggregationStatus == "true")
        #expect(indicator.title?.text() == "Jobs created")
        #expect(indicator.description?.text() == "Count")
        #expect(indicator.documentLinks.map(\.url) == ["https://ilo.org/i.pdf"])
        #expect(indicator.references == [Reference(code: "3", vocabulary: "1", indicatorURI: "https://ilo.org/i/3")])
        let baseline = try #require(indicator.baselines.first)
        #expect(baseline.year == "2019")
        #expect(baseline.isoDate == "2019-12-31")
        #expect(baseline.value == "10")
        #expect(baseline.locationRefs == ["L1"])
        #expect(baseline.dimensions == [Dimension(name: "sex", value: "female")])
        #expect(baseline.documentLinks.first?.url == "https://ilo.org/b.pdf")
        #expect(baseline.comment?.text() == "Survey")
    }

    @Test func readsPeriodsTargetsAndActuals() throws {
        let periods = try #require(Result(node: Self.node).indicators.first).periods
        #expect(periods.count == 2)
        #expect(periods.map(\.periodStart) == ["2020-01-01", "2021-01-01"])
        #expect(periods.map(\.periodEnd) == ["2020-12-31", "2021-12-31"])
        let first = periods[0]
        #expect(first.targets.map(\.value) == ["100", "50"])
        #expect(first.targets[0].locationRefs == ["L1", "L2"])
        #expect(first.targets[0].dimensions.first?.value == "male")
        #expect(first.targets[0].comment?.text() == "Ambitious")
        #expect(first.actuals.first?.value == " 1 000 ", "result values are kept as written")
        #expect(first.actuals.first?.documentLinks.first?.url == "https://ilo.org/a.pdf")
        #expect(periods[1].targets.isEmpty)
        #expect(periods[1].actuals.first?.value == nil)
        #expect(periods[1].actuals.first?.comment?.text() == "Qualitative only")
    }
}
