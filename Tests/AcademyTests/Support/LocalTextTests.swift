import Foundation
import Testing

@testable import Academy

/// The writers of numbers and dates, one per purpose: pages (`LocalText`, in the page's language), programs
/// (`Timestamp`), HTTP headers.
@Suite struct LocalTextTests {
    /// 2025-03-15 05:00 UTC: noon in Vietnam.
    static let noon = Date(timeIntervalSince1970: 1_742_014_800)
    /// 2025-03-15 20:00 UTC: already 03:00 on the 16th in Vietnam.
    static let lateUTC = Date(timeIntervalSince1970: 1_742_068_800)

    @Test func pagesShowDatesInEachLanguageInVietnamsTime() {
        #expect(LocalText.day(Self.noon, .vi) == "15/03/2025")
        #expect(LocalText.dateTime(Self.noon, .vi) == "15/03/2025 12:00")
        #expect(LocalText.time(Self.noon, .vi) == "12:00")
        #expect(LocalText.day(Self.noon, .en) == "15 March 2025")
        #expect(LocalText.dateTime(Self.noon, .en) == "15 Mar 2025 12:00")
        #expect(LocalText.time(Self.noon, .en) == "12:00")
        // given a time that is the next day in Vietnam
        #expect(LocalText.dateTime(Self.lateUTC, .vi) == "16/03/2025 03:00")
        #expect(LocalText.dateTime(Self.lateUTC, .en) == "16 Mar 2025 03:00")
        #expect(LocalText.day(Self.lateUTC, .vi) == "16/03/2025")
        #expect(LocalText.day(Date(timeIntervalSince1970: 1_738_627_200), .en) == "4 February 2025")
        // the example: 28 November 2026, 11:36 in Vietnam (04:36 UTC)
        let example = Date(timeIntervalSince1970: 1_795_840_560)
        #expect(LocalText.dateTime(example, .vi) == "28/11/2026 11:36")
        #expect(LocalText.dateTime(example, .en) == "28 Nov 2026 11:36")
        #expect(DateText.short(example, .vi) == LocalText.dateTime(example, .vi), "the former name, the same text")
    }

    @Test func pagesWriteNumbersAsEachLanguageDoes() {
        #expect(LocalText.count(1_120, .vi) == "1.120")
        #expect(LocalText.count(1_120, .en) == "1,120")
        #expect(LocalText.count(999, .vi) == "999")
        #expect(LocalText.count(1_234_567, .vi) == "1.234.567")
        #expect(LocalText.count(-1_500, .en) == "-1,500")
        #expect(LocalText.number(7.5, .vi) == "7,5")
        #expect(LocalText.number(7.5, .en) == "7.5")
        #expect(LocalText.number(8, .vi) == "8", "no decimal for a whole number")
        #expect(LocalText.number(1_120.25, .vi) == "1.120,3", "grouped, one decimal, half away from zero")
        #expect(LocalText.number(-0.25, .en) == "-0.3")
        #expect(LocalText.number(-0.04, .en) == "0", "no minus sign on what rounds to zero")
        #expect(LocalText.number(.nan, .vi) == "—")
    }

    @Test func percentagesRoundToOneDecimalAndVietnameseSpacesTheSign() {
        #expect(LocalText.percent(0.455, .vi) == "45,5\u{00A0}%")
        #expect(LocalText.percent(0.455, .en) == "45.5%")
        #expect(LocalText.percent(2.0 / 3.0, .vi) == "66,7\u{00A0}%")
        #expect(LocalText.percent(1.0 / 3.0, .en) == "33.3%")
        #expect(LocalText.percent(0.99996, .en) == "100%", "rounds up to a whole number without a decimal")
        #expect(LocalText.percent(0.12345, .en) == "12.3%")
        #expect(LocalText.percent(0.1235, .vi) == "12,4\u{00A0}%", "half away from zero")
        #expect(LocalText.percent(0, .vi) == "0\u{00A0}%")
        #expect(LocalText.percent(12.5, .en) == "1,250%", "grouped like any number")
        #expect(LocalText.percent(points: 80, .vi) == "80\u{00A0}%")
        #expect(LocalText.percent(points: 83.33333, .en) == "83.3%")
    }

    @Test func programsGetRFC3339InUTCToTheSecond() {
        #expect(Timestamp.text(Self.noon) == "2025-03-15T05:00:00Z")
        #expect(Timestamp.text(Self.noon.addingTimeInterval(0.9996)) == "2025-03-15T05:00:00Z", "never rounded up")
        #expect(Timestamp.day(Self.noon) == "2025-03-15")
        #expect(Timestamp.local(Self.noon) == "2025-03-15T12:00:00+07:00", "CSV: Vietnam's time, with its offset")
        #expect(Timestamp.day(Self.lateUTC) == "2025-03-16", "the day in Vietnam, as the report filters read it")
        #expect(StaticFiles.httpDate(Self.noon) == "Sat, 15 Mar 2025 05:00:00 GMT")
    }

    /// The formats are shared by every event loop: many tasks writing at once all get the same text.
    @Test func sharedFormatsGiveTheSameTextFromManyTasks() async {
        let texts = await withTaskGroup(of: Set<String>.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var seen: Set<String> = []
                    for _ in 0..<500 {
                        seen.insert(
                            LocalText.dateTime(Self.noon, .vi) + LocalText.day(Self.noon, .en)
                                + Timestamp.text(Self.noon))
                    }
                    return seen
                }
            }
            return await group.reduce(into: Set<String>()) { $0.formUnion($1) }
        }
        #expect(texts == ["15/03/2025 12:0015 March 20252025-03-15T05:00:00Z"])
    }
}
