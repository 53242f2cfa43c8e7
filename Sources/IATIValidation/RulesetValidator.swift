import CLibXML2
import Foundation
import IATI

/// Runs an IATI Ruleset (`standard.json`) over one activity or organisation at a time.
///
/// Every rule type of `SPEC.rst` (IATI/IATI-Rulesets, branch `version-2.03`) is implemented:
/// `no_more_than_one`, `atleast_one`, `only_one_of`, `one_or_all`, `dependent`, `sum`, `strict_sum`,
/// `date_order`, `date_now`, `time_limit`, `between_dates`, `regex_matches`, `regex_no_matches`,
/// `startswith`, `unique`, `if_then`, `loop`, `range`, `no_spaces` (and the older `no_percent`,
/// `positive_decimal`). Keys shared by all of them:
/// - `condition`: an XPath; when it is false (XPath `boolean()`), the case is not tested.
/// - `idCondition`: `NOT_EXISTING_ORG_ID` (the texts of `paths` are not publisher ids known to the
///   Registry) or `NOT_EXISTING_ORG_ID_PREFIX` (they do not start with one followed by `-`); when
///   false, the case is not tested. DevCoop has no copy of the Registry, so ``knownOrganisationIDs``
///   is empty unless given and the condition holds.
/// - `paths`: XPaths whose matches (in path order, then document order) the rule tests.
///
/// Contexts are the JSON keys (`/iati-activities/iati-activity/transaction`, `//title`): each is
/// evaluated over the one-activity document, whose container holds only that activity, so it
/// selects exactly that activity's elements.
///
/// Where a finding points: at the offending node where there is one (the value with spaces, the
/// future date, the second element of `no_more_than_one`, the repeated value of `unique`); at the
/// first matched path for `if_then`, `strict_sum` and `sum`; at the context element otherwise
/// (`atleast_one`, `time_limit`, `only_one_of`, `dependent`). Date rules test every matched date (the
/// IATI Validator looks at the first only), so each future transaction date is its own finding.
public struct RulesetValidator: Sendable {
    public let ruleset: Ruleset
    /// Codes of the OrganisationRegistrationAgency codelist: the prefixes `startswith` accepts for
    /// `ORG-ID-PREFIX` (rules 1.14.8, 1.18.8).
    public let organisationPrefixes: Set<String>
    /// Publisher organisation ids known to exist (the Registry's), for `idCondition`.
    public let knownOrganisationIDs: Set<String>
    /// The time `NOW` stands for (and `date_now` compares with).
    public let now: Date

    public init(ruleset: Ruleset, organisationPrefixes: Set<String>, knownOrganisationIDs: Set<String> = [], now: Date = Date()) {
        self.ruleset = ruleset
        self.organisationPrefixes = organisationPrefixes
        self.knownOrganisationIDs = knownOrganisationIDs
        self.now = now
    }

    /// The standard ruleset with the bundled OrganisationRegistrationAgency codes as prefixes.
    public init(now: Date = Date()) throws {
        let codelists = try Codelists.bundled()
        self.init(
            ruleset: try Ruleset.standard(),
            organisationPrefixes: Set(codelists["OrganisationRegistrationAgency"]?.codes.keys.map { $0 } ?? []),
            now: now)
    }

    /// The findings of every rule for one activity or organisation.
    func validate(_ document: ActivityDocument, regexes: RegexCache) -> [Finding] {
        var run = Run(validator: self, document: document, regexes: regexes)
        for context in ruleset.contexts {
            for element in document.nodes(context.xpath, at: document.element) {
                for rule in context.rules {
                    for oneCase in rule.cases {
                        if rule.name == "loop" {
                            run.loop(oneCase, at: element)
                        } else {
                            run.test(rule.name, oneCase, at: element)
                        }
                    }
                }
            }
        }
        return run.findings
    }

    /// One activity's evaluation.
    struct Run {
        let validator: RulesetValidator
        let document: ActivityDocument
        let regexes: RegexCache
        var findings: [Finding] = []

