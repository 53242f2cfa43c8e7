import Foundation
import IATIXML

/// Builds each activity's projection rows straight from the parser's events, without a tree or
/// the model: the import's hot path.
///
/// Its rows equal those ``ImportBatch/add(_:element:key:identifierMissing:id:datasetID:version:)``
/// builds from the model (a test holds them equal on every sample), so it follows the model's
/// reading rules: an attribute is trimmed and an empty one is absent; a one-value element such as
/// `transaction-type` is its first occurrence that has a value (for dates `@iso-date`, else the
/// text); a non-repeatable element such as `value` is its first occurrence; a display name is the
/// first narrative without `xml:lang`, else the first narrative, else the element's own trimmed
/// text. Activity defaults (currency; flow, finance, aid and tied types; humanitarian) go into the
/// rows when the activity ends, since publishers write them in any order.
///
/// It runs on the parsing thread alone, for every element of every activity, so its properties skip
/// the run-time exclusivity checks that would otherwise cost a fifth of its time.
final class ActivityProjector: ElementContentHandler {
    typealias Name = ProjectedName
    typealias Slot = ImportBatch.Slot

    /// The rows built so far.
    @exclusivity(unchecked) var batch = ImportBatch()

    /// The activity whose end tag was just read, until ``commit(id:datasetID:key:identifierMissing:element:version:)``
    /// or ``discard()``.
    @exclusivity(unchecked) private(set) var pending: Summary?

    /// What the producer needs of an activity to key and count it.
    struct Summary {
        var reportingOrg: String?
        var identifier: String?
        var transactions = 0
        var budgets = 0
    }

    let names = Name.allCases.map(\.text)

    // The tables below, held by the instance: a static's every use goes through `swift_once`.
    private let columnTable = ActivityProjector.columnTable
    private let rowStart = ActivityProjector.rowStart
    private let rowWidth = ActivityProjector.rowWidth
    private let nameCount = Name.allCases.count
    private let ownerColumn = ActivityProjector.ownerColumn
    private let sequenceColumn = ActivityProjector.sequenceColumn
    private let amountColumns = ActivityProjector.amountColumns

    /// The id the next activity's rows carry.
    @exclusivity(unchecked) var nextID = 0

    // MARK: The activity being read

    @exclusivity(unchecked) private var marks: [(cells: Int, bytes: Int)] = []
    @exclusivity(unchecked) private var frames = UnsafeStack<Frame>()
    /// Character data of the activity's text elements; ranges of it are kept until the activity ends.
    @exclusivity(unchecked) private var text: [UInt8] = []
    /// The attributes of the element being reported: valid during `startElement` only.
    @exclusivity(unchecked) private var attributes: ElementAttributes?
    /// Attribute values with an `&`, decoded for the element being reported; freed at the next one.
    @exclusivity(unchecked) private var decodedValues: [UnsafeMutableBufferPointer<UInt8>] = []
    @exclusivity(unchecked) private var summary = Summary()
    /// Activity attributes and one-value children, by name.
    @exclusivity(unchecked) private var activityValues: [ArraySlice<UInt8>?] = Array(repeating: nil, count: Name.allCases.count)
    @exclusivity(unchecked) private var activitySeen = ProjectedNameSet()
    /// The first `default-aid-type`'s code: the model takes the first element, which may have none.
    @exclusivity(unchecked) private var defaultAidType: ArraySlice<UInt8>?
    /// The `@iso-date` of the first `activity-date` of each type 1–4 (`nil` inside: that element had none).
    @exclusivity(unchecked) private var datesByType: [ArraySlice<UInt8>??] = Array(repeating: nil, count: 5)
    /// Where the title's display text is in `text` (a range, not a slice, which would make `text` copy itself on its next append).
    @exclusivity(unchecked) private var titleDisplay: Range<Int>?
    @exclusivity(unchecked) private var narratives: [NarrativeEntry] = []
    /// The pending activity's bytes, kept in the activity rows' buffer by ``takeBytes(_:)``.
    @exclusivity(unchecked) private var pendingXML: StoredCell?

