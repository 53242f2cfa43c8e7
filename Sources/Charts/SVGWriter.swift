/// Writes SVG markup: every attribute value and every text goes through `escapeMarkup`, and
/// every number through `NumberText.coordinate`, so that neither markup nor `NaN` gets in.
struct SVGWriter {
    /// An attribute value: text or a number.
    enum Value: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        case text(String)
        case number(Double)

        init(stringLiteral value: String) { self = .text(value) }
        init(floatLiteral value: Double) { self = .number(value) }
        init(integerLiteral value: Int) { self = .number(Double(value)) }

        var rendered: String {
            switch self {
            case .text(let text): return escapeMarkup(text)
            case .number(let number): return NumberText.coordinate(number)
            }
        }
    }

    typealias Attributes = [(String, Value)]

    private(set) var output = ""

    mutating func open(_ name: String, _ attributes: Attributes = []) {
        output += "<\(name)\(Self.render(attributes))>\n"
    }

    mutating func close(_ name: String) {
        output += "</\(name)>\n"
    }

    /// An element with optional text content and an optional `<title>` child (a tooltip).
    mutating func element(_ name: String, _ attributes: Attributes = [], text: String? = nil, title: String? = nil) {
        output += "<\(name)\(Self.render(attributes))"
        if text == nil, title == nil {
            output += "/>\n"
            return
        }
        output += ">"
        if let title { output += "<title>\(escapeMarkup(title))</title>" }
        if let text { output += escapeMarkup(text) }
        output += "</\(name)>\n"
    }

    /// A `<text>` element of several lines, one `<tspan>` each, written on one line so that no
    /// whitespace gets between them.
    mutating func multilineText(_ attributes: Attributes, lines: [(attributes: Attributes, text: String)], title: String?) {
        output += "<text\(Self.render(attributes))>"
        if let title { output += "<title>\(escapeMarkup(title))</title>" }
        for line in lines {
            output += "<tspan\(Self.render(line.attributes))>\(escapeMarkup(line.text))</tspan>"
        }
        output += "</text>\n"
    }

    private static func render(_ attributes: Attributes) -> String {
        attributes.reduce(into: "") { result, attribute in
            result += " \(attribute.0)=\"\(attribute.1.rendered)\""
        }
    }
}

extension SVGWriter.Value {
    static func n(_ value: Double) -> SVGWriter.Value { .number(value) }
}
