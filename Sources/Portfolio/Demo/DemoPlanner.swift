import Foundation

/// Plans the demo portfolio: which partner signs how many agreements a year, where and what for,
/// and for how much, so that it holds the seed's figures (see ``DemoFigures``):
///
/// 1. agreements per partner and year, more for larger partners (and many small ones for UN
///    agencies, foundations and South-South partners), with a place drawn from the partner's regions;
/// 2. exactly 70 South-South projects signed 2020–22, covering exactly 85 countries in five regions;
/// 3. every one of the 120 countries, and every one of the 55 programmes in force on 15 September
///    2022, with a project (moving a project from a country that has several);
/// 4. amounts: each partner's 2020–22 commitments add up, at the ECB rates of their dates, to the
///    table's figure (its last one, in US dollars, takes what currency rounding left over); other
///    years follow the appendix's approvals;
/// 5. outcomes, balanced over 2020–22 spending so that child and forced labour, social protection,
///    skills, employment-intensive investment and enterprises lead;
/// 6. project symbols and identifiers.
struct DemoPlanner {
    let random: DemoRandom
    let scale: Int
    let rates: ExchangeRates

    private var partners: [DemoPartner] { DemoPartner.all }
    private var window: ClosedRange<Int> { DemoFigures.window }

    func plan() -> [DemoProject] {
        var projects = earmarked()
        projects += coreAndThematic(from: projects.count)
        balanceSouthSouth(&projects)
        placeSouthSouth(&projects)
        coverCountries(&projects)
        coverProgrammes(&projects)
        price(&projects)
        assignOutcomes(&projects)
        name(&projects)
        return projects
    }

    // MARK: 1. Agreements

    /// XBDC approvals of `year` (scale 1), in US dollars.
    private func approvals(_ year: Int) -> Double {
        if let figure = DemoFigures.approvals[year] { return Double(figure) }
        return Double(partners.reduce(0) { $0 + $1.projectUSD }) * (DemoFigures.windowSplit[year] ?? 0)
    }

    private func earmarked() -> [DemoProject] {
        let total = Double(partners.reduce(0) { $0 + $1.projectUSD })
        let allApprovals = DemoFigures.years.reduce(0.0) { $0 + approvals($1) }
        var counts: [Int: [Int]] = [:]
        for year in DemoFigures.years {
            var random = self.random.stream(1, UInt64(year))
            let pull = partners.map { $0.agreementFactor * pow(Double($0.projectUSD) / total * random.logNormal(sigma: 0.3), 0.75) }
            let sum = pull.reduce(0, +)
            let expected = Double(DemoFigures.projects * scale) * approvals(year) / allApprovals
            counts[year] = pull.map { random.round(expected * $0 / sum) }
        }
        var random = self.random.stream(1, 0)
        for partner in partners.indices where window.reduce(0, { $0 + (counts[$1]?[partner] ?? 0) }) == 0 {
            let year = random.int(window.lowerBound...window.upperBound)
            counts[year]?[partner] = 1
        }
        var projects: [DemoProject] = []
        for year in DemoFigures.years {
            for partner in partners.indices {
                for number in 0..<(counts[year]?[partner] ?? 0) {
                    var random = self.random.stream(3, UInt64(year), UInt64(partner), UInt64(number))
                    projects.append(project(projects.count, partner: partner, year: year, &random))
                }
            }
        }
        return projects
    }

