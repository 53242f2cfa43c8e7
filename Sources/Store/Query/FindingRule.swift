import SQLKit

/// The findings of one rule at one severity in a dataset: how many, and where the first is.
public struct FindingRule: Sendable, Codable, Equatable {
    /// `schema`, `codelist:Sector`, a ruleset's `1.1.3`, …
    public var rule: String
    public var severity: String
    public var category: String
    /// The message of its first finding (findings of a rule differ only in their details).
    public var message: String
    public var count: Int
    /// The `seq` of its first finding.
    public var firstSeq: Int
}

extension Store {
    /// A dataset's findings grouped by rule and severity: the worst severity first, then the most
    /// frequent rule.
    public func findingRules(datasetID: Int) async throws -> [FindingRule] {
        try await read { database in
            let groups = try await database.sql.select()
                .column("rule").column("severity").column("category")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .column(SQLFunction("MIN", args: SQLIdentifier("seq")), as: "first_seq")
                .from(Schema.finding.name)
                .where("dataset_id", .equal, SQLBind(datasetID))
                .groupBy("rule").groupBy("severity").groupBy("category")
                .all()
            var rules: [FindingRule] = []
            for row in groups {
                rules.append(FindingRule(
                    rule: try row.decode(column: "rule", as: String.self), severity: try row.decode(column: "severity", as: String.self),
                    category: try row.decode(column: "category", as: String.self), message: "",
                    count: try row.decode(column: "n", as: Int.self), firstSeq: try row.decode(column: "first_seq", as: Int.self)))
            }
            // The first message of each group, in one query by seq.
            if !rules.isEmpty {
                let messages = try await database.sql.select().column("seq").column("message").from(Schema.finding.name)
                    .where("dataset_id", .equal, SQLBind(datasetID))
                    .where("seq", .in, rules.map(\.firstSeq))
                    .all()
                var bySeq: [Int: String] = [:]
                for row in messages { bySeq[try row.decode(column: "seq", as: Int.self)] = try row.decode(column: "message", as: String.self) }
                for index in rules.indices { rules[index].message = bySeq[rules[index].firstSeq] ?? "" }
            }
            let rank = ["critical": 0, "error": 1, "warning": 2, "info": 3]
            return rules.sorted {
                let left = rank[$0.severity] ?? 4, right = rank[$1.severity] ?? 4
                if left != right { return left < right }
                return $0.count != $1.count ? $0.count > $1.count : $0.rule < $1.rule
            }
        }
    }
}
