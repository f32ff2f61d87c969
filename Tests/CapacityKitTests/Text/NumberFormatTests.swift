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

@Suite struct ProbabilityFormatTests {
    @Test("a Monte Carlo probability prints the digits its standard error justifies", arguments: [
        // 81,580 of 100,000: SE 0.12 % → one decimal.
        (81_580, 100_000, "81.6%"),
        // 3 of 100,000: SE 0.0017 % → three decimals, not "0.003000%"; marked ~, resting on
        // fewer than 10 paths (PathSupport).
        (3, 100_000, "~0.003%"),
        (30, 100_000, "0.030%"),
        // 5,000 of 10,000: SE 0.5 % → one decimal.
        (5_000, 10_000, "50.0%"),
        // 1 of 20: SE 4.9 % → whole percent, marked ~.
        (1, 20, "~5%"),
        // No hit: the rule-of-three 95 % bound 3/n (Hanley & Lippman-Hand 1983).
        (0, 100_000, "< 0.003%"),
        (0, 2000, "< 0.15%"),
        // Every path: the lower bound 1 − 3/n.
        (100_000, 100_000, "> 99.997%"),
    ])
    func digits(hits: Int, trials: Int, text: String) {
        #expect(NumberFormat.probability(Proportion(hits: hits, trials: trials)) == text)
    }

    @Test("below a risk level a probability never reads as the level: 997 of 100,000 is 0.997%, not 1.00%")
    func belowLevel() {
        let p = Proportion(hits: 997, trials: 100_000)   // 0.997 %, SE 0.0315 %: two decimals, "1.00%"
        #expect(NumberFormat.probability(p) == "1.00%")
        #expect(NumberFormat.probability(p, below: 0.01) == "0.997%")
        #expect(NumberFormat.probability(Proportion(hits: 1000, trials: 100_000), below: 0.01) == "1.00%")   // at the level
        #expect(NumberFormat.probability(Proportion(hits: 500, trials: 100_000), below: 0.01) == "0.50%")
    }

    @Test("utilisation above 100 % prints as a multiple of capacity, capped")
    func utilization() {
        #expect(ForecastWriter.utilization(0.834) == "83.4%")
        #expect(ForecastWriter.utilization(1) == "100%")
        #expect(ForecastWriter.utilization(2.5) == "2.5× capacity")
        #expect(ForecastWriter.utilization(646_184_960) == "> 1000× capacity")
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
    @Test("CSV numbers: the shortest decimal within 1e-12 relative drops float noise; whole numbers plain; tiny ones in exponent form")
    func spreadsheet() {
        #expect(NumberFormat.spreadsheet(1 - 0.001) == "0.999")           // 0.9990000000000001 in binary
        #expect(NumberFormat.spreadsheet(0.1 + 0.2) == "0.3")
        #expect(NumberFormat.spreadsheet(0.9130493987999998) == "0.9130493988")
        #expect(NumberFormat.spreadsheet(60) == "60")
        #expect(NumberFormat.spreadsheet(0.00001) == "1e-05")
        #expect(NumberFormat.spreadsheet(0.00527921312) == "0.00527921312")
    }

    /// The values issue 25 found in `sla` and `deploy` CSVs (each a computed complement or
    /// product a few ulps off its decimal), and the rule's edges, derived by hand:
    /// |x̂ − x| ≤ 10⁻¹²·|x| for the first 1…17 significant digits x̂ that meet it.
    @Test("issue 25's float noise prints as the decimal it is: 0.001, 3, 525.6, 0.0091266912, 0.0005")
    func issueValues() {
        #expect(NumberFormat.spreadsheet(0.00099999999999989) == "0.001")      // |Δ| = 1.1e-16 ≤ 1e-15
        #expect(NumberFormat.spreadsheet(3.00000000000005) == "3")             // |Δ| = 5e-14 ≤ 3e-12
        #expect(NumberFormat.spreadsheet(525.599999999942) == "525.6")         // |Δ| = 5.8e-11 ≤ 5.3e-10
        #expect(NumberFormat.spreadsheet(0.00912669119999998) == "0.0091266912")
        #expect(NumberFormat.spreadsheet(0.000499999999999945) == "0.0005")    // 5e-4 is still plain
        #expect(NumberFormat.spreadsheet(43.1999999999952) == "43.2")
        #expect(NumberFormat.spreadsheet(-129.599999999986) == "-129.6")
    }

    @Test("CSV numbers keep every digit that is more than 1e-12 relative: 1 + 2e-12 is not 1; 9.99…9 rounds up to 10")
    func spreadsheetEdges() {
        #expect(NumberFormat.spreadsheet(1 + 2e-12) == "1.000000000002")       // 1 is 2e-12 away: too far
        #expect(NumberFormat.spreadsheet(1 + 5e-13) == "1")                    // within 1e-12
        #expect(NumberFormat.spreadsheet(9.9999999999999) == "10")             // 1 digit: 1e+01, |Δ| = 1e-13
        #expect(NumberFormat.spreadsheet(123456789012.345) == "123456789012.3") // 13 digits: |Δ| = 0.045 ≤ 0.12
        #expect(NumberFormat.spreadsheet(12_345_678) == "12345678")
        #expect(NumberFormat.spreadsheet(0.0001) == "0.0001")                  // exponent −4: still plain
        #expect(NumberFormat.spreadsheet(1.2345e-7) == "1.2345e-07")
        #expect(NumberFormat.spreadsheet(1.5e15) == "1.5e+15")
        #expect(NumberFormat.spreadsheet(-0.0) == "0")
        #expect(NumberFormat.spreadsheet(.pi) == "3.14159265359")              // 12 digits: |Δ| = 2.1e-12 ≤ 3.1e-12
        for value in [0.1 + 0.2, 1 / 3.0, 2.0 / 7, 1e-300, 1.7976931348623157e308, 6.02214076e23] {
            let text = NumberFormat.spreadsheet(value)
            #expect(abs(Double(text)! - value) <= 1e-12 * abs(value), "\(value) → \(text)")
        }
    }
}