    private func project(_ index: Int, partner: Int, year: Int, _ random: inout DemoRandom) -> DemoProject {
        let info = partners[partner]
        let signed = DemoDate(year, 1, 2).adding(days: random.int(0...(year == DemoFigures.lastDay.year ? 320 : 355))).weekday
        let funder = chooseFunder(info, signed: signed, &random)
        let weight = DemoPartner.sizes[partner] * random.logNormal(sigma: 0.9)
        var region: Region
        var countries: [String] = []
        if let country = funder.country.flatMap(DemoCountry.find) {
            region = country.region
            countries = [country.code]
        } else {
            region = DemoPartner.regionOrder[random.weighted(info.regions)]
            let excluded = Set([info.home].compactMap { $0 })
            if region == .global {
                if random.chance(0.25) { countries = interregional(random.int(2...4), excluding: excluded, &random) }
            } else {
                let shape = random.unit()
                if shape < 0.75 {
                    countries = pickCountries(1, in: region, excluding: excluded, &random)
                } else if shape < 0.88 {
                    countries = pickCountries(random.int(2...4), in: region, excluding: excluded, &random)
                }
            }
        }
        var currency = funder.currencies[0]
        if !random.chance(0.75) { currency = random.pick(funder.currencies + ["USD"]) }
        let southSouth = random.chance(info.southSouth)
        var months = southSouth ? random.int(12...30) : random.int(18...48)
        if weight > 1.8 * DemoPartner.sizes[partner] { months += random.int(6...18) }
        let start = signed.adding(days: random.int(0...75))
        var end = start.adding(months: months).adding(days: -1)
        var commitments = [DemoCommitment(date: signed, partner: partner, funder: funder, weight: weight, currency: currency)]
        if random.chance(0.25) {
            let date = signed.adding(months: random.int(9...30)).weekday
            if date < end, date <= DemoFigures.lastDay.adding(days: -14) {
                commitments.append(DemoCommitment(
                    date: date, partner: partner, funder: funder, weight: weight * random.double(0.15...0.6), isAmendment: true,
                    currency: currency))
                end = end.adding(months: random.int(6...12))
            }
        }
        return DemoProject(
            index: index, kind: .project, partner: partner, signed: signed, region: region, countries: countries,
            southSouth: southSouth, commitments: commitments, start: start, end: end)
    }

    private func chooseFunder(_ partner: DemoPartner, signed: DemoDate, _ random: inout DemoRandom) -> DemoFunder {
        var candidates = partner.funders
        if partner.source == .europeanCommission {
            // DG DEVCO became DG INTPA on 16 January 2021.
            let retired = signed < DemoDate(2021, 1, 16) ? "XI-IATI-EC_INTPA" : "XI-IATI-EC_DEVCO"
            candidates.removeAll { $0.ref == retired }
        }
        return candidates[random.weighted(candidates.map(\.weight))]
    }

    /// `count` different countries of `region`, drawn by weight.
    private func pickCountries(_ count: Int, in region: Region, excluding: Set<String>, _ random: inout DemoRandom) -> [String] {
        var pool = DemoCountry.all.filter { $0.region == region && !excluding.contains($0.code) }
        var chosen: [String] = []
        while chosen.count < count, !pool.isEmpty {
            let index = random.weighted(pool.map(\.weight))
            chosen.append(pool[index].code)
            pool.remove(at: index)
        }
        return chosen
    }

    /// Countries of `count` different regions.
    private func interregional(_ count: Int, excluding: Set<String>, _ random: inout DemoRandom) -> [String] {
        var regions = DemoPartner.regionOrder.filter { $0 != .global }
        random.shuffle(&regions)
        return regions.prefix(count).flatMap { pickCountries(1, in: $0, excluding: excluding, &random) }
    }

