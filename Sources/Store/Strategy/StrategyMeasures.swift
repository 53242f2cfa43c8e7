import Foundation
import Portfolio
import SQLKit

/// The strategy's computed indicators (``ComputedMeasure``): SQL aggregates over the portfolio
/// facts, the projections and the register of country programmes, each as of a day: projects
/// signed from the strategy's start up to the day, programmes in force on the day.
struct StrategyMeasures {
    var database: Database
    /// The strategy's first day, `YYYY-MM-DD`.
    var strategyStart: String

    /// The measure as of `day`; `nil` when it has no value then (a share of nothing).
    func value(_ measure: ComputedMeasure, on day: String) async throws -> Double? {
        switch measure {
        case .activeDWCPs:
            return Double(try await programmes(on: day).active)
        case .dwcpsWithCommittee:
            return Double(try await programmes(on: day).withCommittee)
        case .dwcpCommitteeShare:
            let counts = try await programmes(on: day)
            return counts.active == 0 ? nil : Double(counts.withCommittee) / Double(counts.active)
        case .sstcProjects:
            return try await count("SELECT COUNT(*) AS n FROM (\(sstcProjects(upTo: day))) p")
        case .sstcCountries:
            return try await count("""
                SELECT COUNT(DISTINCT code) AS n FROM recipient_country WHERE activity_id IN (\(sstcProjects(upTo: day)))
                """)
        case .sstcRegions:
            return try await count("""
                SELECT COUNT(DISTINCT region) AS n FROM portfolio_fact
                WHERE region <> 'global' AND activity_id IN (\(sstcProjects(upTo: day)))
                """)
        case .rbsaContributions:
            return try await contributions(upTo: day, "modality = 'rbsa'") / 1_000_000
        case .unearmarkedShare:
            let total = try await contributions(upTo: day, "1 = 1")
            guard total != 0 else { return nil }
            let core = try await contributions(upTo: day, "modality = 'rbsa'")
            return core / total
        case .topTwentyPartnersShare:
            let total = try await contributions(upTo: day, "1 = 1")
            guard total != 0 else { return nil }
            // COALESCE: PostgreSQL sorts a NULL sum (nothing converted) first when descending. The inner
            // sums are cast back to BIGINT: PostgreSQL's SUM of a BIGINT is NUMERIC, whose `/` is not integer division.
            let top = try await database.sql.raw("""
                SELECT \(sums("usd")) FROM (
                    SELECT CAST(SUM(usd_whole) AS BIGINT) AS usd_whole, CAST(SUM(usd_nanos) AS BIGINT) AS usd_nanos FROM portfolio_fact
                    WHERE type = '11' AND partner IS NOT NULL AND \(between(upTo: day))
                    GROUP BY partner
                    ORDER BY COALESCE(SUM(usd_whole), 0) DESC, partner LIMIT 20) top
                """).first()
            return try top.map { try number(Amount.Sum(row: $0, alias: "usd")) }.map { $0 / total }
        case .approvalsPerYear:
            // Complete calendar years only: a year's approvals are known when it has ended.
            let first = CalendarDate.year(strategyStart)
            let last = day.hasSuffix("-12-31") ? CalendarDate.year(day) : CalendarDate.year(day) - 1
            guard last >= first else { return nil }
            let row = try await database.sql.raw("""
                SELECT \(sums("usd")) FROM portfolio_fact
                WHERE type = '11' AND (modality IS NULL OR modality = 'xbdc') AND year >= \(bind: first) AND year <= \(bind: last)
                """).first()
            return try row.map { try number(Amount.Sum(row: $0, alias: "usd")) / Double(last - first + 1) / 1_000_000 }
        }
    }

    /// Programmes in force on `day`, and those of them with a committee then (the latest version of each).
    private func programmes(on day: String) async throws -> (active: Int, withCommittee: Int) {
        let row = try await database.sql.raw("""
            SELECT COUNT(*) AS active,
                   COALESCE(SUM(CASE WHEN committee_since IS NOT NULL AND committee_since <= \(bind: day) THEN 1 ELSE 0 END), 0) AS committees
            FROM country_programme
            WHERE id IN (SELECT MAX(id) FROM country_programme GROUP BY code) AND start_date <= \(bind: day) AND end_date >= \(bind: day)
            """).first()
        return (try row?.decode(column: "active", as: Int.self) ?? 0, try row?.decode(column: "committees", as: Int.self) ?? 0)
    }

    /// The South-South and triangular projects whose first incoming commitment was signed from the strategy's start to `day`.
    private func sstcProjects(upTo day: String) -> SQLQueryString {
        """
        SELECT activity_id FROM portfolio_fact WHERE sstc = 1 AND type = '11'
        GROUP BY activity_id HAVING MIN(fact_date) >= \(date(strategyStart)) AND MIN(fact_date) <= \(date(day))
        """
    }

    /// Incoming commitments with `condition` signed from the strategy's start to `day`, in US dollars.
    private func contributions(upTo day: String, _ condition: String) async throws -> Double {
        let row = try await database.sql.raw("""
            SELECT \(sums("usd")) FROM portfolio_fact WHERE type = '11' AND \(unsafeRaw: condition) AND \(between(upTo: day))
            """).first()
        return try row.map { try number(Amount.Sum(row: $0, alias: "usd")) } ?? 0
    }

    private func between(upTo day: String) -> SQLQueryString {
        "fact_date >= \(date(strategyStart)) AND fact_date <= \(date(day))"
    }

    /// PostgreSQL compares a DATE with a date, SQLite (which keeps ISO text) with text.
    private func date(_ day: String) -> SQLQueryString {
        database.isPostgres ? "CAST(\(bind: day) AS DATE)" : "\(bind: day)"
    }

    /// The exact sum of an amount column, as ``Amount/Sum`` reads it (`<alias>_billions`, `_units`, `_nanos`).
    private func sums(_ column: String) -> SQLQueryString {
        let billion = Amount.nanosPerUnit
        return """
            CAST(COALESCE(SUM(\(ident: column + "_whole") / \(literal: billion)), 0) AS BIGINT) AS \(ident: column + "_billions"),
            CAST(COALESCE(SUM(\(ident: column + "_whole") % \(literal: billion)), 0) AS BIGINT) AS \(ident: column + "_units"),
            CAST(COALESCE(SUM(\(ident: column + "_nanos")), 0) AS BIGINT) AS \(ident: column + "_nanos")
            """
    }

    private func number(_ sum: Amount.Sum) -> Double { Double(sum.text) ?? 0 }

    private func count(_ query: SQLQueryString) async throws -> Double {
        Double(try await database.sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0)
    }
}
