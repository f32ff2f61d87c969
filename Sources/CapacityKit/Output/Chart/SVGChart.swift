import Foundation

/// A small SVG chart drawn by hand: the project's own, because no Swift package
/// available here draws charts (the report must be one self-contained HTML file,
/// with no JavaScript and no network). Every chart of the report is built from
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
    public let height: Double
    public let title: String
    public let description: String
    public let x: LinearScale
    public let y: LinearScale
    private var body: [String] = []

    /// Margins for the axes and their labels, px (the left one wider for named rows).
    static let margin = (left: 64.0, right: 16.0, top: 12.0, bottom: 40.0)
    let margin: (left: Double, right: Double, top: Double, bottom: Double)

    /// A chart of `width × height` px over the data rectangle `xDomain × yDomain`; `leftMargin`
    /// widens the room for the y axis's labels (names of rows).
    public init(title: String, description: String, width: Double = 640, height: Double = 280,
                xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>, leftMargin: Double? = nil) {
        self.title = title
        self.description = description
        self.width = width
        self.height = height
        var m = Self.margin
        if let leftMargin { m.left = leftMargin }
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
    public mutating func axes(xTicks: [Double], xLabel: (Double) -> String, yTicks: [Double],
                              yLabel: (Double) -> String, yUnit: String) {
        let m = margin
        var parts = ["<g class=\"axes\" font-size=\"11\" fill=\"#333\">"]
        for tick in yTicks {
            let py = Self.number(y(tick))
            parts.append("<line x1=\"\(Self.number(m.left))\" x2=\"\(Self.number(width - m.right))\" y1=\"\(py)\" y2=\"\(py)\" stroke=\"#ddd\"/>")
            parts.append("<text x=\"\(Self.number(m.left - 6))\" y=\"\(py)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Self.escape(yLabel(tick)))</text>")
        }
        for tick in xTicks {
            let px = Self.number(x(tick))
            parts.append("<text x=\"\(px)\" y=\"\(Self.number(height - m.bottom + 16))\" text-anchor=\"middle\">\(Self.escape(xLabel(tick)))</text>")
        }
        parts.append("<line x1=\"\(Self.number(m.left))\" x2=\"\(Self.number(width - m.right))\" y1=\"\(Self.number(height - m.bottom))\" y2=\"\(Self.number(height - m.bottom))\" stroke=\"#333\"/>")
        parts.append("<text x=\"12\" y=\"\(Self.number(m.top + (height - m.top - m.bottom) / 2))\" transform=\"rotate(-90 12 \(Self.number(m.top + (height - m.top - m.bottom) / 2)))\" text-anchor=\"middle\">\(Self.escape(yUnit))</text>")
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

    /// A horizontal line across the chart at `value`, labelled at its right end.
    public mutating func rule(at value: Double, colour: Colour, dash: String?, label: String) {
        let m = margin, py = Self.number(y(value))
        body.append("<g class=\"rule\"><line x1=\"\(Self.number(m.left))\" x2=\"\(Self.number(width - m.right))\" y1=\"\(py)\" y2=\"\(py)\" "
            + "stroke=\"\(colour.rawValue)\" stroke-width=\"1.5\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
            + "<text x=\"\(Self.number(width - m.right - 4))\" y=\"\(Self.number(y(value) - 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"\(colour.rawValue)\">\(Self.escape(label))</text></g>")
    }

    /// A vertical line at `value` on the x axis, labelled at its top (`row` staggers labels downwards).
    public mutating func marker(at value: Double, colour: Colour, label: String, row: Int = 0) {
        let m = margin, px = Self.number(x(value))
        body.append("<g class=\"marker\"><line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(Self.number(m.top))\" y2=\"\(Self.number(height - m.bottom))\" "
            + "stroke=\"\(colour.rawValue)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>"
            + "<text x=\"\(Self.number(x(value) + 3))\" y=\"\(Self.number(m.top + 10 + 13 * Double(row)))\" font-size=\"11\" fill=\"\(colour.rawValue)\">\(Self.escape(label))</text></g>")
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

    /// The SVG element.
    public var svg: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
            + "width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
            + "<title id=\"\(id)-title\">\(Self.escape(title))</title>\n<desc id=\"\(id)-desc\">\(Self.escape(description))</desc>\n"
            + body.joined(separator: "\n") + "\n</svg>"
    }

    /// An id from the title, for the aria references.
    private var id: String {
        "chart-" + String(title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
    }
}
