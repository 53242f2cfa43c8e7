/// Upgrades one legacy IATI 1.0x element (`iati-activity` or `iati-organisation`, versions 1.0, 1.00,
/// 1.01–1.05) to the 2.03 shape, on the neutral `XMLNode` tree, so one decoder serves every version.
///
/// The upgrade is pure and total: it never fails, keeps every line number, and keeps whatever it does
/// not know — extension elements (any namespace) untouched with their whole subtree, unknown IATI
/// elements and attributes as given, and 1.0x values that have no 2.0x home (listed below). Codes not
/// found in a table are kept as given, so the validator can report them. Applied to data that is
/// already 2.0x-shaped it changes nothing of substance (codes are already numbers, text already sits
/// in `narrative`s). 2.01 made element order part of the schema, so the children of `iati-activity`,
/// `iati-organisation` and of the 1.0x elements most often written out of order (`transaction`,
/// `location`, `contact-info`, `document-link`, `budget`, `planned-disbursement`, the organisation
/// budgets) are put into 2.03 order by a stable sort; elements the order does not name (unknown IATI
/// elements, extensions) follow the known ones in their original order. Deeper children keep their
/// order.
///
/// Sources: the IATI 2.01 changelog and "Migrating from versions 1.x to version 2.01" (IATI-Upgrades,
/// `en/upgrade-changelogs/integer-upgrade-to-2-01/`), the 1.04 location summary, the 1.05 schemas and
/// the 1.0x codelists (IATI-Codelists `version-1.05`). Rows marked † are not in those notes: they are
/// repairs for what real 1.0x publishers wrote (codelist *names* where a code belongs, dates as text).
///
/// ## Mapping (paths relative to `iati-activity` / `iati-organisation`)
///
/// | 1.0x | 2.03 |
/// |---|---|
/// | **Free text** — text directly in the element, activity: `reporting-org`, `title`, `description`, `participating-org`, `activity-date`, `recipient-country`, `recipient-region`, `sector`, `policy-marker`, `contact-info/{organisation, department, person-name, job-title, mailing-address}`, `location/{name, description, activity-description}`, `country-budget-items/budget-item/description`, `transaction/{description, provider-org, receiver-org, sector, recipient-country, recipient-region}`, `document-link/title`, `conditions/condition`, `result/{title, description}`, `result/indicator/{title, description}`, `result/indicator/baseline/comment`, `result/indicator/period/{target, actual}/comment`; organisation: `reporting-org`, `name`, `document-link/title`, `document-link/recipient-country`, `recipient-org-budget/recipient-org`, `recipient-country-budget/recipient-country`, `*/budget-line` | the trimmed text becomes one `narrative` child (first child); the element's `@xml:lang` moves to the narrative |
/// | repeated `title` / `description` / `name` siblings, one per language (same attributes) | one element with one `narrative` per language (merged only when no language repeats) |
/// | **Code elements with a label as text**: `activity-status`, `activity-scope`, `collaboration-type`, `default-{flow-type, finance-type, aid-type, tied-status}`, `transaction/{transaction-type, flow-type, finance-type, aid-type, tied-status, disbursement-channel}`, `document-link/{category, language}`, `country-budget-items/budget-item`, `crs-add/other-flags`, `crs-add/loan-terms/{repayment-type, repayment-plan}`, `location/{location-id, location-reach, exactness, location-class, feature-designation}` | text (and its `@xml:lang`) dropped when `@code` is given; kept when it is not |
/// | `related-activity` text (the other activity's title) | dropped when `@ref` is given |
/// | **Dates**: `period-start`, `period-end`, `transaction-date`, `crs-add/loan-terms/{commitment-date, repayment-first-date, repayment-final-date}` with text | text dropped when `@iso-date` is given; † a text `YYYY-MM-DD…` without `@iso-date` becomes `@iso-date`; other text kept |
/// | `activity-date` text | † an ISO date without `@iso-date` becomes `@iso-date`; the same date as `@iso-date` is dropped; any other text → `narrative` |
/// | `transaction/transaction-type/@code` `IF C D E IR LR R QP QS CG` | `1 2 3 4 5 6 7 8 9 10` (`Q3`, the changelog's spelling of `QS`, → `9`) |
/// | † `transaction-type` without `@code`, its name as text (`Disbursement`) | `@code` from the 1.0x TransactionType names |
/// | † `transaction/@type` (pre-1.01, e.g. `expenditure`) and no `transaction-type` | `transaction-type/@code` (by name or letter code); `@type` removed |
/// | `activity-date/@type` `start-planned start-actual end-planned end-actual` | `1 2 3 4` (`start`, `end` and other values kept) |
/// | `participating-org/@role` `Funding Accountable Extending Implementing` (any case) | `1 2 3 4` |
/// | `sector/@vocabulary`, `transaction/sector/@vocabulary` `DAC DAC-3 COFOG NACE NTEE ADT RO RO2` | `1 2 3 4 5 6 99 98` (`ISO`, `WB` and publisher-invented vocabularies kept as given) |
/// | `policy-marker/@vocabulary` `DAC RO` | `1 99` |
/// | † `recipient-region/@vocabulary` by name `DAC`/`OECD DAC` `UN` `RO` | `1 2 99` (numeric since 1.04) |
/// | † `activity-status`, `default-tied-status`, `transaction/tied-status` without `@code`, the codelist name as text (`Implementation`, `untied`) | `@code` from the name (ActivityStatus `1`–`6`, TiedStatus `3 4 5`), text dropped |
/// | † `budget/@type` `Original Revised`; `result/@type` `output outcome impact`; `result/indicator/@measure` `unit percentage`; `description/@type` `general objectives target groups other` | `1 2`; `1 2 3`; `1 2`; `1 2 3 4` |
/// | `other-identifier` text, `@owner-ref`, `@owner-name` | `@ref` = text; `owner-org/@ref` = owner-ref; `owner-org/narrative` = owner-name (with the element's `@xml:lang`); `@type` (new, required) = `A1` when owner-ref is the reporting org's `@ref`, `A2` when the owner is the CRS (`@owner-ref` `CRS` or "CRS" in `@owner-name`), else `A9` |
/// | `activity-website` (URL as text) | `document-link @url=URL @format="text/html"` with `title/narrative` "Activity website" (`xml:lang="en"`) and `category @code="A12"` (as in the migration guide) |
/// | † `document-link/@language` | `document-link/language/@code` (when there is no `language` child) |
/// | `location/coordinates @latitude @longitude` | `location/point @srsName="http://www.opengis.net/def/crs/EPSG/0/4326"` / `pos` "lat long" |
/// | `location/coordinates/@precision` (GeographicalPrecision) | `location/exactness/@code`: `1` → `1` (exact), `2`–`9` → `2` (approximate); only when there is no `exactness` |
/// | `location/gazetteer-entry @gazetteer-ref` `GEO` `OSM` (text = id) | `location/location-id @vocabulary` `G1` `G2`, `@code` = text (`NGA` has no 2.0x vocabulary: kept) |
/// | `location/location-type/@code` | `location/feature-designation/@code` (same LocationType codes); † plus `location-class` `1` for `ADM…`/`PCL…`, `2` for `PPL…` when there is none |
/// | `location/administrative/@country` | `location/administrative @vocabulary="A4" @code=country` (`@adm1`, `@adm2` and the text have no 2.0x home: kept) |
/// | `country-budget-items/budget-item/description/@type`, `result/description/@type`, `result/indicator/description/@type` | removed |
/// | `crs-add/aidtype-flag` (1.05 schema spelling) or `crs-add/aid-type-flag` | `crs-add/other-flags` |
/// | `iati-activity/@version`, `iati-organisation/@version` | removed (the version lives on the root `iati-activities` / `iati-organisations`) |
/// | organisation `iati-identifier` | `organisation-identifier` |
/// | kept as given, no 2.0x home | `location/@percentage`, `planned-disbursement/@updated`, `transaction/@flow`, `legacy-data`, pre-1.01 elements such as `budget-planned`, `ir:registry-record` and every other extension |
public enum LegacyUpgrade {
    /// Whether a `@version` value names a 1.0x version (`1.0`, `1.00`, `1.01` … `1.05`).
    public static func isLegacyVersion(_ version: String?) -> Bool {
        guard let value = version?.trimmingXMLWhitespace(), !value.isEmpty else { return false }
        return value == "1" || value.hasPrefix("1.")
    }

