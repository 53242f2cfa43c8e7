import CLibXML2
import IATI
import IATIXML

/// Checks every coded value of an activity (or organisation) against the bundled codelists, as
/// `codelists/_meta/mapping.xml` says, conditions included: a sector code is checked against the
/// DAC `Sector` list only when `@vocabulary` is `1` or absent, against `SectorCategory` when it is `2`.
///
/// A code not on the list is an `error`, a withdrawn code a `warning`. Codes compare exactly (they are
/// case-sensitive in the standard), except that an upper-case `@xml:lang` (`xml:lang="EN"`) whose
/// lower-case form is on the `Language` list is a `warning` ("should be lower case"): the IATI
/// Validator does not check `@xml:lang` at all, and publishers write `EN` by the thousand. A code
/// attribute governed by the same list (`<language code="EN"/>` of a document link) is an `error`,
/// as the IATI Validator reports it ("The document language code is invalid").
public struct CodelistValidator: Sendable {
    /// One mapping ready to run: its XPath relative to the activity, condition folded in.
    struct Plan: Sendable {
        var expression: String
        var mapping: CodelistMapping
        var list: Codelist
        /// `nil`: applies to both activities and organisations.
        var kind: DocumentHeader.Kind?

        /// Whether the value is an `@xml:lang` (checked leniently for case), not a `@code`.
        var isXMLLang: Bool { mapping.path.hasSuffix("@xml:lang") }
    }

    public let codelists: Codelists
    let plans: [Plan]

    public init(codelists: Codelists) {
        self.codelists = codelists
        var plans: [Plan] = []
        for mapping in codelists.mappings {
            // A mapping whose codelist file is not bundled (none today: the 70 files cover mapping.xml)
            // cannot be checked; it is skipped rather than reported against an empty list.
            guard let list = codelists[mapping.codelist] else { continue }
            guard let relative = Self.relative(mapping) else { continue }
            let (expression, kind) = relative
            plans.append(Plan(expression: expression, mapping: mapping, list: list, kind: kind))
        }
        self.plans = plans
    }

    public init() throws {
        self.init(codelists: try Codelists.bundled())
    }

    /// The mapping's path as an XPath relative to the `iati-activity` (or `iati-organisation`)
    /// element, with its condition as a predicate on the element holding the coded value; `nil` for
    /// the container's own attributes (checked once per file by ``validate(header:)``).
    static func relative(_ mapping: CodelistMapping) -> (String, DocumentHeader.Kind?)? {
        let path = mapping.path
        let kind: DocumentHeader.Kind?
        var rest: String
        if path.hasPrefix("//iati-activities/") || path.hasPrefix("//iati-organisations/") {
            return nil
        } else if path.hasPrefix("//iati-activity/") {
            kind = .activities
            rest = String(path.dropFirst("//iati-activity/".count))
        } else if path.hasPrefix("//iati-organisation/") {
            kind = .organisations
            rest = String(path.dropFirst("//iati-organisation/".count))
        } else if path.hasPrefix("//") {
            // `//@xml:lang`: anywhere in the element, the element itself included.
            kind = nil
            rest = "descendant-or-self::*/" + path.dropFirst(2)
        } else {
            return nil
        }
        if let condition = mapping.condition {
            var steps = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if steps.count >= 2 {
                steps[steps.count - 2] += "[\(condition)]"
            } else {
                steps.insert("self::*[\(condition)]", at: 0)
            }
            rest = steps.joined(separator: "/")
        }
        return (rest, kind)
    }

    /// The findings for the codes of one activity or organisation.
    func validate(_ document: ActivityDocument) -> [Finding] {
        validate(document, compiled: compile(document.cache))
    }

    /// Each plan's expression compiled by the run's cache (in the order of ``plans``).
    func compile(_ cache: XPathCache) -> [XPathExpression] {
        plans.map { cache.expression($0.expression) }
    }

