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
