import Foundation
import GRDB

/// The completion report's queries (issue 8): one SQL statement per report, whatever the number of learners.
///
/// Every report starts from the same per-person view of one course (the `person` CTE: enrolled, started, completed,
/// certified, each flag an indexed look-up), then either counts it per commune or lists the people. Groups of the
/// place list (issue 15) are added up from the communes in Swift: at most a few hundred rows, where a group column in
/// SQL would need the list in the database. Queries only; no HTTP here. Measured in BENCHMARKS.md.
public struct CompletionReport: Sendable {
    let database: AppDatabase
    /// Which group each commune of the loaded place list belongs to.
    let grouping: ReportGroups

    public init(database: AppDatabase, places: PlaceList = .empty) {
        self.database = database
        self.grouping = ReportGroups(places)
    }

    /// The quizzes that completing a course takes: the certificate's, or else every quiz (as `CourseProgress`).
    static func requiredModules(_ course: Course) -> [String] {
        let required = course.requiredQuizzes
        var seen = Set<String>()
        return required.filter { seen.insert($0).inserted }
    }

    /// Counts per group (the place list's order, no group last), or per commune (by name); `.district`, the
    /// deprecated level, counts per imported district as before issue 15.
    public func groups(_ course: Course, _ filter: ReportFilter, by level: ReportLevel) async throws -> [CompletionRow]
    {
        let key = level == .district ? "district" : "commune"
        let (people, arguments) = Self.people(course, filter, grouping, columns: "u.\(key)")
        let sql = """
            \(people)
            SELECT \(key), COUNT(*) AS enrolled, SUM(started AND NOT completed) AS in_progress,
                SUM(completed) AS completed, SUM(certified) AS certified
            FROM person GROUP BY \(key) ORDER BY \(key)
            """
        let counted = try await database.writer.read { db in
            // Columns by position, in the order of the SELECT.
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                (
                    name: row[0] as String,
                    counts: CompletionCounts(
                        enrolled: row[1], inProgress: row[2], completed: row[3], certified: row[4])
                )
            }
        }
        switch level {
        case .district: return counted.map { CompletionRow(district: $0.name, counts: $0.counts) }
        case .commune, .person:
            return counted.map {
                CompletionRow(group: grouping.group(of: $0.name), commune: $0.name, counts: $0.counts)
            }
        case .group:
            var sums: [String: CompletionCounts] = [:]
            for row in counted { sums[grouping.group(of: row.name), default: .init()] += row.counts }
            let order = grouping.names + [""]
            return order.compactMap { group in sums[group].map { CompletionRow(group: group, counts: $0) } }
        }
    }

    /// Every enrolled person the filter selects, with their standing, in no particular order (reports sort them).
    public func people(_ course: Course, _ filter: ReportFilter) async throws -> [PersonStanding] {
        let columns = "e.user_id, e.enrolled_at, u.full_name, u.username, u.search_name, u.position, u.commune"
        let (people, arguments) = Self.people(course, filter, grouping, columns: columns)
        let groups = grouping
        let sql = people + " SELECT * FROM person"
        return try await database.writer.read { db in
            // Columns by position: GRDB finds a column by name with a case-insensitive search on every row, which
            // was the largest cost of a 10,000-row report under perf.
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let completed: Bool = row[7]
                let started: Bool = row[8]
                let commune: String = row[6]
                return PersonStanding(
                    userID: row[0], fullName: row[2], username: row[3], searchName: row[4], position: row[5],
                    group: groups.group(of: commune), commune: commune, enrolledAt: row[1],
                    status: completed ? .completed : (started ? .inProgress : .notStarted), certified: row[9])
            }
        }
    }

    /// The `WITH … person AS (…)` prefix: one row per enrolment of the course that the filter keeps, with `columns`
    /// of `enrollment e` and `user u` (only what the report shows: fewer columns, faster grouping) and the flags
    /// `completed`, `started` and `certified`.
    static func people(_ course: Course, _ filter: ReportFilter, _ grouping: ReportGroups, columns: String)
        -> (String, StatementArguments)
    {
        let (filters, filterArguments) = filter.sqlConditions(grouping)
        var arguments = filterArguments
        arguments["course"] = course.slug
        let required = requiredModules(course)
        for (index, slug) in required.enumerated() { arguments["m\(index)"] = slug }
        let modules = required.indices.map { ":m\($0)" }.joined(separator: ", ")
        let lessons = course.requiredLessons
        for (index, slug) in lessons.enumerated() { arguments["l\(index)"] = slug }
        let lessonList = lessons.indices.map { ":l\($0)" }.joined(separator: ", ")
        // The one rule, `Course.isCompleted`, in SQL: required quizzes passed and required lessons read; a course
        // that requires nothing cannot be completed.
        var conditions: [String] = []
        if !required.isEmpty {
            conditions.append(
                """
                (SELECT COUNT(DISTINCT a.module_slug) FROM attempt a
                    WHERE a.course_slug = :course AND a.module_slug IN (\(modules)) AND a.user_id = e.user_id
                        AND a.passed = 1) = \(required.count)
                """)
        }
        if !lessons.isEmpty {
            conditions.append(
                """
                (SELECT COUNT(*) FROM lesson_view v
                    WHERE v.user_id = e.user_id AND v.course_slug = :course AND v.module_slug IN (\(lessonList)))
                    = \(lessons.count)
                """)
        }
        let completed = conditions.isEmpty ? "0" : "(" + conditions.joined(separator: " AND ") + ")"
        // Correlated look-ups, each one seek in an index (attempt_by_course, lesson_view's key, attempt_by_learner,
        // certificate_valid_by_course): the cost follows the rows the filter keeps — 4 ms for one commune, where
        // building whole-course sets first took 20 ms (BENCHMARKS.md).
        let sql = """
            WITH person AS MATERIALIZED (
                SELECT \(columns), \(completed) AS completed,
                    (EXISTS (SELECT 1 FROM lesson_view v WHERE v.user_id = e.user_id AND v.course_slug = :course)
                        OR EXISTS (SELECT 1 FROM attempt t WHERE t.user_id = e.user_id AND t.course_slug = :course))
                        AS started,
                    EXISTS (SELECT 1 FROM certificate c
                        WHERE c.course_slug = :course AND c.user_id = e.user_id AND c.revoked_at IS NULL) AS certified
                FROM enrollment e JOIN user u ON u.id = e.user_id
                WHERE \((["e.course_slug = :course"] + filters).joined(separator: " AND ")))
            """
        return (sql, StatementArguments(arguments))
    }
}

extension CompletionReport {
    /// Every commune people live in (not empty), for the filter forms beside the place list's units.
    public func communesOnFile() async throws -> [String] {
        try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT commune FROM user WHERE commune <> '' ORDER BY commune")
        }
    }
}