    /// One RBSA activity a biennium with the RBSA partners' yearly contributions (France from 2020),
    /// and one lightly earmarked activity a biennium for Sweden and for Norway.
    private func coreAndThematic(from first: Int) -> [DemoProject] {
        var projects: [DemoProject] = []
        for biennium in stride(from: DemoFigures.years.lowerBound, through: DemoFigures.years.upperBound, by: 2) {
            var random = self.random.stream(5, UInt64(biennium))
            var commitments: [DemoCommitment] = []
            for year in biennium...(biennium + 1) {
                for partner in DemoPartner.rbsaPartners where partners[partner].name != "France" || year >= 2020 {
                    let date = DemoDate(year, 2, 1).adding(days: random.int(0...120)).weekday
                    commitments.append(DemoCommitment(
                        date: date, partner: partner, funder: partners[partner].funders[0],
                        weight: Double(partners[partner].rbsaUSD) * random.double(0.8...1.2),
                        currency: partners[partner].funders[0].currencies[0]))
                }
            }
            commitments.sort { $0.date < $1.date }
            let start = DemoDate(biennium, 1, 1), end = DemoDate(biennium + 1, 12, 31)
            projects.append(DemoProject(
                index: first + projects.count, kind: .rbsa, partner: commitments[0].partner, signed: commitments[0].date,
                region: .global, countries: [], commitments: commitments, start: start, end: end))
            for partner in DemoPartner.lightlyEarmarkingPartners {
                let funder = partners[partner].funders[0]
                let thematic = (biennium...(biennium + 1)).map { year in
                    DemoCommitment(
                        date: DemoDate(year, 3, 1).adding(days: random.int(0...90)).weekday, partner: partner, funder: funder,
                        weight: random.double(0.8...1.2), currency: funder.currencies[0])
                }
                projects.append(DemoProject(
                    index: first + projects.count, kind: .lightlyEarmarked, partner: partner, signed: thematic[0].date,
                    region: .global, countries: [], commitments: thematic, start: start, end: end))
            }
        }
        return projects
    }

    // MARK: 2. South-South and triangular cooperation

    private func inWindow(_ project: DemoProject) -> Bool { window.contains(project.signed.year) }

    /// Exactly 70 (× scale) South-South projects signed 2020–22: partners that only fund South-South
    /// cooperation keep theirs; others are flagged or unflagged by their affinity for it.
    private func balanceSouthSouth(_ projects: inout [DemoProject]) {
        var random = self.random.stream(6)
        let target = DemoFigures.southSouthProjects * scale
        var flagged = projects.indices.filter { projects[$0].kind == .project && projects[$0].southSouth && inWindow(projects[$0]) }
        if flagged.count > target {
            random.shuffle(&flagged)
            flagged.sort { partners[projects[$0].partner].southSouth < partners[projects[$1].partner].southSouth }
            for index in flagged.prefix(flagged.count - target) { projects[index].southSouth = false }
        } else if flagged.count < target {
            var pool = projects.indices.filter {
                projects[$0].kind == .project && !projects[$0].southSouth && inWindow(projects[$0]) && projects[$0].funder.country == nil
            }
            for _ in 0..<(target - flagged.count) where !pool.isEmpty {
                // Partners that like South-South cooperation, and smaller agreements, first.
                let pick = random.weighted(pool.map {
                    (partners[projects[$0].partner].southSouth + 0.02) / (projects[$0].commitments[0].weight / DemoPartner.sizes[projects[$0].partner]).squareRoot()
                })
                projects[pool[pick]].southSouth = true
                pool.remove(at: pick)
            }
        }
        // South-South projects are small beside a partner's other projects.
        for index in projects.indices where projects[index].southSouth && partners[projects[index].partner].southSouth < 1 {
            for commitment in projects[index].commitments.indices { projects[index].commitments[commitment].weight *= 0.3 }
        }
    }