    /// Upgrades one 1.0x `iati-activity` element to the 2.03 shape. See the table on `LegacyUpgrade`.
    public static func upgradeActivity(_ node: XMLNode) -> XMLNode {
        upgradeRoot(node, kind: .activity)
    }

    /// Upgrades one 1.0x `iati-organisation` element to the 2.03 shape. See the table on `LegacyUpgrade`.
    public static func upgradeOrganisation(_ node: XMLNode) -> XMLNode {
        upgradeRoot(node, kind: .organisation)
    }
}

// MARK: - Walk

extension LegacyUpgrade {
    enum Kind { case activity, organisation }

    struct Context {
        var kind: Kind
        /// The trimmed `reporting-org/@ref`, used to type `other-identifier`s.
        var reportingOrgRef: String?
    }

    static func upgradeRoot(_ node: XMLNode, kind: Kind) -> XMLNode {
        guard node.namespace == nil else { return node }
        let reportingRef = node.child("reporting-org")?[attribute: "ref"]?.trimmingXMLWhitespace()
        let context = Context(kind: kind, reportingOrgRef: reportingRef?.isEmpty == false ? reportingRef : nil)
        var root = node
        root.removeAttribute("version")
        root.children = upgradeChildren(root.children, parentPath: "", context: context)
        sortIntoSchemaOrder(&root, path: "", kind: kind)
        return root
    }

