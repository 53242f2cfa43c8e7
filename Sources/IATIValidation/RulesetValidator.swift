import CLibXML2
import Foundation
import IATI
import IATIXML

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
/// (`atleast_one`, `time_limit`, `only_one_of`, `dependent`). Date rules read the first date each of
/// their paths selects, as the IATI Validator does (see ``Run/firstDate(_:at:)``).
public struct RulesetValidator: Sendable {
    /// The ruleset of any file whose `@version` has none of its own in ``rulesetsByVersion``.
    public let ruleset: Ruleset
    /// The ruleset of a file by its `@version`, where it is not ``ruleset``: the IATI Validator
    /// checks a 2.01 or 2.02 file against the rules of its version, not those of 2.03.
    public let rulesetsByVersion: [String: Ruleset]
    /// Codes of the OrganisationRegistrationAgency codelist: the prefixes `startswith` accepts for
    /// `ORG-ID-PREFIX` (rules 1.14.8, 1.18.8).
    public let organisationPrefixes: Set<String>
    /// Publisher organisation ids known to exist (the Registry's), for `idCondition`.
    public let knownOrganisationIDs: Set<String>
    /// The time `NOW` stands for (and `date_now` compares with).
    public let now: Date

    public init(
        ruleset: Ruleset, rulesetsByVersion: [String: Ruleset] = [:], organisationPrefixes: Set<String>,
        knownOrganisationIDs: Set<String> = [], now: Date = Date()
    ) {
        self.ruleset = ruleset
        self.rulesetsByVersion = rulesetsByVersion
        self.organisationPrefixes = organisationPrefixes
        self.knownOrganisationIDs = knownOrganisationIDs
        self.now = now
    }

    /// The standard rulesets (2.03; 2.02 for files of versions 2.01 and 2.02, as the IATI Validator
    /// applies them) with the bundled OrganisationRegistrationAgency codes as prefixes.
    public init(now: Date = Date()) throws {
        let codelists = try Codelists.bundled()
        let older = try Ruleset.standard202()
        self.init(
            ruleset: try Ruleset.standard(), rulesetsByVersion: ["2.01": older, "2.02": older],
            organisationPrefixes: Set(codelists["OrganisationRegistrationAgency"]?.codes.keys.map { $0 } ?? []),
            now: now)
    }

    /// The findings of every rule for one activity or organisation.
    func validate(_ document: ActivityDocument, regexes: RegexCache) -> [Finding] {
        validate(document, compiled: CompiledRuleset(self, cache: document.cache, regexes: regexes))
    }

    /// The findings of every rule for one activity or organisation, with the ruleset compiled for the run.
    func validate(_ document: ActivityDocument, compiled: CompiledRuleset) -> [Finding] {
        var run = Run(validator: self, compiled: compiled, document: document)
        for context in compiled.contexts where context.kind == nil || context.kind == document.kind {
            let elements = document.nodes(context.xpath, at: document.element)
            if elements.isEmpty { continue }
            for element in elements {
                for oneCase in context.cases {
                    if let loop = oneCase.loop {
                        run.loop(oneCase, loop, at: element)
                    } else {
                        run.test(oneCase, at: element)
                    }
                }
            }
        }
        return run.findings
    }

    /// One activity's evaluation.
    struct Run {
        let validator: RulesetValidator
        let compiled: CompiledRuleset
        let document: ActivityDocument
        var findings: [Finding] = []

        init(validator: RulesetValidator, compiled: CompiledRuleset, document: ActivityDocument) {
            self.validator = validator
            self.compiled = compiled
            self.document = document
        }

        mutating func loop(_ oneCase: CompiledCase, _ loop: CompiledCase.Loop, at element: xmlNodePtr) {
            var values: [String] = []
            for node in document.nodes(loop.foreach, at: element) {
                let value = document.string(of: node)
                if !values.contains(value) { values.append(value) }
            }
            if values.isEmpty { return }
            // A value with a quote cannot stand inside the rules' '…' literals.
            let substituted = values.filter { !$0.contains("'") }.map { loop.cases(for: $0, compiled) }
            for index in 0..<loop.count {
                for cases in substituted { test(cases[index], at: element) }
            }
        }

        /// The nodes the case's `paths` select, in path order then document order.
        func matches(_ oneCase: CompiledCase, at element: xmlNodePtr) -> [xmlNodePtr] {
            switch oneCase.paths.count {
            case 0: return []
            case 1: return document.nodes(oneCase.paths[0], at: element)
            default: return oneCase.paths.flatMap { document.nodes($0, at: element) }
            }
        }

