import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

@Suite("The site's frame: layout, languages, errors, security headers")
struct SiteTests {
    @Test("the overview answers with key figures, a chart and its table, in the layout")
    func overview() async throws {
        try await DemoSite.test { client in
            let response = try await client.execute(uri: "/?from=2020&to=2022", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("<svg"))
            #expect(html.contains("<table class=\"data-table\" id=\"approvals-by-year-data\">"))
            for year in 2020...2022 { #expect(html.contains("<th scope=\"row\">\(year)</th>") || html.contains(">\(year)<")) }
            #expect(html.contains("class=\"figure-value\">US$"))
        }
    }

    @Test("every page carries the security headers; the policy allows no inline script or style")
    func securityHeaders() async throws {
        try await DemoSite.test { client in
            for uri in ["/", "/no-such-page", "/static/style.css", "/health"] {
                let response = try await client.execute(uri: uri, method: .get)
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(!policy.contains("unsafe-inline"))
                #expect(policy.contains("default-src 'self'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test("?lang= and Accept-Language choose the interface language; links keep a chosen ?lang=")
    func languages() async throws {
        try await DemoSite.test { client in
            let chinese = try await client.execute(uri: "/?lang=zh", method: .get).text
            #expect(chinese.contains("<html lang=\"zh-Hans\">"))
            #expect(chinese.contains("发展合作概览"))
            #expect(chinese.contains("href=\"/funding?from=2020&amp;to=2025&amp;lang=zh\""))
            let french = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "de;q=0.9, fr-CH;q=0.8, en;q=0.5"]).text
            #expect(french.contains("<html lang=\"fr\">"))
            #expect(french.contains("La coopération pour le développement en bref"))
        }
    }

    @Test("an unknown address is a 404 page, a bad parameter a 400 page naming it; never a 500")
    func errors() async throws {
        try await DemoSite.test { client in
            let missing = try await client.execute(uri: "/no-such-page?lang=es", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("Página no encontrada"))
            for uri in ["/?from=abc", "/?from=2023&to=2020", "/?to=99999999999999999999", "/?from=%3Cscript%3E"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.text.contains("class=\"error-message\""), "\(uri)")
                #expect(!response.text.contains("<script>"), "\(uri)")
            }
        }
    }

    @Test("every language defines every English text")
    func textsComplete() throws {
        let english = Set(try Localizer.ownTexts(.en).keys)
        #expect(english.count > 20)
        for language in Language.allCases where language != .en {
            let own = Set(try Localizer.ownTexts(language).keys)
            #expect(english.subtracting(own).subtracting(["site_name"]).isEmpty, "\(language): \(english.subtracting(own).sorted())")
            #expect(own.subtracting(english).isEmpty, "\(language) has texts English lacks: \(own.subtracting(english).sorted())")
        }
    }

    @Test("Accept-Language negotiation", arguments: [
        ("zh-CN,zh;q=0.9,en;q=0.8", Language.zh), ("es-419", .es), ("de, it", .en), ("en;q=0, fr;q=0.1", .fr), ("", .en),
    ])
    func negotiation(header: String, expected: Language) {
        #expect(Language.negotiate(query: nil, acceptLanguage: header) == expected)
        #expect(Language.negotiate(query: "zh", acceptLanguage: header) == .zh)
        #expect(Language.negotiate(query: "xx", acceptLanguage: header) == expected)
    }
}