    /// The row being built for each table, one after the other (table `slot` from `rowStart[slot]`),
    /// and what its element has had of first-only children.
    @exclusivity(unchecked) private var open: [StoredCell] = Array(repeating: .null, count: Slot.allCases.reduce(0) { $0 + $1.table.columns.count })
    @exclusivity(unchecked) private var seen = Array(repeating: ProjectedNameSet(), count: Slot.allCases.count)
    @exclusivity(unchecked) private var sequence = Array(repeating: 0, count: Slot.allCases.count)
    @exclusivity(unchecked) private var holder = Holder()
    @exclusivity(unchecked) private var indicatorCount = 0

    /// What an open element is, in its context.
    private enum Role {
        case ignored, activity, identifier, holder, narrative, value, dateLeaf, pos, point, leaf
        /// An element with a row of its own; `names` says whether its narratives name it.
        case row(Slot, names: Bool)
    }

    private struct Frame {
        var role: Role
        var name: Name?
        var textStart: Int
        var hasChildren = false
    }

    private struct NarrativeEntry {
        var element: [UInt8]
        var lang: ArraySlice<UInt8>?
        var text: Range<Int>
        var isTitle: Bool
    }

    /// The element whose narratives are being read.
    private struct Holder {
        var slot: Slot?
        var column = 0
        /// The `narrative` table's element name, for the activity's title and descriptions.
        var element: [UInt8]?
        var lang: ArraySlice<UInt8>?
        var firstWithoutLang: Range<Int>?
        var first: Range<Int>?
        var narrativeLang: ArraySlice<UInt8>?
        var ownText: [UInt8] = []
    }

    // MARK: Events

    func startElement(_ code: Int, attributes list: ElementAttributes) {
        frames.updateLast { $0.hasChildren = true }
        let name = Name(rawValue: code)
        attributes = list
        defer {
            attributes = nil
            freeDecodedValues()
        }
        let role = name.map { self.role(of: $0, parent: frames.last?.role) } ?? .ignored
        frames.push(Frame(role: role, name: name, textStart: text.count))
    }

