import Foundation
import Hummingbird
import HummingbirdTesting
import IATIValidation
import Logging
import Store
@testable import Web

/// A site on a small store made for one test from a hand-written IATI file: hostile narratives,
/// identifiers with slashes and spaces, one identifier under two reporting organisations,
/// related activities and documents with unsafe addresses.
enum HandMadeSite {
    static let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="2.03" generated-datetime="2024-01-01T00:00:00Z">
          <iati-activity last-updated-datetime="2024-01-01T00:00:00Z" xml:lang="en" default-currency="EUR">
            <iati-identifier>XX-HAND-1</iati-identifier>
            <reporting-org ref="XX-HAND" type="10"><narrative>Hand &amp; Co</narrative></reporting-org>
            <title><narrative>Skills &lt;script&gt;alert("title")&lt;/script&gt; for &amp; all</narrative><narrative xml:lang="fr">Compétences pour tous</narrative></title>
            <description type="1"><narrative>Description with &lt;img src=x onerror=alert(1)&gt; and &lt;b&gt;bold&lt;/b&gt;.</narrative></description>
            <participating-org ref="XX-DONOR" type="10" role="1"><narrative>&lt;script&gt;donor()&lt;/script&gt;</narrative></participating-org>
            <activity-status code="2"/>
            <activity-date type="2" iso-date="2021-03-01"/>
            <activity-date type="3" iso-date="2024-12-31"/>
            <recipient-country code="KH" percentage="100"/>
            <budget type="1" status="1">
              <period-start iso-date="2022-01-01"/><period-end iso-date="2022-12-31"/>
              <value currency="EUR" value-date="2022-01-01">100000.50</value>
            </budget>
            <transaction>
              <transaction-type code="11"/><transaction-date iso-date="2021-03-01"/>
              <value currency="EUR" value-date="2021-03-01">250000</value>
              <provider-org ref="XX-DONOR"><narrative>Donor</narrative></provider-org>
            </transaction>
            <transaction>
              <transaction-type code="4"/><transaction-date iso-date="2022-06-30"/>
              <value currency="EUR" value-date="2022-06-30">80000.25</value>
            </transaction>
            <document-link format="text/html" url="javascript:alert('doc')">
              <title><narrative>Unsafe link</narrative></title><category code="A01"/>
            </document-link>
            <document-link format="application/pdf" url="https://example.org/report.pdf">
              <title><narrative>Safe report</narrative></title><category code="A01"/>
            </document-link>
            <related-activity ref="XX-HAND/2 b" type="2"/>
            <related-activity ref="XX-ELSEWHERE-9" type="3"/>
            <result type="1">
              <title><narrative>Workers trained</narrative></title>
              <indicator measure="1" ascending="1">
                <title><narrative>Number of workers trained</narrative></title>
                <baseline year="2020" value="10"/>
                <period><period-start iso-date="2022-01-01"/><period-end iso-date="2022-12-31"/>
                  <target value="500"/><actual value="432"/></period>
              </indicator>
            </result>
          </iati-activity>
          <iati-activity last-updated-datetime="2024-01-01T00:00:00Z" xml:lang="en">
            <iati-identifier>XX-HAND/2 b</iati-identifier>
            <reporting-org ref="XX-HAND" type="10"><narrative>Hand</narrative></reporting-org>
            <title><narrative>Child with a slash</narrative></title>
            <activity-status code="3"/>
          </iati-activity>
          <iati-activity last-updated-datetime="2024-01-01T00:00:00Z" xml:lang="en">
            <iati-identifier>XX-HAND-1</iati-identifier>
            <reporting-org ref="XX-OTHER" type="10"><narrative>Other publisher</narrative></reporting-org>
            <title><narrative>The same identifier, published by another organisation</narrative></title>
          </iati-activity>
        </iati-activities>
        """

    /// Runs `body` with a client of a site on a new store holding ``xml``.
    static func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol, Store) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-handmade-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("hand.xml").path
        try xml.write(toFile: file, atomically: true, encoding: .utf8)
        let store = try await Store.open(folder.appendingPathComponent("hand.sqlite").path)
        do {
            // Validated, so that the activities carry findings to show.
            let report = await store.importFile(at: file, validator: try Validator())
            guard report.status == .imported else { throw WebError.internal("the hand-made file did not import: \(report)") }
            var logger = Logger(label: "devcoop.webtests")
            logger.logLevel = .warning
            let app = Application(router: WebServer.router(site: try await Site(store: store)), logger: logger)
            let result = try await app.test(.router) { client in try await body(client, store) }
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
