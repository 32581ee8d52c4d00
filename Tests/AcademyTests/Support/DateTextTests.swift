import Foundation
import Testing

@testable import Academy

/// The date writers, one per purpose: pages (`DateText`), programs (`Timestamp`), HTTP headers.
@Suite struct DateTextTests {
    /// 2025-03-15 05:00 UTC: noon in Vietnam.
    static let noon = Date(timeIntervalSince1970: 1_742_014_800)
    /// 2025-03-15 20:00 UTC: already 03:00 on the 16th in Vietnam.
    static let lateUTC = Date(timeIntervalSince1970: 1_742_068_800)

    @Test func pagesShowDatesInEachLanguageInVietnamsTime() {
        #expect(DateText.day(Self.noon, .vi) == "15/03/2025")
        #expect(DateText.short(Self.noon, .vi) == "12:00 15/03/2025")
        #expect(DateText.time(Self.noon, .vi) == "12:00")
        #expect(DateText.day(Self.noon, .en) == "15 March 2025")
        #expect(DateText.short(Self.noon, .en) == "15 Mar 2025, 12:00")
        #expect(DateText.time(Self.noon, .en) == "12:00")
        // given a time that is the next day in Vietnam
        #expect(DateText.short(Self.lateUTC, .vi) == "03:00 16/03/2025")
        #expect(DateText.day(Date(timeIntervalSince1970: 1_738_627_200), .en) == "4 February 2025")
    }

    @Test func programsGetRFC3339InUTCToTheSecond() {
        #expect(Timestamp.text(Self.noon) == "2025-03-15T05:00:00Z")
        #expect(Timestamp.text(Self.noon.addingTimeInterval(0.9996)) == "2025-03-15T05:00:00Z", "never rounded up")
        #expect(Timestamp.day(Self.noon) == "2025-03-15")
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
                            DateText.short(Self.noon, .vi) + DateText.day(Self.noon, .en) + Timestamp.text(Self.noon))
                    }
                    return seen
                }
            }
            return await group.reduce(into: Set<String>()) { $0.formUnion($1) }
        }
        #expect(texts == ["12:00 15/03/202515 March 20252025-03-15T05:00:00Z"])
    }
}