        mutating func test(_ oneCase: CompiledCase, at element: xmlNodePtr) {
            if let condition = oneCase.condition, document.boolean(condition, at: element) != true { return }
            var matches: [xmlNodePtr] = []
            var texts: [String] = []
            if oneCase.needsMatches {
                matches = self.matches(oneCase, at: element)
                if oneCase.needsTexts { texts = matches.map { document.string(of: $0) } }
                if let idCondition = oneCase.source.idCondition, !holds(idCondition, texts) { return }
            }
            guard let info = oneCase.info else { return }

            switch oneCase.kind {
            case .noMoreThanOne:
                if matches.count > 1 { report(info, at: matches[1]) }

            case .atLeastOne:
                if oneCase.source.idCondition != nil {
                    if matches.isEmpty { report(info, at: element) }
                } else if !oneCase.paths.contains(where: { document.selectsNodes($0, at: element) }) {
                    report(info, at: element)
                }

            case .dependent:
                var some = false, none = false
                for path in oneCase.paths {
                    if document.selectsNodes(path, at: element) { some = true } else { none = true }
                }
                if some && none { report(info, at: element) }

            case .onlyOneOf:
                let passes = oneCase.excluded.allSatisfy { excluded in
                    !document.selectsNodes(excluded, at: element) ? matches.count == 1 : matches.isEmpty
                }
                if !passes { report(info, at: matches.first ?? element) }

            case .oneOrAll:
                oneOrAll(oneCase, info, at: element)

            case .unique:
                var seen: Set<String> = []
                for (node, text) in zip(matches, texts) where !seen.insert(text).inserted {
                    report(info, at: node)
                }

            case .sum:
                if !matches.isEmpty, !sumMatches(texts, oneCase.source.sum ?? 0) { report(info, at: matches[0]) }

            case .strictSum:
                if !sumMatches(texts, oneCase.source.sum ?? 0) { report(info, at: matches.first ?? element) }

            case .dateOrder:
                guard let lessPath = oneCase.less, oneCase.source.more != nil,
                    case let (node, less)? = firstDate(lessPath, at: element)
                else { return }
                let latestAllowed: Date
                if let morePath = oneCase.more {
                    guard case let (_, more)? = firstDate(morePath, at: element) else { return }
                    latestAllowed = more
                } else {
                    latestAllowed = validator.now
                }
                if less > latestAllowed { report(info, at: node) }

            case .dateNow:
                guard let path = oneCase.date, case let (node, date)? = firstDate(path, at: element) else { return }
                if date > validator.now { report(info, at: node) }

            case .timeLimit:
                guard case let (_, start)? = oneCase.start.flatMap({ firstDate($0, at: element) }),
                    case let (_, end)? = oneCase.end.flatMap({ firstDate($0, at: element) })
                else { return }
                // Whole days between the two, as the IATI Validator counts them (date-fns differenceInDays).
                let days = (end.timeIntervalSince(start) / 86_400).rounded(.towardZero)
                if days > 365 { report(info, at: element) }

            case .betweenDates:
                guard let path = oneCase.date, case let (node, date)? = firstDate(path, at: element),
                    case let (_, start)? = oneCase.start.flatMap({ firstDate($0, at: element) }),
                    case let (_, end)? = oneCase.end.flatMap({ firstDate($0, at: element) })
                else { return }
                if date < start || date > end { report(info, at: node) }

            case .regexMatches, .regexNoMatches:
                guard let matcher = oneCase.matcher else { return }
                let mustMatch = oneCase.kind == .regexMatches
                // An empty value passes, as in the IATI Validator.
                for (node, text) in zip(matches, texts) where !text.isEmpty {
                    if matcher.matches(text) != mustMatch { report(info, at: node) }
                }

            case .startsWith:
                startsWith(oneCase, info, matches: matches, texts: texts, at: element)

            case .ifThen:
                guard let condition = oneCase.if, let then = oneCase.then else { return }
                guard document.boolean(condition, at: element) == true else { return }
                if document.boolean(then, at: element) != true {
                    if !oneCase.needsMatches { matches = self.matches(oneCase, at: element) }
                    report(info, at: matches.first ?? element)
                }

            case .range:
                for (node, text) in zip(matches, texts) {
                    let value = Self.number(text)
                    let low = oneCase.source.min ?? value
                    let high = oneCase.source.max ?? value
                    if !(low <= value && value <= high) { report(info, at: node) }
                }

            case .noSpaces:
                for (node, text) in zip(matches, texts) where Self.hasSurroundingSpace(text) { report(info, at: node) }

            case .noPercent:
                for (node, text) in zip(matches, texts) where text.contains("%") { report(info, at: node) }

            case .positiveDecimal:
                for (node, text) in zip(matches, texts) {
                    let value = Double(text.trimmingXMLWhitespace())
                    if value == nil || value! < 0 { report(info, at: node) }
                }

            case .loop, .unknown:
                // A rule this engine does not know: not tested (none in standard.json).
                break
            }
        }

