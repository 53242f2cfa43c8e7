import Foundation
import IATI

/// Writes a planned project as an IATI 2.03 activity the way the ILO publishes one: its identity
/// and narratives (English, and French, Spanish or Chinese where they are spoken or searched),
/// funders and implementers, dates and status, places, sectors and the agency's own tags, yearly
/// budgets, every transaction with its provider, receiver, flow, finance, aid and tied status, and
/// results with baselines, targets and actuals.
struct DemoActivityBuilder {
    let random: DemoRandom
    let vocabulary = AgencyVocabulary.standard

    static let ilo = "International Labour Organization"

    /// The ILO as reporting organisation, in its four narrative languages.
    static var reportingOrg: ReportingOrg {
        ReportingOrg(ref: DemoFigures.ilo, type: "40", name: iloName)
    }

    static var iloName: NarrativeText {
        DemoText(ilo, fr: "Organisation internationale du Travail", es: "Organización Internacional del Trabajo", zh: "国际劳工组织")
            .narratives(["fr", "es", "zh"])
    }

    static func name(_ text: String) -> NarrativeText {
        NarrativeText(narratives: [Narrative(text: text)])
    }

    func activity(_ project: DemoProject) -> Activity {
        let schedule = DemoSchedule(project, random: random)
        var random = random.stream(8, UInt64(project.index))
        let languages = languages(project, &random)
        let (title, descriptions) = narratives(project, languages: languages)
        return Activity(
            lastUpdatedDatetime: DemoFigures.generated.dateTime,
            lang: "en",
            defaultCurrency: "USD",
            humanitarian: project.isHumanitarian ? "1" : "0",
            iatiIdentifier: project.identifier,
            reportingOrg: Self.reportingOrg,
            title: title.narratives(languages),
            descriptions: descriptions.map { Description(type: $0.type, narrative: $0.text.narratives(languages)) },
            participatingOrgs: participants(project, schedule),
            otherIdentifiers: [OtherIdentifier(ref: project.symbol, type: "A1")],
            activityStatus: schedule.status,
            activityDates: dates(project, schedule),
            contactInfos: [ContactInfo(
                type: "1", organisation: Self.name(Self.ilo), department: Self.name("Partnerships and Field Support Department (PARDEV)"),
                websites: ["https://www.ilo.org"])],
            activityScope: project.countries.count == 1 ? "4" : project.countries.count > 1 ? "3" : project.region == .global ? "1" : "2",
            recipientCountries: zip(project.countries, Self.percentages(project.countries.count)).map {
                RecipientCountry(code: $0, percentage: $1)
            },
            recipientRegions: project.countries.isEmpty
                ? [RecipientRegion(code: project.region.demoRegionCode, vocabulary: "1", percentage: "100")] : [],
            sectors: sectors(project),
            tags: tags(project),
            policyMarkers: policyMarkers(project, &random),
            collaborationType: project.kind == .rbsa ? "2" : project.southSouth ? "8" : "4",
            budgets: schedule.budgets.map {
                Budget(type: "1", status: "2", periodStart: $0.start.description, periodEnd: $0.end.description,
                       value: Value(amount: $0.usd, currency: "USD", valueDate: $0.start.description))
            },
            transactions: transactions(project, schedule),
            results: results(project, schedule, &random))
    }

    // MARK: Narratives

    /// The languages besides English: the country's French or Spanish, and Chinese for China, for
    /// China's projects and for a third of the others (the dashboard is searched in Chinese).
    private func languages(_ project: DemoProject, _ random: inout DemoRandom) -> [String] {
        guard project.kind == .project else { return ["fr", "es", "zh"] }
        var languages: [String] = []
        if let language = project.countries.first.flatMap(DemoCountry.find)?.language { languages.append(language) }
        let chineseCountry = project.countries.contains("CN") || DemoPartner.all[project.partner].name == "China"
        if random.chance(0.3) || chineseCountry { languages.append("zh") }
        return languages
    }

