import IATI

/// A text of the demo in the languages its narratives are written in: English (the activities'
/// default language), French, Spanish and Chinese.
struct DemoText: Sendable, Hashable {
    var en: String
    var fr: String
    var es: String
    var zh: String

    init(_ en: String, fr: String, es: String, zh: String) {
        self.en = en
        self.fr = fr
        self.es = es
        self.zh = zh
    }

    /// The text in `language` (`en`, `fr`, `es` or `zh`).
    func text(_ language: String) -> String {
        switch language {
        case "fr": fr
        case "es": es
        case "zh": zh
        default: en
        }
    }

    /// Narratives: English without a language (the default), then each other language asked for.
    func narratives(_ languages: [String]) -> NarrativeText {
        NarrativeText(narratives: [Narrative(text: en)] + languages.filter { $0 != "en" }.map { Narrative(text: text($0), lang: $0) })
    }

    /// Each language's text with `transform` applied.
    func map(_ transform: (String, String) -> String) -> DemoText {
        DemoText(transform(en, "en"), fr: transform(fr, "fr"), es: transform(es, "es"), zh: transform(zh, "zh"))
    }
}

extension Region {
    /// The region's name in the demo's languages.
    var demoName: DemoText {
        switch self {
        case .africa: DemoText("Africa", fr: "Afrique", es: "África", zh: chineseName)
        case .asiaPacific: DemoText("Asia and the Pacific", fr: "Asie et Pacifique", es: "Asia y el Pacífico", zh: chineseName)
        case .americas:
            DemoText("Latin America and the Caribbean", fr: "Amérique latine et Caraïbes", es: "América Latina y el Caribe", zh: "拉丁美洲和加勒比")
        case .arabStates: DemoText("Arab States", fr: "États arabes", es: "Estados Árabes", zh: chineseName)
        case .europeCentralAsia: DemoText("Europe and Central Asia", fr: "Europe et Asie centrale", es: "Europa y Asia Central", zh: chineseName)
        case .global: DemoText("Global", fr: "Mondial", es: "Mundial", zh: "全球")
        }
    }

    /// The IATI Region code (vocabulary 1) of a project of the whole region; `998` (developing
    /// countries, unspecified) for global work.
    var demoRegionCode: String {
        switch self {
        case .africa: "298"
        case .asiaPacific: "798"
        case .americas: "498"
        case .arabStates: "589"
        case .europeCentralAsia: "89"
        case .global: "998"
        }
    }

    /// The prefix of the ILO's regional project symbols (`RAF/21/03/EUR`).
    var demoProjectPrefix: String {
        switch self {
        case .africa: "RAF"
        case .asiaPacific: "RAS"
        case .americas: "RLA"
        case .arabStates: "RAB"
        case .europeCentralAsia: "RER"
        case .global: "GLO"
        }
    }
}