    static func upgradeChildren(_ children: [XMLNode], parentPath: String, context: Context) -> [XMLNode] {
        var result: [XMLNode] = []
        result.reserveCapacity(children.count)
        for child in children {
            guard child.namespace == nil else {
                result.append(child)
                continue
            }
            let path = parentPath.isEmpty ? child.name : parentPath + "/" + child.name
            result.append(contentsOf: upgradeElement(child, path: path, context: context))
        }
        return mergeTranslations(result)
    }

    /// Upgrades one IATI element (children first), returning what replaces it.
    static func upgradeElement(_ original: XMLNode, path: String, context: Context) -> [XMLNode] {
        var node = original
        var path = path
        // Renames that change the path the children are seen under.
        switch (context.kind, path) {
        case (.activity, "crs-add/aidtype-flag"), (.activity, "crs-add/aid-type-flag"):
            node.name = "other-flags"
            path = "crs-add/other-flags"
        case (.organisation, "iati-identifier"):
            node.name = "organisation-identifier"
            path = "organisation-identifier"
        case (.activity, "activity-website"):
            return [documentLink(fromWebsite: node)]
        default:
            break
        }
        node.children = upgradeChildren(node.children, parentPath: path, context: context)

        switch context.kind {
        case .activity: applyActivityRules(to: &node, path: path, context: context)
        case .organisation: applyOrganisationRules(to: &node, path: path)
        }
        sortIntoSchemaOrder(&node, path: path, kind: context.kind)
        return [node]
    }
}

// MARK: - Rules

extension LegacyUpgrade {
    static let activityNarrativePaths: Set<String> = [
        "reporting-org", "title", "description", "participating-org",
        "recipient-country", "recipient-region", "sector", "policy-marker",
        "contact-info/organisation", "contact-info/department", "contact-info/person-name",
        "contact-info/job-title", "contact-info/mailing-address",
        "location/name", "location/description", "location/activity-description",
        "country-budget-items/budget-item/description",
        "transaction/description", "transaction/provider-org", "transaction/receiver-org",
        "transaction/sector", "transaction/recipient-country", "transaction/recipient-region",
        "document-link/title", "conditions/condition",
        "result/title", "result/description", "result/indicator/title", "result/indicator/description",
        "result/indicator/baseline/comment", "result/indicator/period/target/comment",
        "result/indicator/period/actual/comment",
    ]

    static let organisationNarrativePaths: Set<String> = [
        "reporting-org", "name", "document-link/title", "document-link/recipient-country",
        "recipient-org-budget/recipient-org", "recipient-country-budget/recipient-country",
        "total-budget/budget-line", "recipient-org-budget/budget-line", "recipient-country-budget/budget-line",
    ]