    /// Where the project works, as titles name it.
    private func place(_ project: DemoProject) -> DemoText {
        if project.countries.count == 1, let country = DemoCountry.find(project.countries[0]) {
            let local = country.local ?? country.english
            return DemoText(country.english, fr: country.language == "fr" ? local : country.english,
                            es: country.language == "es" ? local : country.english, zh: country.chinese)
        }
        let count = project.countries.count
        if count > 1 {
            guard let region = project.countryRegion else {
                return DemoText("interregional (\(count) countries)", fr: "interrégional (\(count) pays)",
                                es: "interregional (\(count) países)", zh: "跨区域\(count)国")
            }
            let name = region.demoName
            return DemoText("\(name.en) (\(count) countries)", fr: "\(name.fr) (\(count) pays)", es: "\(name.es) (\(count) países)",
                            zh: "\(name.zh)\(count)国")
        }
        if project.region == .global {
            return DemoText("global programme", fr: "programme mondial", es: "programa mundial", zh: "全球项目")
        }
        return project.region.demoName
    }

    private func narratives(_ project: DemoProject, languages: [String]) -> (DemoText, [(type: String, text: DemoText)]) {
        let partner = DemoPartner.all[project.partner]
        let biennium = "\(project.biennium)-\(String(format: "%02d", (project.biennium + 1) % 100))"
        switch project.kind {
        case .rbsa:
            let names = project.funders.map(\.name).joined(separator: ", ")
            return (
                DemoText("Regular Budget Supplementary Account (RBSA) \(biennium)",
                         fr: "Compte supplémentaire du budget ordinaire (CSBO) \(biennium)",
                         es: "Cuenta Suplementaria del Presupuesto Ordinario (CSPO) \(biennium)",
                         zh: "经常预算补充账户（\(project.biennium)-\(project.biennium + 1)年）"),
                [("1", DemoText(
                    "Core voluntary funding that the ILO allocates to country programme outcomes where it is most needed, contributed by \(names).",
                    fr: "Financement volontaire de base que l'OIT alloue aux résultats des programmes par pays là où les besoins sont les plus grands.",
                    es: "Financiación voluntaria básica que la OIT asigna a los resultados de los programas por país donde más se necesita.",
                    zh: "劳工组织将核心自愿资金分配给最需要的国别计划成果。"))])
        case .lightlyEarmarked:
            let sweden = partner.name == "Sweden"
            let themes = sweden
                ? DemoText("gender equality, just transition and the humanitarian-development-peace nexus",
                           fr: "égalité de genre, transition juste et lien entre action humanitaire, développement et paix",
                           es: "igualdad de género, transición justa y nexo entre acción humanitaria, desarrollo y paz",
                           zh: "性别平等、公正转型以及人道主义-发展-和平联结")
                : DemoText("social dialogue, skills and gender equality", fr: "dialogue social, compétences et égalité de genre",
                           es: "diálogo social, competencias e igualdad de género", zh: "社会对话、技能和性别平等")
            let country = sweden ? DemoText("Sweden", fr: "Suède", es: "Suecia", zh: "瑞典") : DemoText("Norway", fr: "Norvège", es: "Noruega", zh: "挪威")
            return (
                DemoText("\(country.en)-ILO Partnership Programme \(biennium): \(themes.en)",
                         fr: "Programme de partenariat \(country.fr)-OIT \(biennium) : \(themes.fr)",
                         es: "Programa de Alianza \(country.es)-OIT \(biennium): \(themes.es)",
                         zh: "\(country.zh)-国际劳工组织伙伴关系计划（\(project.biennium)-\(project.biennium + 1)年）：\(themes.zh)"),
                [("1", DemoText(
                    "Lightly earmarked funding from \(country.en) for the ILO's outcomes on \(themes.en), allocated by the ILO to the countries and global products that need it.",
                    fr: "Financement faiblement préaffecté de la \(country.fr) aux résultats de l'OIT en matière de \(themes.fr).",
                    es: "Financiación con asignación flexible de \(country.es) para los resultados de la OIT en materia de \(themes.es).",
                    zh: "\(country.zh)为劳工组织在\(themes.zh)方面的成果提供的宽松指定用途资金。"))])
        case .project:
            let theme = DemoTheme.all[project.theme]
            let place = place(project)
            var title = theme.title.map { text, language in
                language == "zh" ? "\(text)（\(place.zh)）" : "\(text) – \(place.text(language))"
            }
            if project.southSouth {
                title = DemoText("South-South cooperation: \(title.en)", fr: "Coopération Sud-Sud : \(title.fr)",
                                 es: "Cooperación Sur-Sur: \(title.es)", zh: "南南合作：\(title.zh)")
            }
            let where_: String
            switch project.countries.count {
            case 0: where_ = project.region == .global ? "countries worldwide" : "countries of \(project.region.demoName.en)"
            case 1: where_ = place.en
            default: where_ = "\(project.countries.count) countries" + (project.countryRegion.map { " of \($0.demoName.en)" } ?? " in several regions")
            }
            let programme = programme(project).map { " and to the Decent Work Country Programme \($0.code)" } ?? ""
            let funders = project.funders.map(\.name).joined(separator: ", ")
            let label = project.countries.count == 1 ? ("Pays", "País") : ("Zone", "Ámbito")
            let general = DemoText(
                "\(theme.title.en). The project works with the government and the employers' and workers' organizations of \(where_) to "
                    + "\(theme.objective.en). It contributes to outcome \(project.outcome.code) of the ILO Programme and Budget "
                    + "(\(project.outcome.englishName))\(programme). Funding partner: \(funders).",
                fr: "\(theme.title.fr). \(label.0) : \(place.fr). Le projet appuie les mandants tripartites – gouvernement, organisations "
                    + "d'employeurs et de travailleurs – pour \(theme.objective.fr).",
                es: "\(theme.title.es). \(label.1): \(place.es). El proyecto apoya a los mandantes tripartitos —gobierno, organizaciones de "
                    + "empleadores y de trabajadores— para \(theme.objective.es).",
                zh: "\(theme.title.zh)。项目与\(place.zh)的政府、雇主组织和工人组织合作，\(theme.objective.zh)。")
            let objective = DemoText(
                "To \(theme.objective.en).", fr: "Objectif : \(theme.objective.fr).", es: "Objetivo: \(theme.objective.es).",
                zh: "目标：\(theme.objective.zh)。")
            return (title, [("1", general), ("2", objective)])
        }
    }