    /// The 85 countries the 2020–22 South-South projects cover (a regional quota each), spread over
    /// those projects: single-country, multi-country and a few global ones; every one of the 85 is
    /// covered and no other.
    private func placeSouthSouth(_ projects: inout [DemoProject]) {
        var random = self.random.stream(7)
        var covered: [String] = []
        for region in DemoPartner.regionOrder where region != .global {
            covered += pickCountries(DemoFigures.southSouthQuota[region] ?? 0, in: region, excluding: [], &random)
        }
        let eligible = Set(covered)
        let indices = projects.indices.filter { projects[$0].kind == .project && projects[$0].southSouth && inWindow(projects[$0]) }
        for index in indices {
            let partner = partners[projects[index].partner]
            let excluded = Set(DemoCountry.all.map(\.code)).subtracting(eligible).union([partner.home].compactMap { $0 })
            var region = DemoPartner.regionOrder[random.weighted(partner.regions)]
            let shape = random.unit()
            if shape < 0.1 {
                projects[index].region = .global
                projects[index].countries = []
                continue
            }
            if region == .global {
                if shape < 0.35 {
                    projects[index].region = .global
                    projects[index].countries = interregional(random.int(3...4), excluding: excluded, &random)
                    continue
                }
                let regional = DemoPartner.regionOrder.indices.filter { DemoPartner.regionOrder[$0] != .global }
                region = DemoPartner.regionOrder[regional[random.weighted(regional.map { partner.regions[$0] + 0.1 })]]
            }
            projects[index].region = region
            let count = shape < 0.35 ? random.int(3...6) : random.int(1...2)
            projects[index].countries = pickCountries(count, in: region, excluding: excluded, &random)
            if projects[index].countries.isEmpty {
                projects[index].region = .global
                projects[index].countries = interregional(1, excluding: excluded, &random)
            }
        }
        // Every one of the 85: appended to a multi-country project of its region, else to any project of its region.
        var used = Set(indices.flatMap { projects[$0].countries })
        for code in covered where !used.contains(code) {
            guard let region = DemoCountry.find(code)?.region else { continue }
            let candidates = indices.filter {
                !projects[$0].countries.isEmpty && projects[$0].countryRegion == region
                    && partners[projects[$0].partner].home != code
            }
            let multi = candidates.filter { projects[$0].countries.count >= 2 }
            let pool = multi.isEmpty ? (candidates.isEmpty ? indices.filter { !projects[$0].countries.isEmpty } : candidates) : multi
            guard let target = pool.min(by: { projects[$0].countries.count < projects[$1].countries.count }) else { continue }
            projects[target].countries.append(code)
            used.insert(code)
        }
    }

    // MARK: 3. Coverage

    /// A single-country earmarked project whose country may change: not a South-South project of
    /// 2020–22, not funded by its own government.
    private func movable(_ project: DemoProject) -> Bool {
        project.kind == .project && project.countries.count == 1 && project.funder.country == nil
            && !(project.southSouth && inWindow(project))
    }

    /// Moves project `index` to `country`.
    private func move(_ projects: inout [DemoProject], _ index: Int, to country: String) {
        projects[index].countries = [country]
        if let region = DemoCountry.find(country)?.region { projects[index].region = region }
    }

    /// Every one of the 120 countries has at least one project.
    private func coverCountries(_ projects: inout [DemoProject]) {
        var count: [String: Int] = [:]
        for project in projects { for code in project.countries { count[code, default: 0] += 1 } }
        for country in DemoCountry.all where count[country.code, default: 0] == 0 {
            let donors = projects.indices.filter {
                movable(projects[$0]) && count[projects[$0].countries[0], default: 0] >= 3
                    && partners[projects[$0].partner].home != country.code
            }
            guard let donor = donors.min(by: { a, b in
                let sameA = projects[a].countryRegion == country.region, sameB = projects[b].countryRegion == country.region
                if sameA != sameB { return sameA }
                let countA = count[projects[a].countries[0], default: 0], countB = count[projects[b].countries[0], default: 0]
                return countA != countB ? countA > countB : a < b
            }) else { continue }
            count[projects[donor].countries[0], default: 0] -= 1
            count[country.code, default: 0] += 1
            move(&projects, donor, to: country.code)
        }
    }

