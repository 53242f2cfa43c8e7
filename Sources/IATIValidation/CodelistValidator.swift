import CLibXML2
import IATI
import IATIXML

/// Checks every coded value of an activity (or organisation) against the bundled codelists, as
/// `codelists/_meta/mapping.xml` says, conditions included: a sector code is checked against the
/// DAC `Sector` list only when `@vocabulary` is `1` or absent, against `SectorCategory` when it is `2`.
///
/// A code not on the list is an `error`, a withdrawn code a `warning`. Codes compare exactly (they are
/// case-sensitive in the standard), except that an upper-case language code (`xml:lang="EN"`, the
/// `Language` codelist) whose lower-case form is on the list is a `warning` ("should be lower case").
public struct CodelistValidator: Sendable {
    /// One mapping ready to run: its XPath relative to the activity, condition folded in.
    struct Plan: Sendable {
        var expression: String
        var mapping: CodelistMapping
        var list: Codelist
        /// `nil`: applies to both activities and organisations.
        var kind: DocumentHeader.Kind?
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
        var findings: [Finding] = []
        for plan in plans where plan.kind == nil || plan.kind == document.kind {
            for node in document.nodes(plan.expression, at: document.element) {
                let value = document.string(of: node)
                guard case let (severity, message)? = Self.check(value, in: plan.list, what: Self.describe(node)) else { continue }
                findings.append(
                    Finding(
                        severity: severity, category: "codelist", rule: "codelist:\(plan.list.name)", message: message,
                        line: document.line(of: node), xpath: document.path(of: node), activity: document.identifier))
            }
        }
        return findings
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
            case let (severity, message)? = Self.check(attribute.value, in: language, what: "@xml:lang of <\(container)>")
        {
            findings.append(
                Finding(
                    severity: severity, category: "codelist", rule: "codelist:Language", message: message,
                    line: header.line, xpath: "/\(container)/@xml:lang"))
        }
        return findings
    }

    /// `nil` when `value` is a valid, active code of `list`.
    static func check(_ value: String, in list: Codelist, what: String) -> (Finding.Severity, String)? {
        switch list.status(of: value) {
        case .active: return nil
        case .withdrawn:
            return (.warning, "'\(value)' (\(what)) is a withdrawn code of the \(list.name) codelist.")
        case nil:
            if list.name == "Language", value != value.lowercased(), let status = list.status(of: value.lowercased()) {
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