        // MARK: Rules with more to them

        mutating func oneOrAll(_ oneCase: CompiledCase, _ info: CompiledCase.Info, at element: xmlNodePtr) {
            guard let one = oneCase.one, let all = oneCase.source.all else { return }
            if document.boolean(one, at: element) == true { return }
            let x = compiled.fixed
            switch all {
            case "lang":
                for narrative in document.nodes(x.narratives, at: element) where !document.selectsNodes(x.lang, at: narrative) {
                    report(info, at: narrative)
                }
            case "sector":
                for transaction in document.nodes(x.transactions, at: element)
                where !document.selectsNodes(x.sector, at: transaction) {
                    report(info, at: transaction)
                }
            case "recipient-country|recipient-region":
                for transaction in document.nodes(x.transactions, at: element)
                where !document.selectsNodes(x.recipient, at: transaction) {
                    report(info, at: transaction)
                }
            case "currency":
                for path in x.valued {
                    for node in document.nodes(path, at: element) where !document.selectsNodes(x.currency, at: node) {
                        report(info, at: node)
                    }
                }
            default:
                break
            }
        }

        mutating func startsWith(
            _ oneCase: CompiledCase, _ info: CompiledCase.Info, matches: [xmlNodePtr], texts: [String], at element: xmlNodePtr
        ) {
            if oneCase.organisationPrefix {
                // The agency prefix is everything before the second "-": `XM-DAC` of `XM-DAC-41114`.
                for (node, text) in zip(matches, texts) {
                    let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
                    let prefix = parts.count >= 2 ? "\(parts[0])-\(parts[1])" : nil
                    if prefix.map({ !validator.organisationPrefixes.contains($0) }) ?? true { report(info, at: node) }
                }
                return
            }
            let separator = oneCase.source.separator ?? ""
            let starts = oneCase.prefix.flatMap { document.nodes($0, at: element) }.map { document.string(of: $0) + separator }
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

        /// The first node `path` selects, with its date; `nil` when it selects none or the first is
        /// not a date. A date rule reads one date per path, the first: `SPEC.rst` speaks of "the date
        /// matched by `less`", and both of IATI's implementations read `date_elements[0]` (the Python
        /// `_parse_date`) or `dateElements[0]` (js-validator-api's `parseDate`, the IATI Validator's),
        /// with the rule not applied when that one is no date. A future date on the second
        /// transaction is no finding of rule 11.2.1, as in the IATI Validator.
        func firstDate(_ path: XPathExpression, at element: xmlNodePtr) -> (node: xmlNodePtr, date: Date)? {
            guard let node = document.nodes(path, at: element).first,
                let date = document.withText(of: node, { RulesetValidator.parseDate($0) })
            else { return nil }
            return (node, date)
        }

        /// The sum of the values (as JavaScript numbers, rounded to 4 decimals) equals `expected`.
        func sumMatches(_ texts: [String], _ expected: Double) -> Bool {
            let total = texts.reduce(0.0) { $0 + RulesetValidator.Run.number($1) }
            guard total.isFinite else { return false }
            return (total * 10_000).rounded() / 10_000 == expected
        }

        mutating func report(_ info: CompiledCase.Info, at node: xmlNodePtr) {
            findings.append(
                Finding(
                    severity: info.severity, category: info.category, rule: info.id, message: info.message,
                    line: document.line(of: node), xpath: document.path(of: node), activity: document.identifier))
        }

        /// JavaScript's `Number(text)`: surrounding white space ignored, empty is 0, anything else NaN.
        static func number(_ text: String) -> Double {
            let trimmed = hasSurroundingSpace(text) ? jsTrim(text) : text
            if trimmed.isEmpty { return 0 }
            if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
                return UInt64(trimmed.dropFirst(2), radix: 16).map(Double.init) ?? .nan
            }
            // Swift's Double() also takes "nan", "inf" and hex floats, which Number() does not.
            if trimmed == "Infinity" || trimmed == "+Infinity" { return .infinity }
            if trimmed == "-Infinity" { return -.infinity }
            // Only "0123456789+-.eE" (each an ASCII character of its own).
            guard
                trimmed.utf8.allSatisfy({ byte in
                    (byte >= 48 && byte <= 57) || byte == 43 || byte == 45 || byte == 46 || byte == 101 || byte == 69
                })
            else { return .nan }
            return Double(trimmed) ?? .nan
        }