    /// Every programme in force on 15 September 2022 has a country project signed during it.
    private func coverProgrammes(_ projects: inout [DemoProject]) {
        let active = DemoProgrammes.active
        let programmes = Dictionary(uniqueKeysWithValues: active.map { ($0.country, $0) })
        for programme in active {
            var count: [String: Int] = [:]
            var support: [String: [Int]] = [:]
            for (index, project) in projects.enumerated() {
                for code in project.countries { count[code, default: 0] += 1 }
                if project.kind == .project, project.countries.count == 1, let own = programmes[project.countries[0]],
                   (own.first...own.last).contains(project.signed.year) {
                    support[own.country, default: []].append(index)
                }
            }
            guard support[programme.country, default: []].isEmpty, let region = DemoCountry.find(programme.country)?.region else { continue }
            let years = programme.first...programme.last
            let donors = projects.indices.filter { index in
                let project = projects[index]
                guard movable(project), years.contains(project.signed.year), project.countries[0] != programme.country,
                      partners[project.partner].home != programme.country else { return false }
                let from = project.countries[0]
                guard count[from, default: 0] >= 2 else { return false }
                guard let supporters = support[from] else { return true }
                return supporters.count >= 2 || !supporters.contains(index)
            }
            guard let donor = donors.min(by: { a, b in
                let sameA = projects[a].countryRegion == region, sameB = projects[b].countryRegion == region
                if sameA != sameB { return sameA }
                let countA = count[projects[a].countries[0], default: 0], countB = count[projects[b].countries[0], default: 0]
                return countA != countB ? countA > countB : a < b
            }) else { continue }
            move(&projects, donor, to: programme.country)
        }
    }

    // MARK: 4. Amounts

    /// The US dollars one unit of `currency` is worth on `date`, if the ECB quotes it then.
    private func rate(_ currency: String, on date: DemoDate) -> Double? {
        guard case .converted(let usd, _) = rates.usd(1_000_000, currency: currency, on: date.rateDay) else { return nil }
        return NSDecimalNumber(decimal: usd).doubleValue / 1_000_000
    }

    /// Sets the amount of a commitment worth `intendedUSD`: a round sum in its currency (to the cent
    /// when `exact`), and its value in US dollars at the ECB rates of its date.
    private func convert(_ commitment: inout DemoCommitment, exact: Bool) {
        let intended = commitment.intendedUSD
        if commitment.currency != "USD", let rate = rate(commitment.currency, on: commitment.date) {
            let amount = exact ? DemoMoney.decimal(cents: Int((intended / rate * 100).rounded())) : DemoMoney.agreement(intended / rate)
            if case .converted(let usd, _) = rates.usd(amount, currency: commitment.currency, on: commitment.date.rateDay) {
                commitment.amount = amount
                commitment.usd = usd
                return
            }
        }
        commitment.currency = "USD"
        commitment.amount = exact ? DemoMoney.decimal(cents: Int((intended * 100).rounded())) : DemoMoney.agreement(intended)
        commitment.usd = commitment.amount
    }

