extension DemoPortfolio {
    /// The demo's register of Decent Work Country Programmes: every cycle of ``DemoProgrammes``
    /// (55 in force on 15 September 2022, 52 of them with a tripartite steering committee), each
    /// with the CPOs its projects serve. A committee is set up in the programme's first April.
    public func programmeRegister() -> [CountryProgramme] {
        var outcomesByProgramme: [String: Set<String>] = [:]
        for project in projects where project.countries.count == 1 {
            guard let cpo = project.countryProgrammeOutcome, let country = DemoCountry.find(project.countries[0]),
                  let programme = country.programme(in: project.signed.year) else { continue }
            outcomesByProgramme[programme.code, default: []].insert(cpo)
        }
        return DemoCountry.all.flatMap { country in
            country.programmes.map { programme in
                CountryProgramme(
                    code: programme.code, country: country.code,
                    title: LocalizedText([
                        "en": "Decent Work Country Programme, \(country.english) \(programme.first)–\(programme.last)",
                        "zh": "\(country.chinese)体面劳动国别计划（\(programme.first)–\(programme.last) 年）",
                    ]),
                    start: "\(programme.first)-01-01", end: "\(programme.last)-12-31",
                    committeeSince: programme.steeringCommittee ? "\(programme.first)-04-01" : nil,
                    outcomes: (outcomesByProgramme[programme.code] ?? []).sorted().map { code in
                        let outcome = Outcome(rawValue: String(Int(code.suffix(2)) ?? 0))
                        return CountryProgrammeOutcome(code: code, text: LocalizedText([
                            "en": "\(country.english): \(outcome?.englishName ?? "Institutional capacity")",
                        ]))
                    })
            }
        }
    }
}
