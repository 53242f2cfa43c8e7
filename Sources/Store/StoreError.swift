/// What went wrong in the store: the one error type of `Store`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// The `--db` location is neither a path nor a `postgres://` URL that can be reached.
        case location
        /// The database answered with an error.
        case database
        /// The database was written by a newer DevCoop than this one.
        case schemaTooNew
        /// The store was closed while the work waited for a connection.
        case closed
        /// The query asks for what the store cannot answer: a page size out of range, an unknown dimension.
        case query
        /// An exchange rate file (bundled, given to `rates load`, or stored) cannot be read.
        case exchangeRates
        /// A change the store refuses: an unknown pillar, indicator or screening question, a date that is not one, no author.
        case invalidChange
        /// What was asked for is not in the store (a strategy, a country programme).
        case notFound
        /// No stored activity has the `iati-identifier` given.
        case unknownProject
        /// The project cannot take the pipeline status without a completed E&S screening.
        case screeningRequired
    }

    public var reason: Reason
    /// The place and the cause, in one line.
    public var message: String
    /// The cause alone, when the message names a place too (the statement that failed): for a
    /// caller that names a better place, as opening a store names the file rather than a `PRAGMA`.
    var cause: String?

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
