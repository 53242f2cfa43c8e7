import Charts
import Foundation
import Portfolio
import Store
import Testing
@testable import Web

@Suite("The review document, from live data")
struct ReviewDocumentTests {
    static let midTerm = "2023-02-15"

    @Test("every pillar with its outcome, actions and progress, in English and Chinese", arguments: [Language.en, .zh])
    func pillarsActionsAndProgress(language: Language) async throws {
        let site = try await DemoSite.site()
        let document = try await site.review(asOf: Self.midTerm, language: language)
        let stored = try await site.store.strategyReview(asOf: Self.midTerm)
        let lang = language.rawValue
        #expect(stored.pillars.count == 4)
        for pillar in stored.pillars {
            let table = try #require(Self.table(document, site.localizer.text("rv_pillar_table", language, [String(pillar.pillar.number)])))
            let texts = table.rows.map { $0[1] }
            #expect(texts.first == pillar.pillar.outcome.text(lang))
            #expect(Array(texts.dropFirst().prefix(pillar.pillar.actions.count)) == pillar.pillar.actions.map { $0.text.text(lang) })
            let progress = try #require(pillar.latest?.narrative)
            #expect(progress.has(lang))
            #expect(texts.last == progress.text(lang))
        }
        let html = document.html()
        #expect(html.contains("<html lang=\"\(language.tag)\">"))
        #expect(document.figures.count == 5)
        if language == .zh {
            // The seed's structure: its headings, in its order.
            let headings = document.blocks.compactMap { block -> String? in
                if case .heading(_, let text, _) = block { return text }
                return nil
            }
            let seed = ["文件目的", "一. 背景", "二. 评估", "三. 该战略四大支柱领域的最新情况", "III.1. 支柱领域 1：为三方成员提供服务",
                        "III.2. 支柱领域 2：促进政策协调的伙伴关系", "III.3. 支柱领域 3：供资伙伴关系", "四. 下一步工作", "五. 决定草案", "附录"]
            #expect(headings.filter { heading in seed.contains { heading.hasPrefix($0) } }.count == seed.count, "\(headings)")
            #expect(document.title == "《国际劳工组织 2020-2025 年发展合作战略》的中期评估")
        }
    }

    @Test("the computed indicators equal what the store computes, in the document's indicator tables")
    func computedIndicators() async throws {
        let site = try await DemoSite.site()
        let document = try await site.review(asOf: Self.midTerm, language: .en)
        let stored = try await site.store.strategyReview(asOf: Self.midTerm)
        var checked = 0
        for pillar in stored.pillars {
            let table = try #require(Self.table(document, "Indicators of pillar \(pillar.pillar.number)"))
            for indicator in pillar.indicators {
                let row = try #require(table.rows.first { $0[0] == indicator.indicator.title.text("en") })
                guard let computed = indicator.computed else { continue }
                #expect(row[5] == "\(Site.valueFormat(indicator.indicator.unit).format(computed.value)) (\(computed.date))")
                #expect(row[6] == "computed from the portfolio")
                checked += 1
            }
        }
        #expect(checked == stored.pillars.flatMap(\.indicators).filter { $0.indicator.computed != nil }.count)
        #expect(checked >= 10)
    }

