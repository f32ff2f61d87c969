/// Renders a ``Document`` for a terminal: tables as aligned columns fitted to `width`
/// (``TextTable/plainText(width:)``), prose wrapped at it (``TextWrap``).
///
/// Blocks are set a blank line apart, except where a terminal keeps them together: under a
/// heading shown ``Block/HeadingStyle/above`` or ``Block/HeadingStyle/colon`` comes what it heads,
/// and under a paragraph the list it introduces. Short paragraphs (``Block/paragraphs(_:)``) take a
/// line each; a table's caption and notes sit right against it. Headings shown
/// ``Block/HeadingStyle/omitted`` are left out.
public struct PlainTextRenderer: DocumentRenderer {
    /// Terminal width tables and prose must fit; nil: no limit.
    public var width: Int?
    /// ANSI colour for the words a table asks to colour (``Block/Table/colours``).
    public var colour: Bool

    public init(width: Int? = nil, colour: Bool = false) {
        self.width = width
        self.colour = colour
    }

    public func render(_ document: Document) -> String {
        var text = ""
        var previous: Block?
        for block in Block.resolved(document.blocks, for: .text) {
            guard let body = render(block) else { continue }
            if let previous, !Self.keepsTogether(previous, block) { text += "\n" }
            text += body
            previous = block
        }
        return text
    }

    /// Whether `next` follows `block` with no blank line between.
    static func keepsTogether(_ block: Block, _ next: Block) -> Bool {
        switch (block, next) {
        case (.heading(_, _, .above, _), _), (.heading(_, _, .colon, _), _): true
        case (.paragraph, .list), (.paragraphs, .list): true
        default: false
        }
    }

    /// One block's lines, each ending in a newline; nil for a heading a terminal leaves out.
    func render(_ block: Block) -> String? {
        switch block {
        case .heading(_, let text, let style, let detail):
            let line = text + (detail.map { " (\($0))" } ?? "")
            switch style {
            case .omitted: return nil
            case .above, .separate: return wrap(line + "\n")
            case .colon: return wrap(line + ":\n")
            }
        case .paragraph(let text):
            return wrap(text + "\n")
        case .paragraphs(let texts):
            return wrap(texts.map { $0 + "\n" }.joined())
        case .list(let title, let items, let marker, _, let ordered):
            let prefix = switch marker { case .dash: "  - "; case .dot: "· "; case .indent: "  "; case .none: "" }
            let lines = items.enumerated().map { index, item in prefix + (ordered ? "\(index + 1). " : "") + item + "\n" }
            return wrap((title.map { $0 + ":\n" } ?? "") + lines.joined())
        case .table(let table):
            return (table.caption.map { wrap($0 + "\n") } ?? "") + coloured(table.table.plainText(width: table.wide ? nil : width), table.colours)
                + wrap(table.notes.map { $0 + "\n" }.joined())
        case .keyValues(let pairs):
            return wrap(pairs.map { "\($0.key): \($0.value)\n" }.joined())
        case .chart(let chart):
            return chart.table.plainText(width: width)
        case .group(_, let blocks), .only(_, let blocks):
            return render(Document(blocks))
        }
    }

    private func wrap(_ text: String) -> String { TextWrap.wrap(text, width: width) }

    /// `text` with the last of the `colours`' words on each line coloured (the first word found wins).
    private func coloured(_ text: String, _ colours: [Block.TerminalColour]) -> String {
        guard colour, !colours.isEmpty else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for colour in colours {
                if let range = line.range(of: "  \(colour.word)", options: .backwards) {
                    return line.replacingCharacters(in: range, with: "  \u{1B}[\(colour.code)m\(colour.word)\u{1B}[0m")
                }
            }
            return String(line)
        }.joined(separator: "\n")
    }
}
