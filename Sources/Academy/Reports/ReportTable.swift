import Foundation

/// One completion report ready to show: the course, the filters, and the rows at the chosen level, sorted.
struct ReportTable: Sendable {
    var course: Course
    var filter: ReportFilter
    var level: ReportLevel
    var sort: ReportSort
    /// Which group each commune is in (issue 15); with no groups the report starts at communes.
    var grouping: ReportGroups = ReportGroups(.empty)
    /// Groups or communes (empty at the person level).
    var groups: [CompletionRow] = []
    /// People (empty at the group and commune levels).
    var people: [PersonStanding] = []
    var totals = CompletionCounts()

    static let groupColumns = ["name", "group", "enrolled", "in_progress", "completed", "certified", "rate"]
    static let personColumns = [
        "name", "username", "position", "commune", "group", "enrolled_at", "status", "certified",
    ]

    /// Reads the filters from the query (the first course when none is chosen) and runs the report.
    /// An unknown course, level, column or day is a 400 that says what was wrong.
    static func load(_ query: ReportQuery, snapshot: CourseCatalog.Snapshot, reports: CompletionReport) async throws
        -> ReportTable
    {
        let filter = try ReportFilter(query: query, defaultCourse: snapshot.courses.first?.slug ?? "")
        guard let course = snapshot.course(filter.course) else {
            throw AppError(.badRequest, "course_not_found", filter.course)
        }
        let typedLevel = query.level ?? ""
        guard typedLevel.isEmpty || ReportLevel(rawValue: typedLevel) != nil else {
            throw AppError(.badRequest, "bad_filter", "level", typedLevel)
        }
        let grouping = reports.grouping
        let level = ReportLevel(rawValue: typedLevel) ?? filter.naturalLevel(grouped: !grouping.isEmpty)
        let sort = try ReportSort(query: query, allowed: level == .person ? personColumns : groupColumns)
        var table = ReportTable(course: course, filter: filter, level: level, sort: sort, grouping: grouping)
        let words = SortFolder()
        if level == .person {
            table.people = sort.apply(
                try await reports.people(course, filter),
                columns: [
                    "username": { .text($0.username.lowercased()) }, "position": { words($0.position) },
                    "commune": { words($0.commune) }, "group": { words($0.group) },
                    "enrolled_at": { .number($0.enrolledAt.timeIntervalSince1970) },
                    "status": { .number(Double(PersonStanding.Status.allCases.firstIndex(of: $0.status) ?? 0)) },
                    "certified": { .number($0.certified ? 1 : 0) },
                ], name: \.searchName)
            table.totals = table.people.reduce(into: CompletionCounts()) { counts, person in
                counts.enrolled += 1
                counts.inProgress += person.status == .inProgress ? 1 : 0
                counts.completed += person.status == .completed ? 1 : 0
                counts.certified += person.certified ? 1 : 0
            }
        } else {
            let rows = try await reports.groups(course, filter, by: level)
            let names = Dictionary(rows.map { (Self.name($0), Text.searchKey(Self.name($0))) }) { first, _ in first }
            table.groups = sort.apply(
                rows,
                columns: [
                    "group": { .words($0.group) }, "enrolled": { .number(Double($0.counts.enrolled)) },
                    "in_progress": { .number(Double($0.counts.inProgress)) },
                    "completed": { .number(Double($0.counts.completed)) },
                    "certified": { .number(Double($0.counts.certified)) }, "rate": { .number($0.counts.rate) },
                ], name: { names[Self.name($0)] ?? "" })
            table.totals = rows.reduce(CompletionCounts()) { $0 + $1.counts }
        }
        return table
    }

    /// What a row is called: its commune then group, its group, or (deprecated level) its district.
    /// The row of no group sorts after the others.
    static func name(_ row: CompletionRow) -> String {
        row.commune.map { "\($0) \(row.group)" } ?? row.district ?? (row.group.isEmpty ? "~" : row.group)
    }
}