        /// Whether ``jsTrim(_:)`` would remove anything: `text != jsTrim(text)`.
        static func hasSurroundingSpace(_ text: String) -> Bool {
            guard let first = text.utf8.first, let last = text.utf8.last else { return false }
            // Printable ASCII at both ends: nothing to trim (every other case asks Foundation).
            if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return false }
            return text != jsTrim(text)
        }

        /// JavaScript's `String.prototype.trim`: white space and line terminators, Unicode included.
        static func jsTrim(_ text: String) -> String {
            text.trimmingCharacters(in: trimmed)
        }

        private static let trimmed = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}"))
    }

    /// An ISO 8601 date (`2012-04-15`) or date-time (`2012-04-15T10:00:00`, with `Z` or `±hh:mm`
    /// optional; without a zone it counts as UTC). `nil` when not a valid date: the rule ignores it.
    static func parseDate(_ raw: String) -> Date? {
        var raw = raw
        return raw.withUTF8 { parseDate($0) }
    }

    /// ``parseDate(_:)`` of UTF-8 bytes (XML white space around them ignored).
    static func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
        var lower = 0
        var upper = bytes.count
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        let scalars = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
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

/// Compiled regular expressions of one ``CompiledChecks``.
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

/// A text test of `regex_matches` / `regex_no_matches`: `^[^…]+$` (a value without any of a few
/// ASCII characters) is checked byte by byte, anything else by `NSRegularExpression`.
final class RegexMatcher {
    private let regex: NSRegularExpression?
    /// For `^[^…]+$`: the excluded bytes (all ASCII).
    private let excluded: [Bool]?

    init?(pattern: String, regexes: RegexCache) {
        if let excluded = Self.excludedBytes(pattern) {
            self.excluded = excluded
            self.regex = nil
        } else {
            guard let regex = regexes.regex(pattern) else { return nil }
            self.regex = regex
            self.excluded = nil
        }
    }

    /// Whether `text` (not empty) has a match, as `firstMatch(in:options:range:)` says.
    func matches(_ text: String) -> Bool {
        if let excluded {
            // `[^…]+` takes every character up to the end (line breaks included) unless one is excluded.
            return !text.isEmpty && !text.utf8.contains { $0 < 128 && excluded[Int($0)] }
        }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex!.firstMatch(in: text, options: [], range: range) != nil
    }

    /// The bytes of `^[^\/\&\|\?]+$`-shaped patterns (escaped ASCII punctuation or ASCII letters and
    /// digits inside the negated class); `nil` for any other pattern.
    static func excludedBytes(_ pattern: String) -> [Bool]? {
        let bytes = Array(pattern.utf8)
        let head = Array("^[^".utf8), tail = Array("]+$".utf8)
        guard bytes.count > head.count + tail.count, bytes.starts(with: head), bytes.suffix(tail.count).elementsEqual(tail)
        else { return nil }
        let body = bytes[head.count..<(bytes.count - tail.count)]
        var excluded = [Bool](repeating: false, count: 128)
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            func isAlphanumeric(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < body.endIndex else { return nil }
                let escaped = body[index]
                // Only punctuation stands for itself (`\d`, `\n`, `\p`… are classes or controls).
                guard escaped > 0x20, escaped < 0x7F, !isAlphanumeric(escaped) else { return nil }
                excluded[Int(escaped)] = true
            } else {
                guard isAlphanumeric(byte) else { return nil }
                excluded[Int(byte)] = true
            }
            index += 1
        }
        return excluded
    }
}

