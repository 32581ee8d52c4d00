import Foundation
import Testing

@testable import Academy

/// Reading the report's query: days in Vietnam's time zone, pages, sort columns.
@Suite struct ReportInputTests {
    @Test func daysAreReadInVietnamAndTheEndDayIsIncluded() throws {
        // given / when
        let period = try ReportPeriod(from: "2024-02-29", to: "2024-03-01")
        // then: midnight in Hà Nội is 17:00 UTC the day before
        #expect(period.start == Date(timeIntervalSince1970: 1_709_139_600))  // 2024-02-28T17:00:00Z
        #expect(period.end == Date(timeIntervalSince1970: 1_709_312_400))  // 2024-03-01T17:00:00Z
    }

    @Test(arguments: ["2025-02-29", "2025-13-01", "31/12/2025", "2025-1-5", "1999-01-01", "hôm nay"])
    func impossibleDaysAreRefused(typed: String) {
        #expect(throws: AppError(.badRequest, "bad_date", typed)) { try ReportPeriod(from: typed, to: nil) }
    }

    @Test func anEndBeforeTheStartIsRefusedButOneDayIsFine() throws {
        #expect(throws: AppError(.badRequest, "bad_date_range", "2025-03-02", "2025-03-01")) {
            try ReportPeriod(from: "2025-03-02", to: "2025-03-01")
        }
        #expect(try ReportPeriod(from: "2025-03-01", to: "2025-03-01").end != nil)
    }

    func query(_ text: String) throws -> ReportQuery { try FormBody.decode(ReportQuery.self, from: text) }

    @Test func pagesSliceTheRowsAndRefuseNonsense() throws {
        // given / when
        let second = try ReportPaging(query: query("page=2"), total: 450)
        let past = try ReportPaging(query: query("page=9"), total: 450)
        // then
        #expect(second.range == 200..<400 && second.pageCount == 3)
        #expect(past.range.isEmpty)
        #expect(throws: AppError.self) { try ReportPaging(query: query("page=0"), total: 450) }
        #expect(throws: AppError.self) { try ReportPaging(query: query("page=abc"), total: 450) }
    }

    @Test func sortingKeepsNumbersNumericAndNamesWithoutDiacritics() throws {
        // given
        let rows = [("Đông", 100.0), ("Dương", 10.0), ("An", 9.0)]
        let byName = try ReportSort(query: query(""), allowed: ["name", "n"])
        let byNumber = try ReportSort(query: query("sort=n&dir=desc"), allowed: ["name", "n"])
        // when
        let names = byName.apply(rows, columns: ["n": { .number($0.1) }], name: { Text.searchKey($0.0) })
        let numbers = byNumber.apply(rows, columns: ["n": { .number($0.1) }], name: { Text.searchKey($0.0) })
        // then: "Đ" sorts as "D"; 100 > 10 > 9, where texts would put "9" first
        #expect(names.map(\.0) == ["An", "Đông", "Dương"])
        #expect(numbers.map(\.0) == ["Đông", "Dương", "An"])
        #expect(throws: AppError.self) { try ReportSort(query: query("sort=password"), allowed: ["name"]) }
    }
}