    /// The findings for the codes of one activity or organisation, with ``compile(_:)``'s expressions.
    func validate(_ document: ActivityDocument, compiled: [XPathExpression]) -> [Finding] {
        var findings: [Finding] = []
        for (plan, expression) in zip(plans, compiled) where plan.kind == nil || plan.kind == document.kind {
            for node in document.nodes(expression, at: document.element) {
                check(node, plan, document, into: &findings)
            }
        }
        return findings
    }

    /// The finding (if any) of the coded value `node` holds.
    @inline(__always)
    func check(_ node: xmlNodePtr, _ plan: Plan, _ document: ActivityDocument, into findings: inout [Finding]) {
        let value = document.string(of: node)
        if plan.list.status(of: value) == .active { return }
        guard case let (severity, message)? = Self.check(value, in: plan.list, what: Self.describe(node), lenientCase: plan.isXMLLang)
        else { return }
        findings.append(
            Finding(
                severity: severity, category: "codelist", rule: "codelist:\(plan.list.name)", message: message,
                line: document.line(of: node), xpath: document.path(of: node), activity: document.identifier))
    }

    /// The mappings compiled for one ``CompiledChecks``: those whose path is a plain chain of element names ending
    /// in an attribute or `text()` are found by one walk over the element's tree (their condition
    /// evaluated, as the XPath predicate it stands for, on each element the chain reaches); any
    /// other by its XPath.
    func compileWalk(_ cache: XPathCache) -> CodelistWalk {
        CodelistWalk(self, cache: cache)
    }

    /// The findings for the codes of one activity or organisation, as ``validate(_:compiled:)`` finds them.
    func validate(_ document: ActivityDocument, walk: CodelistWalk) -> [Finding] {
        var findings: [Finding] = []
        for (index, expression) in walk.others where plans[index].kind == nil || plans[index].kind == document.kind {
            for node in document.nodes(expression, at: document.element) {
                check(node, plans[index], document, into: &findings)
            }
        }
        let root = document.kind == .activities ? walk.activities : walk.organisations
        visit(document.element, root, position: 1, size: 1, document, walk, &findings)
        if !walk.everyLanguage.isEmpty {
            // `descendant-or-self::*/@xml:lang`: every element, whatever its namespace.
            func languages(_ element: xmlNodePtr) {
                if let attribute = CodelistWalk.attribute(of: element, CodelistWalk.lang, xmlNamespace: true) {
                    for index in walk.everyLanguage { check(attribute, plans[index], document, into: &findings) }
                }
                var child = element.pointee.children
                while let current = child {
                    if current.pointee.type == XML_ELEMENT_NODE { languages(current) }
                    child = current.pointee.next
                }
            }
            languages(document.element)
        }
        return findings
    }

