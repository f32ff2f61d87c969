import Foundation
import Testing
@testable import CapacityKit

/// The renderers pinned to hand-written text on a small document, and a format the
/// project does not ship (AsciiDoc) added as one renderer and driven over every
/// writer's document: a new format needs no change to any writer.
@Suite struct DocumentRendererTests {
    static let services = TextTable(columns: [.init("service", .left), .init("MB"), .init("bar", .left, droppable: true, bar: true)],
                                    rows: [["api", "512", "██"], ["postgres", "1024", "████"]])
    static let chart = SVGChart(title: "t", description: "d", width: 400, height: 200, xDomain: 0...4, yDomain: 0...100)
    static let chartTable = TextTable(columns: [.init("month"), .init("MB")], rows: [["1", "2048"], ["2", "2304"]])

    /// A title the terminal leaves out, a headline, a section with a table and its note, a
    /// lead-in and its list, a chart, and notes.
    static let document = Document([
        .heading(level: 2, text: "Memory forecast: demo", terminal: .omitted),
        .paragraph("demo: 2 services, seed 7"),
        .heading(level: 3, text: "Services at month 3", terminal: .colon),
        .table(services, notes: ["Demand at the monthly peak."]),
        .paragraph("What to do:"),
        .list(items: ["grow the api limit", "watch postgres"], terminal: .dot),
        .chart(.init(chart, table: chartTable, caption: "Host memory")),
        .paragraphs(["Note one.", "Note two."]),
    ])

