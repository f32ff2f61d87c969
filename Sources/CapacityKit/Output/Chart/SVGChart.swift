import Foundation

/// A small SVG chart drawn by hand: the project's own, because no Swift package
/// available here draws charts (the report must be one self-contained HTML file,
/// with no JavaScript and no network), and one that places its own labels so that
/// none overlaps another (``placedLabels``) is less code than bending a general one. Every chart of the report is built from
/// these pieces: axes with readable ticks and units, bands, lines, horizontal
/// rules, vertical markers and bars, with a `<title>` and `<desc>` for screen
/// readers. Colours come from the Okabe–Ito palette (distinguishable with colour
/// blindness) and every series also differs by dash or opacity, so it survives
/// greyscale print.
public struct SVGChart: Sendable {
    /// Okabe & Ito (2008), "Color Universal Design": colour-blind-safe colours.
    public enum Colour: String, Sendable {
        case blue = "#0072B2", orange = "#E69F00", sky = "#56B4E9", green = "#009E73"
        case vermillion = "#D55E00", purple = "#CC79A7", yellow = "#F0E442", black = "#000000", grey = "#777777"
    }

    public let width: Double
    public private(set) var height: Double
    public let title: String
    public let description: String
    public let x: LinearScale
    public let y: LinearScale
    private var body: [String] = []
    /// Labels of rules and markers, placed when the SVG is drawn (``placedLabels``) so none overlaps another.
    private var labels: [Label] = []
    /// Legend entries, drawn in a row under the x axis.
    private var legendEntries: [LegendEntry] = []

    /// A text label: where it wants to be and how it may move.
    struct Label: Sendable {
        enum Movement: Sendable { case vertical, down }
        var text: String
        var x: Double
        var y: Double
        var anchorEnd: Bool
        var colour: Colour
        var movement: Movement
    }

    /// One entry of the legend: a filled swatch (a band or bar) or a line with its dash.
    public struct LegendEntry: Sendable {
        public var label: String
        public var colour: Colour
        public var opacity: Double
        public var dash: String?
        public var isLine: Bool

        public static func band(_ label: String, _ colour: Colour, opacity: Double = 1) -> LegendEntry {
            LegendEntry(label: label, colour: colour, opacity: opacity, dash: nil, isLine: false)
        }

        public static func line(_ label: String, _ colour: Colour, dash: String? = nil) -> LegendEntry {
            LegendEntry(label: label, colour: colour, opacity: 1, dash: dash, isLine: true)
        }
    }

    /// A label's box, px (top-left corner, size).
    public struct Box: Sendable, Equatable {
        public var x: Double, y: Double, width: Double, height: Double

        public func intersects(_ other: Box) -> Bool {
            x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
        }
    }

    /// Font size of labels, px, and the width of a character at that size (an upper estimate for
    /// system-ui digits and lower-case letters), px.
    static let fontSize = 11.0
    static let characterWidth = 6.6

    /// Margins for the axes and their labels, px (the left one wider for named rows).
    static let margin = (left: 64.0, right: 16.0, top: 12.0, bottom: 40.0)
    private(set) var margin: (left: Double, right: Double, top: Double, bottom: Double)

    /// A chart of `width × height` px over the data rectangle `xDomain × yDomain`; `leftMargin`
    /// widens the room for the y axis's labels (names of rows).
    public init(title: String, description: String, width: Double = 640, height: Double = 280,
                xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>, leftMargin: Double? = nil, legend: Bool = false) {
        self.title = title
        self.description = description
        self.width = width
        self.height = height
        var m = Self.margin
        if let leftMargin { m.left = leftMargin }
        // Room under the x axis for the ticks, the axis's unit and, with a legend, its row(s).
        if legend { m.bottom += 16 }
        margin = m
        x = LinearScale(domain: xDomain, range: (m.left, width - m.right))
        y = LinearScale(domain: yDomain, range: (height - m.bottom, m.top))
    }

    /// Text safe inside XML.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A coordinate with two decimals (enough for a screen, short to read back).
    static func number(_ value: Double) -> String {
        let clamped = value.isFinite ? min(max(value, -1e6), 1e6) : 0
        return NumberFormat.decimal(clamped, 2)
    }

