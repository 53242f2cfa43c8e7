/// What went wrong while writing an export: the one error type of `Tabular`.
///
/// Its `description` is a sentence a person can act on, e.g.
/// "row 12 has 7 cells, but the export has 8 columns".
public struct TabularError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Reason: String, Sendable {
        /// The columns given to a writer cannot make a table: none, or more than the format allows.
        case columns
        /// A row's cell count differs from the column count.
        case cellCount
        /// A cell's value is not what its kind promises: a `.number` that is not a plain decimal,
        /// a `.date` that is not a real `YYYY-MM-DD` day.
        case cellValue
        /// The output would pass a limit of the format that this writer does not go beyond
        /// (ZIP without ZIP64: 4 GiB, 65,535 entries).
        case limit
        /// The writer was used after `finish()`, or after an earlier error (a failing sink) left it unusable.
        case finished
        /// zlib refused to compress.
        case compression
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
