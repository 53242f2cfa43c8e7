import Foundation
import IATI

/// The ILO's organisation file for the demo: its total budget and expenditure by year (the sums of
/// its activities' budgets and spending) and its budget by recipient country for the last two years.
struct DemoOrganisationBuilder {
    let random: DemoRandom

    /// Years whose country budgets are published.
    static let countryBudgetYears = 2024...2025

    func organisation(_ projects: [DemoProject]) -> Organisation {
        var budgets: [Int: Int] = [:], spent: [Int: Int] = [:], countries: [Int: [String: Int]] = [:]
        for project in projects {
            let schedule = DemoSchedule(project, random: random)
            for budget in schedule.budgets {
                let year = budget.start.year, cents = DemoMoney.cents(budget.usd)
                budgets[year, default: 0] += cents
                if Self.countryBudgetYears.contains(year), !project.countries.isEmpty {
                    let shares = DemoActivityBuilder.percentages(project.countries.count).map { Double($0) ?? 0 }
                    for (code, part) in zip(project.countries, DemoMoney.split(cents, shares)) {
                        countries[year, default: [:]][code, default: 0] += part
                    }
                }
            }
            for flow in schedule.spending { spent[flow.date.year, default: 0] += DemoMoney.cents(flow.amount) }
        }
        func value(_ cents: Int, _ year: Int) -> Value {
            Value(amount: DemoMoney.decimal(cents: cents), currency: "USD", valueDate: DemoDate(year, 1, 1).description)
        }
        let last = DemoFigures.lastDay.year
        return Organisation(
            lastUpdatedDatetime: DemoFigures.generated.dateTime,
            lang: "en",
            defaultCurrency: "USD",
            organisationIdentifier: DemoFigures.ilo,
            name: DemoActivityBuilder.iloName,
            reportingOrg: DemoActivityBuilder.reportingOrg,
            totalBudgets: budgets.keys.sorted().compactMap { year in
                guard let cents = budgets[year], cents > 0 else { return nil }
                return TotalBudget(
                    status: year <= last ? "2" : "1", periodStart: DemoDate(year, 1, 1).description,
                    periodEnd: DemoDate(year, 12, 31).description, value: value(cents, year))
            },
            recipientCountryBudgets: countries.keys.sorted().flatMap { year in
                (countries[year] ?? [:]).keys.sorted().compactMap { code -> RecipientCountryBudget? in
                    guard let cents = countries[year]?[code], cents > 0 else { return nil }
                    return RecipientCountryBudget(
                        status: "2", recipientCountry: RecipientCountry(code: code), periodStart: DemoDate(year, 1, 1).description,
                        periodEnd: DemoDate(year, 12, 31).description, value: value(cents, year))
                }
            },
            totalExpenditures: spent.keys.sorted().compactMap { year in
                guard let cents = spent[year], cents > 0, year <= last else { return nil }
                return TotalExpenditure(
                    periodStart: DemoDate(year, 1, 1).description, periodEnd: DemoDate(year, 12, 31).description, value: value(cents, year))
            })
    }
}