    @Test("plain text: omitted headings left out, sections and lead-ins kept against what they head, a chart as its table")
    func plainText() {
        #expect(PlainTextRenderer().render(Self.document) == """
            demo: 2 services, seed 7

            Services at month 3:
            service     MB  bar
            ────────  ────  ────
            api        512  ██
            postgres  1024  ████
            Demand at the monthly peak.

            What to do:
            · grow the api limit
            · watch postgres

            month    MB
            ─────  ────
                1  2048
                2  2304

            Note one.
            Note two.

            """)
    }

    /// At 24 characters: the heading and the prose wrap at spaces (the list's continuation past
    /// its marker), the table drops its droppable column and is never wrapped.
    @Test("plain text at a width: prose wrapped, tables fitted")
    func plainTextWidth() {
        let pools = TextTable(columns: [.init("pool", .left), .init("connections"), .init("P(sat)", droppable: true)],
                              rows: [["postgres", "48", "0.1%"]])
        let document = Document([
            .heading(level: 3, text: "Pools at month 12 (2027-11)", terminal: .colon), .table(pools),
            .paragraph("The pool saturates in month 7 at the P90 load."),
            .list(items: ["raise max_connections to 120 before March"], terminal: .dot),
        ])
        #expect(PlainTextRenderer(width: 24).render(document) == """
            Pools at month 12
            (2027-11):
            pool      connections
            ────────  ───────────
            postgres           48

            The pool saturates in
            month 7 at the P90 load.
            · raise max_connections
              to 120 before March

            """)
        #expect(PlainTextRenderer().render(document).contains("The pool saturates in month 7 at the P90 load.\n"))
    }

    @Test("plain text: a table's words coloured only with colour on")
    func colours() {
        let table = TextTable(columns: [.init("month"), .init("status", .left)], rows: [["1", "SAFE"], ["2", "CRITICAL api"]])
        let document = Document([.table(table, colours: [.init("CRITICAL", code: "31"), .init("SAFE", code: "32")])])
        #expect(PlainTextRenderer(colour: true).render(document) == """
            month  status
            ─────  ────────────
                1  \u{1B}[32mSAFE\u{1B}[0m
                2  \u{1B}[31mCRITICAL\u{1B}[0m api

            """)
        #expect(PlainTextRenderer().render(document) == table.plainText)
    }

    @Test("Markdown: every heading at its level, blocks a blank line apart, no bar column, a chart as its table")
    func markdown() {
        #expect(MarkdownRenderer().render(Self.document) == """
            ## Memory forecast: demo

            demo: 2 services, seed 7

            ### Services at month 3

            | service | MB |
            |:---|---:|
            | api | 512 |
            | postgres | 1024 |

            Demand at the monthly peak.

            What to do:

            - grow the api limit
            - watch postgres

            | month | MB |
            |---:|---:|
            | 1 | 2048 |
            | 2 | 2304 |

            Note one.

            Note two.

            """)
    }

    @Test("HTML: elements escaped, a chart a figure with its table as the caption, groups and media")
    func html() {
        let renderer = HTMLRenderer(title: "demo <1>", style: "p{margin:0}")
        let svg = Self.chart.svg
        let body = "<h2>Memory forecast: demo</h2>\n<p>demo: 2 services, seed 7</p>\n<h3>Services at month 3</h3>\n"
            + "<table><thead><tr><th class=\"l\">service</th><th>MB</th></tr></thead><tbody><tr><td class=\"l\">api</td>"
            + "<td>512</td></tr><tr><td class=\"l\">postgres</td><td>1024</td></tr></tbody></table>\n"
            + "<p>Demand at the monthly peak.</p>\n<p>What to do:</p>\n<ul>\n<li>grow the api limit</li>\n<li>watch postgres</li>\n</ul>\n"
            + "<figure>\n<h4>Host memory</h4>\n<div class=\"chart\">\(svg)</div>\n<figcaption><table><thead><tr><th>month</th>"
            + "<th>MB</th></tr></thead><tbody><tr><td>1</td><td>2048</td></tr><tr><td>2</td><td>2304</td></tr></tbody></table>\n"
            + "</figcaption></figure>\n<p>Note one.</p>\n<p>Note two.</p>\n"
        #expect(renderer.render(Self.document) == "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>demo &lt;1&gt;</title>\n"
            + "<style>\np{margin:0}\n</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n")
        let grouped: [Block] = [
            .group(.section(id: "s"), [.only(.text, [.paragraph("text only")]), .only(.page, [.paragraph("a & b")]),
                                       .list(items: ["x", "y"], page: .inline), .keyValues([.init("Seed", "7")])]),
        ]
        #expect(renderer.body(grouped) == "<section id=\"s\">\n<p>a &amp; b</p>\n<ul><li>x</li><li>y</li></ul>\n"
            + "<dl class=\"meta\"><dt>Seed</dt><dd>7</dd></dl>\n</section>\n")
        #expect(MarkdownRenderer().render(Document(grouped)) == "text only\n\n- x\n- y\n\n- **Seed**: 7\n")
    }

    // MARK: - A new format is one renderer

    /// Every writer's document: the commands' (one review's results, and the quick forms,
    /// a calibration with its backtest) and the report's.
    static func documents() throws -> [(name: String, document: Document)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        // The shipped model: the default with its scenarios.
        let today = CalendarDay(year: 2026, month: 11, day: 27)
        let validated = try ModelLoader.validate(path: root.appendingPathComponent("models/4gb-stack.yaml").path,
                                                 today: today.yearMonth)
        let model = validated.model
        let review = try QuarterlyReview.run(validated, options: QuarterlyReview.Options(
            months: 6, paths: 1000, seed: 7, threads: 2, today: today))
        let path = root.appendingPathComponent("notebooks-data/4gb-stack-history.csv").path
        let history = try MonthlyHistory.read(csv: try DataFileError.readText(path), file: path, model: model)
        let calibration = try Calibration.run(validated, history: history, loadTest: nil)
        let backtest = try Backtest.holdOut(validated, history: history, loadTest: nil, months: 3, options: ForecastOptions(paths: 200))
        let pools = PoolAnalysis(pool: model.pools[0], among: model.pools, nodes: 1, rps: 150, perConnectionMB: nil,
                                 waitMS: 100, target: 0.01)
        var writers: [(String, any ResultWriter)] = [
            ("forecast", ForecastWriter(review.forecast)), ("timeline", TimelineWriter(review.timeline)),
            ("sensitivity", SensitivityWriter(review.sensitivity)),
            ("deploy", DeploymentWriter(try #require(review.deployment), modelName: model.name)),
            ("sla", SLAWriter(modelName: model.name, analysis: try #require(review.availability),
                              simulation: try #require(review.outages))),
            ("pools", PoolForecastWriter(try #require(review.pools))),
            ("pools quick form", PoolsWriter(pools, modelName: PoolsWriter.quickForm)),
            ("workers quick form", WorkersWriter(WorkerAnalysis(worker: model.workers[0], rps: 100, sizeForRPS: 100, cores: 2),
                                                 modelName: PoolsWriter.quickForm)),
            ("calibrate", CalibrationWriter(calibration, writtenTo: "out.yaml", backtest: backtest)),
            ("backtest", BacktestWriter(backtest)),
        ]
        writers += review.scenarios.map { ("scenarios \($0.command)", ScenarioComparisonWriter($0)) }
        return writers.map { ($0.0, $0.1.document) } + [("report", ReportWriter(review).document)]
    }

    @Test("AsciiDoc, a format added as one renderer, renders every writer's document: every heading, sentence and table")
    func newFormat() throws {
        let documents = try Self.documents()
        #expect(documents.count >= 14)
        for (name, document) in documents {
            let text = AsciiDocRenderer().render(document)
            let blocks = Block.resolved(document.blocks, for: .text)
            var tables = 0
            for block in blocks {
                switch block {
                case .heading(let level, let text2, _, _):
                    #expect(text.contains(String(repeating: "=", count: level) + " " + text2 + "\n"), "\(name): \(text2)")
                case .paragraph(let paragraph): #expect(text.contains(paragraph), "\(name): \(paragraph)")
                case .paragraphs(let paragraphs): for p in paragraphs { #expect(text.contains(p), "\(name): \(p)") }
                case .list(_, let items, _, _, _): for item in items { #expect(text.contains(item), "\(name): \(item)") }
                case .table, .chart: tables += 1
                default: break
                }
            }
            #expect(tables > 0 && text.components(separatedBy: "|===\n").count - 1 == 2 * tables, "\(name)")
        }
    }
}

/// AsciiDoc, written as a new format would be: one ``DocumentRenderer``, with no writer changed.
struct AsciiDocRenderer: DocumentRenderer {
    func render(_ document: Document) -> String {
        Block.resolved(document.blocks, for: .text).map(render).joined(separator: "\n")
    }

    func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text, _, _): String(repeating: "=", count: level) + " " + text + "\n"
        case .paragraph(let text): text + "\n"
        case .paragraphs(let texts): texts.map { $0 + "\n" }.joined(separator: "\n")
        case .list(let title, let items, _, _, let ordered):
            (title.map { ".\($0)\n" } ?? "") + items.map { (ordered ? ". " : "* ") + $0 + "\n" }.joined()
        case .table(let table): asciiDoc(table.table, title: table.caption) + table.notes.map { "\n" + $0 + "\n" }.joined()
        case .keyValues(let pairs): pairs.map { "\($0.key):: \($0.value)\n" }.joined()
        case .chart(let chart): asciiDoc(chart.table, title: chart.caption)
        case .group(_, let blocks), .only(_, let blocks): render(Document(blocks))
        }
    }

    func asciiDoc(_ table: TextTable, title: String?) -> String {
        let table = table.withoutBarsOrGroups
        return (title.map { ".\($0)\n" } ?? "") + "|===\n" + table.columns.map { "|" + $0.title }.joined(separator: " ") + "\n\n"
            + table.rows.map { $0.map { "|" + $0 }.joined(separator: " ") + "\n" }.joined() + "|===\n"
    }
}