        mutating func loop(_ oneCase: Ruleset.Case, at element: xmlNodePtr) {
            guard let foreach = oneCase.foreach, let rules = oneCase.do else { return }
            var values: [String] = []
            for node in document.nodes(foreach, at: element) {
                let value = document.string(of: node)
                if !values.contains(value) { values.append(value) }
            }
            for (name, cases) in rules.sorted(by: { $0.key < $1.key }) {
                for subCase in cases.cases {
                    for value in values {
                        // A value with a quote cannot stand inside the rules' '…' literals.
                        guard !value.contains("'") else { continue }
                        test(name, subCase.substituting(oneCase.subs ?? [], with: value), at: element)
                    }
                }
            }
        }

        mutating func test(_ rule: String, _ oneCase: Ruleset.Case, at element: xmlNodePtr) {
            if let condition = oneCase.condition, document.boolean(condition, at: element) != true { return }
            let matches = (oneCase.paths ?? []).flatMap { document.nodes($0, at: element) }
            let texts = matches.map { document.string(of: $0) }
            if let idCondition = oneCase.idCondition, !holds(idCondition, texts) { return }
            guard let info = oneCase.ruleInfo else { return }

            switch rule {
            case "no_more_than_one", "noMoreThanOne":
                if matches.count > 1 { report(info, at: matches[1]) }

            case "atleast_one", "atLeastOne":
                if matches.isEmpty { report(info, at: element) }

            case "dependent":
                let found = (oneCase.paths ?? []).map { !document.nodes($0, at: element).isEmpty }
                if found.contains(true) && found.contains(false) { report(info, at: element) }

            case "only_one_of", "onlyOneOf":
                let passes = (oneCase.excluded ?? []).allSatisfy { excluded in
                    document.nodes(excluded, at: element).isEmpty ? matches.count == 1 : matches.isEmpty
                }
                if !passes { report(info, at: matches.first ?? element) }

            case "one_or_all", "oneOrAll":
                oneOrAll(oneCase, info, at: element)

            case "unique":
                var seen: Set<String> = []
                for (node, text) in zip(matches, texts) where !seen.insert(text).inserted {
                    report(info, at: node)
                }

            case "sum":
                if !matches.isEmpty, !sumMatches(texts, oneCase.sum ?? 0) { report(info, at: matches[0]) }

            case "strict_sum", "strictSum":
                if !sumMatches(texts, oneCase.sum ?? 0) { report(info, at: matches.first ?? element) }

            case "date_order", "dateOrder":
                guard let lessPath = oneCase.less, let morePath = oneCase.more else { return }
                let less = dates(lessPath, at: element)
                let more: [Date] = morePath == "NOW" ? [validator.now] : dates(morePath, at: element).map(\.date)
                guard !less.isEmpty, let latestAllowed = more.min() else { return }
                for (node, date) in less where date > latestAllowed { report(info, at: node) }

            case "date_now", "dateNow":
                guard let path = oneCase.date else { return }
                for (node, date) in dates(path, at: element) where date > validator.now { report(info, at: node) }

            case "time_limit", "timeLimit":
                guard let start = oneCase.start.flatMap({ dates($0, at: element).first }),
                    let end = oneCase.end.flatMap({ dates($0, at: element).first })
                else { return }
                // Whole days between the two, as the IATI Validator counts them (date-fns differenceInDays).
                let days = (end.date.timeIntervalSince(start.date) / 86_400).rounded(.towardZero)
                if days > 365 { report(info, at: element) }

            case "between_dates", "betweenDates":
                guard let path = oneCase.date, let start = oneCase.start.flatMap({ dates($0, at: element).first }),
                    let end = oneCase.end.flatMap({ dates($0, at: element).first })
                else { return }
                for (node, date) in dates(path, at: element) where date < start.date || date > end.date {
                    report(info, at: node)
                }

            case "regex_matches", "regexMatches", "regex_no_matches", "regexNoMatches":
                guard let pattern = oneCase.regex, let regex = regexes.regex(pattern) else { return }
                let mustMatch = rule == "regex_matches" || rule == "regexMatches"
                // An empty value passes, as in the IATI Validator.
                for (node, text) in zip(matches, texts) where !text.isEmpty {
                    let range = NSRange(text.startIndex..<text.endIndex, in: text)
                    let matched = regex.firstMatch(in: text, options: [], range: range) != nil
                    if matched != mustMatch { report(info, at: node) }
                }

            case "startswith", "startsWith":
                startsWith(oneCase, info, matches: matches, texts: texts, at: element)

            case "if_then", "ifThen":
                guard let condition = oneCase.if, let then = oneCase.then else { return }
                guard document.boolean(condition, at: element) == true else { return }
                if document.boolean(then, at: element) != true { report(info, at: matches.first ?? element) }

            case "range":
                for (node, text) in zip(matches, texts) {
                    let value = Self.number(text)
                    let low = oneCase.min ?? value
                    let high = oneCase.max ?? value
                    if !(low <= value && value <= high) { report(info, at: node) }
                }

            case "no_spaces", "noSpaces":
                for (node, text) in zip(matches, texts) where text != Self.jsTrim(text) { report(info, at: node) }

            case "no_percent":
                for (node, text) in zip(matches, texts) where text.contains("%") { report(info, at: node) }

            case "positive_decimal":
                for (node, text) in zip(matches, texts) {
                    let value = Double(text.trimmingXMLWhitespace())
                    if value == nil || value! < 0 { report(info, at: node) }
                }

            default:
                // A rule this engine does not know: not tested (none in standard.json).
                break
            }
        }

