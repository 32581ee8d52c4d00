import Foundation

/// Dates as people read them on pages and printed reports: Vietnamese with the day first (`21/09/2026`), English in
/// words (`21 September 2026`), both in Vietnam's time whatever the server's zone.
///
/// The formats of each language are made once and kept. They are `Date.VerbatimFormatStyle` values — immutable and
/// `Sendable` — so every event loop shares them safely; a shared `DateFormatter` is a mutable class, and making one
/// per call cost 0.2 ms (40 ms for a report page of 200 people).
enum DateText {
    /// The province's time zone: days and times on pages, and the days typed into report filters.
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current

    /// `21/09/2026` · `21 September 2026`
    static func day(_ date: Date, _ language: Language) -> String { date.formatted(formats(language).day) }

    /// `21:13 21/09/2026` · `21 Sep 2026, 21:13`
    static func short(_ date: Date, _ language: Language) -> String { date.formatted(formats(language).short) }

    /// `21:13` (quiz deadlines).
    static func time(_ date: Date, _ language: Language) -> String { date.formatted(formats(language).time) }

    private struct Formats: Sendable {
        let day: Date.VerbatimFormatStyle
        let short: Date.VerbatimFormatStyle
        let time: Date.VerbatimFormatStyle

        init(_ language: Language) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = DateText.zone
            let locale = Locale(identifier: language == .vi ? "vi_VN" : "en_GB")
            func style(_ format: Date.FormatString) -> Date.VerbatimFormatStyle {
                Date.VerbatimFormatStyle(format: format, locale: locale, timeZone: DateText.zone, calendar: calendar)
            }
            let hour = Date.FormatStyle.Symbol.VerbatimHour.twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)
            switch language {
            case .vi:  // dd/MM/yyyy, HH:mm dd/MM/yyyy
                day = style("\(day: .twoDigits)/\(month: .twoDigits)/\(year: .padded(4))")
                short = style(
                    "\(hour: hour):\(minute: .twoDigits) \(day: .twoDigits)/\(month: .twoDigits)/\(year: .padded(4))")
            case .en:  // d MMMM yyyy, d MMM yyyy, HH:mm
                day = style("\(day: .defaultDigits) \(month: .wide) \(year: .padded(4))")
                short = style(
                    """
                    \(day: .defaultDigits) \(month: .abbreviated) \(year: .padded(4)), \
                    \(hour: hour):\(minute: .twoDigits)
                    """)
            }
            time = style("\(hour: hour):\(minute: .twoDigits)")
        }
    }

    private static let vietnamese = Formats(.vi)
    private static let english = Formats(.en)

    private static func formats(_ language: Language) -> Formats { language == .vi ? vietnamese : english }
}
