/// Why validation could not run at all (the findings say what is wrong with a document):
/// the one error type of `IATIValidation`.
public struct IATIValidationError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
