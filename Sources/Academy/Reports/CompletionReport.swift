import Foundation
import GRDB

/// The completion report's queries (issue 8): one SQL statement per report, whatever the number of learners.
///
/// Every report starts from the same per-person view of one course — enrolled, started, completed, certified — built
/// from three CTEs (passed required quizzes, anything opened or attempted, valid certificates), then either groups it
/// by district or commune or lists the people. Queries only; no HTTP here.
public struct CompletionReport: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// The quizzes that completing a course takes: the certificate's, or else every quiz (as `CourseProgress`).
    static func requiredModules(_ course: Course) -> [String] {
        let required = course.certificate?.requires ?? course.modules.filter { $0.quiz != nil }.map(\.slug)
        var seen = Set<String>()
        return required.filter { seen.insert($0).inserted }
    }

    /// Counts per district, or per commune, sorted by district then commune.
    public func groups(_ course: Course, _ filter: ReportFilter, by level: ReportLevel) async throws -> [CompletionRow]
    {
        let (people, arguments) = Self.people(course, filter)
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

    /// Every enrolled person the filter selects, with their standing, by district, commune and name.
    public func people(_ course: Course, _ filter: ReportFilter) async throws -> [PersonStanding] {
        let (people, arguments) = Self.people(course, filter)
        let sql = people + " SELECT * FROM person ORDER BY district, commune, full_name"
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let completed: Bool = row["completed"]
                let started: Bool = row["started"]
                return PersonStanding(
                    userID: row["user_id"], fullName: row["full_name"], username: row["username"],
                    searchName: row["search_name"],
                    position: row["position"], district: row["district"], commune: row["commune"],
                    enrolledAt: row["enrolled_at"],
                    status: completed ? .completed : (started ? .inProgress : .notStarted), certified: row["certified"])
            }
        }
    }

    /// The `WITH … person AS (…)` prefix: one row per enrolment of the course that the filter keeps.
    static func people(_ course: Course, _ filter: ReportFilter) -> (String, StatementArguments) {
        let (filters, filterArguments) = filter.sqlConditions
        var arguments = filterArguments
        arguments["course"] = course.slug
        let required = requiredModules(course)
        let passed: String
        if required.isEmpty {
            // A course without quizzes cannot be completed, as in `CourseProgress`.
            passed = "SELECT NULL AS user_id WHERE 0"
        } else {
            for (index, slug) in required.enumerated() { arguments["m\(index)"] = slug }
            passed = """
                SELECT user_id FROM attempt
                WHERE course_slug = :course AND passed = 1
                    AND module_slug IN (\(required.indices.map { ":m\($0)" }.joined(separator: ", ")))
                GROUP BY user_id HAVING COUNT(DISTINCT module_slug) = \(required.count)
                """
        }
        let sql = """
            WITH passed AS (\(passed)),
            started AS (
                SELECT user_id FROM lesson_view WHERE course_slug = :course
                UNION SELECT user_id FROM attempt WHERE course_slug = :course),
            certified AS (
                SELECT DISTINCT user_id FROM certificate WHERE course_slug = :course AND revoked_at IS NULL),
            person AS (
                SELECT e.user_id, e.enrolled_at, u.full_name, u.username, u.search_name, u.position,
                    u.district, u.commune,
                    p.user_id IS NOT NULL AS completed, s.user_id IS NOT NULL AS started,
                    c.user_id IS NOT NULL AS certified
                FROM enrollment e JOIN user u ON u.id = e.user_id
                LEFT JOIN passed p ON p.user_id = e.user_id
                LEFT JOIN started s ON s.user_id = e.user_id
                LEFT JOIN certified c ON c.user_id = e.user_id
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
