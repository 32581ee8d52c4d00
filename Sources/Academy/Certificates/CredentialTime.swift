import Foundation

/// RFC 3339 timestamps inside signed credentials: whole seconds, UTC, `Z` suffix (`2026-09-21T14:13:20Z`).
///
/// A type of its own, apart from `Timestamp`, because these bytes are signed: nothing changed in how the site writes
/// times elsewhere may change them. Written by `Date.ISO8601FormatStyle`; `CredentialBuilderTests` checks it
/// against the calendar arithmetic it replaced, second by second across the range.
enum CredentialTime {
    /// 1582-10-15T00:00:00Z, the first day of the Gregorian calendar: Foundation's calendar counts the days before
    /// it as Julian, so an earlier instant would be written with a Julian date. No credential is issued then.
    static let earliest: Int64 = -12_219_292_800
    /// 9999-12-31T23:59:59Z, the last instant RFC 3339 can write.
    static let latest: Int64 = 253_402_300_799

    private static let style = Date.ISO8601FormatStyle(
        dateSeparator: .dash, dateTimeSeparator: .standard, timeSeparator: .colon, timeZoneSeparator: .omitted,
        includingFractionalSeconds: false, timeZone: TimeZone(identifier: "UTC") ?? .gmt)

    /// Seconds since 1970 rounded down, limited to `earliest...latest`.
    static func epochSeconds(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else { return 0 }
        return Int64(min(max(seconds, Double(earliest)), Double(latest)).rounded(.down))
    }

    /// `seconds` since 1970 (limited to `earliest...latest`) as `YYYY-MM-DDTHH:MM:SSZ`.
    static func rfc3339(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(min(max(seconds, earliest), latest))).formatted(style)
    }
}
