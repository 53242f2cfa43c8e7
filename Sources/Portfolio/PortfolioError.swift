/// Why a portfolio resource could not be read (a bundled table, an exchange-rate file): the one
/// error type of `Portfolio`.
public struct PortfolioError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