    private func price(_ projects: inout [DemoProject]) {
        typealias Reference = (project: Int, commitment: Int)
        var windowGroups: [String: [Reference]] = [:]
        var yearGroups: [String: [Reference]] = [:]
        for (projectIndex, project) in projects.enumerated() {
            for (commitmentIndex, commitment) in project.commitments.enumerated() {
                let year = commitment.date.year
                let reference = (projectIndex, commitmentIndex)
                if window.contains(year) {
                    windowGroups["\(commitment.partner)/\(project.modality.code)", default: []].append(reference)
                } else {
                    let key = project.kind == .lightlyEarmarked ? "\(commitment.partner)/" : ""
                    yearGroups["\(year)/\(project.modality.code)/\(key)", default: []].append(reference)
                }
            }
        }
        // Other years: the appendix's totals over each year's commitments, by weight.
        for key in yearGroups.keys.sorted() {
            guard let group = yearGroups[key] else { continue }
            let parts = key.split(separator: "/", omittingEmptySubsequences: false)
            guard let year = Int(parts[0]), let modality = FundingModality(rawValue: String(parts[1])) else { continue }
            let target: Double
            switch modality {
            case .xbdc: target = approvals(year)
            case .rbsa: target = Double(DemoFigures.rbsa[year] ?? 0)
            case .lightlyEarmarked:
                let partner = Int(parts[2]) ?? 0
                target = Double(DemoFigures.lightlyEarmarked[partners[partner].name] ?? 0)
            }
            let weights = group.map { projects[$0.project].commitments[$0.commitment].weight }
            let sum = weights.reduce(0, +)
            for (reference, weight) in zip(group, weights) {
                projects[reference.project].commitments[reference.commitment].intendedUSD = target * Double(scale) * weight / sum
                convert(&projects[reference.project].commitments[reference.commitment], exact: false)
            }
        }
        // 2020–22: each partner's figure exactly, by modality; the last commitment takes the rest in US dollars.
        let balance = balanceWindow(projects)
        for key in windowGroups.keys.sorted() {
            guard var group = windowGroups[key] else { continue }
            let parts = key.split(separator: "/")
            guard let partner = Int(parts[0]), let modality = FundingModality(rawValue: String(parts[1])) else { continue }
            let info = partners[partner]
            let target = Decimal(modality == .rbsa ? info.rbsaUSD : modality == .lightlyEarmarked ? info.lightlyEarmarkedUSD : info.projectUSD)
                * Decimal(scale)
            group.sort { a, b in
                let dateA = projects[a.project].commitments[a.commitment].date, dateB = projects[b.project].commitments[b.commitment].date
                return dateA != dateB ? dateA < dateB : (a.project, a.commitment) < (b.project, b.commitment)
            }
            let weights = group.map {
                let commitment = projects[$0.project].commitments[$0.commitment]
                return commitment.weight * (modality == .xbdc ? balance[partner][commitment.date.year - window.lowerBound] : 1)
            }
            let sum = weights.reduce(0, +)
            let targetDouble = NSDecimalNumber(decimal: target).doubleValue
            for (reference, weight) in zip(group, weights) {
                projects[reference.project].commitments[reference.commitment].intendedUSD = targetDouble * weight / sum
            }
            guard let last = group.last else { continue }
            for exact in [false, true] {
                var converted: Decimal = 0
                for reference in group.dropLast() {
                    convert(&projects[reference.project].commitments[reference.commitment], exact: exact)
                    converted += projects[reference.project].commitments[reference.commitment].usd
                }
                let rest = target - converted
                let intended = projects[last.project].commitments[last.commitment].intendedUSD
                if !exact, NSDecimalNumber(decimal: rest).doubleValue < 0.5 * intended { continue }
                projects[last.project].commitments[last.commitment].currency = "USD"
                projects[last.project].commitments[last.commitment].amount = rest
                projects[last.project].commitments[last.commitment].usd = rest
                break
            }
        }
    }

    /// Factors by partner and year of 2020–22 for the weights of earmarked commitments, found by
    /// iterative proportional fitting, so that every partner keeps its figure and every year gets
    /// about its share of the three years' approvals.
    private func balanceWindow(_ projects: [DemoProject]) -> [[Double]] {
        let years = window.count
        var cells = Array(repeating: Array(repeating: 0.0, count: years), count: partners.count)
        for project in projects where project.kind == .project {
            for commitment in project.commitments where window.contains(commitment.date.year) {
                cells[commitment.partner][commitment.date.year - window.lowerBound] += commitment.weight
            }
        }
        let rowTargets = partners.map { Double($0.projectUSD) }
        let total = rowTargets.reduce(0, +)
        let columnTargets = window.map { total * (DemoFigures.windowSplit[$0] ?? 0) }
        var factors = Array(repeating: Array(repeating: 1.0, count: years), count: partners.count)
        for _ in 0..<200 {
            for row in partners.indices {
                let sum = (0..<years).reduce(0.0) { $0 + cells[row][$1] * factors[row][$1] }
                if sum > 0 { for column in 0..<years { factors[row][column] *= rowTargets[row] / sum } }
            }
            for column in 0..<years {
                let sum = partners.indices.reduce(0.0) { $0 + cells[$1][column] * factors[$1][column] }
                if sum > 0 { for row in partners.indices { factors[row][column] *= columnTargets[column] / sum } }
            }
        }
        return factors
    }