    /// Elements whose 2.0x form has no text: path → the attribute that makes the text redundant.
    static let activityCodeTextPaths: [String: String] = [
        "activity-status": "code", "activity-scope": "code", "collaboration-type": "code",
        "default-flow-type": "code", "default-finance-type": "code", "default-aid-type": "code",
        "default-tied-status": "code",
        "transaction/transaction-type": "code", "transaction/flow-type": "code",
        "transaction/finance-type": "code", "transaction/aid-type": "code",
        "transaction/tied-status": "code", "transaction/disbursement-channel": "code",
        "document-link/category": "code", "document-link/language": "code",
        "country-budget-items/budget-item": "code",
        "crs-add/other-flags": "code",
        "crs-add/loan-terms/repayment-type": "code", "crs-add/loan-terms/repayment-plan": "code",
        "location/location-id": "code", "location/location-reach": "code", "location/exactness": "code",
        "location/location-class": "code", "location/feature-designation": "code",
        "related-activity": "ref",
    ]

    static let organisationCodeTextPaths: [String: String] = [
        "document-link/category": "code", "document-link/language": "code",
    ]

    /// Elements carrying `@iso-date` (text was allowed beside it in 1.0x, not in 2.0x).
    static let dateElementNames: Set<String> = [
        "period-start", "period-end", "transaction-date",
        "commitment-date", "repayment-first-date", "repayment-final-date",
    ]

    static let descriptionTypeNames: [String: String] = [
        "GENERAL": "1", "OBJECTIVES": "2", "TARGET GROUPS": "3", "OTHER": "4",
    ]

    static func applyActivityRules(to node: inout XMLNode, path: String, context: Context) {
        switch path {
        case "participating-org":
            node.mapAttribute("role", with: organisationRoleCodes)
        case "activity-date":
            node.mapAttribute("type", with: activityDateTypeCodes)
            upgradeActivityDate(&node)
            return
        case "sector", "transaction/sector":
            node.mapAttribute("vocabulary", with: sectorVocabularyCodes)
        case "policy-marker":
            node.mapAttribute("vocabulary", with: policyMarkerVocabularyCodes)
        case "recipient-region", "transaction/recipient-region":
            node.mapAttribute("vocabulary", with: regionVocabularyCodes)
        case "description":
            node.mapAttribute("type", with: descriptionTypeNames)
        case "budget":
            node.mapAttribute("type", with: budgetTypeNames)
        case "result":
            node.mapAttribute("type", with: resultTypeNames)
        case "result/indicator":
            node.mapAttribute("measure", with: indicatorMeasureNames)
        case "country-budget-items/budget-item/description", "result/description", "result/indicator/description":
            node.removeAttribute("type")
        case "transaction/transaction-type":
            upgradeTransactionType(&node)
        case "activity-status":
            codeFromLabel(&node, names: activityStatusNames)
        case "default-tied-status", "transaction/tied-status":
            codeFromLabel(&node, names: tiedStatusNames)
        case "transaction":
            upgradeTransactionTypeAttribute(&node)
        case "other-identifier":
            upgradeOtherIdentifier(&node, context: context)
        case "document-link":
            upgradeDocumentLanguageAttribute(&node)
        case "location":
            upgradeLocation(&node)
        default:
            break
        }
        if activityNarrativePaths.contains(path) {
            moveTextToNarrative(&node)
        } else if let attribute = activityCodeTextPaths[path] {
            dropLabel(&node, ifPresent: attribute)
        } else if dateElementNames.contains(node.name) {
            upgradeDate(&node)
        }
    }

    static func applyOrganisationRules(to node: inout XMLNode, path: String) {
        if path == "document-link" {
            upgradeDocumentLanguageAttribute(&node)
        }
        if organisationNarrativePaths.contains(path) {
            moveTextToNarrative(&node)
        } else if let attribute = organisationCodeTextPaths[path] {
            dropLabel(&node, ifPresent: attribute)
        } else if dateElementNames.contains(node.name) {
            upgradeDate(&node)
        }
    }
}

// MARK: - Text, codes and dates

extension LegacyUpgrade {
    /// Moves the element's own text into a new first `narrative` child, with its `@xml:lang`.
    static func moveTextToNarrative(_ node: inout XMLNode) {
        guard let text = node.trimmedText else { return }
        var narrative = XMLNode(name: "narrative", text: text, line: node.line)
        if let index = node.attributes.firstIndex(where: isXMLLang) {
            narrative.attributes.append(node.attributes.remove(at: index))
        }
        node.text = ""
        node.children.insert(narrative, at: 0)
    }