    func takeBytes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard pending != nil else { return false }
        pendingXML = bytes.withMemoryRebound(to: UInt8.self) { batch.rows[Slot.activity.rawValue].store($0) }
        return true
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let frame = frames.last else { return }
        switch frame.role {
        case .narrative, .identifier, .value, .dateLeaf, .pos: text.append(contentsOf: bytes)
        case .holder, .row(_, names: true): holder.ownText.append(contentsOf: bytes)
        default: break
        }
    }

    func endElement(_ code: Int) {
        guard let frame = frames.popLast() else { return }
        let own = ownText(frame)
        switch frame.role {
        case .activity: endActivity()
        case .identifier:
            if summary.identifier == nil, let identifier = Self.trimmed(text[own]) {
                summary.identifier = String(decoding: identifier, as: UTF8.self)
            }
        case .narrative:
            if holder.first == nil { holder.first = own }
            if holder.firstWithoutLang == nil, holder.narrativeLang == nil { holder.firstWithoutLang = own }
            if let element = holder.element, !own.isEmpty {
                narratives.append(NarrativeEntry(element: element, lang: holder.narrativeLang, text: own, isTitle: element == Self.titleElement))
            }
        case .holder: endHolder()
        case .row(let slot, let names):
            if names { endHolder() }
            if slot == .result { open[rowStart[slot.rawValue] + Columns.resultIndicatorCount] = .integer(indicatorCount) }
            if slot == .indicator { indicatorCount += 1 }
            let start = rowStart[slot.rawValue]
            batch.rows[slot.rawValue].append(open[start..<(start + rowWidth[slot.rawValue])])
            sequence[slot.rawValue] += 1
        case .value:
            guard case .row(let slot, _)? = frames.last?.role else { break }
            guard var amount = text[own].withUnsafeBufferPointer({ Projection.money($0) }) else { break }
            let start = rowStart[slot.rawValue]
            open[start + column(slot, .value)] = batch.rows[slot.rawValue].store(amount)
            // The integers that sum it exactly; left NULL when its integer part is beyond 64 bits.
            if let parts = amount.withUTF8({ Amount.split($0) }) {
                open[start + amountColumns[slot.rawValue].whole] = .integer(parts.whole)
                open[start + amountColumns[slot.rawValue].nanos] = .integer(parts.nanos)
            }
        case .dateLeaf:
            guard case .row(let slot, _)? = frames.last?.role, let name = frame.name,
                  let date = Self.trimmed(text[own]), seen[slot.rawValue].insert(name) else { break }
            setDate(slot, column(slot, name), date)
        case .pos:
            if let pos = Self.trimmed(text[own]), seen[Slot.location.rawValue].insert(.pos) {
                set(.location, column(.location, .point), pos)
            }
        case .ignored, .point, .leaf: break
        }
    }

    /// The element's own text: its character data, or none when that is blank and it has children.
    private func ownText(_ frame: Frame) -> Range<Int> {
        let range = frame.textStart..<text.count
        if frame.hasChildren, text[range].allSatisfy(Projection.isSpace) { return frame.textStart..<frame.textStart }
        return range
    }

    private func role(of name: Name, parent: Role?) -> Role {
        switch parent {
        case nil:
            guard name == .iatiActivity else { return .ignored }
            beginActivity()
            return .activity
        case .activity?:
            return activityChild(name)
        case .row(let slot, let names)?:
            if names { return name == .narrative ? narrative() : .ignored }
            return rowChild(name, of: slot)
        case .holder?:
            return name == .narrative ? narrative() : .ignored
        case .point?:
            return name == .pos && !seen[Slot.location.rawValue].contains(.pos) ? .pos : .ignored
        default:
            return .ignored
        }
    }

    private func narrative() -> Role {
        holder.narrativeLang = rawAttribute(.xmlLang).map { ArraySlice(Array($0)) }
        return .narrative
    }
}

// MARK: - The activity

extension ActivityProjector {
    private static let titleElement = Array("title".utf8)

    private func beginActivity() {
        pending = nil
        pendingXML = nil
        marks = batch.rows.map(\.mark)
        text.removeAll(keepingCapacity: true)
        summary = Summary()
        for index in activityValues.indices { activityValues[index] = nil }
        for name in [Name.hierarchy, .defaultCurrency, .xmlLang, .humanitarian, .lastUpdatedDatetime] {
            activityValues[name.rawValue] = kept(name)
        }
        activitySeen = ProjectedNameSet()
        defaultAidType = nil
        for index in datesByType.indices { datesByType[index] = nil }
        titleDisplay = nil
        narratives.removeAll(keepingCapacity: true)
        for index in sequence.indices { sequence[index] = 0 }
    }

