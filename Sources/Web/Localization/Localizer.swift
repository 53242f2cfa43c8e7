import Foundation

/// The interface texts of every ``Language``, from `Resources/strings/<code>/*.json` (flat key →
/// text; one file per part of the site, a key defined once per language). A key missing from a
/// language falls back to English, so a page never shows a bare key.
struct Localizer: Sendable {
    private let texts: [Language: [String: String]]

    init(bundle: Bundle = .module) throws {
        var texts: [Language: [String: String]] = [:]
        for language in Language.allCases {
            texts[language] = try Self.ownTexts(language, bundle: bundle)
        }
        let english = texts[.en] ?? [:]
        for language in Language.allCases where language != .en {
            texts[language] = english.merging(texts[language] ?? [:]) { _, own in own }
        }
        self.texts = texts
    }

    /// Every text of `language`, for templates (`{{t.key}}`).
    func table(_ language: Language) -> [String: String] { texts[language] ?? [:] }

    /// One text; `{0}`, `{1}` … replaced by `arguments`.
    func text(_ key: String, _ language: Language, _ arguments: [String] = []) -> String {
        var text = texts[language]?[key] ?? texts[.en]?[key] ?? key
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }

    /// The texts a language defines itself, from all its files; a key defined twice is an error.
    static func ownTexts(_ language: Language, bundle: Bundle = .module) throws -> [String: String] {
        guard let folder = bundle.resourceURL?.appendingPathComponent("strings").appendingPathComponent(language.rawValue),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { throw WebError.internal("the interface texts of \(language.rawValue) are missing from the bundle") }
        var texts: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            let file = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            for (key, text) in file {
                guard texts.updateValue(text, forKey: key) == nil else {
                    throw WebError.internal("the text \(key) is defined twice in strings/\(language.rawValue)")
                }
            }
        }
        return texts
    }
}
