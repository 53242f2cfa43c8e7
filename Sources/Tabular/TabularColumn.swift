/// One column of an export: its header and the kind of values it holds.
///
/// The kind sets how the column is presented where the format has presentation (XLSX: its width
/// and the style of its empty cells); each cell is still written by its own `TabularCell` kind,
/// so a `.number` column may hold `.empty` or a `.text("n/a")`.
public struct TabularColumn: Sendable, Hashable {
    /// What a column holds.
    public enum Kind: String, Sendable, Hashable {
        case text, number, integer, date
    }

    /// The header row's text for this column.
    public var header: String
    public var kind: Kind
    /// The XLSX column width in characters; `nil` picks one from the header and the kind.
    /// CSV has no widths and ignores it.
    public var width: Double?

    public init(header: String, kind: Kind, width: Double? = nil) {
        self.header = header
        self.kind = kind
        self.width = width
    }
}
