/// Writes one activity of a ``CorpusPublisher`` the way that publisher writes: its languages and
/// their case, its indentation, its numbers of transactions and budgets, and its mistakes, each
/// drawn from the file's ``SeededRandom`` so that a seed gives the same bytes.
struct CorpusActivity {
    let publisher: CorpusPublisher
    var random: SeededRandom
    private var xml = ""

    init(publisher: CorpusPublisher, random: SeededRandom) {
        self.publisher = publisher
        self.random = random
    }

    static let countries = [
        ("AF", "Afghanistan"), ("BD", "Bangladesh"), ("BF", "Burkina Faso"), ("CD", "Congo, the Democratic Republic of the"),
        ("ET", "Ethiopia"), ("HT", "Haiti"), ("JO", "Jordan"), ("KE", "Kenya"), ("LB", "Lebanon"), ("ML", "Mali"),
        ("MZ", "Mozambique"), ("NE", "Niger"), ("NG", "Nigeria"), ("PK", "Pakistan"), ("SO", "Somalia"), ("SS", "South Sudan"),
        ("SD", "Sudan"), ("SY", "Syrian Arab Republic"), ("TZ", "Tanzania, United Republic of"), ("UA", "Ukraine"),
        ("UG", "Uganda"), ("YE", "Yemen"), ("ZW", "Zimbabwe"), ("CO", "Colombia"), ("GT", "Guatemala"), ("MM", "Myanmar"),
    ]
    static let sectors = ["12220", "12240", "13020", "14030", "15110", "15160", "16010", "16020", "31120", "31161", "43010", "72010", "72040", "74020"]
    static let themes = [
        "Emergency food assistance", "Primary health care", "Water, sanitation and hygiene", "Social protection",
        "Education in emergencies", "Resilient agriculture", "Governance and rule of law", "Gender-based violence prevention",
        "Nutrition of mothers and children", "Climate adaptation", "Cash transfers", "Youth employment",
    ]
    static let partners = [
        ("XM-DAC-41114", "40", "UNDP"), ("XM-DAC-41122", "40", "UNICEF"), ("XM-DAC-41140", "40", "World Food Programme"),
        ("XM-DAC-928", "40", "World Health Organization"), ("GB-CHC-202918", "21", "Oxfam GB"), ("US-EIN-131685039", "21", "CARE USA"),
        ("XM-DAC-21016", "21", "International Committee of the Red Cross"), ("NL-KVK-41177588", "21", "Plan International Nederland"),
    ]