/// One case of the ruleset ready to run: its XPaths compiled (by the run's ``XPathCache``), its
/// rule resolved, its finding's severity parsed.
final class CompiledCase {
    enum Kind {
        case noMoreThanOne, atLeastOne, dependent, onlyOneOf, oneOrAll, unique, sum, strictSum, dateOrder, dateNow
        case timeLimit, betweenDates, regexMatches, regexNoMatches, startsWith, ifThen, range, noSpaces, noPercent
        case positiveDecimal, loop, unknown

        init(_ name: String) {
            switch name {
            case "no_more_than_one", "noMoreThanOne": self = .noMoreThanOne
            case "atleast_one", "atLeastOne": self = .atLeastOne
            case "dependent": self = .dependent
            case "only_one_of", "onlyOneOf": self = .onlyOneOf
            case "one_or_all", "oneOrAll": self = .oneOrAll
            case "unique": self = .unique
            case "sum": self = .sum
            case "strict_sum", "strictSum": self = .strictSum
            case "date_order", "dateOrder": self = .dateOrder
            case "date_now", "dateNow": self = .dateNow
            case "time_limit", "timeLimit": self = .timeLimit
            case "between_dates", "betweenDates": self = .betweenDates
            case "regex_matches", "regexMatches": self = .regexMatches
            case "regex_no_matches", "regexNoMatches": self = .regexNoMatches
            case "startswith", "startsWith": self = .startsWith
            case "if_then", "ifThen": self = .ifThen
            case "range": self = .range
            case "no_spaces", "noSpaces": self = .noSpaces
            case "no_percent": self = .noPercent
            case "positive_decimal": self = .positiveDecimal
            case "loop": self = .loop
            default: self = .unknown
            }
        }
    }

    struct Info {
        let id: String
        let severity: Finding.Severity
        let category: String
        let message: String
    }

    /// A `loop` case: `foreach` and, per value, its `do` cases with `$1` substituted (compiled on first use).
    final class Loop {
        let foreach: XPathExpression
        let subs: [String]
        /// The `do` cases in order (by rule name, then case).
        let cases: [(name: String, oneCase: Ruleset.Case)]
        /// By the value's bytes (XPath compares bytes, not canonically equivalent strings).
        private var byValue: [[UInt8]: [CompiledCase]] = [:]

        init(foreach: XPathExpression, subs: [String], cases: [(name: String, oneCase: Ruleset.Case)]) {
            self.foreach = foreach
            self.subs = subs
            self.cases = cases
        }

        var count: Int { cases.count }

        func cases(for value: String, _ ruleset: CompiledRuleset) -> [CompiledCase] {
            let key = Array(value.utf8)
            if let found = byValue[key] { return found }
            let compiled = cases.map { ruleset.compile($0.name, $0.oneCase.substituting(subs, with: value)) }
            byValue[key] = compiled
            return compiled
        }
    }

    let kind: Kind
    let source: Ruleset.Case
    let info: Info?
    let condition: XPathExpression?
    let paths: [XPathExpression]
    let excluded: [XPathExpression]
    let less: XPathExpression?
    /// `nil` when `more` is `NOW` (or absent).
    let more: XPathExpression?
    let date: XPathExpression?
    let start: XPathExpression?
    let end: XPathExpression?
    let one: XPathExpression?
    let `if`: XPathExpression?
    let then: XPathExpression?
    let prefix: [XPathExpression]
    /// `prefix` is `["ORG-ID-PREFIX"]`: the agency prefixes of the codelist.
    let organisationPrefix: Bool
    let matcher: RegexMatcher?
    let loop: Loop?
    /// Whether the rule looks at the nodes of `paths` (always when `idCondition` needs their texts).
    let needsMatches: Bool
    /// Whether the rule looks at their texts.
    let needsTexts: Bool

