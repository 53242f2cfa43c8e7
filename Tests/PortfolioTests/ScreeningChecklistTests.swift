import Testing
import Portfolio

/// The written rules of the E&S screening checklist on hand-made answers.
@Suite struct ScreeningChecklistTests {
    let checklist = ScreeningChecklist.current

    /// Every question answered `no`, then the answers given.
    func answers(_ given: [String: ScreeningAnswer] = [:]) -> [String: ScreeningAnswer] {
        Dictionary(uniqueKeysWithValues: checklist.questions.map { ($0.id, given[$0.id] ?? .no) })
    }

    @Test func versionOneCoversEveryAreaAndStatesSevenRules() {
        #expect(checklist.version == 1)
        #expect(ScreeningChecklist.version(1) == checklist)
        #expect(ScreeningChecklist.version(2) == nil)
        #expect(Set(checklist.questions.map(\.area)) == Set(ScreeningArea.allCases))
        #expect(Set(checklist.questions.map(\.id)).count == checklist.questions.count)
        #expect(checklist.rules.count == 7)
        #expect(Set(checklist.areaMeasures.keys) == Set(ScreeningArea.allCases))
        #expect(RiskCategory.allCases.allSatisfy { !(checklist.categoryMeasures[$0] ?? []).isEmpty })
    }

    @Test func everyCategoryIsReachableByItsRule() throws {
        let cases: [([String: ScreeningAnswer], RiskCategory, Int)] = [
            (["resettlement.displacement": .high], .high, 1),
            (["gender.seah": .high], .high, 1),
            (["labour.conditions": .high, "environment.pollution": .high], .high, 2),
            (["labour.conditions": .high], .substantial, 3),
            (["labour.conditions": .medium, "environment.climate": .medium, "heritage.cultural": .medium], .substantial, 4),
            (["labour.conditions": .medium, "environment.climate": .medium], .moderate, 5),
            (["resettlement.displacement": .medium], .moderate, 5),
            (["labour.conditions": .low, "labour.child-forced": .low, "community.health-safety": .low, "gender.equality": .low,
              "environment.climate": .low], .moderate, 6),
            (["labour.conditions": .low, "labour.child-forced": .low, "community.health-safety": .low, "gender.equality": .low], .low, 7),
            ([:], .low, 7),
        ]
        for (given, category, rule) in cases {
            let assessment = try checklist.assess(answers(given))
            #expect(assessment.category == category, "\(given)")
            #expect(assessment.rule == rule, "\(given)")
            #expect(assessment.checklistVersion == 1)
        }
        #expect(Set(cases.map(\.1)) == Set(RiskCategory.allCases))
    }

    @Test func measuresAreCumulativeByCategoryPlusOnePerFlaggedArea() throws {
        let low = try checklist.assess(answers())
        #expect(low.measures == checklist.categoryMeasures[.low])
        #expect(low.flaggedAreas.isEmpty)

        let high = try checklist.assess(answers(["gender.seah": .high, "environment.climate": .medium, "labour.conditions": .low]))
        #expect(high.category == .high)
        #expect(high.flaggedAreas == [.genderSEAH, .environment])
        let expected = RiskCategory.allCases.flatMap { checklist.categoryMeasures[$0]! }
            + [checklist.areaMeasures[.genderSEAH]!, checklist.areaMeasures[.environment]!]
        #expect(high.measures == expected)
        #expect(high.measures.contains { $0.id == "area.gender-seah" })

        let substantial = try checklist.assess(answers(["labour.conditions": .high]))
        #expect(substantial.measures.count == 1 + 2 + 3 + 1)
        #expect(!substantial.measures.contains { $0.id == "category.impact-assessment" })
    }

    @Test func unknownQuestionsAnswersAndGapsAreRefused() throws {
        var text = answers().mapValues(\.rawValue)
        text["labour.weather"] = "low"
        #expect(throws: PortfolioError.self) { try checklist.assess(text: text) }

        var unknownAnswer = answers().mapValues(\.rawValue)
        unknownAnswer["gender.seah"] = "perhaps"
        let error = #expect(throws: PortfolioError.self) { try checklist.assess(text: unknownAnswer) }
        #expect(error?.message.contains("perhaps") == true)

        var incomplete = answers()
        incomplete["resettlement.displacement"] = nil
        let gap = #expect(throws: PortfolioError.self) { try checklist.assess(incomplete) }
        #expect(gap?.message.contains("resettlement.displacement") == true)

        // Answers are read without regard to case.
        var upper = answers().mapValues(\.rawValue)
        upper["gender.seah"] = "HIGH"
        #expect(try checklist.assess(text: upper).category == .high)
    }

    @Test func pipelineStatusesFromApprovalOnNeedAScreening() {
        #expect(PipelineStatus.allCases.filter(\.requiresScreening) == [.approved, .implementation, .closed])
    }

    @Test func everyOutcomeHasAPillar() {
        #expect(Set(Outcome.allCases.map(\.strategyPillar)) == [1, 2, 3, 4])
        #expect(Outcome.strategyPillarNames.keys.sorted() == [1, 2, 3, 4])
        #expect(Outcome.socialDialogue.strategyPillar == 1)
        #expect(Outcome.socialProtection.strategyPillar == 2)
        #expect(Outcome.knowledgeAndPartnerships.strategyPillar == 3)
        #expect(Outcome.supportServices.strategyPillar == 4)
    }
}