    /// Axes: y ticks with `yLabel(value)` and grid lines, x ticks at `xTicks` labelled by `xLabel`.
    /// `staggered`: every other x label one line lower, so long names (stages) do not run together.
    public mutating func axes(xTicks: [Double], xLabel: (Double) -> String, yTicks: [Double],
                              yLabel: (Double) -> String, yUnit: String, xUnit: String = "", staggered: Bool = false) {
        let m = margin
        var parts = ["<g class=\"axes\" font-size=\"11\" fill=\"#333\">"]
        for tick in yTicks {
            let py = Self.number(y(tick))
            parts.append("<line x1=\"\(Self.number(m.left))\" x2=\"\(Self.number(width - m.right))\" y1=\"\(py)\" y2=\"\(py)\" stroke=\"#ddd\"/>")
            parts.append("<text x=\"\(Self.number(m.left - 6))\" y=\"\(py)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Self.escape(yLabel(tick)))</text>")
        }
        for (index, tick) in xTicks.enumerated() {
            let px = Self.number(x(tick)), drop = staggered && index % 2 == 1 ? 13.0 : 0
            parts.append("<text x=\"\(px)\" y=\"\(Self.number(height - m.bottom + 16 + drop))\" text-anchor=\"middle\">\(Self.escape(xLabel(tick)))</text>")
        }
        parts.append("<line x1=\"\(Self.number(m.left))\" x2=\"\(Self.number(width - m.right))\" y1=\"\(Self.number(height - m.bottom))\" y2=\"\(Self.number(height - m.bottom))\" stroke=\"#333\"/>")
        parts.append("<text x=\"12\" y=\"\(Self.number(m.top + (height - m.top - m.bottom) / 2))\" transform=\"rotate(-90 12 \(Self.number(m.top + (height - m.top - m.bottom) / 2)))\" text-anchor=\"middle\">\(Self.escape(yUnit))</text>")
        if !xUnit.isEmpty {
            parts.append("<text class=\"x-unit\" x=\"\(Self.number(width - m.right))\" y=\"\(Self.number(height - m.bottom + (staggered ? 42 : 31)))\" text-anchor=\"end\">\(Self.escape(xUnit))</text>")
        }
        parts.append("</g>")
        body.append(parts.joined(separator: "\n"))
    }

    /// The area between `lower` and `upper` at the x positions `xs`.
    public mutating func band(xs: [Double], lower: [Double], upper: [Double], colour: Colour, opacity: Double,
                              label: String) {
        guard !xs.isEmpty, xs.count == lower.count, xs.count == upper.count else { return }
        let top = zip(xs, upper).map { "\(Self.number(x($0))),\(Self.number(y($1)))" }
        let bottom = zip(xs, lower).reversed().map { "\(Self.number(x($0))),\(Self.number(y($1)))" }
        body.append("<path class=\"band\" d=\"M\(top.joined(separator: " L"))" + " L\(bottom.joined(separator: " L")) Z\" "
            + "fill=\"\(colour.rawValue)\" fill-opacity=\"\(NumberFormat.decimal(opacity, 2))\" stroke=\"none\"><title>\(Self.escape(label))</title></path>")
    }