    private func activityChild(_ name: Name) -> Role {
        switch name {
        case .iatiIdentifier: return .identifier
        case .reportingOrg:
            if activitySeen.insert(.reportingOrg) {
                summary.reportingOrg = attribute(.ref).map { String(decoding: $0, as: UTF8.self) }
            }
            return .leaf
        case .title:
            guard activitySeen.insert(.title) else { return .ignored }
            return beginHolder(nil, 0, element: Self.titleElement)
        case .description:
            let element = Array("description".utf8) + (attribute(.type).map { [UInt8(ascii: "/")] + $0 } ?? [])
            return beginHolder(nil, 0, element: element)
        case .activityStatus, .activityScope, .defaultFlowType, .defaultFinanceType, .defaultTiedStatus:
            if let code = kept(.code), activitySeen.insert(name) { activityValues[name.rawValue] = code }
            return .leaf
        case .defaultAidType:
            if activitySeen.insert(name) { defaultAidType = kept(.code) }
            return .leaf
        case .activityDate:
            if let type = attribute(.type), type.count == 1, let digit = type.first, (49...52).contains(digit),
               datesByType[Int(digit - 48)] == nil {
                datesByType[Int(digit - 48)] = .some(kept(.isoDate))
            }
            return .leaf
        case .transaction:
            summary.transactions += 1
            let role = beginRow(.transaction)
            set(.transaction, column(.transaction, .ref), attribute(.ref))
            set(.transaction, column(.transaction, .humanitarian), attribute(.humanitarian))
            return role
        case .budget:
            summary.budgets += 1
            let role = beginRow(.budget)
            set(.budget, column(.budget, .type), attribute(.type))
            set(.budget, column(.budget, .status), attribute(.status))
            return role
        case .plannedDisbursement:
            let role = beginRow(.plannedDisbursement)
            set(.plannedDisbursement, column(.plannedDisbursement, .type), attribute(.type))
            return role
        case .participatingOrg:
            let role = beginRow(.participatingOrg)
            for attribute in [Name.ref, .type, .role, .activityID, .crsChannelCode] {
                set(.participatingOrg, column(.participatingOrg, attribute), self.attribute(attribute))
            }
            return role
        case .sector, .recipientRegion, .policyMarker, .tag, .recipientCountry:
            let slot = Columns.slots[name]!
            let role = beginRow(slot)
            for attribute in [Name.code, .vocabulary, .vocabularyURI, .percentage, .significance] {
                let column = columnTable[slot.rawValue * nameCount + attribute.rawValue]
                guard column >= 0 else { continue }
                if attribute == .percentage {
                    if let value = self.attribute(attribute), let amount = Projection.money(value) {
                        open[rowStart[slot.rawValue] + column] = batch.rows[slot.rawValue].store(amount)
                    }
                } else {
                    set(slot, column, self.attribute(attribute))
                }
            }
            return role
        case .location:
            let role = beginRow(.location)
            set(.location, column(.location, .ref), attribute(.ref))
            return role
        case .documentLink:
            let role = beginRow(.documentLink)
            set(.documentLink, column(.documentLink, .url), attribute(.url))
            set(.documentLink, column(.documentLink, .format), attribute(.format))
            return role
        case .result:
            let role = beginRow(.result)
            set(.result, column(.result, .type), attribute(.type))
            set(.result, column(.result, .aggregationStatus), attribute(.aggregationStatus))
            indicatorCount = 0
            return role
        default:
            return .ignored
        }
    }

    /// Fills in the activity's defaults; the activity then waits for the producer's decision.
    private func endActivity() {
        let currency = activityValues[Name.defaultCurrency.rawValue]
        let defaults: [(Slot, Int, ArraySlice<UInt8>?)] = [
            (.transaction, column(.transaction, .currency), currency),
            (.transaction, column(.transaction, .flowType), activityValues[Name.defaultFlowType.rawValue]),
            (.transaction, column(.transaction, .financeType), activityValues[Name.defaultFinanceType.rawValue]),
            (.transaction, column(.transaction, .aidType), defaultAidType),
            (.transaction, column(.transaction, .tiedStatus), activityValues[Name.defaultTiedStatus.rawValue]),
            (.transaction, column(.transaction, .humanitarian), activityValues[Name.humanitarian.rawValue]),
            (.budget, column(.budget, .currency), currency),
            (.plannedDisbursement, column(.plannedDisbursement, .currency), currency),
        ]
        for (slot, column, value) in defaults {
            guard let value else { continue }
            var stored: StoredCell?
            let rows = marks[slot.rawValue].cells / rowWidth[slot.rawValue]..<batch.rows[slot.rawValue].rowCount
            for row in rows where batch.rows[slot.rawValue][row, column].isNull {
                let cell = stored ?? batch.rows[slot.rawValue].store(value)
                stored = cell
                batch.rows[slot.rawValue][row, column] = cell
            }
        }
        pending = summary
    }