    // MARK: Organisations, dates, places, classifications

    private func participants(_ project: DemoProject, _ schedule: DemoSchedule) -> [ParticipatingOrg] {
        var orgs = project.funders.map { ParticipatingOrg(ref: $0.ref, type: $0.type, role: "1", name: Self.name($0.name)) }
        orgs.append(ParticipatingOrg(ref: DemoFigures.ilo, type: "40", role: "2", name: Self.name(Self.ilo)))
        orgs.append(ParticipatingOrg(ref: DemoFigures.ilo, type: "40", role: "4", name: Self.name(Self.ilo)))
        if let implementer = schedule.implementer {
            orgs.append(ParticipatingOrg(ref: implementer.ref, type: implementer.type, role: "4", name: Self.name(implementer.name)))
        }
        return orgs
    }

    private func dates(_ project: DemoProject, _ schedule: DemoSchedule) -> [ActivityDate] {
        var dates = [ActivityDate(type: "1", isoDate: project.start.description)]
        if let start = schedule.actualStart { dates.append(ActivityDate(type: "2", isoDate: start.description)) }
        dates.append(ActivityDate(type: "3", isoDate: project.end.description))
        if let end = schedule.actualEnd { dates.append(ActivityDate(type: "4", isoDate: end.description)) }
        return dates
    }

    /// Whole percentages adding up to 100 over `count` parts (the first ones a point larger).
    static func percentages(_ count: Int) -> [String] {
        guard count > 0 else { return [] }
        return (0..<count).map { String(100 / count + ($0 < 100 % count ? 1 : 0)) }
    }

    /// The Decent Work Country Programme of a country project, when one was in force the year it was signed.
    func programme(_ project: DemoProject) -> DemoProgramme? {
        guard project.kind == .project, project.countries.count == 1 else { return nil }
        return DemoCountry.find(project.countries[0])?.programme(in: project.signed.year)
    }

    private func sectors(_ project: DemoProject) -> [Sector] {
        let outcomes = [project.outcome] + project.otherOutcomes
        let dac: [String]
        if project.kind == .project {
            dac = DemoTheme.all[project.theme].sectors
        } else {
            var codes: [String] = []
            for outcome in outcomes {
                if let code = DemoTheme.themes(of: outcome).first?.sectors.first, !codes.contains(code) { codes.append(code) }
            }
            dac = codes
        }
        let dacShares = dac.count == 2 && project.kind == .project ? ["70", "30"] : Self.percentages(dac.count)
        let outcomeShares: [String] = switch outcomes.count {
        case 1: ["100"]
        case 2: ["60", "40"]
        case 3: ["50", "30", "20"]
        default: ["40", "25", "20", "15"]
        }
        return zip(dac, dacShares).map { Sector(code: $0, vocabulary: "1", percentage: $1) }
            + zip(outcomes, outcomeShares).map {
                Sector(code: $0.code, vocabulary: AgencyVocabulary.iatiCode, vocabularyURI: vocabulary.outcome, percentage: $1,
                       narrative: Self.name($0.englishName))
            }
    }

