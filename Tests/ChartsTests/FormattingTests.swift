@testable import Charts
import Testing

@Suite struct EscapingTests {
    @Test func escapesTheFiveCharacters() {
        #expect(escapeMarkup(SampleData.hostile) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;")
        #expect(escapeMarkup("l'Afrique") == "l&#39;Afrique")
        #expect(escapeMarkup("Protection sociale 社会保护") == "Protection sociale 社会保护")
    }

    @Test func replacesCharactersXMLForbids() throws {
        #expect(escapeMarkup("a\u{0}b\u{1B}c\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(escapeMarkup("tab\tline\n") == "tab\tline\n")
        let parsed = try XMLTree.parse("<t a=\"\(escapeMarkup("x\u{7}\"'<>&"))\">\(escapeMarkup("\u{0}" + SampleData.hostile))</t>")
        #expect(parsed.attributes["a"] == "x\u{FFFD}\"'<>&")
        #expect(parsed.text == "\u{FFFD}" + SampleData.hostile)
    }
}

@Suite struct ValueFormatTests {
    @Test func thousandsAndIntegers() {
        #expect(ValueFormat.thousands.format(184_077) == "184,077")
        #expect(ValueFormat.thousands.format(89) == "89")
        #expect(ValueFormat.thousands.format(1_000) == "1,000")
        #expect(ValueFormat.thousands.format(999.5) == "1,000")
        #expect(ValueFormat.thousands.format(1_234_567_890) == "1,234,567,890")
        #expect(ValueFormat.thousands.format(-255_699.4) == "-255,699")
        #expect(ValueFormat.integer.format(-0.4) == "0")
        #expect(ValueFormat.integer.format(0) == "0")
    }

    @Test func percentages() {
        #expect(ValueFormat.percent.format(0.168) == "16.8%")
        #expect(ValueFormat.percent.format(0.1681) == "16.8%")
        #expect(ValueFormat.percent.format(1) == "100.0%")
        #expect(ValueFormat.percent.format(-0.05) == "-5.0%")
        #expect(ValueFormat.percent.format(12.345) == "1,234.5%")
    }

    @Test func plainAndDecimal() {
        #expect(ValueFormat.plain.format(1234.5) == "1234.5")
        #expect(ValueFormat.plain.format(2) == "2")
        #expect(ValueFormat.plain.format(0.125) == "0.13")
        #expect(ValueFormat.decimal(places: 2).format(1234.5) == "1,234.50")
        #expect(ValueFormat.decimal(places: 0).format(1234.5) == "1,235")
    }

    @Test func missingAndNotFinite() {
        #expect(ValueFormat.thousands.format(nil) == "–")
        #expect(ValueFormat.thousands.format(nil, missing: "n/a") == "n/a")
        #expect(ValueFormat.thousands.format(Double.nan) == "–")
        #expect(ValueFormat.percent.format(Double.infinity) == "–")
        #expect(ValueFormat.plain.format(1e300).contains("e"))
    }

    @Test func tickLabelsHaveTheDecimalsTheStepNeeds() {
        #expect(ValueFormat.thousands.tickLabel(150_000, step: 50_000) == "150,000")
        #expect(ValueFormat.plain.tickLabel(0.30000000000000004, step: 0.1) == "0.3")
        #expect(ValueFormat.plain.tickLabel(0.15, step: 0.05) == "0.15")
        #expect(ValueFormat.percent.tickLabel(0.2, step: 0.05) == "20%")
        #expect(ValueFormat.percent.tickLabel(0.025, step: 0.005) == "2.5%")
        #expect(ValueFormat.integer.tickLabel(-20, step: 10) == "-20")
    }

    @Test func coordinatesAreNeverNaN() {
        #expect(NumberText.coordinate(.nan) == "0")
        #expect(NumberText.coordinate(.infinity) == "0")
        #expect(NumberText.coordinate(12.3456) == "12.35")
        #expect(NumberText.coordinate(-0.001) == "0")
        #expect(NumberText.coordinate(40) == "40")
    }
}

@Suite struct NiceScaleTests {
    /// 1, 2 or 5 times a power of ten.
    static func isNice(_ step: Double) -> Bool {
        let exponent = NumberText.decimalExponent(step)
        let mantissa = step / NumberText.powerOfTen(exponent)
        return [1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }
    }

    @Test func approvalsByYear() {
        let scale = NiceScale(minimum: 255_699, maximum: 374_700, maximumTicks: 9)
        #expect(scale.step == 50_000)
        #expect(scale.ticks == [0, 50_000, 100_000, 150_000, 200_000, 250_000, 300_000, 350_000, 400_000])
        let coarse = NiceScale(minimum: 0, maximum: 374_700, maximumTicks: 5)
        #expect(coarse.ticks == [0, 100_000, 200_000, 300_000, 400_000])
    }

