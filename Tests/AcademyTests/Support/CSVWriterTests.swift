import Testing

@testable import Academy

/// Issue 14: the one CSV writer quotes every line break and defuses every formula start, full-width ones too.
@Suite struct CSVWriterTests {
    @Test func aFieldWithCRLFIsQuoted() {
        // "\r\n" is one Character in Swift: a search for "\r" or "\n" by Character misses it
        #expect(CSVWriter.field("dòng 1\r\ndòng 2") == "\"dòng 1\r\ndòng 2\"")
        #expect(CSVWriter.field("a\rb") == "\"a\rb\"")
        #expect(CSVWriter.field("a\nb") == "\"a\nb\"")
    }

    @Test(arguments: ["＝1+1", "＋84 912", "－5", "＠SUM(A1)"])
    func fullWidthFormulaSignsAreDefused(field: String) {
        #expect(CSVWriter.field(field) == "'" + field)
    }

    @Test func theWriterDefusesQuotesAndKeepsOrdinaryText() {
        // given / when
        let csv = CSVWriter.text(
            header: ["name", "note"],
            rows: [
                ["=HYPERLINK(\"http://x\")", "a\r\nb"], ["@SUM(A1)", "\tx"], ["+1", "\r-1"], ["An", "Xã Đông; Tây"],
                ["＝1+1", "3-2"],
            ])
        // then
        #expect(
            csv == "\u{FEFF}name,note\r\n\"'=HYPERLINK(\"\"http://x\"\")\",\"a\r\nb\"\r\n'@SUM(A1),'\tx\r\n"
                + "'+1,\"'\r-1\"\r\nAn,\"Xã Đông; Tây\"\r\n'＝1+1,3-2\r\n")
    }
}
