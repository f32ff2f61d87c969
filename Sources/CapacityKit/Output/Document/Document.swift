/// A command's output described once, as a sequence of ``Block``s — headings,
/// paragraphs, lists, tables, charts — and turned into text by one
/// ``DocumentRenderer`` per format (``PlainTextRenderer`` for the terminal,
/// ``MarkdownRenderer``, ``HTMLRenderer``), as pandoc's AST or swift-markdown's
/// document model are. A writer builds its document and never formats; a new
/// format is one new renderer, with no change to any writer.
public struct Document: Sendable {
    public var blocks: [Block]

    public init(_ blocks: [Block] = []) {
        self.blocks = blocks
    }

    /// Adds `block` at the end.
    public mutating func append(_ block: Block) {
        blocks.append(block)
    }

    /// Adds `blocks` at the end.
    public mutating func append(contentsOf blocks: [Block]) {
        self.blocks += blocks
    }

    /// Adds a document's blocks at the end (a backtest inside a calibration).
    public static func += (lhs: inout Document, rhs: Document) {
        lhs.blocks += rhs.blocks
    }
}