    private func visit(
        _ element: xmlNodePtr, _ step: CodelistWalk.Step, position: Int, size: Int, _ document: ActivityDocument,
        _ walk: CodelistWalk, _ findings: inout [Finding]
    ) {
        for target in step.targets {
            if let condition = target.condition,
                !document.predicate(condition, at: element, position: position, size: size)
            {
                continue
            }
            let plan = plans[target.plan]
            if let name = target.attribute {
                if let attribute = CodelistWalk.attribute(of: element, name, xmlNamespace: target.xmlNamespace) {
                    check(attribute, plan, document, into: &findings)
                }
            } else {
                var child = element.pointee.children
                while let current = child {
                    if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                        check(current, plan, document, into: &findings)
                    }
                    child = current.pointee.next
                }
            }
        }
        guard !step.children.isEmpty else { return }
        var child = element.pointee.children
        while let current = child {
            child = current.pointee.next
            guard current.pointee.type == XML_ELEMENT_NODE, current.pointee.ns == nil, let name = current.pointee.name,
                let next = step.child(named: name)
            else { continue }
            var position = 1
            var size = 1
            if next.needsPosition {
                // The element's place among its siblings of the same name (for a condition's predicate).
                position = 0
                size = 0
                var sibling = element.pointee.children
                while let other = sibling {
                    if other.pointee.type == XML_ELEMENT_NODE, other.pointee.ns == nil, let otherName = other.pointee.name,
                        xmlStrEqual(otherName, name) != 0
                    {
                        size += 1
                        if other == current { position = size }
                    }
                    sibling = other.pointee.next
                }
            }
            visit(current, next, position: position, size: size, document, walk, &findings)
        }
    }

    /// The findings for the container's own coded attributes (`@version`, `@xml:lang`).
    func validate(header: DocumentHeader) -> [Finding] {
        let container = header.kind == .activities ? "iati-activities" : "iati-organisations"
        var findings: [Finding] = []
        for mapping in codelists.mappings where mapping.path.hasPrefix("//\(container)/@") {
            let name = String(mapping.path.dropFirst("//\(container)/@".count))
            guard let list = codelists[mapping.codelist], !name.contains(":"),
                let attribute = header.attributes.first(where: { $0.namespace == nil && $0.name == name })
            else { continue }
            if case let (severity, message)? = Self.check(attribute.value, in: list, what: "@\(name) of <\(container)>") {
                findings.append(
                    Finding(
                        severity: severity, category: "codelist", rule: "codelist:\(list.name)", message: message,
                        line: header.line, xpath: "/\(container)/@\(name)"))
            }
        }
        if let language = codelists["Language"],
            let attribute = header.attributes.first(where: { $0.namespace == XMLNode.xmlNamespace && $0.name == "lang" }),
            case let (severity, message)? = Self.check(attribute.value, in: language, what: "@xml:lang of <\(container)>", lenientCase: true)
        {
            findings.append(
                Finding(
                    severity: severity, category: "codelist", rule: "codelist:Language", message: message,
                    line: header.line, xpath: "/\(container)/@xml:lang"))
        }
        return findings
    }

    /// `nil` when `value` is a valid, active code of `list`. With `lenientCase` (an `@xml:lang`), an
    /// upper-case language code whose lower-case form is on the list is a warning, not an error.
    static func check(_ value: String, in list: Codelist, what: String, lenientCase: Bool = false) -> (Finding.Severity, String)? {
        switch list.status(of: value) {
        case .active: return nil
        case .withdrawn:
            return (.warning, "'\(value)' (\(what)) is a withdrawn code of the \(list.name) codelist.")
        case nil:
            if lenientCase, list.name == "Language", value != value.lowercased(), let status = list.status(of: value.lowercased()) {
                let withdrawn = status == .withdrawn ? ", a withdrawn code" : ""
                return (
                    .warning,
                    "'\(value)' (\(what)) should be lower case: '\(value.lowercased())' is the code of the \(list.name) codelist\(withdrawn)."
                )
            }
            return (.error, "'\(value)' (\(what)) is not a code of the \(list.name) codelist.")
        }
    }

    /// `@code of <sector>`, `text of <channel-code>`.
    static func describe(_ node: xmlNodePtr) -> String {
        func name(_ node: xmlNodePtr) -> String {
            let local = node.pointee.name.map { String(cString: $0) } ?? "?"
            if let prefix = node.pointee.ns?.pointee.prefix { return String(cString: prefix) + ":" + local }
            return local
        }
        switch node.pointee.type {
        case XML_ATTRIBUTE_NODE:
            let owner = node.pointee.parent.map { "<\(name($0))>" } ?? "?"
            return "@\(name(node)) of \(owner)"
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            let owner = node.pointee.parent.map { "<\(name($0))>" } ?? "?"
            return "text of \(owner)"
        default:
            return "<\(name(node))>"
        }
    }
}

/// The codelist mappings of one ``CompiledChecks``, arranged for ``CodelistValidator/validate(_:walk:)``.
final class CodelistWalk {
    /// One element of a mapping's chain: the values to check on it, and the next elements.
    final class Step {
        struct Target {
            let plan: Int
            /// The attribute's name (NUL-terminated); `nil` for `text()`.
            let attribute: [UInt8]?
            /// `@xml:lang` rather than an attribute in no namespace.
            let xmlNamespace: Bool
            let condition: XPathExpression?
        }

        var targets: [Target] = []
        /// By the name's first byte: (name NUL-terminated, step).
        private(set) var buckets: [[([UInt8], Step)]] = Array(repeating: [], count: 128)
        private(set) var children: [Step] = []
        /// Whether a target has a condition (that may ask for `position()` or `last()`).
        var needsPosition: Bool { targets.contains { $0.condition != nil } }

