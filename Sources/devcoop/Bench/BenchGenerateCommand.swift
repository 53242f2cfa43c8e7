import ArgumentParser
import Foundation

/// Writes the benchmarks' input: one large, uniform, schema-valid IATI 2.03 activity file, or
/// (`--files N`) a folder of files shaped like real publishers' (``BenchCorpus``).
struct BenchGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic IATI 2.03 activity file of about the given size, or a folder of real-world-shaped files.",
        discussion: """
            With --files N, -o is a folder: N files of 0.3 to 4 MB (most of them small) from a dozen \
            publishers, in their languages and letter case (EN, en, fr), with many transactions and \
            budgets per activity and the mistakes real files make (codes not on codelists, missing \
            required elements, dates in the future, upper-case language codes): thousands of \
            findings per file. `devcoop bench generate --files 130 -o .build-bench/corpus` is about \
            the size of the d-portal folder of issue 18 (132 files, 170 MB).
            """)

    @Option(name: .shortAndLong, help: "The file to write (with --files: the folder).")
    var output: String

    @Option(help: "Approximate size in megabytes (of the one file; ignored with --files).")
    var megabytes = 200

    @Option(help: "Write a folder of this many real-world-shaped files instead of one file.")
    var files: Int?

    @Option(help: "Seed of the pseudo-random generator: the same seed writes the same bytes.")
    var seed: UInt64 = 2020

    func run() throws {
        if let files {
            guard files > 0 else { throw ValidationError("--files must be at least 1") }
            let written = try BenchCorpus.write(files: files, to: output, seed: seed)
            let bytes = written.reduce(0) { $0 + $1.bytes }
            let activities = written.reduce(0) { $0 + $1.activities }
            print("wrote \(output): \(files) files, \(activities) activities, \(String(format: "%.1f", Double(bytes) / 1_000_000)) MB")
            return
        }
        let (count, written) = try SyntheticActivities.write(to: output, megabytes: megabytes, seed: seed)
        print("wrote \(output): \(count) activities, \(String(format: "%.1f", Double(written) / 1_000_000)) MB")
    }
}

extension SyntheticActivities {
    /// Writes a file of about `megabytes` MB, or of exactly `activities` activities; returns the
    /// activities and bytes written.
    @discardableResult
    static func write(to path: String, megabytes: Int = .max, activities: Int = .max, seed: UInt64 = 2020) throws -> (Int, Int) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw UsageError(description: "cannot write \(path)")
        }
        defer { try? handle.close() }
        var generator = SyntheticActivities(seed: seed)
        var buffer = generator.header()
        var written = 0
        var count = 0
        let target = megabytes == .max ? Int.max : megabytes * 1_000_000
        while count < activities, written + buffer.utf8.count < target {
            buffer += generator.activity(index: count)
            count += 1
            if buffer.utf8.count >= 1 << 20 {
                handle.write(Data(buffer.utf8))
                written += buffer.utf8.count
                buffer = ""
            }
        }
        buffer += "</iati-activities>\n"
        handle.write(Data(buffer.utf8))
        written += buffer.utf8.count
        return (count, written)
    }
}

/// Activities shaped like the ILO's: multilingual titles, partners, budgets per year, quarterly
/// transactions, results with indicators and periods.
struct SyntheticActivities {
    private var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    private mutating func next(_ bound: Int) -> Int { random.next(bound) }

    private mutating func pick<T>(_ items: [T]) -> T { random.pick(items) }

    private let countries = ["BD", "KH", "ET", "GH", "IN", "ID", "JO", "KE", "LB", "MM", "NP", "PK", "PH", "SN", "ZA", "TZ", "UG", "VN", "ZM", "ZW"]
    private let sectors = ["16020", "16010", "11330", "15150", "25010", "32130", "16050", "11320"]
    private let donors = [("XM-DAC-7", "Netherlands"), ("XM-DAC-5-7", "Germany"), ("XI-IATI-EC_INTPA", "European Commission"), ("XM-DAC-301-2", "Canada"), ("XM-DAC-918-3", "United States"), ("GB-GOV-1", "United Kingdom")]
    private let themes = [
        ("Decent work for young people", "Travail décent pour les jeunes", "青年体面劳动"),
        ("Social protection floors", "Socles de protection sociale", "社会保护底线"),
        ("Skills and employability", "Compétences et employabilité", "技能与就业能力"),
        ("Elimination of child labour", "Élimination du travail des enfants", "消除童工"),
        ("Occupational safety and health", "Sécurité et santé au travail", "职业安全与健康"),
    ]

    func header() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="2.03" generated-datetime="2026-11-30T00:00:00Z">