    /// Adds the pending activity's own row and its narratives, numbered `id` (the id its other rows carry).
    func commit(id: Int, datasetID: Int, key: ActivityKey, identifierMissing: Bool, element: SourceElement, version: String?) {
        precondition(id == nextID, "rows numbered \(nextID) committed as \(id)")
        pending = nil
        batch.activityKeys.append(key)
        batch.activityCount += 1
        var rows = batch.rows[Slot.activity.rawValue]
        batch.rows[Slot.activity.rawValue] = TableRows(Schema.activity)
        func cell(_ name: Name) -> StoredCell { activityValues[name.rawValue].map { rows.store($0) } ?? .null }
        func date(_ types: [Int]) -> StoredCell {
            for type in types {
                guard let found = datesByType[type], let found else { continue }
                if let cell = found.withUnsafeBufferPointer({ Projection.date($0).map { rows.store($0) } }) { return cell }
            }
            return .null
        }
        let columns = Columns.activity
        var row = [StoredCell](repeating: .null, count: rows.table.columns.count)
        row[columns.id] = .integer(id)
        row[columns.datasetID] = .integer(datasetID)
        row[columns.reportingOrg] = rows.store(key.reportingOrg)
        row[columns.identifier] = rows.store(key.identifier)
        row[columns.identifierMissing] = .integer(identifierMissing ? 1 : 0)
        row[columns.version] = version.map { rows.store($0) } ?? .null
        row[columns.upgraded] = .integer(element.upgraded ? 1 : 0)
        for name in [Name.hierarchy, .defaultCurrency, .xmlLang, .activityStatus, .activityScope, .humanitarian, .lastUpdatedDatetime] {
            row[column(.activity, name)] = cell(name)
        }
        row[columns.startDate] = date([2, 1])
        row[columns.endDate] = date([4, 3])
        row[columns.title] = titleDisplay.map { rows.store(text[$0]) } ?? .null
        row[columns.line] = .integer(element.line)
        row[columns.xml] = pendingXML ?? rows.store(element.xml)
        pendingXML = nil
        rows.append(row)
        batch.rows[Slot.activity.rawValue] = rows

        let slot = Slot.narrative.rawValue
        let ordered = narratives.filter(\.isTitle) + narratives.filter { !$0.isTitle }
        let narrativeColumns = Columns.narrative
        var cells = [StoredCell](repeating: .null, count: rowWidth[slot])
        for (seq, narrative) in ordered.enumerated() {
            cells[narrativeColumns.owner] = .integer(id)
            cells[narrativeColumns.seq] = .integer(seq)
            cells[narrativeColumns.element] = batch.rows[slot].store(narrative.element)
            cells[narrativeColumns.lang] = narrative.lang.map { batch.rows[slot].store($0) } ?? .null
            cells[narrativeColumns.text] = batch.rows[slot].store(text[narrative.text])
            batch.rows[slot].append(cells)
        }
        nextID = id + 1
    }

    /// Drops the pending activity's rows (a duplicate in its file).
    func discard() {
        pending = nil
        pendingXML = nil
        for (index, mark) in marks.enumerated() { batch.rows[index].truncate(to: mark) }
    }
}

// MARK: - Rows and names

extension ActivityProjector {
    private func beginRow(_ slot: Slot) -> Role {
        let index = slot.rawValue
        let start = rowStart[index]
        for column in start..<(start + rowWidth[slot.rawValue]) { open[column] = .null }
        seen[index] = ProjectedNameSet()
        open[start + ownerColumn[index]] = .integer(nextID)
        open[start + sequenceColumn[index]] = .integer(sequence[index])
        switch slot {
        case .result:
            sequence[Slot.indicator.rawValue] = 0
        case .indicator:
            open[start + Columns.indicatorResultSeq] = .integer(sequence[Slot.result.rawValue])
            set(.indicator, column(.indicator, .measure), attribute(.measure))
            set(.indicator, column(.indicator, .ascending), attribute(.ascending))
            sequence[Slot.indicatorPeriod.rawValue] = 0
        case .indicatorPeriod:
            open[start + Columns.periodResultSeq] = .integer(sequence[Slot.result.rawValue])
            open[start + Columns.periodIndicatorSeq] = .integer(sequence[Slot.indicator.rawValue])
        default:
            break
        }
        switch slot {
        case .participatingOrg, .sector, .recipientCountry, .recipientRegion, .policyMarker, .tag:
            _ = beginHolder(slot, column(slot, .name))
            return .row(slot, names: true)
        default:
            return .row(slot, names: false)
        }
    }