        func child(named name: UnsafePointer<xmlChar>) -> Step? {
            let first = Int(name.pointee)
            guard first < 128 else { return nil }
            for (candidate, step) in buckets[first] where xmlStrEqual(candidate, name) != 0 { return step }
            return nil
        }

        func add(_ name: String) -> Step {
            let bytes = Array(name.utf8) + [0]
            let first = Int(bytes[0])
            if let found = buckets[first].first(where: { $0.0 == bytes }) { return found.1 }
            let step = Step()
            buckets[first].append((bytes, step))
            children.append(step)
            return step
        }
    }

    static let lang: [UInt8] = Array("lang".utf8) + [0]

    /// Chains from the `iati-activity` element, and from the `iati-organisation` element.
    let activities = Step()
    let organisations = Step()
    /// Plans checked on `@xml:lang` of every element (`//@xml:lang`).
    private(set) var everyLanguage: [Int] = []
    /// Plans run by their XPath.
    private(set) var others: [(Int, XPathExpression)] = []

    init(_ validator: CodelistValidator, cache: XPathCache) {
        for (index, plan) in validator.plans.enumerated() {
            let path = plan.mapping.path
            let condition = plan.mapping.condition
            if path == "//@xml:lang", condition == nil, plan.kind == nil {
                everyLanguage.append(index)
                continue
            }
            var steps: [Substring] = []
            var roots: [Step] = []
            if path.hasPrefix("//iati-activity/"), plan.kind == .activities {
                steps = path.dropFirst("//iati-activity/".count).split(separator: "/", omittingEmptySubsequences: false)
                roots = [activities]
            } else if path.hasPrefix("//iati-organisation/"), plan.kind == .organisations {
                steps = path.dropFirst("//iati-organisation/".count).split(separator: "/", omittingEmptySubsequences: false)
                roots = [organisations]
            }
            guard let last = steps.last, !roots.isEmpty, steps.dropLast().allSatisfy(Self.isName),
                let target = Self.target(String(last), plan: index, condition: condition.map { cache.expression($0) })
            else {
                others.append((index, cache.expression(plan.expression)))
                continue
            }
            var step = roots[0]
            for name in steps.dropLast() { step = step.add(String(name)) }
            step.targets.append(target)
        }
    }

    /// `@name`, `@xml:lang` or `text()`.
    private static func target(_ last: String, plan: Int, condition: XPathExpression?) -> Step.Target? {
        if last == "text()" {
            return Step.Target(plan: plan, attribute: nil, xmlNamespace: false, condition: condition)
        }
        guard last.hasPrefix("@") else { return nil }
        let name = last.dropFirst()
        if name == "xml:lang" {
            return Step.Target(plan: plan, attribute: lang, xmlNamespace: true, condition: condition)
        }
        guard isName(name) else { return nil }
        return Step.Target(plan: plan, attribute: Array(name.utf8) + [0], xmlNamespace: false, condition: condition)
    }

    /// A plain XML name without a prefix (letters, digits, `-`, `_`, `.`; ASCII).
    private static func isName(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, first < 128, !(48...57).contains(first), first != 45, first != 46 else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45
                || byte == 95 || byte == 46
        }
    }

    /// The attribute of `element` with this name, in no namespace (or the XML namespace), as
    /// XPath's `@name` (`@xml:lang`) selects it.
    static func attribute(of element: xmlNodePtr, _ name: [UInt8], xmlNamespace: Bool) -> xmlNodePtr? {
        var property = element.pointee.properties
        while let current = property {
            if let own = current.pointee.name, xmlStrEqual(own, name) != 0 {
                if xmlNamespace {
                    if let namespace = current.pointee.ns, let href = namespace.pointee.href,
                        xmlStrEqual(href, "http://www.w3.org/XML/1998/namespace") != 0
                    {
                        return UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)
                    }
                } else if current.pointee.ns == nil {
                    return UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)
                }
            }
            property = current.pointee.next
        }
        return nil
    }
}
