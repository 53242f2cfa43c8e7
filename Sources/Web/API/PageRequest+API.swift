import Foundation

extension PageRequest {
    /// Every value of `name` as raw values of `T`, or a 400 listing them.
    func choices<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> [String] where T.RawValue == String {
        try strings(name).map { text in
            guard T(rawValue: text) != nil else {
                throw WebError.badRequest("\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not \(Self.quoted(text))")
            }
            return text
        }
    }

    /// Every value of `name` as ISO 3166-1 alpha-2 codes (any case), or a 400.
    func countryCodes(_ name: String) throws -> [String] {
        try strings(name).map { text in
            guard text.count == 2, text.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.letters.contains($0) }) else {
                throw WebError.badRequest("\(name) must be a two-letter country code, not \(Self.quoted(text))")
            }
            return text.uppercased()
        }
    }

    /// Every value of `name` as free text (a partner's name), at most `maxLength` characters, or a 400.
    func names(_ name: String, maxLength: Int = 300) throws -> [String] {
        try strings(name).map { text in
            guard text.count <= maxLength, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw WebError.badRequest("\(name) must be a name of at most \(maxLength) characters, not \(Self.quoted(text))")
            }
            return text
        }
    }

    /// `true`/`1` or `false`/`0`, or a 400.
    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw WebError.badRequest("\(name) must be true or false, not \(Self.quoted(text))")
        }
    }
}
