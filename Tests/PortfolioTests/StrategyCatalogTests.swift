import Foundation
import Testing
@testable import Portfolio

@Suite("The bundled strategy 2020–25, its mid-term review, and the demo's register of country programmes")
struct StrategyCatalogTests {
    @Test("four pillars, every action, each text in English and Chinese")
    func strategyLoadsWithEnglishAndChinese() throws {
        let catalog = try StrategyCatalog.bundled()
        let strategy = catalog.strategy
        #expect(strategy.id == "ILO-DC-2020-2025")
        #expect(strategy.start == "2020-01-01" && strategy.end == "2025-12-31")
        #expect(strategy.pillars.map(\.number) == [1, 2, 3, 4])
        #expect(strategy.pillars.map(\.actions.count) == [4, 4, 3, 4])
        var texts = [strategy.title]
        for pillar in strategy.pillars {
            texts += [pillar.title, pillar.outcome] + pillar.actions.map(\.text)
            #expect(pillar.actions.map(\.number) == Array(1...pillar.actions.count))
        }
        texts += strategy.indicators.map(\.title)
        for text in texts {
            #expect(text.has("en") && text.has("zh"), "\(text)")
        }
        #expect(strategy.pillar(3)?.title.text("zh") == "供资伙伴关系")
        // French asks fall back to English.
        #expect(strategy.pillar(3)?.title.text("fr") == "Funding partnerships")
    }

    @Test("the review's progress texts are the first assessments, dated 15 February 2023 with data as of 17 January")
    func midTermReviewIsTheFirstAssessment() throws {
        let catalog = try StrategyCatalog.bundled()
        #expect(catalog.assessments.map(\.pillar) == [1, 2, 3, 4])
        for assessment in catalog.assessments {
            #expect(assessment.date == "2023-02-15")
            #expect(assessment.dataAsOf == "2023-01-17")
            #expect(assessment.narrative.has("en") && assessment.narrative.has("zh"))
            #expect(assessment.evidence == ["GB.347/POL/3"])
            #expect(assessment.rating == StrategyCatalog.midTermRatings[assessment.pillar])
        }
    }

    @Test("the reported figures are entered values of known indicators, citing their paragraph")
    func reportedFiguresAreEnteredValues() throws {
        let catalog = try StrategyCatalog.bundled()
        let ids = Set(catalog.strategy.indicators.map(\.id))
        #expect(ids.count == catalog.strategy.indicators.count)
        #expect(!catalog.values.isEmpty)
        for value in catalog.values {
            #expect(ids.contains(value.indicator), "\(value.indicator)")
            #expect(value.source.hasPrefix("GB.347/POL/3, paragraph "))
            #expect(CalendarDate.parse(value.date) != nil)
            #expect(!value.computed)
        }
        let committees = try #require(catalog.values.first { $0.indicator == "dwcp-with-committee" })
        #expect(committees.value == 52 && committees.date == "2022-09-15")
        #expect(catalog.values.first { $0.indicator == "rbsa-contributions" }?.value == 50.9)
        // Every computed measure is used by one indicator, and every indicator sits on a real pillar and action.
        #expect(Set(catalog.strategy.indicators.compactMap(\.computed)) == Set(ComputedMeasure.allCases))
        for indicator in catalog.strategy.indicators {
            let pillar = try #require(catalog.strategy.pillar(indicator.pillar))
            if let action = indicator.action { #expect(pillar.actions.contains { $0.number == action }, "\(indicator.id)") }
        }
    }

    @Test("dates are real days written YYYY-MM-DD")
    func calendarDates() {
        #expect(CalendarDate.parse("2023-02-15") == "2023-02-15")
        #expect(CalendarDate.parse("2024-02-29") == "2024-02-29")
        for bad in ["2023-02-30", "2023-2-15", "15/02/2023", "2023-02-15T10:00", "", "yesterday"] {
            #expect(CalendarDate.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("the demo register: 55 programmes active on 15 September 2022, 52 of them with a steering committee")
    func demoRegisterHasTheSeedsCounts() throws {
        let register = try DemoPortfolio(seed: 1).programmeRegister()
        let day = "2022-09-15"
        let active = register.filter { $0.status(on: day) == .active }
        #expect(active.count == 55)
        #expect(active.filter { $0.hasCommittee(on: day) }.count == 52)
        #expect(register.allSatisfy { $0.problem == nil })
        #expect(Set(register.map(\.code)).count == register.count)
        let bangladesh = try #require(register.first { $0.code == "BD-2022-2026" })
        #expect(bangladesh.outcomes.allSatisfy { $0.code.hasPrefix("BGD2") })
        #expect(!bangladesh.outcomes.isEmpty)
        #expect(bangladesh.status(on: "2021-12-31") == .inPreparation && bangladesh.status(on: "2027-01-01") == .ended)
    }
}