        """
    }

    mutating func activity(index: Int) -> String {
        let country = pick(countries)
        let theme = pick(themes)
        let donor = pick(donors)
        let identifier = "XM-DAC-41302-\(country)\(String(format: "%06d", index))"
        let start = 2016 + next(6)
        let end = start + 2 + next(4)
        let currency = "USD"
        var xml = """
         <iati-activity last-updated-datetime="2026-10-01T00:00:00Z" xml:lang="en" default-currency="\(currency)" hierarchy="2" humanitarian="0">
          <iati-identifier>\(identifier)</iati-identifier>
          <reporting-org ref="XM-DAC-41302" type="40"><narrative>International Labour Organization</narrative><narrative xml:lang="fr">Organisation internationale du Travail</narrative></reporting-org>
          <title><narrative>\(theme.0) in \(country) (\(index))</narrative><narrative xml:lang="fr">\(theme.1) — \(country)</narrative><narrative xml:lang="zh">\(theme.2)（\(country)）</narrative></title>
          <description type="1"><narrative>Country programme outcome \(country)\(100 + next(900)): the project supports constituents — governments, employers' and workers' organizations — to design and implement policies on \(theme.0.lowercased()), with &amp; through tripartite social dialogue.</narrative><narrative xml:lang="fr">Le projet appuie les mandants tripartites.</narrative></description>
          <participating-org ref="\(donor.0)" type="10" role="1"><narrative>\(donor.1)</narrative></participating-org>
          <participating-org ref="XM-DAC-41302" type="40" role="2"><narrative>International Labour Organization</narrative></participating-org>
          <participating-org ref="XM-DAC-41302" type="40" role="4"><narrative>ILO Country Office</narrative></participating-org>
          <activity-status code="\(end < 2026 ? 3 : 2)"/>
          <activity-date type="1" iso-date="\(start)-01-01"/>
          <activity-date type="2" iso-date="\(start)-0\(1 + next(9))-15"/>
          <activity-date type="3" iso-date="\(end)-12-31"/>
          <contact-info type="1"><organisation><narrative>ILO PARDEV</narrative></organisation><email>pardev@example.org</email></contact-info>
          <activity-scope code="4"/>
          <recipient-country code="\(country)" percentage="100"/>
          <location ref="\(identifier)-L1"><name><narrative>Capital region</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>\(next(90)).\(next(10000)) \(next(180)).\(next(10000))</pos></point><exactness code="2"/><location-class code="2"/></location>
          <sector vocabulary="1" code="\(pick(sectors))" percentage="60"/>
          <sector vocabulary="1" code="\(pick(sectors))" percentage="40"/>
          <sector vocabulary="99" vocabulary-uri="https://www.ilo.org/pb-outcomes" code="P&amp;B-\(1 + next(8))"/>
          <tag vocabulary="3" code="8.\(1 + next(9))"/>
          <tag vocabulary="99" vocabulary-uri="https://www.ilo.org/dc-strategy" code="pillar-\(1 + next(4))"><narrative>DC Strategy pillar</narrative></tag>
          <policy-marker vocabulary="1" code="1" significance="\(next(3))"/>
          <policy-marker vocabulary="1" code="2" significance="\(next(2))"/>
          <collaboration-type code="4"/>
          <default-flow-type code="10"/>
          <default-finance-type code="110"/>
          <default-aid-type code="C01" vocabulary="1"/>
          <default-tied-status code="5"/>

        """
        for year in start...end {
            xml += "  <budget type=\"1\" status=\"2\"><period-start iso-date=\"\(year)-01-01\"/><period-end iso-date=\"\(year)-12-31\"/><value currency=\"\(currency)\" value-date=\"\(year)-01-01\">\(100_000 + next(900_000)).\(String(format: "%02d", next(100)))</value></budget>\n"
        }
        xml += "  <transaction><transaction-type code=\"11\"/><transaction-date iso-date=\"\(start)-01-10\"/><value currency=\"\(currency)\" value-date=\"\(start)-01-10\">\(1_000_000 + next(4_000_000)).00</value><provider-org ref=\"\(donor.0)\"><narrative>\(donor.1)</narrative></provider-org><receiver-org ref=\"XM-DAC-41302\"><narrative>ILO</narrative></receiver-org></transaction>\n"
        for year in start...end {
            for quarter in 1...4 where next(5) > 0 {
                let month = quarter * 3
                xml += "  <transaction ref=\"\(identifier)-\(year)Q\(quarter)\"><transaction-type code=\"\(next(3) == 0 ? 3 : 4)\"/><transaction-date iso-date=\"\(year)-\(String(format: "%02d", month))-28\"/><value currency=\"\(currency)\" value-date=\"\(year)-\(String(format: "%02d", month))-28\">\(5_000 + next(200_000)).\(String(format: "%02d", next(100)))</value><description><narrative>Quarterly expenditure</narrative></description><receiver-org ref=\"\(country)-GOV\"><narrative>Ministry of Labour</narrative></receiver-org></transaction>\n"
            }
        }
        xml += "  <document-link format=\"application/pdf\" url=\"https://www.ilo.org/projects/\(identifier).pdf\"><title><narrative>Project document</narrative></title><category code=\"A02\"/><language code=\"en\"/><document-date iso-date=\"\(start)-01-01\"/></document-link>\n"
        xml += "  <related-activity ref=\"XM-DAC-41302-\(country)-DWCP\" type=\"1\"/>\n"
        for result in 1...(1 + next(2)) {
            xml += "  <result type=\"2\" aggregation-status=\"1\"><title><narrative>Outcome \(result): policies adopted</narrative><narrative xml:lang=\"fr\">Résultat \(result)</narrative></title>\n"
            for indicator in 1...(1 + next(2)) {
                xml += "   <indicator measure=\"1\" ascending=\"1\"><title><narrative>Indicator \(result).\(indicator): workers covered</narrative></title><baseline year=\"\(start)\" iso-date=\"\(start)-01-01\" value=\"\(next(1000))\"/>\n"
                for year in start...min(end, start + 2) {
                    xml += "    <period><period-start iso-date=\"\(year)-01-01\"/><period-end iso-date=\"\(year)-12-31\"/><target value=\"\(1000 + next(5000))\"/><actual value=\"\(next(6000))\"/></period>\n"
                }
                xml += "   </indicator>\n"
            }
            xml += "  </result>\n"
        }
        xml += " </iati-activity>\n"
        return xml
    }
}