    @Test("the appendix: five figures and the partner table, as the store sums them")
    func appendix() async throws {
        let site = try await DemoSite.site()
        let document = try await site.review(asOf: Self.midTerm, language: .en)
        #expect(document.figures.map(\.number) == [1, 2, 3, 4, 5])
        for figure in document.figures {
            #expect(figure.svg.hasPrefix("<svg") && figure.svg.contains("role=\"img\""), "figure \(figure.number)")
            #expect(!figure.data.rows.isEmpty, "figure \(figure.number)")
        }
        // Figures 1–3 cover the six years before the strategy and its years ended by the review's day.
        #expect(document.figures[0].data.rows.map { $0[0] } == (2014...2022).map(String.init))
        let partners = try await site.store.funding(FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022))
        let table = try #require(Self.table(document, "Voluntary funding partners by contributions, 2020–2022 (XBDC and RBSA)"))
        #expect(table.rows.count == partners.rows.count + 1)
        #expect(table.rows.last == ["Total", Money.thousands(partners.total)])
        #expect(table.rows.first?[1] == partners.rows.first.map { Money.thousands($0.usd) })
    }

    @Test("as of a day before a recorded change, the document shows what was before it")
    func asOfBeforeAChange() async throws {
        let path = try await DemoSite.copy()
        let store = try await Store.open(path)
        let site = try await Site(store: store)
        do {
            try await store.recordAssessment(ProgressAssessment(
                pillar: 2, date: "2024-06-01", rating: .offTrack,
                narrative: LocalizedText(["en": "Partnerships with IFIs stalled.", "zh": "与国际金融机构的伙伴关系停滞。"]),
                recordedBy: "reviewer", recordedAt: ""))
            let before = try await site.review(asOf: "2024-05-31", language: .en)
            let after = try await site.review(asOf: "2024-06-01", language: .en)
            let beforeRating = try await store.strategyReview(asOf: "2024-05-31").pillars[1].latest?.rating
            #expect(beforeRating != .offTrack)
            #expect(!before.html().contains("Partnerships with IFIs stalled."))
            #expect(try #require(Self.table(before, "Progress of the pillars as of 2024-05-31")).rows[1][2]
                == site.localizer.text("rating_\(try #require(beforeRating).rawValue)", .en))
            #expect(after.html().contains("Partnerships with IFIs stalled."))
            #expect(try #require(Self.table(after, "Progress of the pillars as of 2024-06-01")).rows[1][2] == "Off track")
            #expect(after.html().contains("Pillar 2 (Partnerships for policy coherence) is rated “Off track” (2024-06-01): its actions will be accelerated."))
            let chinese = try await site.review(asOf: "2024-06-01", language: .zh).html()
            #expect(chinese.contains("与国际金融机构的伙伴关系停滞。"))
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    @Test("Markdown: the same blocks, figures as images, narratives never turned into markup")
    func markdown() async throws {
        let site = try await DemoSite.site()
        let document = try await site.review(asOf: Self.midTerm, language: .en)
        let markdown = document.markdown { "review-figure-\($0).svg" }
        for number in 1...5 { #expect(markdown.contains("](review-figure-\(number).svg)")) }
        #expect(markdown.contains("# Mid-term review of the ILO Development Cooperation Strategy 2020-25"))
        #expect(markdown.contains("### III.1. Pillar 1: Services to constituents"))
        #expect(!markdown.contains("<svg"))
        var hostile = document
        hostile.blocks = [.paragraph("<script>alert(1)</script> *bold* | pipe")]
        #expect(hostile.markdown { _ in "" }.contains("\\<script\\>alert(1)\\</script\\> \\*bold\\* \\| pipe"))
        #expect(hostile.html().contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("/strategy/review serves the document; the strategy page links to it; a bad day is a 400")
    func servedAndLinked() async throws {
        try await DemoSite.test { client in
            let response = try await client.execute(uri: "/strategy/review?as-of=2023-02-15&lang=zh", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("<h1>《国际劳工组织 2020-2025 年发展合作战略》的中期评估</h1>"))
            let strategy = try await client.execute(uri: "/strategy?as-of=2023-02-15", method: .get).text
            #expect(strategy.contains("href=\"/strategy/review?as-of=2023-02-15\""))
            let bad = try await client.execute(uri: "/strategy/review?as-of=2023-13-01", method: .get)
            #expect(bad.status == .badRequest)
        }
    }

    static func table(_ document: ReviewDocument, _ caption: String) -> ReviewDocument.Table? {
        for block in document.blocks {
            if case .table(let table) = block, table.caption == caption { return table }
        }
        return nil
    }
}
