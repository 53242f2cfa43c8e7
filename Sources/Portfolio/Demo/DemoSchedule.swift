import Foundation

/// The life of a demo project after its agreements: when it really started and ended, the money
/// that came in (instalments after each agreement), the money spent (expenditure each quarter, some
/// paid to an implementing partner), and its yearly budgets. A pure function of the plan and the
/// seed, so that planning (which needs 2020–22 spending to balance the outcomes) and writing agree.
struct DemoSchedule: Sendable {
    /// A movement of money: incoming funds (type 1), a disbursement (3) or expenditure (4).
    struct Flow: Sendable {
        enum Kind: Sendable { case incomingFunds, disbursement, expenditure }
        var kind: Kind
        var date: DemoDate
        var amount: Decimal
        var currency: String
        /// Incoming funds: the commitment they pay and the instalment's number.
        var commitment = 0
        var instalment = 0
    }

    /// A budget period (at most a calendar year) and its amount in US dollars.
    struct Budget: Sendable {
        var start: DemoDate
        var end: DemoDate
        var usd: Decimal
    }

    /// An organisation the ILO pays to carry out part of the work.
    struct Implementer: Sendable, Hashable {
        var ref: String?
        var type: String
        var name: String
    }

    var actualStart: DemoDate?
    var actualEnd: DemoDate?
    /// ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed.
    var status: String
    var incoming: [Flow] = []
    var spending: [Flow] = []
    var budgets: [Budget] = []
    var implementer: Implementer?

    init(_ project: DemoProject, random seed: DemoRandom) {
        var random = seed.stream(2, UInt64(project.index))
        let last = DemoFigures.lastDay
        let start = project.kind == .project ? project.start.adding(days: random.int(0...40)) : project.start
        actualStart = start <= last ? start : nil
        if actualStart == nil {
            status = "1"
        } else if project.end <= last {
            actualEnd = project.end
            status = last.day - project.end.day <= 180 ? "3" : "4"
        } else {
            status = "2"
        }
        implementer = project.kind == .project && random.chance(0.45) ? Self.implementer(for: project, &random) : nil
        incoming = Self.instalments(project, &random)
        if let actualStart {
            spending = Self.spending(project, from: actualStart, implementer: implementer != nil, &random)
        }
        budgets = Self.budgets(project)
    }

    /// Disbursements and expenditure (in US dollars) dated in `years`.
    func spent(in years: ClosedRange<Int>) -> Decimal {
        spending.filter { years.contains($0.date.year) }.reduce(Decimal(0)) { $0 + $1.amount }
    }

    // MARK: Parts

    private static func implementer(for project: DemoProject, _ random: inout DemoRandom) -> Implementer {
        if project.southSouth, random.chance(0.6) {
            return Implementer(ref: nil, type: "40", name: "International Training Centre of the ILO")
        }
        guard project.countries.count == 1, let country = DemoCountry.find(project.countries[0]) else {
            return random.pick([
                Implementer(ref: nil, type: "40", name: "International Training Centre of the ILO"),
                Implementer(ref: nil, type: "80", name: "Regional research network on decent work"),
                Implementer(ref: nil, type: "21", name: "International federation of workers' education associations"),
            ])
        }
        return random.pick([
            Implementer(ref: "\(country.code)-COA-DEMO-MOL", type: "10", name: "Ministry of Labour, \(country.english)"),
            Implementer(ref: nil, type: "22", name: "National employers' federation, \(country.english)"),
            Implementer(ref: nil, type: "22", name: "National trade union confederation, \(country.english)"),
            Implementer(ref: nil, type: "24", name: "Decent work community organization, \(country.english)"),
        ])
    }

    /// Each commitment paid in one to four instalments, the first a few weeks after signature,
    /// the others spread over the project's life; those after the data's last day are not yet paid.
    private static func instalments(_ project: DemoProject, _ random: inout DemoRandom) -> [Flow] {
        var flows: [Flow] = []
        for (index, commitment) in project.commitments.enumerated() {
            let count = commitment.usd < 300_000 || project.kind != .project ? 1 : random.int(2...4)
            var date = commitment.date.adding(days: random.int(15...60)).weekday
            let spacing = max(60, (project.end.day - date.day) / count)
            let first = count == 1 ? 1.0 : random.double(0.35...0.6)
            var paid: Decimal = 0
            for instalment in 1...count {
                let amount: Decimal
                if instalment == count {
                    amount = commitment.amount - paid
                } else {
                    let share = instalment == 1 ? first : (1 - first) / Double(count - 1)
                    amount = DemoMoney.cents(commitment.amount, times: share)
                }
                paid += amount
                if date <= DemoFigures.lastDay, amount > 0 {
                    flows.append(Flow(kind: .incomingFunds, date: date, amount: amount, currency: commitment.currency,
                                      commitment: index, instalment: instalment))
                }
                date = date.adding(days: spacing + random.int(-20...20)).weekday
            }
        }
        return flows
    }

    /// Expenditure every quarter from the actual start to the planned end, slow in the first
    /// quarters; 88–99 % of the commitments are spent over the whole life, and what falls after the
    /// data's last day is not yet spent. Part of some quarters is paid to the implementing partner.
    private static func spending(_ project: DemoProject, from start: DemoDate, implementer: Bool, _ random: inout DemoRandom) -> [Flow] {
        var quarters: [DemoDate] = []
        var quarter = start.endOfQuarter
        while quarter < project.end {
            quarters.append(quarter)
            quarter = quarter.adding(days: 1).endOfQuarter
        }
        quarters.append(project.end)
        var weights: [Double] = quarters.indices.map { min(1, Double($0 + 1) / 3) * random.logNormal(sigma: 0.25) }
        weights[weights.count - 1] *= 0.6
        let total = Int((Double(DemoMoney.cents(project.committedUSD)) * random.double(0.88...0.99)).rounded())
        let cents = DemoMoney.split(total, weights)
        var flows: [Flow] = []
        for (index, date) in quarters.enumerated() where date <= DemoFigures.lastDay && cents[index] > 0 {
            var expenditure = cents[index]
            if implementer, random.chance(0.45) {
                let paid = Int((Double(expenditure) * random.double(0.15...0.4)).rounded())
                expenditure -= paid
                let day = max(start, date.adding(days: -random.int(10...40))).weekday
                flows.append(Flow(kind: .disbursement, date: min(day, date), amount: DemoMoney.decimal(cents: paid), currency: "USD"))
            }
            flows.append(Flow(kind: .expenditure, date: date, amount: DemoMoney.decimal(cents: expenditure), currency: "USD"))
        }
        return flows
    }

    /// One budget per calendar year of the planned life, in proportion to its days.
    private static func budgets(_ project: DemoProject) -> [Budget] {
        var periods: [(DemoDate, DemoDate)] = []
        for year in project.start.year...project.end.year {
            let from = max(project.start, DemoDate(year, 1, 1)), to = min(project.end, DemoDate(year, 12, 31))
            // A day or two at either end (a start on 31 December): no budget of its own.
            if to.day - from.day >= 2 { periods.append((from, to)) }
        }
        let cents = DemoMoney.split(DemoMoney.cents(project.committedUSD), periods.map { Double($0.1.day - $0.0.day + 1) })
        return zip(periods, cents).map { Budget(start: $0.0, end: $0.1, usd: DemoMoney.decimal(cents: $1)) }
    }
}
