import Foundation
import GRDB

/// Dates as GRDB stores them ("yyyy-MM-dd HH:mm:ss.SSS", UTC), written without `DateFormatter`: GRDB formats
/// every `Date` argument through ICU, which cost 5 % of a quiz submission's CPU when done for every answer.
/// The text is exactly GRDB's own (tested over many dates), so reads and comparisons are unchanged.
enum DatabaseTime {
    static func text(_ date: Date) -> String {
        // As CoreFoundation hands the time to ICU: milliseconds since 1970, + 0.5, then ICU floors.
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
        var seconds = time_t((milliseconds / 1000).rounded(.down))
        let millis = Int(milliseconds - Double(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = Int(parts.tm_year) + 1900
        let yearText = year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        let millisText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min))"
            + ":\(two(parts.tm_sec)).\(millisText)"
    }
}