    /// One `iati-activity` element (with its trailing newline).
    mutating func write(index: Int) -> String {
        xml = ""
        let (country, countryName) = random.pick(Self.countries)
        let theme = random.pick(Self.themes)
        let identifier = "\(publisher.ref)-\(country)-\(String(format: "%05d", index))"
        let start = 2012 + random.next(13)
        let end = start + 1 + random.next(6)
        let mistakes = publisher.mistakes
        let future = random.chance(mistakes.futureDate)
        let updated = future && random.chance(30) ? "2031-06-30T12:00:00" : "202\(1 + random.next(5))-0\(1 + random.next(9))-1\(random.next(10))T08:30:00"
        let currency = random.chance(mistakes.unknownCurrency) ? "XYZ" : publisher.currency
        let main = publisher.languages[0]

        // d-portal's exports add attributes of their own, in no namespace: the schema refuses them.
        let exported = publisher.version == nil ? " dataset=\"\(publisher.slug)-\(country.lowercased())\"" : ""
        open(0, "iati-activity", "default-currency=\"\(publisher.currency)\"\(exported) hierarchy=\"1\" humanitarian=\"\(random.next(2))\" last-updated-datetime=\"\(updated)\" xml:lang=\"\(main)\"")
        leaf(1, "<iati-identifier>\(identifier)</iati-identifier>")
        organisation(1, "reporting-org", "ref=\"\(publisher.ref)\" type=\"\(publisher.type)\"", publisher.name)
        open(1, "title")
        for language in publisher.languages.indices { narrative(2, "\(theme) in \(countryName) (\(index))", language: language) }
        close(1, "title")
        for type in 1...(1 + random.next(2)) {
            open(1, "description", "type=\"\(type)\"")
            for language in publisher.languages.indices.prefix(1 + random.next(publisher.languages.count)) {
                narrative(2, Self.paragraph(theme, countryName, words: 30 + random.next(120), &random), language: language)
            }
            close(1, "description")
        }
        let funder = random.pick(Self.partners)
        organisation(1, "participating-org", "ref=\"\(funder.0)\" role=\"1\" type=\"\(funder.1)\"", funder.2)
        organisation(1, "participating-org", "ref=\"\(publisher.ref)\" role=\"2\" type=\"\(publisher.type)\"", publisher.name)
        for _ in 0..<(1 + random.next(3)) {
            let partner = random.pick(Self.partners)
            organisation(1, "participating-org", "ref=\"\(partner.0)\" role=\"4\" type=\"\(partner.1)\"", partner.2)
        }
        leaf(1, "<activity-status code=\"\(end < 2026 ? 3 : 2)\"/>")
        if !random.chance(mistakes.missingStart) {
            leaf(1, "<activity-date iso-date=\"\(start)-01-01\" type=\"1\"/>")
            let actualStart = future && random.chance(30) ? "2032-01-15" : "\(start)-0\(1 + random.next(9))-15"
            leaf(1, "<activity-date iso-date=\"\(actualStart)\" type=\"2\"/>")
        }
        leaf(1, "<activity-date iso-date=\"\(end)-12-31\" type=\"3\"/>")
        open(1, "contact-info", "type=\"1\"")
        leaf(2, "<email>info@\(publisher.slug).example.org</email>")
        leaf(2, "<website>https://\(publisher.slug).example.org/\(country.lowercased())</website>")
        close(1, "contact-info")
        leaf(1, "<activity-scope code=\"4\"/>")
        open(1, "recipient-country", "code=\"\(country)\" percentage=\"100\"")
        narrative(2, countryName, language: 0)
        close(1, "recipient-country")
        for place in 0..<random.next(5) {
            open(1, "location", "ref=\"\(identifier)-L\(place)\"")
            leaf(2, "<location-reach code=\"1\"/>")
            open(2, "name")
            narrative(3, random.pick(["District hospital", "Regional office", "Refugee settlement", "Health centre", "Primary school"]) + " \(place + 1)", language: 0)
            close(2, "name")
            open(2, "description")
            narrative(3, "Site \(place + 1) of the activity in \(countryName)", language: 0)
            close(2, "description")
            leaf(2, "<point srsName=\"http://www.opengis.net/def/crs/EPSG/0/4326\"><pos>\(random.next(40)).\(random.next(10000)) \(random.next(60)).\(random.next(10000))</pos></point>")
            leaf(2, "<exactness code=\"\(1 + random.next(2))\"/>")
            leaf(2, "<location-class code=\"2\"/>")
            close(1, "location")
        }
        let sectorCount = 1 + random.next(4)
        let badSector = random.chance(mistakes.unknownSector) ? random.next(sectorCount) : -1
        let codeless = random.chance(mistakes.missingRequired) && random.chance(50) ? random.next(sectorCount) : -1
        for sector in 0..<sectorCount {
            let code = sector == badSector ? "99999" : random.pick(Self.sectors)
            let share = sector == sectorCount - 1 ? 100 - (sectorCount - 1) * (100 / sectorCount) : 100 / sectorCount
            // A sector without its code: the schema requires `@code`.
            leaf(1, sector == codeless ? "<sector percentage=\"\(share)\" vocabulary=\"1\"/>" : "<sector code=\"\(code)\" percentage=\"\(share)\" vocabulary=\"1\"/>")
        }
        leaf(1, "<tag code=\"\(1 + random.next(17))\" vocabulary=\"2\"/>")
        leaf(1, "<policy-marker code=\"1\" significance=\"\(random.next(3))\" vocabulary=\"1\"/>")
        leaf(1, "<collaboration-type code=\"\(random.pick(["1", "2", "4"]))\"/>")
        leaf(1, "<default-flow-type code=\"10\"/>")
        leaf(1, "<default-finance-type code=\"110\"/>")
        leaf(1, "<default-aid-type code=\"\(random.pick(["C01", "B02", "B03", "H01"]))\" vocabulary=\"1\"/>")
        leaf(1, "<default-tied-status code=\"5\"/>")
        for year in start...end {
            for quarter in 0..<publisher.budgetsPerYear {
                let (from, to) = publisher.budgetsPerYear == 1
                    ? ("\(year)-01-01", "\(year)-12-31")
                    : ("\(year)-\(String(format: "%02d", quarter * 3 + 1))-01", "\(year)-\(String(format: "%02d", quarter * 3 + 3))-\(quarter == 0 || quarter == 3 ? 31 : 30)")
                open(1, "budget", "status=\"\(year < 2025 ? 2 : 1)\" type=\"1\"")
                leaf(2, "<period-start iso-date=\"\(from)\"/>")
                leaf(2, "<period-end iso-date=\"\(to)\"/>")
                leaf(2, "<value currency=\"\(currency)\" value-date=\"\(from)\">\(amount(100_000, 5_000_000))</value>")
                close(1, "budget")
            }
        }
        let transactions = count(publisher.transactions)
        let dateless = random.chance(mistakes.missingRequired) && codeless < 0 ? random.next(transactions) : -1
        // The first transaction's date is the one rule 11.2.1 reads.
        let futureTransaction = future && random.chance(60)
        for number in 0..<transactions {
            let type = number == 0 ? (publisher.type == "40" ? "11" : "2") : random.pick(["3", "3", "4", "4", "4", "1"])
            let last = min(end, 2025)
            let year = start + random.next(max(1, last - start + 1))
            let date = number == 0 && futureTransaction
                ? "203\(1 + random.next(5))-03-31" : "\(year)-\(String(format: "%02d", 1 + random.next(12)))-\(10 + random.next(18))"
            open(1, "transaction", "ref=\"\(identifier)-T\(number)\"")
            leaf(2, "<transaction-type code=\"\(type)\"/>")
            // A transaction without its date: the schema requires `transaction-date`.
            if number != dateless { leaf(2, "<transaction-date iso-date=\"\(date)\"/>") }
            leaf(2, "<value currency=\"\(currency)\" value-date=\"\(date)\">\(amount(1_000, 900_000))</value>")
            open(2, "description")
            // Publishers that tag every narrative describe transactions in each of their languages (as GAC does in EN and FR).
            let what = random.pick(["Disbursement", "Expenditure", "Payment to implementing partner", "Quarterly expenditure", "Commitment"])
            for language in publisher.languages.indices where language == 0 || publisher.tagsEveryNarrative {
                narrative(3, what + " \(number + 1)", language: language)
            }
            close(2, "description")
            let partner = random.pick(Self.partners)
            if type == "11" || type == "1" {
                organisation(2, "provider-org", "ref=\"\(funder.0)\" type=\"\(funder.1)\"", funder.2)
            } else {
                organisation(2, "receiver-org", "ref=\"\(partner.0)\" type=\"\(partner.1)\"", partner.2)
            }
            close(1, "transaction")
        }
        for document in 0..<(random.next(3)) {
            open(1, "document-link", "format=\"application/pdf\" url=\"https://\(publisher.slug).example.org/documents/\(identifier)-\(document).pdf\"")
            open(2, "title")
            narrative(3, random.pick(["Project document", "Annual report", "Evaluation", "Results framework"]), language: 0)
            close(2, "title")
            leaf(2, "<category code=\"A\(String(format: "%02d", 1 + random.next(12)))\"/>")
            // Written as the publisher writes its language codes: `EN` is not on the Language list.
            leaf(2, "<language code=\"\(random.pick(publisher.languages))\"/>")
            close(1, "document-link")
        }
        if random.chance(publisher.results) {
            let valueless = random.chance(mistakes.valuelessIndicator)
            for result in 1...(1 + random.next(3)) {
                open(1, "result", "aggregation-status=\"1\" type=\"\(random.pick(["1", "2", "3"]))\"")
                open(2, "title")
                narrative(3, "Outcome \(result): \(theme.lowercased()) improved", language: 0)
                close(2, "title")
                for indicator in 1...(1 + random.next(3)) {
                    let qualitative = random.chance(15)
                    open(2, "indicator", "ascending=\"1\" measure=\"\(qualitative ? 5 : 1)\"")
                    open(3, "title")
                    narrative(4, "Indicator \(result).\(indicator): people reached", language: 0)
                    close(3, "title")
                    let bare = qualitative || (valueless && indicator == 1)
                    leaf(3, bare ? "<baseline iso-date=\"\(start)-01-01\" year=\"\(start)\"/>" : "<baseline iso-date=\"\(start)-01-01\" value=\"\(random.next(1000))\" year=\"\(start)\"/>")
                    for year in start...min(end, start + 3) {
                        open(3, "period")
                        leaf(4, "<period-start iso-date=\"\(year)-01-01\"/>")
                        leaf(4, "<period-end iso-date=\"\(year)-12-31\"/>")
                        leaf(4, bare ? "<target/>" : "<target value=\"\(1000 + random.next(9000))\"/>")
                        leaf(4, bare ? "<actual/>" : "<actual value=\"\(random.next(10000))\"/>")
                        close(3, "period")
                    }
                    close(2, "indicator")
                }
                close(1, "result")
            }
        }
        close(0, "iati-activity")
        return xml
    }

