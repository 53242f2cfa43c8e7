import Foundation
@testable import Store

/// A small hand-written IATI file with results, for the screening and roll-up tests; the
/// expectations of ``ResultsRollupTests`` are computed from what is written here.
///
/// | project | outcome (pillar) | CPO | indicator (measure) | baseline | 2022 target / actual | 2023 target / actual |
/// |---|---|---|---|---|---|---|
/// | T1 | 7 (1) | BGD101 | children withdrawn (unit) | 0 | 100 / 80 | 150.5 / 120.25 |
/// | T1 | | | coverage (percentage) | 10 | 20 / 18 | |
/// | T1 | | | inspectors trained (unit) | 5 | 30 / 31 | |
/// | T2 | 7 (1) | BGD101 | children withdrawn (unit) | 0 | 200 / 190.5 | 250 / – |
/// | T2 | | | inspectors trained (**percentage**) | 10 | 40 / 35 | |
/// | T3 | 1 (1) | IND102 | children withdrawn (unit) | **none** | 50 / 40 | |
/// | T3 | | | institutions (unit) | 1 | **none** / 2 | |
/// | T4 | 4 (2) | KEN103 | enterprises supported (unit) | 0 | 10 / 12 | 12.123456789 / 3.1 |
///
/// T4 has no transaction, so no portfolio fact: its outcome comes from its outcome sector.
enum HandMadeResults {
    static let children = "Number of children withdrawn from child labour"
    static let coverage = "Social protection coverage (%)"
    static let inspectors = "Number of labour inspectors trained"
    static let institutions = "Number of social dialogue institutions strengthened"
    static let enterprises = "Number of enterprises supported"

    struct IndicatorSpec {
        var title: String
        var measure: String
        var baseline: String?
        /// (year, target, actual)
        var periods: [(String, String?, String?)]
    }

    static func activity(_ id: String, outcome: String, cpo: String, country: String, transaction: Bool, _ indicators: [IndicatorSpec]) -> String {
        let results: String = indicators.map { indicator -> String in
            let baseline = indicator.baseline.map { #"<baseline year="2021" iso-date="2021-01-01" value="\#($0)"/>"# } ?? ""
            let periods: String = indicator.periods.map { year, target, actual -> String in
                "<period><period-start iso-date=\"\(year)-01-01\"/><period-end iso-date=\"\(year)-12-31\"/>"
                    + (target.map { "<target value=\"\($0)\"/>" } ?? "") + (actual.map { "<actual value=\"\($0)\"/>" } ?? "") + "</period>"
            }.joined()
            return """
                <result type="2" aggregation-status="1"><title><narrative>Result</narrative></title>
                <indicator measure="\(indicator.measure)" ascending="1"><title><narrative>\(indicator.title)</narrative></title>\(baseline)\(periods)</indicator>
                </result>
                """
        }.joined(separator: "\n")
        let money = transaction
            ? #"<transaction><transaction-type code="3"/><transaction-date iso-date="2022-03-01"/><value currency="USD" value-date="2022-03-01">1000</value></transaction>"#
            : ""
        return """
            <iati-activity default-currency="USD" last-updated-datetime="2024-01-01T00:00:00Z">
            <iati-identifier>\(id)</iati-identifier>
            <reporting-org ref="XM-DAC-41302" type="40"><narrative>International Labour Organization</narrative></reporting-org>
            <title><narrative>Project \(id)</narrative></title>
            <participating-org role="4" ref="XM-DAC-41302" type="40"><narrative>ILO</narrative></participating-org>
            <activity-status code="2"/>
            <activity-date iso-date="2021-01-01" type="2"/>
            <recipient-country code="\(country)" percentage="100"/>
            <sector vocabulary="99" vocabulary-uri="https://devcoop.example/vocabulary/outcome" code="\(outcome)"/>
            <tag vocabulary="99" vocabulary-uri="https://devcoop.example/vocabulary/cpo" code="\(cpo)"/>
            \(money)
            \(results)
            </iati-activity>
            """
    }

    static let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="2.03" generated-datetime="2024-01-01T00:00:00Z">
        \(activity("XM-DAC-41302-T1", outcome: "7", cpo: "BGD101", country: "BD", transaction: true, [
            IndicatorSpec(title: children, measure: "1", baseline: "0", periods: [("2022", "100", "80"), ("2023", "150.5", "120.25")]),
            IndicatorSpec(title: coverage, measure: "2", baseline: "10", periods: [("2022", "20", "18")]),
            IndicatorSpec(title: inspectors, measure: "1", baseline: "5", periods: [("2022", "30", "31")]),
        ]))
        \(activity("XM-DAC-41302-T2", outcome: "7", cpo: "BGD101", country: "BD", transaction: true, [
            IndicatorSpec(title: children, measure: "1", baseline: "0", periods: [("2022", "200", "190.5"), ("2023", "250", nil)]),
            IndicatorSpec(title: inspectors, measure: "2", baseline: "10", periods: [("2022", "40", "35")]),
        ]))
        \(activity("XM-DAC-41302-T3", outcome: "1", cpo: "IND102", country: "IN", transaction: true, [
            IndicatorSpec(title: children, measure: "1", baseline: nil, periods: [("2022", "50", "40")]),
            IndicatorSpec(title: institutions, measure: "1", baseline: "1", periods: [("2022", nil, "2")]),
        ]))
        \(activity("XM-DAC-41302-T4", outcome: "4", cpo: "KEN103", country: "KE", transaction: false, [
            IndicatorSpec(title: enterprises, measure: "1", baseline: "0", periods: [("2022", "10", "12"), ("2023", "12.123456789", "3.1")]),
        ]))
        </iati-activities>
        """

    /// Runs `body` with a store on `database` that holds the hand-made file.
    static func withStore<T>(_ database: TestDatabase, _ body: (Store) async throws -> T) async throws -> T {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-results-\(UUID()).xml")
            try Data(xml.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let report = await store.importFile(at: file.path)
            precondition(report.activities == 4, "the hand-made file did not import: \(report.error ?? "")\n\(xml.split(separator: "\n", omittingEmptySubsequences: false).prefix(16).joined(separator: "\n"))")
            return try await body(store)
        }
    }
}