        // MARK: Rules with more to them

        mutating func oneOrAll(_ oneCase: Ruleset.Case, _ info: Ruleset.RuleInfo, at element: xmlNodePtr) {
            guard let one = oneCase.one, let all = oneCase.all else { return }
            if document.boolean(one, at: element) == true { return }
            switch all {
            case "lang":
                for narrative in document.nodes("descendant::narrative", at: element)
                where document.nodes("@xml:lang", at: narrative).isEmpty {
                    report(info, at: narrative)
                }
            case "sector":
                for transaction in document.nodes("transaction", at: element)
                where document.nodes("sector", at: transaction).isEmpty {
                    report(info, at: transaction)
                }
            case "recipient-country|recipient-region":
                for transaction in document.nodes("transaction", at: element)
                where document.nodes("recipient-country|recipient-region", at: transaction).isEmpty {
                    report(info, at: transaction)
                }
            case "currency":
                for name in ["value", "forecast", "loan-status"] {
                    for node in document.nodes("descendant::\(name)", at: element)
                    where document.nodes("@currency", at: node).isEmpty {
                        report(info, at: node)
                    }
                }
            default:
                break
            }
        }

        mutating func startsWith(
            _ oneCase: Ruleset.Case, _ info: Ruleset.RuleInfo, matches: [xmlNodePtr], texts: [String], at element: xmlNodePtr
        ) {
            let prefixPaths = oneCase.prefix ?? []
            if prefixPaths == ["ORG-ID-PREFIX"] {
                // The agency prefix is everything before the second "-": `XM-DAC` of `XM-DAC-41114`.
                for (node, text) in zip(matches, texts) {
                    let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
                    let prefix = parts.count >= 2 ? "\(parts[0])-\(parts[1])" : nil
                    if prefix.map({ !validator.organisationPrefixes.contains($0) }) ?? true { report(info, at: node) }
                }
                return
            }
            let separator = oneCase.separator ?? ""
            let starts = prefixPaths.flatMap { document.nodes($0, at: element) }.map { document.string(of: $0) + separator }
            for (node, text) in zip(matches, texts) where !starts.contains(where: { text.hasPrefix($0) }) {
                report(info, at: node)
            }
        }

        // MARK: Helpers

        func holds(_ idCondition: String, _ texts: [String]) -> Bool {
            switch idCondition {
            case "NOT_EXISTING_ORG_ID":
                return texts.allSatisfy { !validator.knownOrganisationIDs.contains($0) }
            case "NOT_EXISTING_ORG_ID_PREFIX":
                return texts.allSatisfy { text in !validator.knownOrganisationIDs.contains { text.hasPrefix($0 + "-") } }
            default:
                return true
            }
        }

        /// The valid dates `path` selects, with their nodes, in document order.
        func dates(_ path: String, at element: xmlNodePtr) -> [(node: xmlNodePtr, date: Date)] {
            document.nodes(path, at: element).compactMap { node in
                RulesetValidator.parseDate(document.string(of: node)).map { (node: node, date: $0) }
            }
        }

        /// The sum of the values (as JavaScript numbers, rounded to 4 decimals) equals `expected`.
        func sumMatches(_ texts: [String], _ expected: Double) -> Bool {
            let total = texts.reduce(0.0) { $0 + RulesetValidator.Run.number($1) }
            guard total.isFinite else { return false }
            return (total * 10_000).rounded() / 10_000 == expected
        }