    /// A child of a row element other than the activity.
    private func rowChild(_ name: Name, of slot: Slot) -> Role {
        let index = slot.rawValue
        switch (slot, name) {
        case (.transaction, .value), (.budget, .value), (.plannedDisbursement, .value):
            guard seen[index].insert(.value) else { return .ignored }
            set(slot, column(slot, .currency), attribute(.currency))
            if let date = attribute(.valueDate) { setDate(slot, column(slot, .valueDate), date) }
            return .value
        case (.transaction, .transactionDate), (.budget, .periodStart), (.budget, .periodEnd),
             (.plannedDisbursement, .periodStart), (.plannedDisbursement, .periodEnd),
             (.documentLink, .documentDate), (.indicatorPeriod, .periodStart), (.indicatorPeriod, .periodEnd):
            guard !seen[index].contains(name) else { return .ignored }
            guard let date = attribute(.isoDate) else { return .dateLeaf }
            _ = seen[index].insert(name)
            setDate(slot, column(slot, name), date)
            return .leaf
        case (.transaction, .providerOrg), (.transaction, .receiverOrg):
            guard seen[index].insert(name) else { return .ignored }
            let columns = name == .providerOrg ? Columns.provider : Columns.receiver
            set(slot, columns.ref, attribute(.ref))
            set(slot, columns.activity, attribute(name == .providerOrg ? .providerActivityID : .receiverActivityID))
            return beginHolder(slot, columns.name)
        case (.plannedDisbursement, .providerOrg), (.plannedDisbursement, .receiverOrg):
            guard seen[index].insert(name) else { return .ignored }
            set(slot, name == .providerOrg ? Columns.plannedProviderRef : Columns.plannedReceiverRef, attribute(.ref))
            return .leaf
        case (.transaction, .description), (.location, .description), (.location, .name), (.documentLink, .title),
             (.result, .title), (.indicator, .title):
            guard seen[index].insert(name) else { return .ignored }
            return beginHolder(slot, column(slot, name))
        case (.transaction, .transactionType), (.transaction, .disbursementChannel), (.transaction, .flowType),
             (.transaction, .financeType), (.transaction, .tiedStatus), (.location, .exactness),
             (.location, .locationClass), (.location, .featureDesignation), (.documentLink, .category),
             (.documentLink, .language):
            if let code = attribute(.code), seen[index].insert(name) { set(slot, column(slot, name), code) }
            return .leaf
        case (.transaction, .sector), (.transaction, .recipientCountry), (.transaction, .recipientRegion),
             (.transaction, .aidType), (.location, .administrative):
            if seen[index].insert(name) { set(slot, column(slot, name), attribute(.code)) }
            return .leaf
        case (.location, .point):
            return seen[index].insert(.point) ? .point : .ignored
        case (.result, .indicator):
            return beginRow(.indicator)
        case (.indicator, .baseline):
            guard seen[index].insert(.baseline) else { return .ignored }
            set(slot, Columns.baselineYear, attribute(.year) ?? attribute(.isoDate))
            set(slot, Columns.baselineValue, rawAttribute(.value))
            return .leaf
        case (.indicator, .period):
            return beginRow(.indicatorPeriod)
        case (.indicatorPeriod, .target), (.indicatorPeriod, .actual):
            guard seen[index].insert(name) else { return .ignored }
            set(slot, name == .target ? Columns.periodTarget : Columns.periodActual, rawAttribute(.value))
            return .leaf
        default:
            return .ignored
        }
    }

    private func beginHolder(_ slot: Slot?, _ column: Int, element: [UInt8]? = nil) -> Role {
        holder = Holder(slot: slot, column: column, element: element, lang: kept(.xmlLang))
        return .holder
    }

