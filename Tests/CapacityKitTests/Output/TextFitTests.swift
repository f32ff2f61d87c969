import Testing
@testable import CapacityKit

/// Tables and prose fitted to a terminal's width.
@Suite struct TextFitTests {
    static func widest(_ text: String) -> Int { text.split(separator: "\n").map(\.count).max() ?? 0 }

    /// Ten right-aligned columns of 12 characters (128 wide) at 60: no column can be dropped or
    /// cut, so the table goes on in a second and third table, each led by the first column; every
    /// cell is still there.
    @Test func splitIntoParts() {
        let columns = [TextTable.Column("name", .left)] + (1...9).map { TextTable.Column("figure \($0)    ") }
        let rows = [["alpha"] + (1...9).map { "\($0 * 111)" }, ["beta"] + (1...9).map { "\($0 * 222)" }]
        let table = TextTable(columns: columns, rows: rows)
        let text = table.plainText(width: 60)
        #expect(Self.widest(text) <= 60)
        #expect(text.components(separatedBy: "name").count - 1 == 3)
        for cell in rows.flatMap({ $0 }) { #expect(text.contains(cell)) }
        #expect(text.components(separatedBy: "alpha").count - 1 == 3)
        // Wide enough: unchanged.
        #expect(table.plainText(width: 200) == table.plainText)
    }

    /// A two-column table too wide has its long left-aligned column cut, ending in "…".
    @Test func cutBeforeSplit() {
        let table = TextTable(columns: [.init("change", .left), .init("cost")],
                              rows: [["pool postgres size 16 → 40 (proposed)", "$10"]])
        let text = table.plainText(width: 30)
        #expect(Self.widest(text) <= 30)
        #expect(text.contains("…"))
    }

    /// Prose wraps at spaces, continuation lines indented like the line and past its bullet;
    /// lines that fit are left alone; a word longer than the width is broken.
    @Test func wrap() {
        let text = "  · one two three four five six seven eight nine ten\nshort\n" + String(repeating: "x", count: 45)
        let wrapped = TextWrap.wrap(text, width: 20)
        #expect(wrapped == """
              · one two three
                four five six
                seven eight nine
                ten
            short
            xxxxxxxxxxxxxxxxxxxx
            xxxxxxxxxxxxxxxxxxxx
            xxxxx
            """)
        #expect(TextWrap.wrap(text, width: nil) == text)
    }
}