    /// Drops a code element's label text (and the label's language) when the code is given.
    static func dropLabel(_ node: inout XMLNode, ifPresent attribute: String) {
        guard node.trimmedText != nil, node.nonEmptyAttribute(attribute) != nil else { return }
        node.text = ""
        node.attributes.removeAll(where: isXMLLang)
    }

    static func upgradeDate(_ node: inout XMLNode) {
        guard let text = node.trimmedText else { return }
        if node.nonEmptyAttribute("iso-date") != nil {
            node.text = ""
            node.attributes.removeAll(where: isXMLLang)
        } else if let date = isoDatePrefix(text) {
            node.setAttribute("iso-date", date)
            node.text = ""
            node.attributes.removeAll(where: isXMLLang)
        }
    }

    static func upgradeActivityDate(_ node: inout XMLNode) {
        guard let text = node.trimmedText else { return }
        if let iso = node.nonEmptyAttribute("iso-date") {
            if text == iso || isoDatePrefix(text) == iso {
                node.text = ""
                node.attributes.removeAll(where: isXMLLang)
                return
            }
        } else if let date = isoDatePrefix(text) {
            node.setAttribute("iso-date", date)
            node.text = ""
            node.attributes.removeAll(where: isXMLLang)
            return
        }
        moveTextToNarrative(&node)
    }

    /// The `YYYY-MM-DD` a text starts with, when it is a date alone or a date followed only by a
    /// time and/or time zone (`T10:00:00Z`, ` 11:41:12`, `+01:00`).
    static func isoDatePrefix(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10 else { return nil }
        for (offset, scalar) in scalars.prefix(10).enumerated() {
            let isDigit = ("0"..."9").contains(scalar)
            if offset == 4 || offset == 7 {
                guard scalar == "-" else { return nil }
            } else if !isDigit {
                return nil
            }
        }
        if scalars.count > 10 {
            let starts: Set<Unicode.Scalar> = ["T", "Z", "+", "-", " "]
            let allowed: Set<Unicode.Scalar> = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ".", "+", "-", "T", "Z", " "]
            guard starts.contains(scalars[10]), scalars[10...].allSatisfy({ allowed.contains($0) }) else { return nil }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix(10))
        let date = String(view)
        guard let month = Int(date.dropFirst(5).prefix(2)), (1...12).contains(month),
            let day = Int(date.suffix(2)), (1...31).contains(day)
        else { return nil }
        return date
    }

    /// † A code element given only its codelist name as text (`<default-tied-status>untied</…>`).
    static func codeFromLabel(_ node: inout XMLNode, names: [String: String]) {
        guard node.nonEmptyAttribute("code") == nil, let text = node.trimmedText,
            let code = lookUp(text, in: names)
        else { return }
        node.setAttribute("code", code)
    }

    static func upgradeTransactionType(_ node: inout XMLNode) {
        if let code = node.nonEmptyAttribute("code") {
            if let mapped = lookUp(code, in: transactionTypeCodes) {
                node.setAttribute("code", mapped)
            }
        } else if let text = node.trimmedText,
            let mapped = lookUp(text, in: transactionTypeNames) ?? lookUp(text, in: transactionTypeCodes)
        {
            node.setAttribute("code", mapped)
            node.text = ""
            node.attributes.removeAll(where: isXMLLang)
        }
    }

    /// Pre-1.01 files (`<transaction type="expenditure">`) name the type on the transaction itself.
    static func upgradeTransactionTypeAttribute(_ node: inout XMLNode) {
        guard node.child("transaction-type") == nil, let value = node.nonEmptyAttribute("type"),
            let code = lookUp(value, in: transactionTypeNames) ?? lookUp(value, in: transactionTypeCodes)
        else { return }
        node.removeAttribute("type")
        let type = XMLNode(name: "transaction-type", attributes: [XMLAttribute(name: "code", value: code)], line: node.line)
        node.children.insert(type, at: 0)
    }

    static func upgradeDocumentLanguageAttribute(_ node: inout XMLNode) {
        guard node.child("language") == nil, let language = node.nonEmptyAttribute("language") else { return }
        node.removeAttribute("language")
        node.children.append(
            XMLNode(name: "language", attributes: [XMLAttribute(name: "code", value: language)], line: node.line))
    }
}