    private func tag(_ code: String, _ uri: String, _ narrative: String) -> Tag {
        Tag(code: code, vocabulary: AgencyVocabulary.iatiCode, vocabularyURI: uri, narrative: Self.name(narrative))
    }

    /// The agency's tags (funding source, modality, South-South, programme, steering committee, CPO)
    /// and the SDG the outcome serves.
    private func tags(_ project: DemoProject) -> [Tag] {
        let source = project.source
        var tags = [
            tag(source.code, vocabulary.fundingSource, source.englishName),
            tag(project.modality.code, vocabulary.modality, project.modality.englishName),
        ]
        if project.southSouth { tags.append(tag("1", vocabulary.sstc, "South-South and triangular cooperation")) }
        if let programme = programme(project), let country = DemoCountry.find(programme.country) {
            tags.append(tag(programme.code, vocabulary.dwcp,
                            "Decent Work Country Programme, \(country.english) \(programme.first)-\(programme.last)"))
            if programme.steeringCommittee {
                tags.append(tag(programme.code, vocabulary.base + "/dwcp-steering-committee",
                                "Tripartite steering committee of the Decent Work Country Programme"))
            }
        }
        if let cpo = project.countryProgrammeOutcome {
            tags.append(tag(cpo, vocabulary.cpo, "Country programme outcome"))
        }
        let goal: (String, String) = switch project.outcome {
        case .socialProtection: ("1", "No poverty")
        case .skills: ("4", "Quality education")
        case .genderEquality: ("5", "Gender equality")
        default: ("8", "Decent work and economic growth")
        }
        tags.append(Tag(code: goal.0, vocabulary: "2", narrative: Self.name(goal.1)))
        return tags
    }

    private func policyMarkers(_ project: DemoProject, _ random: inout DemoRandom) -> [PolicyMarker] {
        var markers = [PolicyMarker(
            code: "1", vocabulary: "1", significance: project.outcome == .genderEquality ? "2" : random.chance(0.6) ? "1" : "0")]
        if project.kind == .project, DemoTheme.all[project.theme].title.en.contains("Disability") {
            markers.append(PolicyMarker(code: "11", vocabulary: "1", significance: "2"))
        }
        return markers
    }

    // MARK: Transactions

