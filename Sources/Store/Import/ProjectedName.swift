/// The element and attribute names ``ActivityProjector`` reads, by the index the reader reports.
enum ProjectedName: Int, CaseIterable {
    // Elements
    case iatiActivity, iatiIdentifier, reportingOrg, title, description, narrative, activityStatus, activityScope
    case activityDate, defaultFlowType, defaultFinanceType, defaultAidType, defaultTiedStatus
    case transaction, transactionType, transactionDate, value, providerOrg, receiverOrg, disbursementChannel
    case sector, recipientCountry, recipientRegion, flowType, financeType, aidType, tiedStatus
    case budget, periodStart, periodEnd, plannedDisbursement, participatingOrg, policyMarker, tag
    case location, name, point, pos, exactness, locationClass, featureDesignation, administrative
    case documentLink, category, language, documentDate, result, indicator, baseline, period, target, actual
    // Attributes (`value` is both)
    case hierarchy, defaultCurrency, xmlLang, humanitarian, lastUpdatedDatetime, ref, type, isoDate, code
    case currency, valueDate, providerActivityID, receiverActivityID, status, role, activityID, crsChannelCode
    case vocabulary, vocabularyURI, percentage, significance, url, format, aggregationStatus, measure, ascending, year

    /// The name as written in IATI XML: `iatiActivity` → `iati-activity`, `vocabularyURI` → `vocabulary-uri`.
    var text: String {
        if self == .xmlLang { return "xml:lang" }
        var result = ""
        var previousUpper = false
        for character in String(describing: self) {
            if character.isUppercase {
                if !previousUpper { result.append("-") }
                result.append(Character(character.lowercased()))
                previousUpper = true
            } else {
                result.append(character)
                previousUpper = false
            }
        }
        return result
    }
}

/// A set of ``ProjectedName``s in two words.
struct ProjectedNameSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Adds `name`; `false` when it was there already.
    @inline(__always)
    mutating func insert(_ name: ProjectedName) -> Bool {
        let bit = UInt64(1) << UInt64(name.rawValue & 63)
        if name.rawValue < 64 {
            defer { low |= bit }
            return low & bit == 0
        }
        defer { high |= bit }
        return high & bit == 0
    }

    @inline(__always)
    func contains(_ name: ProjectedName) -> Bool {
        let bit = UInt64(1) << UInt64(name.rawValue & 63)
        return (name.rawValue < 64 ? low : high) & bit != 0
    }
}
