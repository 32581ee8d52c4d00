/// Which rows a completion report shows: one per district, one per commune, or one per person.
public enum ReportLevel: String, Sendable, CaseIterable {
    case district, commune, person
}

/// What a report is narrowed to: a course, optionally a district and commune, and a range of enrolment days.
public struct ReportFilter: Sendable, Equatable {
    public var course: String
    public var district: String
    public var commune: String
    public var period: ReportPeriod

    public init(course: String, district: String = "", commune: String = "", period: ReportPeriod = .all) {
        self.course = course
        self.district = district
        self.commune = commune
        self.period = period
    }

    /// Reads `course`, `district`, `commune`, `from` and `to`; a bad day is a 400 that names it. The course is only
    /// read here; the caller checks that it exists.
    init(query: ReportQuery, defaultCourse: String) throws(AppError) {
        self.init(
            course: query.course.flatMap { $0.isEmpty ? nil : $0 } ?? defaultCourse,
            district: String((query.district ?? "").prefix(200)),
            commune: String((query.commune ?? "").prefix(200)),
            period: try ReportPeriod(from: query.from, to: query.to))
    }

    /// The rows the filter calls for when the person did not choose: districts, then a district's communes, then
    /// one commune's people.
    var naturalLevel: ReportLevel {
        if !commune.isEmpty { return .person }
        return district.isEmpty ? .district : .commune
    }

    /// The filter as query items, for links that keep it (sorting, drill-down, CSV, print).
    var queryItems: [(String, String)] {
        [("course", course), ("district", district), ("commune", commune), ("from", period.from), ("to", period.to)]
            .filter { !$0.1.isEmpty }
    }
}