    private func endHolder() {
        var display = holder.firstWithoutLang ?? holder.first
        if display == nil, let own = Self.trimmed(holder.ownText[...]) {
            // The pre-2.0 shape: the text straight in the element is its one narrative.
            let start = text.count
            text.append(contentsOf: own)
            display = start..<text.count
            if let element = holder.element {
                narratives.append(NarrativeEntry(element: element, lang: holder.lang, text: start..<text.count, isTitle: element == Self.titleElement))
            }
        }
        if holder.element == Self.titleElement { titleDisplay = display }
        if let slot = holder.slot, let display { set(slot, holder.column, text[display]) }
        holder = Holder()
    }

    // MARK: Cells

    /// The attribute of the element being reported, as written (`&` decoded); valid during `startElement` only.
    private func rawAttribute(_ name: Name) -> UnsafeBufferPointer<UInt8>? {
        guard let attributes else { return nil }
        for index in 0..<attributes.count where attributes.name(at: index) == name.rawValue {
            guard attributes.needsDecoding(at: index) else { return attributes.rawValue(at: index) }
            let decoded = attributes.decodedValue(at: index)
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: decoded.count)
            _ = buffer.initialize(from: decoded)
            decodedValues.append(buffer)
            return UnsafeBufferPointer(buffer)
        }
        return nil
    }

    private func freeDecodedValues() {
        guard !decodedValues.isEmpty else { return }
        for buffer in decodedValues { buffer.deallocate() }
        decodedValues.removeAll(keepingCapacity: true)
    }

    /// The attribute trimmed, `nil` when absent or empty; valid during `startElement` only.
    private func attribute(_ name: Name) -> UnsafeBufferPointer<UInt8>? {
        rawAttribute(name).flatMap { Self.nonEmpty(Projection.trimmed($0)) }
    }

    private static func nonEmpty(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        bytes.isEmpty ? nil : bytes
    }

    /// ``attribute(_:)`` in storage of its own, for a value kept after its element: a slice of the
    /// attributes' buffer would make the next element copy the whole buffer before writing to it.
    private func kept(_ name: Name) -> ArraySlice<UInt8>? {
        attribute(name).map { ArraySlice(Array($0)) }
    }

    private func set(_ slot: Slot, _ column: Int, _ value: ArraySlice<UInt8>?) {
        guard let value else { return }
        open[rowStart[slot.rawValue] + column] = batch.rows[slot.rawValue].store(value)
    }

    private func set(_ slot: Slot, _ column: Int, _ value: UnsafeBufferPointer<UInt8>?) {
        guard let value else { return }
        open[rowStart[slot.rawValue] + column] = batch.rows[slot.rawValue].store(value)
    }

    private func setDate(_ slot: Slot, _ column: Int, _ value: ArraySlice<UInt8>) {
        value.withUnsafeBufferPointer { setDate(slot, column, $0) }
    }

    private func setDate(_ slot: Slot, _ column: Int, _ value: UnsafeBufferPointer<UInt8>) {
        if let date = Projection.date(value) {
            open[rowStart[slot.rawValue] + column] = batch.rows[slot.rawValue].store(date)
        }
    }

    /// Trimmed of XML white space; `nil` when nothing is left.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, Projection.isSpace(bytes[start]) { start += 1 }
        while end > start, Projection.isSpace(bytes[end - 1]) { end -= 1 }
        return start < end ? bytes[start..<end] : nil
    }
}

// MARK: - Columns

extension ActivityProjector {
    /// The column of `slot`'s table an element or attribute of that name fills.
    @inline(__always)
    func column(_ slot: Slot, _ name: Name) -> Int {
        let column = columnTable[slot.rawValue * nameCount + name.rawValue]
        assert(column >= 0, "\(name) has no column in \(slot.table.name)")
        return column
    }

    /// `columns`, flattened: one lookup per cell set.
    private static let columnTable: [Int] = columns.flatMap { $0 }

    /// Where each table's row starts in `open`, and how many cells it has.
    static let rowStart: [Int] = Slot.allCases.reduce(into: [0]) { $0.append($0.last! + $1.table.columns.count) }
    static let rowWidth: [Int] = Slot.allCases.map(\.table.columns.count)

