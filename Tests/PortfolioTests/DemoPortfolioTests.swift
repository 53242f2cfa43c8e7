import Foundation
import IATI
import Portfolio
import Testing

/// The demo portfolio holds the seed document's figures: recomputed here from the generated IATI
/// model alone (tags, transactions, the bundled ECB rates), never from the generator's plan.
@Suite struct DemoPortfolioTests {
    static let portfolio = Swift.Result { try DemoPortfolio(seed: 1) }
    static let activities = Swift.Result { try portfolio.get().activities }
    static let rates = Swift.Result { try ExchangeRates.bundled() }
    static let vocabulary = AgencyVocabulary.standard
    static let window = 2020...2022

    /// The seed's appendix table, `Fixtures/ilo-voluntary-contributions-2020-2022.csv` (a copy of
    /// `shared/data/ilo-voluntary-contributions-2020-2022.csv`): partner, category, US$ thousands.
    static func table() throws -> [(partner: String, category: String, thousand: Int)] {
        let url = try #require(Bundle.module.url(
            forResource: "ilo-voluntary-contributions-2020-2022", withExtension: "csv", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        return try lines.map { line in
            // No field of the table holds a quoted comma.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 4, "\(line)")
            return (fields[0], fields[2], try #require(Int(fields[3])))
        }
    }

    // MARK: What the model says

    static func tag(_ activity: Activity, _ uri: String) -> String? {
        activity.tags.first { $0.vocabulary == "99" && $0.vocabularyURI == uri }?.code
    }

    static func tags(_ activity: Activity, _ uri: String) -> [String] {
        activity.tags.filter { $0.vocabulary == "99" && $0.vocabularyURI == uri }.compactMap(\.code)
    }

    static func commitments(_ activity: Activity) -> [Transaction] {
        activity.transactions.filter { $0.transactionType == "11" }
    }

    /// The year of a transaction's date.
    static func year(_ transaction: Transaction) -> Int? {
        transaction.transactionDate.flatMap { Int($0.prefix(4)) }
    }

    /// The transaction's value in US dollars at the ECB rates of its value date.
    static func usd(_ transaction: Transaction, in activity: Activity) throws -> Decimal {
        let value = try #require(transaction.value)
        let amount = try #require(value.amount)
        let day = ExchangeRates.Day(iso: value.valueDate ?? transaction.transactionDate ?? "")
        guard case .converted(let usd, _) = try rates.get().usd(amount, currency: value.currency ?? activity.defaultCurrency, on: day) else {
            Issue.record("\(activity.iatiIdentifier ?? "?"): \(value.text) \(value.currency ?? "") on \(value.valueDate ?? "") is not converted")
            return 0
        }
        return usd
    }

    /// The date of the first incoming commitment: when the agreement was signed.
    static func signed(_ activity: Activity) -> String {
        commitments(activity).compactMap(\.transactionDate).min() ?? ""
    }

    /// What the classifier reads of an activity, as the store reads it from its tables.
    static func profile(_ activity: Activity) -> ActivityProfile {
        ActivityProfile(
            countries: activity.recipientCountries.compactMap { country in
                country.code.map { .init(code: $0, percentage: country.percentage.flatMap(Double.init)) }
            },
            regions: activity.recipientRegions.compactMap { region in region.code.map { .init(code: $0, vocabulary: region.vocabulary) } },
            sectors: activity.sectors.filter { $0.vocabulary == "99" }.compactMap { sector in
                sector.code.map {
                    .init(code: $0, vocabulary: "99", vocabularyURI: sector.vocabularyURI, percentage: sector.percentage.flatMap(Double.init))
                }
            },
            tags: activity.tags.filter { $0.vocabulary == "99" }.compactMap { tag in
                tag.code.map { .init(code: $0, vocabulary: "99", vocabularyURI: tag.vocabularyURI) }
            },
            participatingOrgs: activity.participatingOrgs.map {
                .init(ref: $0.ref, type: $0.type, role: $0.role, name: $0.name.text())
            })
    }

    // MARK: Determinism

    @Test func theSameSeedGivesTheSameActivities() throws {
        let again = try DemoPortfolio(seed: 1)
        let activities = try Self.activities.get()
        #expect(again.count == activities.count)
        #expect(again.activities == activities)
        #expect(again.organisation() == (try Self.portfolio.get().organisation()))
    }

    @Test func anotherSeedGivesAnotherPortfolio() throws {
        let other = try DemoPortfolio(seed: 2).activities
        let activities = try Self.activities.get()
        #expect(other != activities)
        #expect(Set(other.compactMap(\.iatiIdentifier)) != Set(activities.compactMap(\.iatiIdentifier)))
    }

    // MARK: Partners

    /// Each partner's incoming commitments dated 2020–22, in US dollars: a government by the
    /// provider's name, a grouped category by the category's partner.
    static func contributions(_ activities: [Activity]) throws -> [String: Decimal] {
        var totals: [String: Decimal] = [:]
        for activity in activities {
            let source = try #require(tag(activity, vocabulary.fundingSource).flatMap(FundingSource.init(rawValue:)))
            for commitment in commitments(activity) where window.contains(year(commitment) ?? 0) {
                let partner = try source.groupPartner ?? #require(commitment.providerOrg?.narrative.text())
                totals[partner, default: 0] += try usd(commitment, in: activity)
            }
        }
        return totals
    }

    @Test func everyPartnerHasExactlyItsContributionsOf2020To2022() throws {
        let table = try Self.table()
        #expect(table.count == 34)
        let totals = try Self.contributions(Self.activities.get())
        #expect(Set(totals.keys) == Set(table.map(\.partner)))
        for row in table {
            #expect(totals[row.partner] == Decimal(row.thousand) * 1000, "\(row.partner)")
        }
        // The top 20 give about 96 % (the table's 95.6 %).
        let sorted = totals.values.sorted(by: >)
        let share = NSDecimalNumber(decimal: sorted.prefix(20).reduce(0, +) / sorted.reduce(0, +)).doubleValue
        #expect(abs(share - 0.956) < 0.001)
    }

    @Test func classifierNamesEveryPartnerAsTheTableDoes() throws {
        let classifier = Classifier()
        let table = try Self.table()
        var totals: [String: Decimal] = [:]
        for activity in try Self.activities.get() {
            let profile = Self.profile(activity)
            let classification = classifier.classify(profile)
            for commitment in Self.commitments(activity) where Self.window.contains(Self.year(commitment) ?? 0) {
                let provider = ActivityProfile.Organisation(ref: commitment.providerOrg?.ref, name: commitment.providerOrg?.narrative.text())
                let partner = classifier.partner(provider: provider, in: profile, classification: classification)
                #expect(partner.source != nil)
                totals[partner.name ?? "?", default: 0] += try Self.usd(commitment, in: activity)
            }
        }
        for row in table {
            let expected = Decimal(row.thousand) * 1000
            #expect(totals[row.partner] == expected, "\(row.partner)")
        }
    }

    @Test func rbsaContributionsAre50Point9MillionFromTheNinePartners() throws {
        var total: Decimal = 0
        var partners: Set<String> = []
        var france: [String] = []
        for activity in try Self.activities.get() where Self.tag(activity, Self.vocabulary.modality) == "rbsa" {
            for commitment in Self.commitments(activity) {
                let name = commitment.providerOrg?.narrative.text() ?? "?"
                if name == "France" { france.append(commitment.transactionDate ?? "") }
                guard Self.window.contains(Self.year(commitment) ?? 0) else { continue }
                total += try Self.usd(commitment, in: activity)
                partners.insert(name)
            }
        }
        #expect(total == 50_900_000)
        #expect(partners == [
            "Belgium (including Flanders)", "Denmark", "France", "Germany", "Italy", "Luxembourg", "Netherlands", "Norway", "Sweden",
        ])
        #expect(france.min().map { $0 >= "2020" } == true, "France joined the RBSA in 2020")
    }

    @Test func approvalsByYearFollowTheAppendix() throws {
        var approvals: [Int: Decimal] = [:]
        for activity in try Self.activities.get() where Self.tag(activity, Self.vocabulary.modality) == "xbdc" {
            for commitment in Self.commitments(activity) {
                approvals[Self.year(commitment) ?? 0, default: 0] += try Self.usd(commitment, in: activity)
            }
        }
        func millions(_ year: Int) -> Double { NSDecimalNumber(decimal: approvals[year] ?? 0).doubleValue / 1_000_000 }
        for (year, expected) in [2014: 280.0, 2015: 255, 2016: 300, 2017: 369, 2018: 310, 2019: 325, 2023: 350, 2024: 340, 2025: 250] {
            #expect(abs(millions(year) - expected) < 1, "\(year): \(millions(year))")
        }
        let window = Self.window.reduce(0) { $0 + millions($1) }
        #expect(window > 1_000 && window < 1_050, "slightly over US$1 billion in 2020-22: \(window)")
        #expect(Self.window.allSatisfy { millions($0) > 300 && millions($0) < 369 }, "about 340 a year, below the 2017 record")
    }

    // MARK: Places and programmes

    @Test func aboutAThousandProjectsInAbout120Countries() throws {
        let activities = try Self.activities.get()
        #expect((950...1060).contains(activities.count))
        let countries = Set(activities.flatMap { $0.recipientCountries.compactMap(\.code) })
        #expect(countries.count == 120)
        #expect(countries.allSatisfy { CountryRegions.bundled.region(of: $0) != nil })
        let classifier = Classifier()
        var regions: [Region: Int] = [:]
        for activity in activities { regions[classifier.classify(Self.profile(activity)).region, default: 0] += 1 }
        func share(_ region: Region) -> Double { Double(regions[region] ?? 0) / Double(activities.count) }
        #expect(abs(share(.africa) - 0.30) < 0.05)
        #expect(abs(share(.asiaPacific) - 0.25) < 0.05)
        #expect(abs(share(.global) - 0.20) < 0.05)
        #expect(abs(share(.americas) - 0.10) < 0.04)
        #expect(abs(share(.arabStates) - 0.08) < 0.04)
        #expect(abs(share(.europeCentralAsia) - 0.07) < 0.04)
    }

    @Test func seventySouthSouthProjectsSince2020Over85CountriesInFiveRegions() throws {
        let projects = try Self.activities.get().filter {
            Self.tag($0, Self.vocabulary.sstc) == "1" && Self.window.contains(Int(Self.signed($0).prefix(4)) ?? 0)
        }
        #expect(projects.count == 70)
        let countries = Set(projects.flatMap { $0.recipientCountries.compactMap(\.code) })
        #expect(countries.count == 85)
        #expect(Set(countries.compactMap { CountryRegions.bundled.region(of: $0) }).count == 5)
        #expect(projects.contains { $0.recipientCountries.count > 1 }, "some multi-country projects")
    }

    @Test func fiftyFiveProgrammesInForceOnTheCountDate52WithASteeringCommittee() throws {
        /// `BD-2022-2026` covers 2022-09-15.
        func inForce(_ code: String) -> Bool {
            let parts = code.split(separator: "-")
            guard parts.count == 3, let first = Int(parts[1]), let last = Int(parts[2]) else { return false }
            return first <= 2022 && 2022 <= last
        }
        var programmes: Set<String> = [], committees: Set<String> = []
        for activity in try Self.activities.get() {
            let codes = Self.tags(activity, Self.vocabulary.dwcp)
            if !codes.isEmpty { #expect(activity.recipientCountries.count == 1, "a programme tag on a country project") }
            programmes.formUnion(codes.filter(inForce))
            committees.formUnion(Self.tags(activity, Self.vocabulary.base + "/dwcp-steering-committee").filter(inForce))
        }
        #expect(programmes.count == 55)
        #expect(committees.count == 52)
        #expect(committees.isSubset(of: programmes))
    }

    // MARK: Outcomes, files, dates

    @Test func spendingOf2020To2022IsLedByTheSeedsFiveAreas() throws {
        let classifier = Classifier()
        var spent: [Outcome: Decimal] = [:]
        for activity in try Self.activities.get() {
            let outcome = try #require(classifier.classify(Self.profile(activity)).outcome)
            for transaction in activity.transactions
            where ["3", "4"].contains(transaction.transactionType) && Self.window.contains(Self.year(transaction) ?? 0) {
                spent[outcome, default: 0] += try Self.usd(transaction, in: activity)
            }
        }
        let ranked = spent.keys.sorted { spent[$0] ?? 0 > spent[$1] ?? 0 }
        #expect(ranked.first == .protectionAtWork)
        #expect(Set(ranked.prefix(5)) == [.protectionAtWork, .socialProtection, .skills, .employmentTransitions, .sustainableEnterprises])
    }

    @Test func everyActivityIsInTheBienniumItWasSignedOnce() throws {
        let portfolio = try Self.portfolio.get()
        var identifiers: Set<String> = []
        for biennium in DemoPortfolio.bienniums {
            for activity in portfolio.activities(in: biennium) {
                let identifier = try #require(activity.iatiIdentifier)
                #expect(identifiers.insert(identifier).inserted, "\(identifier) twice")
                #expect(identifier.hasPrefix("XM-DAC-41302-") && !identifier.contains("/"))
                #expect(activity.reportingOrg?.ref == "XM-DAC-41302" && activity.reportingOrg?.type == "40")
                let year = try #require(Int(Self.signed(activity).prefix(4)))
                #expect(year == biennium || year == biennium + 1, "\(identifier) signed \(year)")
            }
        }
        #expect(identifiers.count == portfolio.count)
    }

    @Test func datesStatusesBudgetsAndPercentagesAgree() throws {
        let last = "2025-12-31"
        for activity in try Self.activities.get() {
            let id = activity.iatiIdentifier ?? "?"
            let dates = Dictionary(activity.activityDates.compactMap { date in date.type.map { ($0, date.isoDate ?? "") } }) { a, _ in a }
            #expect(dates["2"].map { $0 <= last } ?? true, "\(id): actual start after the data")
            #expect(dates["4"].map { $0 <= last } ?? true, "\(id): actual end after the data")
            #expect((dates["1"] ?? "") < (dates["3"] ?? ""), "\(id): planned start before planned end")
            switch activity.activityStatus {
            case "3", "4": #expect(dates["4"] != nil, "\(id): ended without an actual end date")
            case "2": #expect(dates["2"] != nil && dates["4"] == nil, "\(id)")
            case "1": #expect(dates["2"] == nil, "\(id)")
            default: Issue.record("\(id): status \(activity.activityStatus ?? "none")")
            }
            #expect(activity.transactions.allSatisfy { ($0.transactionDate ?? "") <= last && $0.value?.amount ?? 0 > 0 }, "\(id)")
            for budget in activity.budgets {
                let start = try #require(ExchangeRates.Day(iso: budget.periodStart ?? "")), end = try #require(ExchangeRates.Day(iso: budget.periodEnd ?? ""))
                #expect(start < end && end.number - start.number <= 365, "\(id): budget \(start)…\(end)")
            }
            for vocabulary in Set(activity.sectors.map { $0.vocabulary ?? "1" }) {
                let sum = activity.sectors.filter { ($0.vocabulary ?? "1") == vocabulary }.compactMap { $0.percentage.flatMap(Double.init) }.reduce(0, +)
                #expect(sum == 100, "\(id): sectors of vocabulary \(vocabulary)")
            }
            let countries = activity.recipientCountries.compactMap { $0.percentage.flatMap(Double.init) }.reduce(0, +)
            #expect(activity.recipientCountries.isEmpty || countries == 100, "\(id): countries")
            // Every incoming commitment and instalment names its partner, with an identifier and a type.
            for transaction in activity.transactions where ["1", "11"].contains(transaction.transactionType) {
                #expect(transaction.providerOrg?.ref != nil && transaction.providerOrg?.type != nil, "\(id)")
                #expect(transaction.receiverOrg?.ref == "XM-DAC-41302")
            }
        }
    }

    @Test func chineseAndOtherLanguagesAreWritten() throws {
        let activities = try Self.activities.get()
        func count(_ language: String) -> Int { activities.filter { $0.title?.languages.contains(language) == true }.count }
        #expect(count("zh") > 200)
        #expect(count("fr") > 50)
        #expect(count("es") > 50)
        let china = activities.filter { $0.recipientCountries.contains { $0.code == "CN" } }
        #expect(!china.isEmpty && china.allSatisfy { $0.title?.languages.contains("zh") == true })
    }

    @Test func scaleMultipliesProjectsAndMoney() throws {
        let scaled = try DemoPortfolio(seed: 1, scale: 2)
        let single = try Self.portfolio.get()
        #expect(abs(Double(scaled.count) / Double(single.count) - 2) < 0.1)
        let totals = try Self.contributions(scaled.activities)
        for row in try Self.table() {
            #expect(totals[row.partner] == Decimal(row.thousand) * 2000, "\(row.partner)")
        }
    }

    @Test func organisationSumsTheActivities() throws {
        let organisation = try Self.portfolio.get().organisation()
        #expect(organisation.organisationIdentifier == "XM-DAC-41302")
        #expect(organisation.reportingOrg?.ref == "XM-DAC-41302")
        let years = organisation.totalExpenditures.compactMap { $0.periodStart.flatMap { Int($0.prefix(4)) } }
        #expect(years == Array(2014...2025))
        var spent: Decimal = 0
        for activity in try Self.activities.get() {
            for transaction in activity.transactions where ["3", "4"].contains(transaction.transactionType) {
                spent += transaction.value?.amount ?? 0
            }
        }
        #expect(organisation.totalExpenditures.compactMap { $0.value?.amount }.reduce(0, +) == spent)
    }
}
