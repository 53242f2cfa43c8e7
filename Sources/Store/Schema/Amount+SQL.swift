import SQLKit

extension Amount.Sum {
    /// The select columns that sum the amount column `column` of `table` exactly (named
    /// `<alias>_billions`, `<alias>_units`, `<alias>_nanos`, and `<alias>_unsummed` for amounts
    /// whose integer part the store could not split), for ``init(row:alias:)`` to read.
    static func columns(_ column: String, of table: String, alias: String) -> [any SQLExpression] {
        let names = Amount.columnNames(column)
        let billion = Amount.nanosPerUnit
        return [
            SQLAlias(SQLQueryString("CAST(COALESCE(SUM(\(ident: table).\(ident: names.whole) / \(literal: billion)), 0) AS BIGINT)"), as: alias + "_billions"),
            SQLAlias(SQLQueryString("CAST(COALESCE(SUM(\(ident: table).\(ident: names.whole) % \(literal: billion)), 0) AS BIGINT)"), as: alias + "_units"),
            SQLAlias(SQLQueryString("CAST(COALESCE(SUM(\(ident: table).\(ident: names.nanos)), 0) AS BIGINT)"), as: alias + "_nanos"),
            SQLAlias(SQLQueryString("COUNT(\(ident: table).\(ident: names.text)) - COUNT(\(ident: table).\(ident: names.whole))"), as: alias + "_unsummed"),
        ]
    }

    /// The sum selected by ``columns(_:of:alias:)``.
    init(row: any SQLRow, alias: String) throws {
        self.init(
            billions: try row.decode(column: alias + "_billions", as: Int.self), units: try row.decode(column: alias + "_units", as: Int.self),
            nanos: try row.decode(column: alias + "_nanos", as: Int.self))
    }

    /// How many amounts ``columns(_:of:alias:)`` could not add.
    static func unsummed(row: any SQLRow, alias: String) throws -> Int {
        try row.decode(column: alias + "_unsummed", as: Int.self)
    }
}
