import Foundation

/// Instants written for programs rather than people — JSON bodies, CSV exports, `<time datetime>`, the command
/// line: RFC 3339 in UTC, to the second (`2026-09-21T14:13:20Z`).
///
/// `Date.ISO8601FormatStyle` is an immutable `Sendable` value, shared by every event loop. The signed bytes of a
/// credential do not use this type but `CredentialTime`, so that nothing changed here can change a signature.
public enum Timestamp {
    private static let instant = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt)
    private static let localInstant = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: LocalText.zone)
    private static let province = Date.ISO8601FormatStyle(timeZone: LocalText.zone).year().month().day()

    /// `2026-09-21T14:13:20Z`: fractions of a second are dropped, never rounded up.
    public static func text(_ date: Date) -> String { date.formatted(instant) }

    /// An RFC 3339 instant a client sent, with or without fractions of a second (a browser's `toISOString()`);
    /// nil for anything else.
    static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// `2026-09-21T21:13:20+07:00`: an instant in Vietnam's time, for CSV columns a person reads in a spreadsheet
    /// (a program reads the offset).
    static func local(_ date: Date) -> String { date.formatted(localInstant) }

    /// `2026-09-21`: the day in Vietnam's time, for CSV columns of days (as the report filters read them).
    static func day(_ date: Date) -> String { date.formatted(province) }
}
