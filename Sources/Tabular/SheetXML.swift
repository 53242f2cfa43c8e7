/// The XML of one worksheet, built row by row into a buffer that the writer hands to zlib piece by piece.
///
/// A struct whose mutating methods do a row's many small appends, so that they need no dynamic
/// exclusivity checks (as appends to a class's stored property would).
struct SheetXML {
    var xml = XMLBuffer(capacity: 128 * 1024)
    /// `A`, `B`, … per column.
    private let columnLetters: [[UInt8]]
    private var rowDigits: [UInt8] = []

    init(columnCount: Int) {
        columnLetters = (0..<columnCount).map { Array(XLSXWriter.columnName($0).utf8) }
    }

    /// Everything before the first row: the frozen header pane, column widths and styles; then the header row.
    mutating func appendStart(columns: [TabularColumn], selected: Bool) {
        xml.append(PackageParts.xmlDeclaration)
        xml.append(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#)
        xml.append(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        xml.append(#"<sheetViews><sheetView "#)
        if selected { xml.append(#"tabSelected="1" "#) }
        xml.append(#"workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#)
        xml.append(#"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#)
        xml.append(#"<sheetFormatPr defaultRowHeight="15"/><cols>"#)
        for (index, column) in columns.enumerated() {
            xml.append(#"<col min=""#)
            xml.append(index + 1)
            xml.append(#"" max=""#)
            xml.append(index + 1)
            xml.append(#"" width=""#)
            xml.append(raw: XLSXWriter.widthText(XLSXWriter.width(of: column)))
            xml.append(#"" customWidth="1""#)
            if let style = XLSXWriter.style(of: column.kind) {
                xml.append(#" style=""#)
                xml.append(style)
                xml.append("\"")
            }
            xml.append("/>")
        }
        xml.append("</cols><sheetData>")
        setRow(1)
        xml.append(#"<row r="1">"#)
        for (index, column) in columns.enumerated() {
            appendText(column.header, column: index, style: #" s="1""#)
        }
        xml.append("</row>")
    }

    /// What follows the last row: the autofilter over the header, from column A to the last, down to `lastRow`.
    mutating func appendEnd(lastRow: Int) {
        xml.append(#"</sheetData><autoFilter ref="A1:"#)
        xml.append(raw: columnLetters[columnLetters.count - 1])
        xml.append(lastRow)
        xml.append(#""/></worksheet>"#)
    }

    /// One row of cells, checked before (`TabularCell.validate`).
    mutating func appendRow(_ cells: [TabularCell], number: Int) {
        setRow(number)
        xml.append(#"<row r=""#)
        xml.append(raw: rowDigits)
        xml.append(#"">"#)
        for (index, cell) in cells.enumerated() {
            switch cell {
            case .text(let text):
                appendText(text, column: index, style: "")
            case .number(let digits):
                appendNumber(digits, column: index, style: #" s="2""#)
            case .integer(let value):
                appendNumber(String(value), column: index, style: #" s="3""#)
            case .date(let text):
                if let day = TabularCell.day(text), let serial = TabularCell.excelSerial(year: day.year, month: day.month, day: day.day) {
                    appendNumber(String(serial), column: index, style: #" s="4""#)
                } else {
                    appendText(text, column: index, style: "")
                }
            case .empty:
                break
            }
        }
        xml.append("</row>")
    }

    private mutating func setRow(_ number: Int) {
        rowDigits.removeAll(keepingCapacity: true)
        rowDigits.append(contentsOf: String(number).utf8)
    }

    private mutating func appendReference(column: Int) {
        xml.append(#"<c r=""#)
        xml.append(raw: columnLetters[column])
        xml.append(raw: rowDigits)
        xml.append("\"")
    }

    private mutating func appendNumber(_ digits: String, column: Int, style: StaticString) {
        appendReference(column: column)
        xml.append(style)
        xml.append(#" t="n"><v>"#)
        xml.append(raw: digits)
        xml.append("</v></c>")
    }

    /// An inline string; none for empty text.
    private mutating func appendText(_ text: String, column: Int, style: StaticString) {
        guard !text.isEmpty else { return }
        let text = text.truncated(toUTF16: XLSXWriter.maxCellCharacters)
        appendReference(column: column)
        xml.append(style)
        if XMLBuffer.needsPreserve(text) {
            xml.append(#" t="inlineStr"><is><t xml:space="preserve">"#)
        } else {
            xml.append(#" t="inlineStr"><is><t>"#)
        }
        xml.appendEscaped(text)
        xml.append("</t></is></c>")
    }
}