    // MARK: 5. Outcomes

    private func assignOutcomes(_ projects: inout [DemoProject]) {
        let spent = projects.map { DemoSchedule($0, random: random).spent(in: window) }
        let total = NSDecimalNumber(decimal: spent.reduce(0, +)).doubleValue
        var assigned: [Outcome: Double] = [:]
        let order = projects.indices.sorted { spent[$0] != spent[$1] ? spent[$0] > spent[$1] : $0 < $1 }
        for index in order {
            var random = self.random.stream(4, UInt64(index))
            let project = projects[index]
            let partner = partners[project.partner]
            var candidates: [Outcome]
            switch project.kind {
            case .project:
                candidates = []
                for _ in 0..<3 {
                    let outcome = DemoPartner.outcomes[random.weighted(partner.outcomeWeights)]
                    if !candidates.contains(outcome) { candidates.append(outcome) }
                }
            case .rbsa:
                candidates = DemoPartner.outcomes
                random.shuffle(&candidates)
            case .lightlyEarmarked:
                candidates = partner.name == "Sweden"
                    ? [.genderEquality, .employmentTransitions, .socialProtection] : [.socialDialogue, .skills, .genderEquality]
            }
            let amount = NSDecimalNumber(decimal: spent[index]).doubleValue
            var outcome = candidates[0]
            if amount > 0 {
                func deficit(_ outcome: Outcome) -> Double {
                    (DemoFigures.outcomeShares[outcome] ?? 0) * total - assigned[outcome, default: 0]
                }
                outcome = candidates.max { deficit($0) < deficit($1) } ?? outcome
            }
            assigned[outcome, default: 0] += amount
            projects[index].outcome = outcome
            if project.kind != .project {
                projects[index].otherOutcomes = Array(candidates.filter { $0 != outcome }.prefix(3))
            }
            let themes = DemoTheme.all.indices.filter { DemoTheme.all[$0].outcome == outcome }
            let crisis = project.countries.contains { DemoCountry.find($0)?.crisis == true }
            let weights = themes.map { DemoTheme.all[$0].humanitarian ? (crisis ? 3.0 : 0.4) : 1.0 }
            projects[index].theme = themes.isEmpty ? 0 : themes[random.weighted(weights)]
        }
    }

    // MARK: 6. Symbols

    private func name(_ projects: inout [DemoProject]) {
        var serials: [String: Int] = [:]
        let order = projects.indices.sorted { projects[$0].signed != projects[$1].signed ? projects[$0].signed < projects[$1].signed : $0 < $1 }
        for index in order {
            let project = projects[index]
            let year = project.signed.year % 100
            let biennium = "\(project.biennium)-\(String(format: "%02d", (project.biennium + 1) % 100))"
            switch project.kind {
            case .rbsa:
                projects[index].symbol = "RBSA/\(biennium)"
                projects[index].identifier = "\(DemoFigures.ilo)-RBSA-\(biennium)"
            case .lightlyEarmarked:
                let code = project.funder.abbreviation
                projects[index].symbol = "GLO/\(String(format: "%02d", year))/LE/\(code)"
                projects[index].identifier = "\(DemoFigures.ilo)-GLO-\(biennium)-LE-\(code)"
            case .project:
                let place: String
                if project.countries.count == 1, let country = DemoCountry.find(project.countries[0]) {
                    place = country.code3
                } else if project.countries.isEmpty {
                    place = project.region.demoProjectPrefix
                } else {
                    place = (project.countryRegion ?? .global).demoProjectPrefix
                }
                let key = "\(place)/\(String(format: "%02d", year))"
                serials[key, default: 0] += 1
                let serial = String(format: "%02d", serials[key, default: 1])
                projects[index].symbol = "\(key)/\(serial)/\(project.funder.abbreviation)"
                projects[index].identifier = "\(DemoFigures.ilo)-" + projects[index].symbol.replacingOccurrences(of: "/", with: "-")
            }
        }
    }
}
