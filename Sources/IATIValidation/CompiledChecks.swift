import CLibXML2

/// What the checking thread needs before it checks an element: the codelist walk and the ruleset
/// with their XPaths compiled, and the parser context that builds each element's tree.
///
/// Building them costs more than checking a small file, so an ``ActivityValidator`` keeps them
/// between files, in an ``ExclusivePool``: libxml2's compiled XPaths and contexts are used by one
/// thread at a time, never shared.
final class CompiledChecks {
    /// Beyond this many XPaths compiled for `loop` values (each new value compiles its cases
    /// again), or this many bytes of names and short texts in the parser's dictionary, the checks
    /// are not kept for another file: neither is freed while they live.
    static let keptLoopExpressions = 4096
    static let keptDictionaryBytes = 16 << 20

    let cache = XPathCache()
    let codelists: CodelistWalk
    /// The ruleset of files of any version without one of their own.
    let rules: CompiledRuleset
    /// The rulesets of other versions, compiled when a file of that version first comes.
    private var rulesByVersion: [String: CompiledRuleset] = [:]
    private let validator: RulesetValidator
    /// How many expressions were compiled before the first element.
    private var compiledUpFront: Int

    init(_ validator: ActivityValidator) {
        self.validator = validator.rules
        codelists = validator.codelists.compileWalk(cache)
        rules = CompiledRuleset(validator.rules, cache: cache, regexes: RegexCache())
        compiledUpFront = cache.count
    }

    /// The compiled ruleset for a file whose `@version` is `version`.
    func rules(forVersion version: String?) -> CompiledRuleset {
        guard let version, let ruleset = validator.rulesetsByVersion[version] else { return rules }
        if let compiled = rulesByVersion[version] { return compiled }
        let before = cache.count
        let compiled = CompiledRuleset(validator, ruleset: ruleset, cache: cache, regexes: rules.regexes)
        // Its own expressions are compiled up front too, not counted as `loop` values.
        compiledUpFront += cache.count - before
        rulesByVersion[version] = compiled
        return compiled
    }

    /// Whether the checks are still small enough to keep for the next file.
    var isWorthKeeping: Bool {
        cache.count - compiledUpFront <= Self.keptLoopExpressions && cache.dictionaryBytes <= Self.keptDictionaryBytes
    }
}