// MARK: - Restructured elements

extension LegacyUpgrade {
    /// `<activity-website>URL</activity-website>` → a `document-link` of category A12.
    static func documentLink(fromWebsite node: XMLNode) -> XMLNode {
        guard let url = node.trimmedText else { return node }
        var attributes = [XMLAttribute(name: "url", value: url), XMLAttribute(name: "format", value: "text/html")]
        attributes += node.attributes.filter { !isXMLLang($0) && !($0.namespace == nil && ($0.name == "url" || $0.name == "format")) }
        let narrative = XMLNode(
            name: "narrative", attributes: [xmlLang("en")], text: "Activity website", line: node.line)
        let title = XMLNode(name: "title", children: [narrative], line: node.line)
        let category = XMLNode(name: "category", attributes: [XMLAttribute(name: "code", value: "A12")], line: node.line)
        return XMLNode(
            name: "document-link", attributes: attributes, children: [title, category] + node.children,
            line: node.line)
    }

    /// `<other-identifier owner-ref="R" owner-name="N">ID</other-identifier>` →
    /// `<other-identifier ref="ID" type="A1|A2|A9"><owner-org ref="R"><narrative>N</narrative></owner-org>…`.
    static func upgradeOtherIdentifier(_ node: inout XMLNode, context: Context) {
        let ownerRef = node.nonEmptyAttribute("owner-ref")
        let ownerName = node.nonEmptyAttribute("owner-name")
        let text = node.trimmedText
        let hasOwnerAttributes = node[attribute: "owner-ref"] != nil || node[attribute: "owner-name"] != nil
        guard hasOwnerAttributes || (text != nil && node[attribute: "ref"] == nil) else { return }

        node.removeAttribute("owner-ref")
        node.removeAttribute("owner-name")
        if let text, node.nonEmptyAttribute("ref") == nil {
            node.setAttribute("ref", text)
            node.text = ""
        }
        if node.nonEmptyAttribute("type") == nil {
            let type: String
            if let ownerRef, ownerRef == context.reportingOrgRef {
                type = "A1"
            } else if ownerRef?.uppercased() == "CRS" || ownerName?.uppercased().contains("CRS") == true {
                type = "A2"
            } else {
                type = "A9"
            }
            node.setAttribute("type", type)
        }
        guard ownerRef != nil || ownerName != nil else { return }
        var owner = XMLNode(name: "owner-org", line: node.line)
        if let ownerRef {
            owner.attributes.append(XMLAttribute(name: "ref", value: ownerRef))
        }
        if let ownerName {
            var narrative = XMLNode(name: "narrative", text: ownerName, line: node.line)
            if let index = node.attributes.firstIndex(where: isXMLLang) {
                narrative.attributes.append(node.attributes.remove(at: index))
            }
            owner.children.append(narrative)
        }
        node.children.insert(owner, at: 0)
    }

    /// The 1.04 location changes: coordinates, gazetteer-entry, location-type, administrative/@country.
    static func upgradeLocation(_ node: inout XMLNode) {
        let hasPoint = node.child("point") != nil
        var hasExactness = node.child("exactness") != nil
        var hasClass = node.child("location-class") != nil
        var children: [XMLNode] = []
        children.reserveCapacity(node.children.count + 2)
        for child in node.children {
            guard child.namespace == nil else {
                children.append(child)
                continue
            }
            switch child.name {
            case "coordinates" where !hasPoint:
                guard let point = point(fromCoordinates: child) else {
                    children.append(child)
                    continue
                }
                children.append(point)
                if !hasExactness, let precision = child.nonEmptyAttribute("precision"),
                    let code = exactnessCode(forPrecision: precision)
                {
                    children.append(codeElement("exactness", code: code, line: child.line))
                    hasExactness = true
                }
            case "gazetteer-entry":
                children.append(locationID(fromGazetteerEntry: child) ?? child)
            case "location-type":
                guard let code = child.nonEmptyAttribute("code") else {
                    children.append(child)
                    continue
                }
                if !hasClass, let locationClass = locationClassCode(forFeature: code) {
                    children.append(codeElement("location-class", code: locationClass, line: child.line))
                    hasClass = true
                }
                var feature = child
                feature.name = "feature-designation"
                feature.text = ""
                feature.attributes.removeAll(where: isXMLLang)
                children.append(feature)
            case "administrative":
                var administrative = child
                if let country = child.nonEmptyAttribute("country"), child[attribute: "code"] == nil {
                    administrative.removeAttribute("country")
                    administrative.setAttribute("vocabulary", "A4")
                    administrative.setAttribute("code", country)
                }
                children.append(administrative)
            default:
                children.append(child)
            }
        }
        node.children = children
    }

