/// Which rows a completion report shows: one per group of the place list, per commune, or per person.
///
/// `district` is the old level (issue 15): the history column `user.district`, kept for one version for
/// `group_by=district` and `level=district`, and offered nowhere.
public enum ReportLevel: String, Sendable, CaseIterable {
    case group, commune, person
    /// Deprecated: rows of the imported district (history).
    case district

    /// The levels a report offers: groups only when the place list has some.
    static func offered(grouped: Bool) -> [ReportLevel] {
        grouped ? [.group, .commune, .person] : [.commune, .person]
    }
}

/// What a report is narrowed to: a course, optionally a group of the place list and a commune, and a range of
/// enrolment days. `district` is the deprecated filter on the history column, kept for one version.
public struct ReportFilter: Sendable, Equatable {
    public var course: String
    /// A group of the place list, `ReportGroups.none` for the people of no group, or empty for every group.
    public var group: String
    public var commune: String
    /// Deprecated (issue 15): the imported district, history only; still filters as before for one version.
    public var district: String
    public var period: ReportPeriod

    public init(
        course: String, group: String = "", commune: String = "", district: String = "",
        period: ReportPeriod = .all
    ) {
        self.course = course
        self.group = group
        self.commune = commune
        self.district = district
        self.period = period
    }

    /// Reads `course`, `group`, `commune`, `district` (deprecated), `from` and `to`; a bad day is a 400 that names
    /// it. The course is only read here; the caller checks that it exists.
    init(query: ReportQuery, defaultCourse: String) throws(AppError) {
        self.init(
            course: query.course.flatMap { $0.isEmpty ? nil : $0 } ?? defaultCourse,
            group: String((query.group ?? "").prefix(200)),
            commune: String((query.commune ?? "").prefix(200)),
            district: String((query.district ?? "").prefix(200)),
            period: try ReportPeriod(from: query.from, to: query.to))
    }

    /// The rows the filter calls for when the person did not choose: groups (when the place list has some), then
    /// a group's communes, then one commune's people.
    func naturalLevel(grouped: Bool) -> ReportLevel {
        if !commune.isEmpty { return .person }
        return group.isEmpty && district.isEmpty && grouped ? .group : .commune
    }

    /// The filter as query items, for links that keep it (sorting, drill-down, CSV, print).
    var queryItems: [(String, String)] {
        [
            ("course", course), ("group", group), ("district", district), ("commune", commune),
            ("from", period.from), ("to", period.to),
        ]
        .filter { !$0.1.isEmpty }
    }
}
