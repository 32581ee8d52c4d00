import Foundation

/// A range of days typed as `from` and `to` (`YYYY-MM-DD`, both included), read in the province's time zone.
///
/// Completion reports filter on when people were enrolled (`enrollment.enrolled_at`); the audit log on `at`.
public struct ReportPeriod: Sendable, Equatable {
    /// The first instant inside the range, if it has a start.
    public var start: Date?
    /// The first instant after the range, if it has an end.
    public var end: Date?
    /// The days as typed, to refill the form.
    public var from: String
    public var to: String

    public static let all = ReportPeriod(start: nil, end: nil, from: "", to: "")

    /// Reads the two fields; a day that does not exist or an end before the start is a 400 that says which.
    public init(from: String?, to: String?) throws(AppError) {
        self.from = (from ?? "").trimmingCharacters(in: .whitespaces)
        self.to = (to ?? "").trimmingCharacters(in: .whitespaces)
        start = try Self.day(self.from)
        end = try Self.day(self.to).flatMap { Self.calendar.date(byAdding: .day, value: 1, to: $0) }
        if let start, let end, end <= start { throw AppError(.badRequest, "bad_date_range", self.from, self.to) }
    }

    init(start: Date?, end: Date?, from: String, to: String) {
        self.start = start
        self.end = end
        self.from = from
        self.to = to
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DateText.zone
        return calendar
    }()

    /// Midnight at the start of a `YYYY-MM-DD` day; nil for an empty field.
    static func day(_ text: String) throws(AppError) -> Date? {
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2],
            (2000...2100).contains(year), text.count == 10
        else { throw AppError(.badRequest, "bad_date", text) }
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw AppError(.badRequest, "bad_date", text)
        }
        return date
    }

    /// The first instant of the month `date` falls in, in the province's time zone (dashboards).
    static func startOfMonth(_ date: Date) -> Date {
        calendar.date(from: calendar.dateComponents([.year, .month], from: date)) ?? date
    }
}