    static func point(fromCoordinates node: XMLNode) -> XMLNode? {
        guard let latitude = node.nonEmptyAttribute("latitude"), let longitude = node.nonEmptyAttribute("longitude")
        else { return nil }
        let known: Set<String> = ["latitude", "longitude", "precision"]
        var attributes = [XMLAttribute(name: "srsName", value: pointSRSName)]
        attributes += node.attributes.filter { !($0.namespace == nil && known.contains($0.name)) }
        let pos = XMLNode(name: "pos", text: "\(latitude) \(longitude)", line: node.line)
        return XMLNode(name: "point", attributes: attributes, children: [pos] + node.children, line: node.line)
    }

    static func locationID(fromGazetteerEntry node: XMLNode) -> XMLNode? {
        guard let agency = node.nonEmptyAttribute("gazetteer-ref") ?? node.nonEmptyAttribute("gazeteer-ref"),
            let vocabulary = lookUp(agency, in: gazetteerVocabularyCodes), let code = node.trimmedText
        else { return nil }
        var attributes = [XMLAttribute(name: "vocabulary", value: vocabulary), XMLAttribute(name: "code", value: code)]
        attributes += node.attributes.filter {
            !isXMLLang($0) && !($0.namespace == nil && ($0.name == "gazetteer-ref" || $0.name == "gazeteer-ref"))
        }
        return XMLNode(name: "location-id", attributes: attributes, children: node.children, line: node.line)
    }

    /// GeographicLocationClass for the GeoNames feature codes whose class is certain from the code:
    /// administrative divisions and political entities (`ADM…`, `PCL…`) → 1, populated places → 2.
    static func locationClassCode(forFeature code: String) -> String? {
        let value = code.trimmingXMLWhitespace().uppercased()
        if value.hasPrefix("ADM") || value.hasPrefix("PCL") { return "1" }
        if value.hasPrefix("PPL") { return "2" }
        return nil
    }

    static func codeElement(_ name: String, code: String, line: Int) -> XMLNode {
        XMLNode(name: name, attributes: [XMLAttribute(name: "code", value: code)], line: line)
    }
}

// MARK: - Schema order

extension LegacyUpgrade {
    /// 2.03 child order (from the 2.03 schemas) of the elements 1.0x publishers wrote in any order.
    static let activitySchemaOrder: [String: [String]] = [
        "": [
            "iati-identifier", "reporting-org", "title", "description", "participating-org", "other-identifier",
            "activity-status", "activity-date", "contact-info", "activity-scope", "recipient-country",
            "recipient-region", "location", "sector", "tag", "country-budget-items", "humanitarian-scope",
            "policy-marker", "collaboration-type", "default-flow-type", "default-finance-type", "default-aid-type",
            "default-tied-status", "budget", "planned-disbursement", "capital-spend", "transaction",
            "document-link", "related-activity", "legacy-data", "conditions", "result", "crs-add", "fss",
        ],
        "transaction": [
            "transaction-type", "transaction-date", "value", "description", "provider-org", "receiver-org",
            "disbursement-channel", "sector", "recipient-country", "recipient-region", "flow-type",
            "finance-type", "aid-type", "tied-status",
        ],
        "location": [
            "location-reach", "location-id", "name", "description", "activity-description", "administrative",
            "point", "exactness", "location-class", "feature-designation",
        ],
        "contact-info": [
            "organisation", "department", "person-name", "job-title", "telephone", "email", "website",
            "mailing-address",
        ],
        "document-link": ["title", "description", "category", "language", "document-date"],
        "budget": ["period-start", "period-end", "value"],
        "planned-disbursement": ["period-start", "period-end", "value", "provider-org", "receiver-org"],
    ]

