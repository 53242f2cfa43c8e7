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
    let rules: CompiledRuleset
    /// How many expressions were compiled before the first element.
    private let compiledUpFront: Int

    init(_ validator: ActivityValidator) {
        codelists = validator.codelists.compileWalk(cache)
        rules = CompiledRuleset(validator.rules, cache: cache, regexes: RegexCache())
        compiledUpFront = cache.count
    }

    /// Whether the checks are still small enough to keep for the next file.
    var isWorthKeeping: Bool {
        cache.count - compiledUpFront <= Self.keptLoopExpressions && cache.dictionaryBytes <= Self.keptDictionaryBytes
    }
}
