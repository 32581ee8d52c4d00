import Foundation

/// One completion report ready to show: the course, the filters, and the rows at the chosen level, sorted.
struct ReportTable: Sendable {
    var course: Course
    var filter: ReportFilter
    var level: ReportLevel
    var sort: ReportSort
    /// Districts or communes (empty at the person level).
    var groups: [CompletionRow] = []
    /// People (empty at the district and commune levels).
    var people: [PersonStanding] = []
    var totals = CompletionCounts()

    static let groupColumns = ["name", "district", "enrolled", "in_progress", "completed", "certified", "rate"]
    static let personColumns = [
        "name", "username", "position", "commune", "district", "enrolled_at", "status", "certified",
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
        let level = ReportLevel(rawValue: typedLevel) ?? filter.naturalLevel
        let sort = try ReportSort(query: query, allowed: level == .person ? personColumns : groupColumns)
        var table = ReportTable(course: course, filter: filter, level: level, sort: sort)
        let words = SortFolder()
        if level == .person {
            table.people = sort.apply(
                try await reports.people(course, filter),
                columns: [
                    "username": { .text($0.username.lowercased()) }, "position": { words($0.position) },
                    "commune": { words($0.commune) }, "district": { words($0.district) },
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
                    "district": { .words($0.district) }, "enrolled": { .number(Double($0.counts.enrolled)) },
                    "in_progress": { .number(Double($0.counts.inProgress)) },
                    "completed": { .number(Double($0.counts.completed)) },
                    "certified": { .number(Double($0.counts.certified)) }, "rate": { .number($0.counts.rate) },
                ], name: { names[Self.name($0)] ?? "" })
            table.totals = rows.reduce(CompletionCounts()) { $0 + $1.counts }
        }
        return table
    }

    /// What a group row is called: its commune then district, or its district.
    static func name(_ row: CompletionRow) -> String {
        row.commune.map { "\($0) \(row.district)" } ?? row.district
    }
}
