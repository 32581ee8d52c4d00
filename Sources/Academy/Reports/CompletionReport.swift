import Foundation
import GRDB

/// The completion report's queries (issue 8): one SQL statement per report, whatever the number of learners.
///
/// Every report starts from the same per-person view of one course (the `person` CTE: enrolled, started, completed,
/// certified, each flag an indexed look-up), then either groups it by district or commune or lists the people.
/// Queries only; no HTTP here. Measured in BENCHMARKS.md.
public struct CompletionReport: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// The quizzes that completing a course takes: the certificate's, or else every quiz (as `CourseProgress`).
    static func requiredModules(_ course: Course) -> [String] {
        let required = course.requiredQuizzes
        var seen = Set<String>()
        return required.filter { seen.insert($0).inserted }
    }

    /// Counts per district, or per commune, sorted by district then commune.
    public func groups(_ course: Course, _ filter: ReportFilter, by level: ReportLevel) async throws -> [CompletionRow]
    {
        let (people, arguments) = Self.people(course, filter, columns: "u.district, u.commune")
        let keys = level == .district ? "district" : "district, commune"
        let sql = """
            \(people)
            SELECT \(keys), COUNT(*) AS enrolled, SUM(started AND NOT completed) AS in_progress,
                SUM(completed) AS completed, SUM(certified) AS certified
            FROM person GROUP BY \(keys) ORDER BY \(keys)
            """
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                CompletionRow(
                    district: row["district"], commune: level == .district ? nil : row["commune"] as String,
                    counts: CompletionCounts(
                        enrolled: row["enrolled"], inProgress: row["in_progress"], completed: row["completed"],
                        certified: row["certified"]))
            }
        }
    }

    /// Every enrolled person the filter selects, with their standing, in no particular order (reports sort them).
    public func people(_ course: Course, _ filter: ReportFilter) async throws -> [PersonStanding] {
        let columns =
            "e.user_id, e.enrolled_at, u.full_name, u.username, u.search_name, u.position, u.district, u.commune"
        let (people, arguments) = Self.people(course, filter, columns: columns)
        let sql = people + " SELECT * FROM person"
        return try await database.writer.read { db in
            // Columns by position: GRDB finds a column by name with a case-insensitive search on every row, which
            // was the largest cost of a 10,000-row report under perf.
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let completed: Bool = row[8]
                let started: Bool = row[9]
                return PersonStanding(
                    userID: row[0], fullName: row[2], username: row[3], searchName: row[4], position: row[5],
                    district: row[6], commune: row[7], enrolledAt: row[1],
                    status: completed ? .completed : (started ? .inProgress : .notStarted), certified: row[10])
            }
        }
    }

    /// The `WITH … person AS (…)` prefix: one row per enrolment of the course that the filter keeps, with `columns`
    /// of `enrollment e` and `user u` (only what the report shows: fewer columns, faster grouping) and the flags
    /// `completed`, `started` and `certified`.
    static func people(_ course: Course, _ filter: ReportFilter, columns: String) -> (String, StatementArguments) {
        let (filters, filterArguments) = filter.sqlConditions
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
    /// Every district and commune people live in, for the filter form.
    public func places() async throws -> [(district: String, commune: String)] {
        try await database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT DISTINCT district, commune FROM user WHERE district <> '' ORDER BY district, commune"
            ).map { ($0["district"], $0["commune"]) }
        }
    }
}