    /// By slot and name: the column, or -1. A column named like the element or attribute
    /// (`flow-type` → `flow_type`) is its column, unless `renamed` says otherwise.
    static let columns: [[Int]] = Slot.allCases.map { slot in
        let renamed: [Name: String] = switch slot {
        case .activity: [.xmlLang: "default_lang", .lastUpdatedDatetime: "last_updated"]
        case .transaction: [.transactionType: "type", .sector: "sector_code"]
        case .participatingOrg: [.activityID: "org_activity_id"]
        default: [:]
        }
        let names = slot.table.columnNames
        return Name.allCases.map { name in
            names.firstIndex(of: renamed[name] ?? name.text.replacingOccurrences(of: "-", with: "_")) ?? -1
        }
    }

    /// Each table's `activity_id` and `seq` columns (-1 where it has none), by slot.
    static let ownerColumn: [Int] = Slot.allCases.map { $0.table.columnNames.firstIndex(of: "activity_id") ?? -1 }
    static let sequenceColumn: [Int] = Slot.allCases.map { $0.table.columnNames.firstIndex(of: "seq") ?? -1 }
    /// Each table's `value_whole` and `value_nanos` columns (-1 where it has no amount), by slot.
    static let amountColumns: [(whole: Int, nanos: Int)] = Slot.allCases.map { slot in
        let names = Amount.columnNames("value")
        return (slot.table.columnNames.firstIndex(of: names.whole) ?? -1, slot.table.columnNames.firstIndex(of: names.nanos) ?? -1)
    }

    /// Columns that no single name stands for.
    enum Columns {
        static let activity = (
            id: index(.activity, "id"), datasetID: index(.activity, "dataset_id"),
            reportingOrg: index(.activity, "reporting_org"), identifier: index(.activity, "iati_identifier"),
            identifierMissing: index(.activity, "identifier_missing"), version: index(.activity, "version"),
            upgraded: index(.activity, "upgraded"), startDate: index(.activity, "start_date"),
            endDate: index(.activity, "end_date"), title: index(.activity, "title"), line: index(.activity, "line"),
            xml: index(.activity, "xml"))
        static let narrative = (
            owner: index(.narrative, "activity_id"), seq: index(.narrative, "seq"), element: index(.narrative, "element"),
            lang: index(.narrative, "lang"), text: index(.narrative, "text"))
        static let indicatorResultSeq = index(.indicator, "result_seq")
        static let periodResultSeq = index(.indicatorPeriod, "result_seq")
        static let periodIndicatorSeq = index(.indicatorPeriod, "indicator_seq")
        static let resultIndicatorCount = index(.result, "indicator_count")
        static let baselineYear = index(.indicator, "baseline_year")
        static let baselineValue = index(.indicator, "baseline_value")
        static let periodTarget = index(.indicatorPeriod, "target_value")
        static let periodActual = index(.indicatorPeriod, "actual_value")
        static let plannedProviderRef = index(.plannedDisbursement, "provider_org_ref")
        static let plannedReceiverRef = index(.plannedDisbursement, "receiver_org_ref")
        static let provider = (
            ref: index(.transaction, "provider_org_ref"), activity: index(.transaction, "provider_activity_id"),
            name: index(.transaction, "provider_org_name"))
        static let receiver = (
            ref: index(.transaction, "receiver_org_ref"), activity: index(.transaction, "receiver_activity_id"),
            name: index(.transaction, "receiver_org_name"))
        /// The activity children that are rows named by their narratives, and their tables.
        static let slots: [Name: Slot] = [
            .sector: .sector, .recipientCountry: .recipientCountry, .recipientRegion: .recipientRegion,
            .policyMarker: .policyMarker, .tag: .tag,
        ]

        private static func index(_ slot: Slot, _ name: String) -> Int {
            guard let index = slot.table.columnNames.firstIndex(of: name) else { preconditionFailure("no \(name) in \(slot.table.name)") }
            return index
        }
    }
}
