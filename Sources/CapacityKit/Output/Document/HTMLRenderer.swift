/// Renders a ``Document`` as one self-contained HTML page (inline CSS and SVG, no
/// JavaScript): headings, paragraphs and lists as their elements, tables with
/// left-aligned cells marked `l`, a chart as a `<figure>` — its SVG over its table,
/// the table in the `<figcaption>` as the chart's accessible fallback — and
/// groups as `<header>`, `<section id>` or `<div class="multiples">`. What is only
/// for text (``Block/only(_:_:)``) is left out; text is escaped (``SVGChart/escape(_:)``).
public struct HTMLRenderer: DocumentRenderer {
    /// The page's `<title>`.
    public var title: String
    /// The page's stylesheet (the classes above: `l`, `meta`, `summary`, `wrap`, `chart`, `multiples`).
    public var style: String

    public init(title: String, style: String) {
        self.title = title
        self.style = style
    }

    public func render(_ document: Document) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            + "<title>\(e(title))</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
            + body(document.blocks) + "</body>\n</html>\n"
    }

    /// The page's body: each block's elements, one after another.
    func body(_ blocks: [Block]) -> String {
        Block.resolved(blocks, for: .page, keepingGroups: true).map(render).joined()
    }

    /// One block's elements, ending in a newline.
    func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text, _, _):
            return "<h\(level)>\(e(text))</h\(level)>\n"
        case .paragraph(let text):
            return "<p>\(e(text))</p>\n"
        case .paragraphs(let texts):
            return texts.map { "<p>\(e($0))</p>\n" }.joined()
        case .list(let title, let items, _, let layout, let ordered):
            let tag = ordered ? "ol" : "ul"
            let head = (title.map { "<p><strong>\(e($0))</strong></p>\n" } ?? "")
            switch layout {
            case .inline: return head + "<\(tag)>" + items.map { "<li>\(e($0))</li>" }.joined() + "</\(tag)>\n"
            case .lines, .spaced:
                return head + "<\(tag)\(layout == .spaced ? " class=\"summary\"" : "")>\n"
                    + items.map { "<li>\(e($0))</li>\n" }.joined() + "</\(tag)>\n"
            }
        case .table(let table):
            return html(table.table, caption: table.caption, wraps: table.wraps) + table.notes.map { "<p>\(e($0))</p>\n" }.joined()
        case .keyValues(let pairs):
            return "<dl class=\"meta\">" + pairs.map { "<dt>\(e($0.key))</dt><dd>\(e($0.value))</dd>" }.joined() + "</dl>\n"
        case .chart(let chart):
            return "<figure>\n" + (chart.caption.map { "<h4>\(e($0))</h4>\n" } ?? "") + "<div class=\"chart\">" + chart.chart.svg
                + "</div>\n<figcaption>\(html(chart.table))</figcaption></figure>\n"
        case .group(let group, let blocks):
            let (open, close) = switch group {
            case .header: ("<header>", "</header>")
            case .section(let id): ("<section id=\"\(e(id))\">", "</section>")
            case .multiples: ("<div class=\"multiples\">", "</div>")
            }
            return open + "\n" + body(blocks) + close + "\n"
        case .only(_, let blocks):
            return body(blocks)
        }
    }

    /// A table (without the terminal's bar columns and group line: ``TextTable/withoutBarsOrGroups``);
    /// `wraps`: long cells wrap instead of widening the page.
    func html(_ table: TextTable, caption: String? = nil, wraps: Bool = false) -> String {
        let table = table.withoutBarsOrGroups
        func cell(_ tag: String, _ column: TextTable.Column, _ text: String) -> String {
            "<\(tag)\(column.alignment == .left ? " class=\"l\"" : "")>\(e(text))</\(tag)>"
        }
        return (wraps ? "<table class=\"wrap\">" : "<table>") + (caption.map { "<caption>\(e($0))</caption>" } ?? "")
            + "<thead><tr>" + table.columns.map { cell("th", $0, $0.title) }.joined() + "</tr></thead><tbody>"
            + table.rows.map { row in "<tr>" + zip(table.columns, row).map { cell("td", $0, $1) }.joined() + "</tr>" }.joined()
            + "</tbody></table>\n"
    }

    private func e(_ text: String) -> String { SVGChart.escape(text) }
}
