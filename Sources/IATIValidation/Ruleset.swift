import Foundation

/// An IATI Ruleset (`rulesets/standard.json`), as `SPEC.rst` of IATI/IATI-Rulesets (branch
/// `version-2.03`) defines it: `{CONTEXT_XPATH: {RULE_NAME: {"cases": [CASE, …]}}}`.
public struct Ruleset: Sendable, Decodable {
    /// The metadata of a case: the finding's id, severity, category and message.
    public struct RuleInfo: Sendable, Decodable, Hashable {
        public var id: String
        public var severity: String
        public var category: String
        public var message: String
    }

    /// One case of a rule. Which keys matter depends on the rule (see ``RulesetValidator``).
    public struct Case: Sendable, Decodable {
        public var condition: String?
        public var idCondition: String?
        public var eval: String?
        public var paths: [String]?
        public var less: String?
        public var more: String?
        public var regex: String?
        public var sum: Double?
        public var excluded: [String]?
        public var date: String?
        public var start: String?
        public var end: String?
        public var one: String?
        public var all: String?
        public var foreach: String?
        public var subs: [String]?
        public var prefix: [String]?
        public var separator: String?
        public var min: Double?
        public var max: Double?
        public var `if`: String?
        public var then: String?
        /// For `loop`: the rules to run for each value of `foreach`, by rule name.
        public var `do`: [String: Cases]?
        public var ruleInfo: RuleInfo?

        enum CodingKeys: String, CodingKey {
            case condition, idCondition, eval, paths, less, more, regex, sum, excluded, date, start, end, one, all
            case foreach, subs, prefix, separator, min, max, `if`, then, `do`, ruleInfo
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            condition = try c.decodeIfPresent(String.self, forKey: .condition)
            idCondition = try c.decodeIfPresent(String.self, forKey: .idCondition)
            eval = try c.decodeIfPresent(String.self, forKey: .eval)
            paths = try Self.strings(c, .paths)
            less = try c.decodeIfPresent(String.self, forKey: .less)
            more = try c.decodeIfPresent(String.self, forKey: .more)
            regex = try c.decodeIfPresent(String.self, forKey: .regex)
            sum = try c.decodeIfPresent(Double.self, forKey: .sum)
            excluded = try Self.strings(c, .excluded)
            date = try c.decodeIfPresent(String.self, forKey: .date)
            start = try c.decodeIfPresent(String.self, forKey: .start)
            end = try c.decodeIfPresent(String.self, forKey: .end)
            one = try c.decodeIfPresent(String.self, forKey: .one)
            all = try c.decodeIfPresent(String.self, forKey: .all)
            foreach = try c.decodeIfPresent(String.self, forKey: .foreach)
            subs = try Self.strings(c, .subs)
            prefix = try Self.strings(c, .prefix)
            separator = try c.decodeIfPresent(String.self, forKey: .separator)
            min = try c.decodeIfPresent(Double.self, forKey: .min)
            max = try c.decodeIfPresent(Double.self, forKey: .max)
            `if` = try c.decodeIfPresent(String.self, forKey: .if)
            then = try c.decodeIfPresent(String.self, forKey: .then)
            `do` = try c.decodeIfPresent([String: Cases].self, forKey: .do)
            ruleInfo = try c.decodeIfPresent(RuleInfo.self, forKey: .ruleInfo)
        }

        /// A string or an array of strings (`"prefix": "ORG-ID-PREFIX"` is allowed as well as `["…"]`).
        private static func strings(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [String]? {
            if let list = try? c.decodeIfPresent([String].self, forKey: key) { return list }
            return try c.decodeIfPresent(String.self, forKey: key).map { [$0] }
        }

        /// The case with `$1` replaced by `value` in the keys named by `keys` (a loop's `subs`).
        func substituting(_ keys: [String], with value: String) -> Case {
            var copy = self
            func subOne(_ text: String?) -> String? { text?.replacingOccurrences(of: "$1", with: value) }
            func subAll(_ list: [String]?) -> [String]? { list?.map { $0.replacingOccurrences(of: "$1", with: value) } }
            for key in keys {
                switch key {
                case "condition": copy.condition = subOne(condition)
                case "eval": copy.eval = subOne(eval)
                case "paths": copy.paths = subAll(paths)
                case "less": copy.less = subOne(less)
                case "more": copy.more = subOne(more)
                case "regex": copy.regex = subOne(regex)
                case "excluded": copy.excluded = subAll(excluded)
                case "date": copy.date = subOne(date)
                case "start": copy.start = subOne(start)
                case "end": copy.end = subOne(end)
                case "one": copy.one = subOne(one)
                case "all": copy.all = subOne(all)
                case "prefix": copy.prefix = subAll(prefix)
                case "if": copy.if = subOne(self.if)
                case "then": copy.then = subOne(then)
                default: break
                }
            }
            return copy
        }
    }

    public struct Cases: Sendable, Decodable {
        public var cases: [Case]
    }

    /// One rule of one context: `("atleast_one", cases)`.
    public struct Rule: Sendable {
        public var name: String
        public var cases: [Case]
    }

    /// A context XPath and its rules, in a stable order (by rule name).
    public struct Context: Sendable {
        public var xpath: String
        public var rules: [Rule]
    }

    /// Contexts sorted by XPath, for a stable order of findings.
    public var contexts: [Context]

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: [String: Cases]].self)
        contexts = raw.sorted { $0.key < $1.key }.map { xpath, rules in
            Context(xpath: xpath, rules: rules.sorted { $0.key < $1.key }.map { Rule(name: $0.key, cases: $0.value.cases) })
        }
    }

    public static func decode(_ data: Data) throws -> Ruleset {
        try JSONDecoder().decode(Ruleset.self, from: data)
    }

    private static let loaded = load("standard")
    private static let loaded202 = load("standard-2.02")

    private static func load(_ name: String) -> Result<Ruleset, any Error> {
        guard let url = Bundle.module.url(forResource: "rulesets/\(name)", withExtension: "json")
            ?? Bundle.module.url(forResource: "rulesets", withExtension: nil)?.appendingPathComponent("\(name).json")
        else {
            return .failure(CocoaError(.fileNoSuchFile))
        }
        return Result { try decode(Data(contentsOf: url)) }
    }

    /// The IATI Standard Ruleset bundled with DevCoop (loaded on first use, then shared): that of
    /// version 2.03 (IATI/IATI-Rulesets, branch `version-2.03`).
    public static func standard() throws -> Ruleset { try loaded.get() }

    /// The Standard Ruleset of IATI 2.01 and 2.02 (`standard-2.02.json`, branch `version-2.02` of
    /// IATI/IATI-Rulesets; `version-2.01` differs only in writing `0.0` for `0`): the IATI Validator
    /// checks a file against the ruleset of its `@version`, and these have no rules 8.8–8.10
    /// (indicator values) or 107.x, and test percentages by 12.x.2 (at least 0) instead of 12.x.1.
    public static func standard202() throws -> Ruleset { try loaded202.get() }
}