    private func transactions(_ project: DemoProject, _ schedule: DemoSchedule) -> [Transaction] {
        let humanitarian = project.isHumanitarian ? "1" : "0"
        let flow = project.source == .publicPrivatePartnership ? "30" : "10"
        let incomingAid: [AidType] = switch project.kind {
        case .project: [AidType(code: "C01", vocabulary: "1"), AidType(code: "3", vocabulary: "2")]
        case .rbsa: [AidType(code: "B02", vocabulary: "1"), AidType(code: "1", vocabulary: "2")]
        case .lightlyEarmarked: [AidType(code: "B03", vocabulary: "1"), AidType(code: "2", vocabulary: "2")]
        }
        let ilo = ReceiverOrg(ref: DemoFigures.ilo, type: "40", narrative: Self.name(Self.ilo))
        func provider(_ funder: DemoFunder) -> ProviderOrg {
            ProviderOrg(ref: funder.ref, type: funder.type, narrative: Self.name(funder.name))
        }
        var dated: [(date: DemoDate, order: Int, transaction: Transaction)] = []
        for commitment in project.commitments {
            let text = commitment.isAmendment
                ? "Amendment to the agreement with \(commitment.funder.name)" : "Agreement signed with \(commitment.funder.name)"
            dated.append((commitment.date, 0, Transaction(
                humanitarian: humanitarian, transactionType: "11", transactionDate: commitment.date.description,
                value: Value(amount: commitment.amount, currency: commitment.currency, valueDate: commitment.date.description),
                description: Self.name(text), providerOrg: provider(commitment.funder), receiverOrg: ilo, flowType: flow,
                financeType: "110", aidTypes: incomingAid, tiedStatus: "5")))
        }
        for flowItem in schedule.incoming {
            let funder = project.commitments[flowItem.commitment].funder
            dated.append((flowItem.date, 1, Transaction(
                humanitarian: humanitarian, transactionType: "1", transactionDate: flowItem.date.description,
                value: Value(amount: flowItem.amount, currency: flowItem.currency, valueDate: flowItem.date.description),
                description: Self.name("Instalment \(flowItem.instalment) received from \(funder.name)"),
                providerOrg: provider(funder), receiverOrg: ilo, flowType: flow, financeType: "110", aidTypes: incomingAid,
                tiedStatus: "5")))
        }
        for flowItem in schedule.spending {
            var receiver: ReceiverOrg? = nil
            let text: String
            if flowItem.kind == .disbursement, let implementer = schedule.implementer {
                receiver = ReceiverOrg(ref: implementer.ref, type: implementer.type, narrative: Self.name(implementer.name))
                text = "Payment to \(implementer.name) under an implementation agreement"
            } else {
                text = "Expenditure, quarter ending \(flowItem.date.endOfQuarter)"
            }
            dated.append((flowItem.date, flowItem.kind == .disbursement ? 2 : 3, Transaction(
                humanitarian: humanitarian, transactionType: flowItem.kind == .disbursement ? "3" : "4",
                transactionDate: flowItem.date.description,
                value: Value(amount: flowItem.amount, currency: "USD", valueDate: flowItem.date.description),
                description: Self.name(text), receiverOrg: receiver, flowType: "10", financeType: "110",
                aidTypes: [AidType(code: "C01", vocabulary: "1")], tiedStatus: "5")))
        }
        return dated.enumerated().sorted { a, b in
            if a.element.date != b.element.date { return a.element.date < b.element.date }
            return a.element.order != b.element.order ? a.element.order < b.element.order : a.offset < b.offset
        }.map(\.element.transaction)
    }

    // MARK: Results

    private func results(_ project: DemoProject, _ schedule: DemoSchedule, _ random: inout DemoRandom) -> [IATI.Result] {
        let periods = schedule.budgets.map { ($0.start, $0.end) }
        if project.kind == .rbsa {
            let indicator = DemoIndicator(
                title: "Number of country programme outcomes achieved with RBSA support", measure: "1", baseline: 0...0, step: 15...40)
            return [IATI.Result(
                type: "2", aggregationStatus: "1", title: Self.name("Country programme outcomes achieved with RBSA funding"),
                indicators: [self.indicator(indicator, project, periods, &random)])]
        }
        let templates = DemoIndicator.indicators(project.outcome)
        var results = [IATI.Result(
            type: "2", aggregationStatus: "1", title: Self.name(DemoIndicator.outcomeResult(project.outcome)),
            indicators: [indicator(templates[0], project, periods, &random)])]
        let outputs = project.kind == .project && project.committedUSD > 2_000_000 ? 2 : 1
        for output in 0..<outputs where output + 1 < templates.count {
            results.append(IATI.Result(
                type: "1", aggregationStatus: "1", title: Self.name(DemoIndicator.outputs[output]),
                indicators: [indicator(templates[output + 1], project, periods, &random)]))
        }
        return results
    }

    private func indicator(
        _ template: DemoIndicator, _ project: DemoProject, _ periods: [(DemoDate, DemoDate)], _ random: inout DemoRandom
    ) -> Indicator {
        let baseline = random.int(template.baseline)
        var level = baseline
        var values: [Period] = []
        for (from, to) in periods {
            let target: Int, actual: Int
            if template.measure == "2" {
                let step = random.int(template.step)
                level = template.ascending ? min(100, level + step) : max(0, level - step)
                target = level
                actual = min(100, max(0, level + random.int(-5...3) * (template.ascending ? 1 : -1)))
            } else {
                target = random.int(template.step)
                actual = Int((Double(target) * random.double(0.6...1.2)).rounded())
            }
            values.append(Period(
                periodStart: from.description, periodEnd: to.description, targets: [PeriodValue(value: String(target))],
                actuals: to <= DemoFigures.lastDay ? [PeriodValue(value: String(actual))] : []))
        }
        return Indicator(
            measure: template.measure, ascending: template.ascending ? "1" : "0", title: Self.name(template.title),
            baselines: [Baseline(year: String(project.start.year), isoDate: project.start.description, value: String(baseline))],
            periods: values)
    }
}
