import Charts
import Foundation

/// The review of the strategy as a document: front matter and a sequence of blocks, made once from
/// live data (``Site/review(asOf:language:)``) and written as a standalone HTML page (for reading
/// and for printing to PDF) or as Markdown with its figures as SVG files.
public struct ReviewDocument: Sendable {
    /// A table: a caption, a header row and rows of cells; the first cell of each row heads it.
    public struct Table: Sendable {
        public var caption: String
        public var header: [String]
        public var rows: [[String]]
        /// Columns after the first whose cells are numbers (aligned right).
        public var numeric: Bool = false
    }

    /// A chart of the appendix: its title, its SVG and the data it draws.
    public struct Figure: Sendable {
        public var number: Int
        public var title: String
        public var svg: String
        public var data: Table
    }

    public enum Block: Sendable {
        /// A heading; level 2 for the parts (I, II …), 3 for sections within them.
        case heading(level: Int, text: String, id: String)
        case paragraph(String)
        /// A paragraph shown apart: a rating, a placeholder, a note on the figures.
        case note(String)
        case list([String])
        case table(Table)
        case figure(Figure)
    }

    public var language: Language
    /// Lines above the title, as in a Governing Body document: body, segment, date, symbol.
    public var frontMatter: [String]
    public var title: String
    public var blocks: [Block]
    /// The last line: when and from what the document was generated.
    public var colophon: String

    /// The figures, in order, for writing them beside a Markdown file.
    public var figures: [Figure] {
        blocks.compactMap { block in
            if case .figure(let figure) = block { return figure }
            return nil
        }
    }
}

// MARK: HTML

extension ReviewDocument {
    /// The whole document as one HTML page, ready to print: with its styles inline (nothing to
    /// fetch: a file on disk), or linked to `stylesheet` (served, where the Content-Security-Policy
    /// forbids inline styles).
    public func html(stylesheet: String? = nil) -> String {
        let style = stylesheet.map { "<link rel=\"stylesheet\" href=\"\(escapeMarkup($0))\">" } ?? "<style>\n\(Self.style)</style>"
        var out = """
            <!DOCTYPE html>
            <html lang="\(language.tag)">
            <head>
            <meta charset="utf-8">
            <title>\(escapeMarkup(title))</title>
            \(style)
            </head>
            <body>
            <header>

            """
        for line in frontMatter { out += "<p class=\"front\">\(escapeMarkup(line))</p>\n" }
        out += "<h1>\(escapeMarkup(title))</h1>\n</header>\n<main>\n"
        for block in blocks {
            switch block {
            case .heading(let level, let text, let id):
                out += "<h\(level) id=\"\(escapeMarkup(id))\">\(escapeMarkup(text))</h\(level)>\n"
            case .paragraph(let text):
                out += "<p>\(escapeMarkup(text))</p>\n"
            case .note(let text):
                out += "<p class=\"note\">\(escapeMarkup(text))</p>\n"
            case .list(let items):
                out += "<ul>\n" + items.map { "<li>\(escapeMarkup($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let table):
                out += Self.html(table)
            case .figure(let figure):
                out += "<figure id=\"figure-\(figure.number)\">\n<figcaption>\(escapeMarkup(figure.title))</figcaption>\n"
                out += figure.svg
                out += "<details><summary>\(escapeMarkup(figure.data.caption))</summary>\n\(Self.html(figure.data))</details>\n</figure>\n"
            }
        }
        out += "</main>\n<footer><p>\(escapeMarkup(colophon))</p></footer>\n</body>\n</html>\n"
        return out
    }

    private static func html(_ table: Table) -> String {
        var out = "<table\(table.numeric ? " class=\"numeric\"" : "")>\n<caption>\(escapeMarkup(table.caption))</caption>\n<thead><tr>"
        out += table.header.map { "<th scope=\"col\">\(escapeMarkup($0))</th>" }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                out += index == 0 ? "<th scope=\"row\">\(escapeMarkup(cell))</th>" : "<td>\(escapeMarkup(cell))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The document's styles (`static/review.css`), put inline in a file written to disk.
    static let style: String = {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("static/review.css"),
              let css = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return css
    }()
}

// MARK: Markdown

extension ReviewDocument {
    /// The document as Markdown; figure `n` is the image at `figurePath(n)` (written by the caller from ``figures``).
    public func markdown(figurePath: (Int) -> String) -> String {
        var out = frontMatter.map { "\(Self.inline($0))  \n" }.joined() + "\n# \(Self.inline(title))\n\n"
        for block in blocks {
            switch block {
            case .heading(let level, let text, _):
                out += String(repeating: "#", count: level) + " \(Self.inline(text))\n\n"
            case .paragraph(let text):
                out += "\(Self.inline(text))\n\n"
            case .note(let text):
                out += "> \(Self.inline(text))\n\n"
            case .list(let items):
                out += items.map { "- \(Self.inline($0))\n" }.joined() + "\n"
            case .table(let table):
                out += Self.markdown(table)
            case .figure(let figure):
                out += "**\(Self.inline(figure.title))**\n\n![\(Self.inline(figure.title))](\(figurePath(figure.number)))\n\n"
                out += Self.markdown(figure.data)
            }
        }
        return out + "---\n\n\(Self.inline(colophon))\n"
    }

    private static func markdown(_ table: Table) -> String {
        func row(_ cells: [String]) -> String { "| " + cells.map(inline).joined(separator: " | ") + " |\n" }
        let rule = "|" + table.header.indices.map { $0 > 0 && table.numeric ? " ---: |" : " --- |" }.joined() + "\n"
        return "*\(inline(table.caption))*\n\n" + row(table.header) + rule + table.rows.map(row).joined() + "\n"
    }

    /// Text on one line with Markdown's own characters escaped, so that a narrative never becomes markup.
    private static func inline(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}
