/// One section of a ``Document``: what it is, never how a format draws it. Where a
/// terminal lays a section out more compactly than a page (a heading it leaves out,
/// the marker of a list), the block says so in terms a renderer for any format can
/// read (``HeadingStyle``, ``ListMarker``); formats that do not need it ignore it.
public enum Block: Sendable {
    /// A heading of `level` (1 a page's title, 2 a command's, 3 a section's). `terminal`: how a
    /// terminal shows it; `detail`: words a terminal adds in parentheses, where the heading is the
    /// table's only label.
    case heading(level: Int, text: String, terminal: HeadingStyle = .above, detail: String? = nil)
    /// One paragraph; its line breaks are kept (a headline and its notes).
    case paragraph(String)
    /// Short paragraphs read one after another (notes, a verdict and how it was reached): a
    /// terminal prints one a line, a page as separate paragraphs. None: an empty place, which
    /// still stands between its neighbours (a blank line more in text).
    case paragraphs([String])
    /// Items in order; `title` a caption over them; `ordered` numbers them; `terminal` and `page`:
    /// how a terminal marks them and how a page spaces them.
    case list(title: String? = nil, items: [String], terminal: ListMarker = .dash, page: ListLayout = .lines,
              ordered: Bool = false)
    /// A table, with a sentence above it (`caption`) and notes under it, which a terminal sets
    /// right against the table.
    case table(Table)
    /// Labelled values, one a line (a report's system, date and seed).
    case keyValues([KeyValue])
    /// A chart and the table of its figures: a page draws the chart over the table, text shows
    /// the table alone.
    case chart(Chart)
    /// Blocks that belong together: a page's header, a section, charts side by side. Text runs
    /// them on as if they stood alone.
    case group(Group, [Block])
    /// Blocks for one medium only: a page says around its charts what text says around their
    /// tables (a figure's caption, a table's lead-in sentence).
    case only(Medium, [Block])

    /// A table block.
    public static func table(_ table: TextTable, caption: String? = nil, notes: [String] = [],
                             colours: [TerminalColour] = [], wraps: Bool = false, wide: Bool = false) -> Block {
        .table(Table(table, caption: caption, notes: notes, colours: colours, wraps: wraps, wide: wide))
    }

    /// How a terminal shows a heading; other formats draw every heading as one.
    public enum HeadingStyle: Sendable {
        /// Left out: the terminal's headline already says it, or sections run together.
        case omitted
        /// A line right above what it heads.
        case above
        /// `Heading:` right above what it heads.
        case colon
        /// A line of its own, a blank line under it.
        case separate
    }

    /// How a terminal marks a list's items; Markdown and HTML draw bullets (numbers when ordered).
    public enum ListMarker: Sendable {
        /// `  - item`
        case dash
        /// `· item`
        case dot
        /// `  item`
        case indent
        /// `item`: lines under the sentence that introduces them.
        case none
    }

    /// How a page spaces a list's items (in its source and on screen).
    public enum ListLayout: Sendable {
        /// One item a line.
        case lines
        /// The items run on (short lists in running text).
        case inline
        /// One item a line, spaced out: the lines a reader reads first.
        case spaced
    }

    /// What a ``group(_:_:)`` is on a page.
    public enum Group: Sendable {
        /// The page's title and its facts.
        case header
        /// A section, with the anchor `id`.
        case section(id: String)
        /// Small charts side by side.
        case multiples
    }

    /// Where a block is shown: ``text`` (a terminal, Markdown: tables only) or ``page`` (HTML: charts drawn).
    public enum Medium: Sendable {
        case text, page
    }

    /// `blocks` as a renderer for `medium` walks them: each ``only(_:_:)`` for `medium` opened into its
    /// blocks, those for the other medium left out; each ``group(_:_:)`` opened too when `groups` is false.
    public static func resolved(_ blocks: [Block], for medium: Medium, keepingGroups groups: Bool = false) -> [Block] {
        blocks.flatMap { block -> [Block] in
            switch block {
            case .only(let only, let inner): only == medium ? resolved(inner, for: medium, keepingGroups: groups) : []
            case .group(let group, let inner):
                groups ? [.group(group, resolved(inner, for: medium, keepingGroups: true))]
                    : resolved(inner, for: medium, keepingGroups: false)
            default: [block]
            }
        }
    }

    /// A word of a table a terminal colours (a status), as an SGR code: `31` red.
    public struct TerminalColour: Sendable {
        public var word: String
        public var code: String

        public init(_ word: String, code: String) {
            self.word = word
            self.code = code
        }
    }

    /// A table with what is said over and under it.
    public struct Table: Sendable {
        public var table: TextTable
        public var caption: String?
        public var notes: [String]
        /// Words a terminal with colour colours, in the last place a line has them (first match wins).
        public var colours: [TerminalColour]
        /// Long cells wrap on a page instead of widening it (sentences).
        public var wraps: Bool
        /// Every column kept at any terminal width (``--wide`` for this table alone).
        public var wide: Bool

        public init(_ table: TextTable, caption: String? = nil, notes: [String] = [], colours: [TerminalColour] = [],
                    wraps: Bool = false, wide: Bool = false) {
            self.table = table
            self.caption = caption
            self.notes = notes
            self.colours = colours
            self.wraps = wraps
            self.wide = wide
        }
    }

    /// A label and its value.
    public struct KeyValue: Sendable {
        public var key: String
        public var value: String

        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// A chart (its SVG drawing) over the table of its figures; `caption`, a page's heading over both.
    public struct Chart: Sendable {
        public var chart: SVGChart
        public var table: TextTable
        public var caption: String?

        public init(_ chart: SVGChart, table: TextTable, caption: String? = nil) {
            self.chart = chart
            self.table = table
            self.caption = caption
        }
    }
}
