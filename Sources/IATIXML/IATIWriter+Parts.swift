import IATI

/// Writing the parts shared by activities and organisations: narratives, one-value elements,
/// values, organisations and document links.
///
/// Each function is the inverse of the type's `init(node:)`: the attributes it reads, in the
/// schema's order, then the element's extension attributes; the children it reads, in the
/// schema's order, then its extension elements (where the schema's `xsd:any` is).
extension XMLOutput {
    // MARK: Narratives

    /// One `narrative` with its `xml:lang` as written.
    mutating func write(_ narrative: Narrative) {
        start("narrative")
        attribute("xml:lang", narrative.lang)
        attributes(narrative.extensionAttributes)
        text(narrative.text)
        nodes(narrative.extensions)
        end()
    }

    /// The narratives an element carries directly (a participating org's name). Their
    /// extensions, normally none, follow them so nothing is lost.
    mutating func inlineNarratives(_ text: NarrativeText) {
        for narrative in text.narratives { write(narrative) }
        nodes(text.extensions)
    }

    /// A wrapper of narratives (`title`, `description`, `comment`), when present.
    mutating func narrativeElement(_ name: String, _ text: NarrativeText?) {
        guard let text else { return }
        start(name)
        attributes(text.extensionAttributes)
        for narrative in text.narratives { write(narrative) }
        nodes(text.extensions)
        end()
    }

    /// Repeated wrappers of narratives (`mailing-address`).
    mutating func narrativeElements(_ name: String, _ texts: [NarrativeText]) {
        for text in texts { narrativeElement(name, text) }
    }

    // MARK: One-value elements

    /// A one-value element such as `<activity-status code="2"/>`, or with `attribute` empty a
    /// text-only one such as `<iati-identifier>`, with what it carried besides its value
    /// (`LeafExtension`) put back.
    mutating func leaf(
        _ name: String, attribute: String = "code", _ value: String?, _ extras: [LeafExtension], index: Int = 0
    ) {
        guard let value else { return }
        let extra = extras.first(element: name, index: index)
        start(name)
        if attribute.isEmpty {
            attributes(extra?.extensionAttributes ?? [])
            text(value)
        } else {
            self.attribute(attribute, value)
            attributes(extra?.extensionAttributes ?? [])
            if let stray = extra?.text { text(stray) }
        }
        nodes(extra?.extensions ?? [])
        end()
    }

    /// A repeatable one-value element (`category`, `email`).
    mutating func leaves(_ name: String, attribute: String = "code", _ values: [String], _ extras: [LeafExtension]) {
        for (index, value) in values.enumerated() {
            leaf(name, attribute: attribute, value, extras, index: index)
        }
    }

    /// A text-only element such as `<iati-identifier>` or `<email>`.
    mutating func textLeaf(_ name: String, _ value: String?, _ extras: [LeafExtension]) {
        leaf(name, attribute: "", value, extras)
    }

    /// Repeated text-only elements (`telephone`).
    mutating func textLeaves(_ name: String, _ values: [String], _ extras: [LeafExtension]) {
        leaves(name, attribute: "", values, extras)
    }

    /// A date element (`period-start`) read from `@iso-date`.
    mutating func dateLeaf(_ name: String, _ value: String?, _ extras: [LeafExtension]) {
        leaf(name, attribute: "iso-date", value, extras)
    }

    // MARK: Values

    mutating func write(_ value: Value?, name: String = "value") {
        guard let value else { return }
        start(name, extensions: value.extensions)
        attribute("currency", value.currency)
        attribute("value-date", value.valueDate)
        attributes(value.extensionAttributes)
        text(value.text)
        end()
    }

    // MARK: Organisations

    mutating func write(_ org: ReportingOrg?) {
        guard let org else { return }
        start("reporting-org")
        attribute("ref", org.ref)
        attribute("type", org.type)
        attribute("secondary-reporter", org.secondaryReporter)
        attributes(org.extensionAttributes)
        attributes(org.name.extensionAttributes)
        inlineNarratives(org.name)
        nodes(org.extensions)
        end()
    }

    mutating func write(_ org: ProviderOrg?) {
        guard let org else { return }
        start("provider-org")
        attribute("ref", org.ref)
        attribute("provider-activity-id", org.providerActivityID)
        attribute("type", org.type)
        attributes(org.extensionAttributes)
        attributes(org.narrative.extensionAttributes)
        inlineNarratives(org.narrative)
        nodes(org.extensions)
        end()
    }

    mutating func write(_ org: ReceiverOrg?) {
        guard let org else { return }
        start("receiver-org")
        attribute("ref", org.ref)
        attribute("receiver-activity-id", org.receiverActivityID)
        attribute("type", org.type)
        attributes(org.extensionAttributes)
        attributes(org.narrative.extensionAttributes)
        inlineNarratives(org.narrative)
        nodes(org.extensions)
        end()
    }

    // MARK: Places

    mutating func write(_ country: RecipientCountry) {
        start("recipient-country")
        attribute("code", country.code)
        attribute("percentage", country.percentage)
        attributes(country.extensionAttributes)
        attributes(country.narrative.extensionAttributes)
        inlineNarratives(country.narrative)
        nodes(country.extensions)
        end()
    }

    mutating func write(_ region: RecipientRegion) {
        start("recipient-region")
        attribute("code", region.code)
        attribute("vocabulary", region.vocabulary)
        attribute("vocabulary-uri", region.vocabularyURI)
        attribute("percentage", region.percentage)
        attributes(region.extensionAttributes)
        attributes(region.narrative.extensionAttributes)
        inlineNarratives(region.narrative)
        nodes(region.extensions)
        end()
    }

    // MARK: Document links

    /// `document-link`; `recipient-country` (organisation files only) after the extensions, as
    /// the organisation schema puts it after its `xsd:any`.
    mutating func write(_ link: DocumentLink) {
        start("document-link", extensions: link.extensions)
        attribute("url", link.url)
        attribute("format", link.format)
        attributes(link.extensionAttributes)
        narrativeElement("title", link.title)
        narrativeElement("description", link.description)
        leaves("category", link.categories, link.leafExtensions)
        leaves("language", link.languages, link.leafExtensions)
        dateLeaf("document-date", link.documentDate, link.leafExtensions)
        for country in link.recipientCountries { write(country) }
        end()
    }

    // MARK: Budget lines

    /// `budget-line` (or `expense-line`): value, then narratives.
    mutating func write(_ line: BudgetLine, name: String = "budget-line") {
        start(name, extensions: line.extensions)
        attribute("ref", line.ref)
        attributes(line.extensionAttributes)
        attributes(line.narrative.extensionAttributes)
        write(line.value)
        inlineNarratives(line.narrative)
        end()
    }
}
