/// The fixed and small parts of an XLSX package, around its worksheets.
enum PackageParts {
    static let xmlDeclaration: StaticString = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"

    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n"
    private static let relationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    static let rootRelationships = declaration + """
        <Relationships xmlns="\(relationshipsNamespace)">\
        <Relationship Id="rId1" Type="\(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    /// Cell styles (`s` in a cell): 0 default, 1 bold header, 2 `#,##0.00`, 3 `0`, 4 `yyyy-mm-dd`.
    static let styles = declaration + """
        <styleSheet xmlns="\(mainNamespace)">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>\
        <fonts count="2">\
        <font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>\
        <font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>\
        </fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    /// The workbook: its sheets, and the hidden name Excel keeps for each sheet's autofilter range.
    static func workbook(sheetNames: [String], lastRows: [Int], columns: Int) -> String {
        var buffer = XMLBuffer(capacity: 1024)
        buffer.append(raw: declaration)
        buffer.append(raw: #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(officeRelationships)">"#)
        buffer.append(#"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#)
        for (index, name) in sheetNames.enumerated() {
            buffer.append(#"<sheet name=""#)
            buffer.appendEscaped(name, attribute: true)
            buffer.append(raw: #"" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#)
        }
        buffer.append("</sheets><definedNames>")
        let lastColumn = XLSXWriter.columnName(columns - 1)
        for (index, name) in sheetNames.enumerated() {
            buffer.append(raw: #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">"#)
            let quoted = "'" + name.replacingApostrophes() + "'"
            buffer.appendEscaped("\(quoted)!$A$1:$\(lastColumn)$\(lastRows[index])")
            buffer.append("</definedName>")
        }
        buffer.append("</definedNames></workbook>")
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    static func workbookRelationships(sheets: Int) -> String {
        var text = declaration + #"<Relationships xmlns="\#(relationshipsNamespace)">"#
        for sheet in 1...sheets {
            text += #"<Relationship Id="rId\#(sheet)" Type="\#(officeRelationships)/worksheet" Target="worksheets/sheet\#(sheet).xml"/>"#
        }
        text += #"<Relationship Id="rId\#(sheets + 1)" Type="\#(officeRelationships)/styles" Target="styles.xml"/>"#
        return text + "</Relationships>"
    }

    static func contentTypes(sheets: Int) -> String {
        let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var text = declaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="\(spreadsheetML).sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="\(spreadsheetML).styles+xml"/>
            """
        for sheet in 1...sheets {
            text += #"<Override PartName="/xl/worksheets/sheet\#(sheet).xml" ContentType="\#(spreadsheetML).worksheet+xml"/>"#
        }
        return text + "</Types>"
    }
}

extension String {
    /// Apostrophes doubled, as in a quoted sheet name of a formula reference.
    func replacingApostrophes() -> String {
        var result = ""
        for character in self {
            result.append(character)
            if character == "'" { result.append("'") }
        }
        return result
    }
}
