import Foundation

/// An amount of money (`currencyType`): the text as written plus its currency and value date.
///
/// The raw text is the record; `amount` is derived from it on demand, so a figure the model cannot
/// read ("1,000.50", "n/a") is kept for the validator to report instead of being lost.
public struct Value: Sendable, Hashable {
    /// The element's text exactly as given.
    public var text: String
    /// `@currency`; `nil` means the activity's `default-currency`.
    public var currency: String?
    public var valueDate: String?
    public var extensions: [XMLNode]
    public var extensionAttributes: [XMLAttribute]

    public init(
        text: String, currency: String? = nil, valueDate: String? = nil,
        extensions: [XMLNode] = [], extensionAttributes: [XMLAttribute] = []
    ) {
        self.text = text
        self.currency = currency
        self.valueDate = valueDate
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// A value for `amount`, written in canonical form.
    public init(amount: Decimal, currency: String? = nil, valueDate: String? = nil) {
        self.init(text: Value.canonicalText(amount), currency: currency, valueDate: valueDate)
    }

    public init(node: XMLNode) {
        var reader = ElementReader(node)
        text = node.text
        currency = reader.attribute("currency")
        valueDate = reader.attribute("value-date")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }

    /// The amount, or `nil` when the text is not a decimal number.
    public var amount: Decimal? { Value.parseAmount(text) }

    /// Parses an `xsd:decimal` leniently: white space anywhere (publishers write "1 000.50", and
    /// non-breaking spaces) is ignored; anything else that is not a plain decimal gives `nil`.
    public static func parseAmount(_ raw: String) -> Decimal? {
        let compact = String(raw.unicodeScalars.filter { !$0.properties.isWhitespace })
        guard isDecimalLiteral(compact) else { return nil }
        return Decimal(string: compact, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `[+-]?(digits[.digits?] | .digits)`: what `xsd:decimal` allows; `Decimal(string:)` alone
    /// would accept a prefix of "12abc".
    private static func isDecimalLiteral(_ string: String) -> Bool {
        var scalars = Substring(string).unicodeScalars[...]
        if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
        var digits = 0
        var dots = 0
        for scalar in scalars {
            switch scalar {
            case "0"..."9": digits += 1
            case ".": dots += 1
            default: return false
            }
        }
        return digits > 0 && dots <= 1
    }

    /// `Decimal.description` is locale-independent: "1000.5", never "1 000,5".
    static func canonicalText(_ amount: Decimal) -> String { amount.description }
}
