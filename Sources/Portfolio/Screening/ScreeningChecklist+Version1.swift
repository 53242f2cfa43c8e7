extension ScreeningChecklist {
    /// Version 1 (2026): eleven questions over the eight areas.
    public static let version1 = ScreeningChecklist(
        version: 1,
        questions: [
            ScreeningQuestion(id: "labour.conditions", area: .labour, text: "Could workers of the project, its contractors or suppliers face unsafe or unhealthy working conditions?"),
            ScreeningQuestion(id: "labour.child-forced", area: .labour, text: "Is there a risk of child labour or forced labour in the project's activities or supply chains?"),
            ScreeningQuestion(id: "community.health-safety", area: .communityHealth, text: "Could works, traffic, hazardous materials or an influx of workers affect the health and safety of local communities?"),
            ScreeningQuestion(id: "gender.seah", area: .genderSEAH, text: "Does the project bring staff or contractors into contact with vulnerable people in ways that create a risk of sexual exploitation, abuse or harassment?"),
            ScreeningQuestion(id: "gender.equality", area: .genderSEAH, text: "Could the project reinforce gender discrimination or leave women out of its benefits?"),
            ScreeningQuestion(id: "environment.pollution", area: .environment, text: "Could the project cause pollution or waste, or harm biodiversity or natural resources?"),
            ScreeningQuestion(id: "environment.climate", area: .environment, text: "Does the project add greenhouse gas emissions, or is it exposed to climate hazards such as floods or droughts?"),
            ScreeningQuestion(id: "indigenous.peoples", area: .indigenousPeoples, text: "Could the project affect indigenous and tribal peoples, their lands, resources or ways of life?"),
            ScreeningQuestion(id: "heritage.cultural", area: .culturalHeritage, text: "Could the project affect tangible or intangible cultural heritage?"),
            ScreeningQuestion(id: "resettlement.displacement", area: .resettlement, text: "Does the project involve land acquisition or restrictions on land use, or physical or economic displacement?"),
            ScreeningQuestion(id: "stakeholders.engagement", area: .stakeholderEngagement, text: "Is there a risk that affected people are not consulted or have no way to raise grievances?"),
        ],
        rules: [
            "Any high answer on resettlement or on gender and SEAH: high.",
            "Two or more high answers: high.",
            "One high answer: substantial.",
            "Three or more medium answers: substantial.",
            "One or two medium answers: moderate.",
            "Five or more low answers: moderate.",
            "Otherwise: low.",
        ],
        categoryMeasures: [
            .low: [
                MitigationMeasure(id: "category.safeguards", text: "Apply the agency's standard E&S safeguards and code of conduct in all contracts."),
            ],
            .moderate: [
                MitigationMeasure(id: "category.esmp", text: "Prepare an E&S management plan proportionate to the risks flagged."),
                MitigationMeasure(id: "category.reporting", text: "Track the E&S risks in the project's risk register and progress reports."),
            ],
            .substantial: [
                MitigationMeasure(id: "category.specialist-review", text: "Have an E&S specialist review the design before approval."),
                MitigationMeasure(id: "category.grievance", text: "Consult the affected stakeholders and set up a grievance mechanism before activities start."),
                MitigationMeasure(id: "category.monitoring", text: "Report on E&S performance at least once a year."),
            ],
            .high: [
                MitigationMeasure(id: "category.impact-assessment", text: "Commission an independent E&S impact assessment before approval."),
                MitigationMeasure(id: "category.clearance", text: "Obtain clearance by the regional safeguards focal point and senior management."),
            ],
        ],
        areaMeasures: [
            .labour: MitigationMeasure(id: "area.labour", text: "Labour management procedures: occupational safety and health plan, no child or forced labour clauses in contracts, a workers' grievance mechanism."),
            .communityHealth: MitigationMeasure(id: "area.community-health", text: "Community health and safety plan covering traffic, hazardous materials and worker influx."),
            .genderSEAH: MitigationMeasure(id: "area.gender-seah", text: "SEAH risk assessment and action plan, code of conduct signed by staff and contractors, survivor-centred reporting channel; gender action plan."),
            .environment: MitigationMeasure(id: "area.environment", text: "Environmental and climate risk management plan: pollution prevention, resource efficiency, climate resilience."),
            .indigenousPeoples: MitigationMeasure(id: "area.indigenous-peoples", text: "Free, prior and informed consultation of the indigenous and tribal peoples concerned (Convention No. 169)."),
            .culturalHeritage: MitigationMeasure(id: "area.cultural-heritage", text: "Chance-finds procedure and consultation of the communities on their cultural heritage."),
            .resettlement: MitigationMeasure(id: "area.resettlement", text: "Resettlement action plan to international standards, or a redesign that avoids displacement."),
            .stakeholderEngagement: MitigationMeasure(id: "area.stakeholder-engagement", text: "Stakeholder engagement plan with a grievance mechanism open to everyone affected."),
        ])
}
