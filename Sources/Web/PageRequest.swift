import Foundation
import Hummingbird

/// A request as pages and endpoints read it: its path, its query parameters (checked, a bad one is
/// a 400 naming it) and its language.
struct PageRequest: Sendable {
    let path: String
    /// The query parameters in their order; a name may repeat (`?country=KH&country=VN`).
    let parameters: [(name: String, value: String)]
    let language: Language
    /// Whether the language was chosen in the URL: links then carry it on.
    let languageInURL: Bool

    init(_ request: Request) throws {
        path = request.uri.path
        var parameters: [(name: String, value: String)] = []
        for (name, value) in request.uri.queryParameters {
            parameters.append((String(name), String(value)))
        }
        self.parameters = parameters
        let lang = parameters.last { $0.name == "lang" }?.value
        languageInURL = lang.flatMap(Language.init(tag:)) != nil
        language = Language.negotiate(query: lang, acceptLanguage: request.headers[.acceptLanguage])
    }

    /// A request made without HTTP, for a document written by the command line: its links carry the language.
    init(path: String, language: Language, parameters: [(name: String, value: String)] = []) {
        self.path = path
        self.parameters = parameters + [("lang", language.rawValue)]
        self.language = language
        languageInURL = true
    }

    /// The last value of `name`, `nil` when absent or empty.
    func string(_ name: String) -> String? {
        guard let value = parameters.last(where: { $0.name == name })?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Every non-empty value of `name`.
    func strings(_ name: String) -> [String] {
        parameters.filter { $0.name == name && !$0.value.isEmpty }.map(\.value)
    }

    /// A whole number within `range`, or a 400.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw WebError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(Self.quoted(text))")
        }
        return value
    }

    /// A code: letters, digits and `-._/:@ ` only, at most `maxLength` characters, or a 400.
    func code(_ name: String, maxLength: Int = 200) throws -> String? {
        guard let text = string(name) else { return nil }
        try Self.checkCode(text, name: name, maxLength: maxLength)
        return text
    }

    /// Every value of `name` as codes.
    func codes(_ name: String, maxLength: Int = 200) throws -> [String] {
        let values = strings(name)
        for value in values { try Self.checkCode(value, name: name, maxLength: maxLength) }
        return values
    }

    /// One of `T`'s raw values, or a 400 listing them.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw WebError.badRequest("\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not \(Self.quoted(text))")
        }
        return value
    }

    /// `path` with `parameters`, and the language when it was chosen in the URL.
    func link(_ path: String, _ parameters: [(String, String)] = []) -> String {
        var items = parameters.filter { !$0.1.isEmpty }
        if languageInURL { items.append(("lang", language.rawValue)) }
        return Self.url(path, items)
    }

    /// This page with some parameters replaced (a `nil` value removes one).
    func replacing(_ changes: [String: String?]) -> String {
        var items = parameters.filter { changes[$0.name] == nil && $0.name != "lang" }.map { ($0.name, $0.value) }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value, !value.isEmpty { items.append((name, value)) }
        }
        if languageInURL, changes["lang"] == nil { items.append(("lang", language.rawValue)) }
        return Self.url(path, items)
    }

    /// The language switcher: this page in every language.
    var languageLinks: [[String: Any]] {
        Language.allCases.map { other in
            ["code": other.rawValue, "tag": other.tag, "name": other.nativeName, "current": other == language,
             "href": replacing(["lang": other.rawValue])]
        }
    }

    static func url(_ path: String, _ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return path }
        return path + "?" + items.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes all but unreserved characters (RFC 3986).
    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func checkCode(_ text: String, name: String, maxLength: Int) throws {
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            CharacterSet.alphanumerics.contains(scalar) || "-._/:@ ".unicodeScalars.contains(scalar)
        }
        guard allowed, text.count <= maxLength else {
            throw WebError.badRequest("\(name) is not a code: \(quoted(text))")
        }
    }

    /// A user's value in a message: cut short, and never markup (messages are escaped when shown, too).
    static func quoted(_ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return "“" + short + "”"
    }
}
