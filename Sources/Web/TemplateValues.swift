/// Values for a template with their absent optionals taken out: swift-mustache renders an
/// `Optional.none` stored in `Any` as the text `nil` and treats it as true in a section, so a
/// value that may be missing must be missing from the dictionary instead.
enum TemplateValues {
    /// `values` with every `nil` removed, in nested dictionaries and arrays too.
    static func cleaned(_ values: [String: Any]) -> [String: Any] {
        values.compactMapValues(cleaned(value:))
    }

    private static func cleaned(value: Any) -> Any? {
        switch value {
        case let dictionary as [String: Any]: return cleaned(dictionary)
        case let array as [[String: Any]]: return array.map(cleaned)
        case let array as [Any]: return array.compactMap(cleaned(value:))
        default:
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return value }
            return mirror.children.first.flatMap { cleaned(value: $0.value) }
        }
    }
}
