import Foundation

/// How the agency writes its own classification inside IATI, so that an exported portfolio imported
/// into an empty store rebuilds every figure: `tag`s of vocabulary 99 and `sector`s of vocabulary 99,
/// each with a `vocabulary-uri` under the agency's ``base``.
///
/// ```xml
/// <tag vocabulary="99" vocabulary-uri="https://devcoop.example/vocabulary/modality" code="xbdc"/>
/// <sector vocabulary="99" vocabulary-uri="https://devcoop.example/vocabulary/outcome" code="7"/>
/// ```
public struct AgencyVocabulary: Sendable, Hashable {
    /// Where the agency's vocabularies live; each one is a path below it.
    public var base: String

    public init(base: String) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    /// The vocabularies DevCoop writes and reads.
    public static let standard = AgencyVocabulary(base: "https://devcoop.example/vocabulary")

    /// The IATI vocabulary code of every agency-defined tag and sector ("Reporting Organisation").
    public static let iatiCode = "99"

    /// Tag: the ``FundingSource`` of the activity's funds, as the agency classifies its partner.
    public var fundingSource: String { base + "/funding-source" }
    /// Tag: the ``FundingModality``.
    public var modality: String { base + "/modality" }
    /// Tag (code `1`): a South-South or triangular cooperation project.
    public var sstc: String { base + "/sstc" }
    /// Tag: the Decent Work Country Programme the activity serves (e.g. `BD-2022-2026`).
    public var dwcp: String { base + "/dwcp" }
    /// Tag: the country programme outcome (CPO) code (e.g. `BGD101`).
    public var cpo: String { base + "/cpo" }
    /// Sector: the Programme and Budget ``Outcome`` (`1`…`8`, `A`…`C`), with a percentage when several.
    public var outcome: String { base + "/outcome" }

    /// Whether `uri` is the agency vocabulary `vocabulary` (trailing slashes and case of the scheme
    /// and host do not matter).
    public func matches(_ uri: String?, _ vocabulary: String) -> Bool {
        guard let uri else { return false }
        // As written by the agency's own files: no normalising needed.
        if uri == vocabulary { return true }
        if let left = Self.asciiNormal(uri), let right = Self.asciiNormal(vocabulary) {
            return left.elementsEqual(right) { $0 == $1 || ($0 ^ 0x20 == $1 && ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }
        }
        func normal(_ text: String) -> String {
            var text = text.trimmingCharacters(in: .whitespaces)
            while text.hasSuffix("/") { text.removeLast() }
            return text.lowercased()
        }
        return normal(uri) == normal(vocabulary)
    }

    /// An ASCII text's bytes without the spaces and tabs around them and the slashes after, as
    /// ``matches(_:_:)`` compares them (ignoring case), without copying; `nil` for other text.
    private static func asciiNormal(_ text: String) -> Substring.UTF8View? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var view = Substring(text).utf8
        while let first = view.first, first == 0x20 || first == 0x09 { view = view.dropFirst() }
        while let last = view.last, last == 0x20 || last == 0x09 { view = view.dropLast() }
        while view.last == UInt8(ascii: "/") { view = view.dropLast() }
        return view
    }
}