    @Test func degenerateInputs() {
        let zero = NiceScale(minimum: 0, maximum: 0)
        #expect(zero.lower == 0 && zero.upper == 1 && zero.ticks.count >= 2)
        let wholeZero = NiceScale(minimum: 0, maximum: 0, minimumStep: 1)
        #expect(wholeZero.ticks == [0, 1])
        let single = NiceScale(minimum: 89, maximum: 89)
        #expect(single.lower == 0 && single.upper >= 89)
        let notFinite = NiceScale(minimum: -.infinity, maximum: .nan)
        #expect(notFinite.ticks.allSatisfy(\.isFinite) && notFinite.upper > notFinite.lower)
        let huge = NiceScale(minimum: -1e308, maximum: 1e308)
        #expect(huge.ticks.allSatisfy(\.isFinite) && huge.upper > huge.lower)
        let small = NiceScale(minimum: 0, maximum: 3, maximumTicks: 8, minimumStep: 1)
        #expect(small.ticks == [0, 1, 2, 3])
    }

    @Test func negativeValues() {
        let scale = NiceScale(minimum: -1_234, maximum: 5_600, maximumTicks: 8)
        #expect(scale.lower <= -1_234 && scale.upper >= 5_600)
        #expect(scale.ticks.contains(0))
        let negative = NiceScale(minimum: -42, maximum: -3)
        #expect(negative.lower <= -42 && negative.upper == 0)
    }

    @Test func ticksAreNiceCoverTheDataAndRespectTheLimit() {
        var seed: UInt64 = 42
        func random() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 11) / Double(1 << 53)
        }
        for _ in 0..<2_000 {
            let magnitude = NumberText.powerOfTen(Int(random() * 16) - 6)
            let a = (random() - 0.3) * magnitude
            let b = (random() - 0.3) * magnitude
            let maximumTicks = 3 + Int(random() * 8)
            let scale = NiceScale(minimum: min(a, b), maximum: max(a, b), maximumTicks: maximumTicks)
            #expect(Self.isNice(scale.step), "step \(scale.step)")
            #expect(scale.lower <= min(a, b, 0) && scale.upper >= max(a, b, 0))
            #expect(scale.ticks.count <= maximumTicks, "\(scale.ticks.count) ticks for at most \(maximumTicks)")
            #expect(scale.ticks.count >= 2)
            #expect(scale.ticks.contains { abs($0) < scale.step * 1e-9 })
        }
    }
}

@Suite struct TextMetricsTests {
    @Test func wideCharactersCountDouble() {
        let latin = TextMetrics.width(of: "ab", fontSize: 10)
        let chinese = TextMetrics.width(of: "社会", fontSize: 10)
        // A CJK character is a full em, a Latin letter a good half.
        #expect(chinese >= 1.6 * latin)
        #expect(TextMetrics.width(of: "m", fontSize: 10) < 10)
        #expect(TextMetrics.width(of: "保护", fontSize: 10) == 20)
    }

    @Test func truncatesToFitWithAnEllipsis() {
        let name = "United Kingdom of Great Britain and Northern Ireland"
        let cut = TextMetrics.truncate(name, toWidth: 120, fontSize: 12)
        #expect(cut.hasSuffix("…") && cut.count < name.count)
        #expect(TextMetrics.width(of: cut, fontSize: 12) <= 120)
        #expect(TextMetrics.truncate("Japan", toWidth: 120, fontSize: 12) == "Japan")
        let chinese = TextMetrics.truncate("性别平等、机会平等和平等待遇", toWidth: 80, fontSize: 12)
        #expect(chinese.hasSuffix("…") && TextMetrics.width(of: chinese, fontSize: 12) <= 80)
        #expect(chinese.count <= 6)
        #expect(TextMetrics.truncate("Anything", toWidth: 1, fontSize: 12) == "…")
    }

    @Test func wrapsBetweenWordsAndWideCharacters() {
        #expect(TextMetrics.wrap("Asia and the Pacific", toWidth: 80, fontSize: 12) == ["Asia and the", "Pacific"])
        let chinese = TextMetrics.wrap("技能和终身学习", toWidth: 50, fontSize: 12)
        #expect(chinese.count == 2 && chinese.joined() == "技能和终身学习")
        #expect(TextMetrics.wrap("Anticonstitutionnellement", toWidth: 20, fontSize: 12) == ["Anticonstitutionnellement"])
        #expect(TextMetrics.wrap("a\nb", toWidth: 200, fontSize: 12) == ["a b"])
    }
}

@Suite struct ChartDataTests {
    @Test func valuesAreNormalised() {
        let data = ChartData(categories: ["a", "b", "c"], series: [ChartSeries(name: "s", values: [1, .nan])])
        #expect(data.value(series: 0, category: 0) == 1)
        #expect(data.value(series: 0, category: 1) == nil)
        #expect(data.value(series: 0, category: 2) == nil)
        #expect(data.value(series: 1, category: 0) == nil)
        #expect(data.value(series: 0, category: -1) == nil)
        #expect(data.hasValues)
        #expect(!ChartData(categories: ["a"], values: [nil], seriesName: "s").hasValues)
    }

    @Test func sortsByTotalWithMissingLast() {
        let data = ChartData(categories: ["a", "b", "c", "d"], series: [
            ChartSeries(name: "x", values: [1, nil, 5, 3]),
            ChartSeries(name: "y", values: [1, nil, nil, 3]),
        ])
        let sorted = data.sortedByTotal()
        #expect(sorted.categories == ["d", "c", "a", "b"])
        #expect(sorted.series[1].values == [3, nil, 1, nil])
        #expect(data.sortedByTotal(descending: false).categories == ["a", "c", "d", "b"])
    }
}
