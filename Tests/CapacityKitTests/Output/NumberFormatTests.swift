import Testing
@testable import CapacityKit

@Suite struct NumberFormatTests {
    @Test("fixed decimals drop trailing zeros; significant digits round as printf does")
    func formats() {
        #expect(NumberFormat.decimal(1234.50, 2) == "1234.5")
        #expect(NumberFormat.decimal(12.0, 1) == "12")
        #expect(NumberFormat.decimal(-0.0001, 1) == "0")
        #expect(NumberFormat.short(43.2) == "43.2")
        #expect(NumberFormat.short(30) == "30")
        #expect(NumberFormat.short(0.30000001) == "0.3")
        #expect(NumberFormat.short(1e-9, digits: 2) == "1.0e-09")
        #expect(NumberFormat.significant(0.0052792131) == "0.005279")
        #expect(NumberFormat.percent(0.0052792131) == "0.5279%")
        #expect(NumberFormat.exact(4000) == "4000" && NumberFormat.exact(0.1) == "0.1")
    }
}

/// Tables fit a terminal by dropping or cutting columns, never by wrapping rows (issue #13).
@Suite struct TextTableWidthTests {
    let table = TextTable(columns: [.init("name", .left), .init("value"), .init("note", .left, droppable: true)],
                          rows: [["a long component name", "99.9%", "off the critical path"], ["db", "99%", ""]])

    @Test("without a width, or when it fits, the table is unchanged")
    func fits() {
        #expect(table.plainText(width: nil) == table.plainText)
        #expect(table.plainText(width: 200) == table.plainText)
    }

    @Test("too narrow: the droppable column goes first, then the widest left column is cut with …")
    func narrow() {
        #expect(table.plainText(width: 40) == """
            name                   value
            ─────────────────────  ─────
            a long component name  99.9%
            db                       99%

            """)
        let cut = table.plainText(width: 20)
        #expect(cut.split(separator: "\n").allSatisfy { $0.count <= 20 })
        #expect(cut.contains("a long compo…"))
    }
}

@Suite struct SpreadsheetNumberTests {
    @Test("CSV numbers: 15 significant digits drop float noise; whole numbers plain; tiny ones in exponent form")
    func spreadsheet() {
        #expect(NumberFormat.spreadsheet(1 - 0.001) == "0.999")           // 0.9990000000000001 in binary
        #expect(NumberFormat.spreadsheet(0.1 + 0.2) == "0.3")
        #expect(NumberFormat.spreadsheet(0.9130493987999998) == "0.9130493988")
        #expect(NumberFormat.spreadsheet(60) == "60")
        #expect(NumberFormat.spreadsheet(0.00001) == "1e-05")
        #expect(NumberFormat.spreadsheet(0.00527921312) == "0.00527921312")
    }
}
