import Foundation
import GRDB

/// The per-quiz report (issue 8): each enrolled learner's best score and attempts used, in one query.
public struct QuizReport: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// One learner's results in one quiz.
    public struct Line: Sendable, Equatable {
        public var userID: Int64
        public var fullName: String
        public var username: String
        public var searchName: String
        public var district: String
        public var commune: String
        /// Best graded percentage; nil before the first graded attempt.
        public var bestPercent: Double?
        /// Attempts started, graded or not (as `QuizStanding.attemptsUsed`).
        public var attemptsUsed: Int
        public var passed: Bool
        public var lastSubmittedAt: Date?
    }

    /// Every enrolled person the filter selects, with or without attempts, by district, commune and name.
    public func lines(course: String, quiz: String, _ filter: ReportFilter) async throws -> [Line] {
        let (filters, filterArguments) = filter.sqlConditions
        let conditions = ["e.course_slug = :course"] + filters
        let arguments = StatementArguments(filterArguments.merging(["course": course, "quiz": quiz]) { $1 })
        let sql = """
            SELECT u.id, u.full_name, u.username, u.search_name, u.district, u.commune, MAX(a.percent) AS best,
                COUNT(a.id) AS used, MAX(COALESCE(a.passed, 0)) AS passed, MAX(a.submitted_at) AS last
            FROM enrollment e JOIN user u ON u.id = e.user_id
            LEFT JOIN attempt a ON a.user_id = e.user_id AND a.course_slug = e.course_slug AND a.module_slug = :quiz
            WHERE \(conditions.joined(separator: " AND "))
            GROUP BY e.user_id ORDER BY u.district, u.commune, u.full_name
            """
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                Line(
                    userID: row["id"], fullName: row["full_name"], username: row["username"],
                    searchName: row["search_name"],
                    district: row["district"],
                    commune: row["commune"], bestPercent: row["best"], attemptsUsed: row["used"],
                    passed: row["passed"], lastSubmittedAt: row["last"])
            }
        }
    }
}