    static let organisationSchemaOrder: [String: [String]] = [
        "": [
            "organisation-identifier", "name", "reporting-org", "total-budget", "recipient-org-budget",
            "recipient-region-budget", "recipient-country-budget", "total-expenditure", "document-link",
        ],
        "document-link": ["title", "description", "category", "language", "document-date", "recipient-country"],
        "total-budget": ["period-start", "period-end", "value", "budget-line"],
        "recipient-org-budget": ["recipient-org", "period-start", "period-end", "value", "budget-line"],
        "recipient-country-budget": ["recipient-country", "period-start", "period-end", "value", "budget-line"],
    ]

    /// Stable sort of the children into schema order; elements the order does not name (unknown
    /// IATI elements, extensions) keep their relative order after the known ones.
    static func sortIntoSchemaOrder(_ node: inout XMLNode, path: String, kind: Kind) {
        let table = kind == .activity ? activitySchemaOrder : organisationSchemaOrder
        guard node.children.count > 1, let order = table[path] else { return }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let keyed = node.children.enumerated().map { index, child in
            (rank: child.namespace == nil ? rank[child.name] ?? order.count : order.count, index: index, child: child)
        }
        node.children = keyed.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map(\.child)
    }
}

// MARK: - Merging translations

extension LegacyUpgrade {
    static let mergeableNames: Set<String> = ["title", "description", "name"]

    /// Folds 1.0x per-language repeats (`<title xml:lang="en">…</title><title xml:lang="fr">…`) into
    /// one element with a narrative per language, when attributes match and no language repeats.
    static func mergeTranslations(_ nodes: [XMLNode]) -> [XMLNode] {
        guard nodes.count > 1 else { return nodes }
        var result: [XMLNode] = []
        result.reserveCapacity(nodes.count)
        for node in nodes {
            if node.namespace == nil, mergeableNames.contains(node.name), isNarrativeOnly(node),
                let index = result.lastIndex(where: { $0.namespace == nil && $0.name == node.name }),
                isNarrativeOnly(result[index]), result[index].attributes == node.attributes,
                languages(of: result[index]).isDisjoint(with: languages(of: node))
            {
                result[index].children += node.children
            } else {
                result.append(node)
            }
        }
        return result
    }

    static func isNarrativeOnly(_ node: XMLNode) -> Bool {
        node.trimmedText == nil && !node.children.isEmpty
            && node.children.allSatisfy { $0.namespace == nil && $0.name == "narrative" }
    }

    static func languages(of node: XMLNode) -> Set<String> {
        Set(node.children.map { ($0[attribute: "xml:lang"] ?? "").trimmingXMLWhitespace().lowercased() })
    }
}

// MARK: - Attribute helpers

extension LegacyUpgrade {
    static func isXMLLang(_ attribute: XMLAttribute) -> Bool {
        attribute.name == "lang"
            && (attribute.namespace == XMLNode.xmlNamespace || (attribute.namespace == nil && attribute.prefix == "xml"))
    }

    static func xmlLang(_ value: String) -> XMLAttribute {
        XMLAttribute(name: "lang", namespace: XMLNode.xmlNamespace, prefix: "xml", value: value)
    }
}

extension XMLNode {
    /// The trimmed value of a no-namespace attribute, `nil` when absent or blank.
    fileprivate func nonEmptyAttribute(_ name: String) -> String? {
        guard let value = self[attribute: name]?.trimmingXMLWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    /// Sets a no-namespace attribute, in place when present, else appended.
    fileprivate mutating func setAttribute(_ name: String, _ value: String) {
        if let index = attributes.firstIndex(where: { $0.namespace == nil && $0.name == name }) {
            attributes[index].value = value
        } else {
            attributes.append(XMLAttribute(name: name, value: value))
        }
    }

    fileprivate mutating func removeAttribute(_ name: String) {
        attributes.removeAll { $0.namespace == nil && $0.name == name }
    }

    /// Replaces a no-namespace attribute's value by its entry in `table` (case-insensitive), if any.
    fileprivate mutating func mapAttribute(_ name: String, with table: [String: String]) {
        guard let value = self[attribute: name], let mapped = LegacyUpgrade.lookUp(value, in: table) else { return }
        setAttribute(name, mapped)
    }
}
