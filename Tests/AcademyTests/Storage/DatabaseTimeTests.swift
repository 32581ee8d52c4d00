import Foundation
import GRDB
import Testing

@testable import Academy

@Suite struct DatabaseTimeTests {
    @Test func theTextIsExactlyWhatGRDBWrites() {
        var dates = [
            Date(timeIntervalSince1970: 0), Date(), Date(timeIntervalSince1970: 1_798_761_599.9999),
            Date(timeIntervalSince1970: 951_782_400.0005), Date(timeIntervalSinceReferenceDate: 0),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator)))
        }
        for date in dates {
            #expect(
                DatabaseTime.text(date) == String.fromDatabaseValue(date.databaseValue), "\(date.timeIntervalSince1970)"
            )
        }
    }
}
