import Foundation

/// Numbers and dates as people read them on pages, in the page's language (issue 16): Vietnamese `1.120`,
/// `45,5 %`, `28/11/2026 11:36`; English `1,120`, `45.5%`, `28 Nov 2026 11:36`; always in the province's time
/// (Asia/Ho_Chi_Minh), whatever the server's zone. The one formatter of every page; programs get `Timestamp` and
/// plain numbers instead (JSON, CSV, `<time datetime>`).
///
/// The date formats of each language are made once and kept. They are `Date.VerbatimFormatStyle` values —
/// immutable and `Sendable` — so every event loop shares them safely; a shared `DateFormatter` is a mutable class,
/// and making one per call cost 0.2 ms (40 ms for a report page of 200 people).
enum LocalText {
    /// The province's time zone: days and times on pages, and the days typed into report filters.
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current

    // MARK: Numbers

    /// A whole number with thousands grouped: `1.120` · `1,120`.
    static func count(_ value: Int, _ language: Language) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(language == .vi ? "." : ",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A number with at most one decimal, rounded half away from zero: `7,5` · `7.5`; `8` for 8.0.
    static func number(_ value: Double, _ language: Language) -> String {
        guard value.isFinite else { return "—" }
        let tenths = Int((value * 10).rounded())
        let whole = count(abs(tenths) / 10, language)
        let sign = tenths < 0 ? "-" : ""
        guard tenths % 10 != 0 else { return sign + whole }
        return sign + whole + (language == .vi ? "," : ".") + String(abs(tenths) % 10)
    }

    /// A share from 0 to 1 as a percentage with at most one decimal: `45,5 %` · `45.5%`. Vietnamese puts a space
    /// before the sign (a no-break space, so the sign never starts a line on a narrow phone).
    static func percent(_ share: Double, _ language: Language) -> String {
        number(share * 100, language) + (language == .vi ? "\u{00A0}%" : "%")
    }

    /// A percentage already out of 100 (a quiz's score or pass mark): `80 %` · `80%`.
    static func percent(points: Double, _ language: Language) -> String { percent(points / 100, language) }

    // MARK: Dates

    /// `21/09/2026` · `21 September 2026`
    static func day(_ date: Date, _ language: Language) -> String { date.formatted(formats(language).day) }

    /// `21/09/2026 21:13` · `21 Sep 2026 21:13`
    static func dateTime(_ date: Date, _ language: Language) -> String {
        date.formatted(formats(language).dateTime)
    }

    /// `21:13` (quiz deadlines).
    static func time(_ date: Date, _ language: Language) -> String { date.formatted(formats(language).time) }

    private struct Formats: Sendable {
        let day: Date.VerbatimFormatStyle
        let dateTime: Date.VerbatimFormatStyle
        let time: Date.VerbatimFormatStyle

        init(_ language: Language) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = LocalText.zone
            let locale = Locale(identifier: language == .vi ? "vi_VN" : "en_GB")
            func style(_ format: Date.FormatString) -> Date.VerbatimFormatStyle {
                Date.VerbatimFormatStyle(format: format, locale: locale, timeZone: LocalText.zone, calendar: calendar)
            }
            let hour = Date.FormatStyle.Symbol.VerbatimHour.twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)
            switch language {
            case .vi:  // dd/MM/yyyy, dd/MM/yyyy HH:mm
                day = style("\(day: .twoDigits)/\(month: .twoDigits)/\(year: .padded(4))")
                dateTime = style(
                    "\(day: .twoDigits)/\(month: .twoDigits)/\(year: .padded(4)) \(hour: hour):\(minute: .twoDigits)")
            case .en:  // d MMMM yyyy, d MMM yyyy HH:mm
                day = style("\(day: .defaultDigits) \(month: .wide) \(year: .padded(4))")
                dateTime = style(
                    "\(day: .defaultDigits) \(month: .abbreviated) \(year: .padded(4)) \(hour: hour):\(minute: .twoDigits)"
                )
            }
            time = style("\(hour: hour):\(minute: .twoDigits)")
        }
    }

    private static let vietnamese = Formats(.vi)
    private static let english = Formats(.en)

    private static func formats(_ language: Language) -> Formats { language == .vi ? vietnamese : english }
}

/// The names the report and authoring files call the formatter by. Those files are being rewritten at the same time
/// (issue 15's groups, issue 16's history), so their calls are left as they are: `NumberText.count` is
/// `LocalText.count`, `DateText.short` is `LocalText.dateTime`. Rename them once those changes are in.
typealias NumberText = LocalText
typealias DateText = LocalText

extension LocalText {
    /// `dateTime`, by its former name.
    static func short(_ date: Date, _ language: Language) -> String { dateTime(date, language) }
}
