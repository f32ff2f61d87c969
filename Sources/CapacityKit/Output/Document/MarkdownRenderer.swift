/// Renders a ``Document`` as GitHub-flavoured Markdown, for planning-review documents:
/// every heading at its level, blocks a blank line apart, tables as pipe tables
/// (``TextTable/markdown``: without the terminal's bar columns), a chart as its table;
/// what is only for a page (``Block/only(_:_:)``) is left out.
public struct MarkdownRenderer: DocumentRenderer {
    public init() {}

    public func render(_ document: Document) -> String {
        Block.resolved(document.blocks, for: .text).map(render).joined(separator: "\n")
    }

    /// One block's lines, each ending in a newline.
    func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text, _, _):
            return String(repeating: "#", count: level) + " " + text + "\n"
        case .paragraph(let text):
            return text + "\n"
        case .paragraphs(let texts):
            return texts.isEmpty ? "" : texts.joined(separator: "\n\n") + "\n"
        case .list(let title, let items, _, _, let ordered):
            return (title.map { "**\($0)**\n\n" } ?? "")
                + items.enumerated().map { index, item in (ordered ? "\(index + 1). " : "- ") + item + "\n" }.joined()
        case .table(let table):
            return (table.caption.map { $0 + "\n\n" } ?? "") + table.table.markdown + table.notes.map { "\n" + $0 + "\n" }.joined()
        case .keyValues(let pairs):
            return pairs.map { "- **\($0.key)**: \($0.value)\n" }.joined()
        case .chart(let chart):
            return chart.table.markdown
        case .group(_, let blocks), .only(_, let blocks):
            return render(Document(blocks))
        }
    }
}