    /// A polyline through (`xs`, `values`).
    public mutating func line(xs: [Double], values: [Double], colour: Colour, dash: String? = nil, width: Double = 2,
                              label: String) {
        guard !xs.isEmpty, xs.count == values.count else { return }
        let points = zip(xs, values).map { "\(Self.number(x($0))),\(Self.number(y($1)))" }.joined(separator: " ")
        body.append("<polyline class=\"line\" points=\"\(points)\" fill=\"none\" stroke=\"\(colour.rawValue)\" stroke-width=\"\(NumberFormat.decimal(width, 1))\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "><title>\(Self.escape(label))</title></polyline>")
    }

    /// A step line: `values[i]` held from `xs[i] − ½` to `xs[i] + ½` (a month's capacity in force),
    /// with vertical risers where it changes.
    public mutating func steps(xs: [Double], values: [Double], colour: Colour, dash: String? = nil, width: Double = 2,
                               label: String) {
        guard !xs.isEmpty, xs.count == values.count else { return }
        var points: [String] = []
        for (center, value) in zip(xs, values) {
            points.append("\(Self.number(x(center - 0.5))),\(Self.number(y(value)))")
            points.append("\(Self.number(x(center + 0.5))),\(Self.number(y(value)))")
        }
        body.append("<polyline class=\"steps\" points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour.rawValue)\" "
            + "stroke-width=\"\(NumberFormat.decimal(width, 1))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
            + "><title>\(Self.escape(label))</title></polyline>")
    }

    /// A horizontal line across the chart at `value`, labelled at its right end.
    public mutating func rule(at value: Double, colour: Colour, dash: String?, label: String) {
        let m = margin, py = Self.number(y(value))
        body.append("<g class=\"rule\"><line x1=\"\(Self.number(m.left))\" x2=\"\(Self.number(width - m.right))\" y1=\"\(py)\" y2=\"\(py)\" "
            + "stroke=\"\(colour.rawValue)\" stroke-width=\"1.5\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/></g>")
        labels.append(Label(text: label, x: width - m.right - 4, y: y(value) - 4, anchorEnd: true, colour: colour, movement: .vertical))
    }

    /// A vertical line at `value` on the x axis, labelled at its top (`row` staggers labels downwards).
    public mutating func marker(at value: Double, colour: Colour, label: String, row: Int = 0) {
        let m = margin, px = Self.number(x(value))
        body.append("<g class=\"marker\"><line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(Self.number(m.top))\" y2=\"\(Self.number(height - m.bottom))\" "
            + "stroke=\"\(colour.rawValue)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/></g>")
        labels.append(Label(text: label, x: x(value) + 3, y: m.top + 10 + 13 * Double(row), anchorEnd: false, colour: colour,
                            movement: .down))
    }

    /// A note at the top of the plot at `value` on the x axis (what lies beyond the chart's range), placed like a label.
    public mutating func note(_ text: String, at value: Double, colour: Colour) {
        labels.append(Label(text: text, x: x(value), y: margin.top + 10, anchorEnd: false, colour: colour, movement: .down))
    }

    /// Vertical bars from 0 to `values` centred at `xs`, `barWidth` in data units.
    public mutating func bars(xs: [Double], values: [Double], barWidth: Double, colour: Colour, labels: [String]) {
        for (index, (center, value)) in zip(xs, values).enumerated() {
            let left = x(center - barWidth / 2), right = x(center + barWidth / 2)
            let top = y(max(value, y.domain.lowerBound)), base = y(max(0, y.domain.lowerBound))
            body.append("<rect class=\"bar\" x=\"\(Self.number(left))\" y=\"\(Self.number(min(top, base)))\" width=\"\(Self.number(right - left))\" "
                + "height=\"\(Self.number(abs(base - top)))\" fill=\"\(colour.rawValue)\"><title>\(Self.escape(index < labels.count ? labels[index] : ""))</title></rect>")
        }
    }

    /// Horizontal bars at the rows `ys` (data units), each from `from` to `to` on the x axis,
    /// `barHeight` in data units: a tornado's halves.
    public mutating func spans(ys: [Double], from: [Double], to: [Double], barHeight: Double, colour: Colour,
                               labels: [String]) {
        for (index, row) in ys.enumerated() where index < from.count && index < to.count {
            let left = x(min(from[index], to[index])), right = x(max(from[index], to[index]))
            let top = y(row + barHeight / 2), bottom = y(row - barHeight / 2)
            body.append("<rect class=\"span\" x=\"\(Self.number(left))\" y=\"\(Self.number(min(top, bottom)))\" "
                + "width=\"\(Self.number(max(right - left, 0.5)))\" height=\"\(Self.number(abs(bottom - top)))\" "
                + "fill=\"\(colour.rawValue)\"><title>\(Self.escape(index < labels.count ? labels[index] : ""))</title></rect>")
        }
    }

    /// A legend of the chart's series (give `legend: true` to the initialiser for its first row); entries wrap
    /// into more rows as the width needs, and the chart grows by them (the plot keeps its size).
    public mutating func legend(_ entries: [LegendEntry]) {
        legendEntries = entries
        let extra = legendRows - 1
        if extra > 0 {
            height += 16 * Double(extra)
            margin.bottom += 16 * Double(extra)
        }
    }

    /// Rows the legend's entries take in the chart's width.
    private var legendRows: Int { legendLayout.rows }

    /// Each entry's row and x position, wrapping when the next would pass the right margin.
    private var legendLayout: (rows: Int, positions: [(row: Int, x: Double)]) {
        var positions: [(row: Int, x: Double)] = [], px = margin.left, row = 0
        for entry in legendEntries {
            let itemWidth = 22 + Self.textWidth(entry.label) + 12
            if px + itemWidth - 12 > width - margin.right, px > margin.left {
                row += 1
                px = margin.left
            }
            positions.append((row, px))
            px += itemWidth
        }
        return (legendEntries.isEmpty ? 0 : row + 1, positions)
    }

    /// Width of `text` at the label size, px (an upper estimate).
    static func textWidth(_ text: String) -> Double { Double(text.count) * characterWidth }

    /// The legend's entries with their swatch position and their text's box, left to right, wrapping.
    private var placedLegend: [(entry: LegendEntry, x: Double, y: Double, box: Box)] {
        let layout = legendLayout
        return zip(legendEntries, layout.positions).map { entry, position in
            let baseline = height - 6 - 16 * Double(layout.rows - 1 - position.row)
            return (entry, position.x, baseline, Box(x: position.x + 22, y: baseline - Self.fontSize,
                                                     width: Self.textWidth(entry.label), height: Self.fontSize + 3))
        }
    }

    /// Every label placed so that none overlaps another or the legend: each from where it wants to be,
    /// moved up or down (a rule's label) or down (a marker's) by a line at a time until it is clear.
    public var placedLabels: [(text: String, box: Box)] {
        let top = margin.top, bottom = height - margin.bottom
        var taken = placedLegend.map(\.box)
        var placed: [(text: String, box: Box)] = []
        let step = Self.fontSize + 3
        for label in labels {
            let w = Self.textWidth(label.text), h = Self.fontSize + 3
            let left = label.anchorEnd ? label.x - w : min(label.x, width - margin.right - w)
            func box(_ baseline: Double) -> Box { Box(x: left, y: baseline - Self.fontSize, width: w, height: h) }
            let offsets: [Double] = switch label.movement {
            case .vertical: [0] + (1...12).flatMap { [-Double($0) * step, Double($0) * step] }
            case .down: (0...24).map { Double($0) * step }
            }
            let candidates = offsets.map { label.y + $0 }.filter { $0 - Self.fontSize >= top - 2 && $0 <= bottom }
            let baseline = candidates.first { b in !taken.contains { box(b).intersects($0) } } ?? candidates.last ?? label.y
            taken.append(box(baseline))
            placed.append((label.text, box(baseline)))
        }
        return placed
    }

    /// Every box of text the placer controls: the labels and the legend's entries.
    public var textBoxes: [Box] { placedLabels.map(\.box) + placedLegend.map(\.box) }

    /// The SVG element.
    public var svg: String {
        var texts: [String] = []
        for (label, (_, box)) in zip(labels, placedLabels) {
            texts.append("<text class=\"label\" x=\"\(Self.number(box.x))\" y=\"\(Self.number(box.y + Self.fontSize))\" "
                + "font-size=\"11\" fill=\"\(label.colour.rawValue)\">\(Self.escape(label.text))</text>")
        }
        for (entry, px, baseline, _) in placedLegend {
            let swatch = entry.isLine
                ? "<line x1=\"\(Self.number(px))\" x2=\"\(Self.number(px + 18))\" y1=\"\(Self.number(baseline - 4))\" y2=\"\(Self.number(baseline - 4))\" "
                    + "stroke=\"\(entry.colour.rawValue)\" stroke-width=\"2\"" + (entry.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
                : "<rect x=\"\(Self.number(px))\" y=\"\(Self.number(baseline - 10))\" width=\"18\" height=\"10\" fill=\"\(entry.colour.rawValue)\" "
                    + "fill-opacity=\"\(NumberFormat.decimal(entry.opacity, 2))\"/>"
            texts.append("<g class=\"legend\">" + swatch + "<text x=\"\(Self.number(px + 22))\" y=\"\(Self.number(baseline))\" font-size=\"11\" "
                + "fill=\"#333\">\(Self.escape(entry.label))</text></g>")
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
            + "width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
            + "<title id=\"\(id)-title\">\(Self.escape(title))</title>\n<desc id=\"\(id)-desc\">\(Self.escape(description))</desc>\n"
            + (body + texts).joined(separator: "\n") + "\n</svg>"
    }

    /// An id from the title, for the aria references.
    private var id: String {
        "chart-" + String(title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
    }
}