    // MARK: Writing as the publisher writes

    private mutating func line(_ depth: Int, _ text: String) {
        if publisher.indents {
            xml += String(repeating: " ", count: depth + 1) + text + "\n"
            return
        }
        // One line per child of the activity, its content run together.
        switch depth {
        case 0: xml += text.hasPrefix("</") ? "\n " + text + "\n" : " " + text
        case 1: xml += (text.hasPrefix("</") ? "" : "\n  ") + text
        default: xml += text
        }
    }

    private mutating func leaf(_ depth: Int, _ text: String) { line(depth, text) }

    private mutating func open(_ depth: Int, _ name: String, _ attributes: String = "") {
        line(depth, attributes.isEmpty ? "<\(name)>" : "<\(name) \(attributes)>")
    }

    private mutating func close(_ depth: Int, _ name: String) {
        line(depth, "</\(name)>")
    }

    private mutating func narrative(_ depth: Int, _ text: String, language: Int) {
        let code = publisher.languages[language]
        let tag = language > 0 || publisher.tagsEveryNarrative ? "<narrative xml:lang=\"\(code)\">" : "<narrative>"
        line(depth, tag + text + "</narrative>")
    }

    private mutating func organisation(_ depth: Int, _ name: String, _ attributes: String, _ text: String) {
        open(depth, name, attributes)
        narrative(depth + 1, text, language: 0)
        close(depth, name)
    }

    /// A number of transactions: mostly near the publisher's typical one, now and then up to its largest.
    private mutating func count(_ range: (typical: Int, most: Int)) -> Int {
        random.chance(90) ? 1 + random.next(2 * range.typical) : range.typical + random.next(range.most - range.typical + 1)
    }

    private mutating func amount(_ low: Int, _ high: Int) -> String {
        "\(low + random.next(high - low)).\(String(format: "%02d", random.next(100)))"
    }

    static let words = [
        "the", "project", "supports", "communities", "in", "partnership", "with", "local", "authorities", "and", "civil", "society",
        "to", "strengthen", "access", "services", "for", "vulnerable", "households", "women", "children", "displaced", "people",
        "through", "training", "of", "health", "workers", "distribution", "rehabilitation", "infrastructure", "monitoring",
        "capacity", "building", "emergency", "response", "livelihoods", "&amp;", "resilience", "districts", "national", "plan",
    ]

    /// A description of `count` words, like those publishers write (an escaped `&` now and then).
    static func paragraph(_ theme: String, _ country: String, words count: Int, _ random: inout SeededRandom) -> String {
        var text = "\(theme) in \(country):"
        for _ in 0..<count { text += " " + random.pick(words) }
        return text + "."
    }
}