    init(_ name: String, _ oneCase: Ruleset.Case, cache: XPathCache, regexes: RegexCache) {
        let kind = Kind(name)
        func x(_ text: String?) -> XPathExpression? { text.map { cache.expression($0) } }
        func xs(_ list: [String]?) -> [XPathExpression] { (list ?? []).map { cache.expression($0) } }
        self.kind = kind
        source = oneCase
        info = oneCase.ruleInfo.map {
            Info(
                id: $0.id, severity: Finding.Severity(rawValue: $0.severity.lowercased()) ?? .error, category: $0.category,
                message: $0.message)
        }
        condition = x(oneCase.condition)
        paths = xs(oneCase.paths)
        excluded = kind == .onlyOneOf ? xs(oneCase.excluded) : []
        less = kind == .dateOrder ? x(oneCase.less) : nil
        more = kind == .dateOrder && oneCase.more != "NOW" ? x(oneCase.more) : nil
        date = kind == .dateNow || kind == .betweenDates ? x(oneCase.date) : nil
        start = kind == .timeLimit || kind == .betweenDates ? x(oneCase.start) : nil
        end = kind == .timeLimit || kind == .betweenDates ? x(oneCase.end) : nil
        one = kind == .oneOrAll ? x(oneCase.one) : nil
        self.if = kind == .ifThen ? x(oneCase.if) : nil
        then = kind == .ifThen ? x(oneCase.then) : nil
        organisationPrefix = (oneCase.prefix ?? []) == ["ORG-ID-PREFIX"]
        prefix = kind == .startsWith && !organisationPrefix ? xs(oneCase.prefix) : []
        matcher =
            kind == .regexMatches || kind == .regexNoMatches
            ? oneCase.regex.flatMap { RegexMatcher(pattern: $0, regexes: regexes) } : nil
        if kind == .loop, let foreach = oneCase.foreach, let rules = oneCase.do {
            var cases: [(name: String, oneCase: Ruleset.Case)] = []
            for (name, list) in rules.sorted(by: { $0.key < $1.key }) {
                for subCase in list.cases { cases.append((name, subCase)) }
            }
            loop = Loop(foreach: cache.expression(foreach), subs: oneCase.subs ?? [], cases: cases)
        } else {
            loop = nil
        }
        switch kind {
        case .noMoreThanOne, .onlyOneOf, .unique, .sum, .strictSum, .regexMatches, .regexNoMatches, .startsWith, .range,
            .noSpaces, .noPercent, .positiveDecimal:
            needsMatches = true
            needsTexts = kind != .noMoreThanOne && kind != .onlyOneOf
        case .loop:
            needsMatches = false
            needsTexts = false
        default:
            needsMatches = oneCase.idCondition != nil
            needsTexts = oneCase.idCondition != nil
        }
    }
}

/// The ruleset compiled for one ``CompiledChecks`` (its XPaths belong to their ``XPathCache``).
final class CompiledRuleset {
    struct Context {
        let xpath: XPathExpression
        /// The only kind of document the context can select in (`/iati-activities/…` selects nothing
        /// in an organisation's tree); `nil` when any.
        let kind: DocumentHeader.Kind?
        /// Its rules' cases, in order (by rule name, then case).
        let cases: [CompiledCase]
    }

    /// The fixed XPaths of `one_or_all`.
    struct Fixed {
        let narratives, lang, transactions, sector, recipient, currency: XPathExpression
        let valued: [XPathExpression]
    }

    let cache: XPathCache
    let regexes: RegexCache
    private(set) var contexts: [Context] = []
    let fixed: Fixed

    /// `ruleset` compiled for `validator`: its ``RulesetValidator/ruleset`` unless another is given.
    init(_ validator: RulesetValidator, ruleset: Ruleset? = nil, cache: XPathCache, regexes: RegexCache) {
        self.cache = cache
        self.regexes = regexes
        fixed = Fixed(
            narratives: cache.expression("descendant::narrative"), lang: cache.expression("@xml:lang"),
            transactions: cache.expression("transaction"), sector: cache.expression("sector"),
            recipient: cache.expression("recipient-country|recipient-region"), currency: cache.expression("@currency"),
            valued: ["value", "forecast", "loan-status"].map { cache.expression("descendant::\($0)") })
        contexts = (ruleset ?? validator.ruleset).contexts.map { context in
            Context(
                xpath: cache.expression(context.xpath), kind: Self.kind(of: context.xpath),
                cases: context.rules.flatMap { rule in rule.cases.map { compile(rule.name, $0) } })
        }
    }

    /// `.activities` for a single absolute path under `/iati-activities/`, `.organisations` under
    /// `/iati-organisations/`; `nil` otherwise.
    static func kind(of xpath: String) -> DocumentHeader.Kind? {
        guard !xpath.contains("|") else { return nil }
        if xpath.hasPrefix("/iati-activities/") { return .activities }
        if xpath.hasPrefix("/iati-organisations/") { return .organisations }
        return nil
    }

    func compile(_ name: String, _ oneCase: Ruleset.Case) -> CompiledCase {
        CompiledCase(name, oneCase, cache: cache, regexes: regexes)
    }
}