        mutating func report(_ info: Ruleset.RuleInfo, at node: xmlNodePtr) {
            findings.append(
                Finding(
                    severity: Finding.Severity(rawValue: info.severity.lowercased()) ?? .error,
                    category: info.category, rule: info.id, message: info.message,
                    line: document.line(of: node), xpath: document.path(of: node), activity: document.identifier))
        }

        /// JavaScript's `Number(text)`: surrounding white space ignored, empty is 0, anything else NaN.
        static func number(_ text: String) -> Double {
            let trimmed = jsTrim(text)
            if trimmed.isEmpty { return 0 }
            if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
                return UInt64(trimmed.dropFirst(2), radix: 16).map(Double.init) ?? .nan
            }
            // Swift's Double() also takes "nan", "inf" and hex floats, which Number() does not.
            let allowed = Set("0123456789+-.eE")
            if trimmed == "Infinity" || trimmed == "+Infinity" { return .infinity }
            if trimmed == "-Infinity" { return -.infinity }
            guard trimmed.allSatisfy({ allowed.contains($0) }) else { return .nan }
            return Double(trimmed) ?? .nan
        }

        /// JavaScript's `String.prototype.trim`: white space and line terminators, Unicode included.
        static func jsTrim(_ text: String) -> String {
            text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        }
    }

    /// An ISO 8601 date (`2012-04-15`) or date-time (`2012-04-15T10:00:00`, with `Z` or `±hh:mm`
    /// optional; without a zone it counts as UTC). `nil` when not a valid date: the rule ignores it.
    static func parseDate(_ raw: String) -> Date? {
        let text = raw.trimmingXMLWhitespace()
        let scalars = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= scalars.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                let c = scalars[i]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard scalars.count >= 10, let year = digits(0, 4), scalars[4] == 45, let month = digits(5, 2), scalars[7] == 45,
            let day = digits(8, 2), (1...12).contains(month), day >= 1
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= monthDays else { return nil }
        var seconds = 0.0
        var offset = 0
        var index = 10
        if index < scalars.count, scalars[index] == UInt8(ascii: "T") || scalars[index] == UInt8(ascii: " ") {
            guard let hour = digits(index + 1, 2), scalars.count > index + 3, scalars[index + 3] == 58,
                let minute = digits(index + 4, 2), hour <= 24, minute <= 59
            else { return nil }
            seconds = Double(hour * 3600 + minute * 60)
            index += 6
            if index < scalars.count, scalars[index] == 58 {
                guard let second = digits(index + 1, 2), second <= 60 else { return nil }
                seconds += Double(second)
                index += 3
                if index < scalars.count, scalars[index] == UInt8(ascii: ".") {
                    var fraction = 0.0
                    var scale = 0.1
                    index += 1
                    while index < scalars.count, scalars[index] >= 48 && scalars[index] <= 57 {
                        fraction += Double(scalars[index] - 48) * scale
                        scale /= 10
                        index += 1
                    }
                    seconds += fraction
                }
            }
        }
        if index < scalars.count {
            if scalars[index] == UInt8(ascii: "Z") {
                index += 1
            } else if scalars[index] == UInt8(ascii: "+") || scalars[index] == UInt8(ascii: "-") {
                let sign = scalars[index] == UInt8(ascii: "-") ? -1 : 1
                guard let hours = digits(index + 1, 2) else { return nil }
                var minutes = 0
                if index + 3 < scalars.count, scalars[index + 3] == 58, let m = digits(index + 4, 2) {
                    minutes = m
                    index += 6
                } else if let m = digits(index + 3, 2) {
                    minutes = m
                    index += 5
                } else {
                    index += 3
                }
                offset = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard index == scalars.count else { return nil }
        // Days from 1970-01-01 (civil-from-days inverse, proleptic Gregorian).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: Double(days) * 86_400 + seconds - Double(offset))
    }
}

/// Compiled regular expressions of one validation run.
final class RegexCache {
    private var compiled: [String: NSRegularExpression] = [:]
    private var failed: Set<String> = []

    init() {}

    func regex(_ pattern: String) -> NSRegularExpression? {
        if let found = compiled[pattern] { return found }
        if failed.contains(pattern) { return nil }
        guard let regex = try? NSRegularExpression(pattern: pattern) else {
            failed.insert(pattern)
            return nil
        }
        compiled[pattern] = regex
        return regex
    }
}
