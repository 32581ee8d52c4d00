import Foundation
import GRDB

/// The per-quiz report (issue 8): each enrolled learner's best score and attempts used, in one query.
public struct QuizReport: Sendable {
    let database: AppDatabase
    /// Which group each commune of the place list belongs to (issue 15).
    let grouping: ReportGroups

    public init(database: AppDatabase, places: PlaceList = .empty) {
        self.database = database
        self.grouping = ReportGroups(places)
    }

    /// One learner's results in one quiz.
    public struct Line: Sendable, Equatable {
        public var userID: Int64
        public var fullName: String
        public var username: String
        public var searchName: String
        /// The commune's group of the place list; "" for no group.
        public var group: String
        public var commune: String
        /// Best graded percentage; nil before the first graded attempt.
        public var bestPercent: Double?
        /// Attempts started, graded or not (as `QuizStanding.attemptsUsed`).
        public var attemptsUsed: Int
        public var passed: Bool
        public var lastSubmittedAt: Date?
    }

    /// Every enrolled person the filter selects, with or without attempts, in no particular order (reports sort).
    public func lines(course: String, quiz: String, _ filter: ReportFilter) async throws -> [Line] {
        let (filters, filterArguments) = filter.sqlConditions(grouping)
        let groups = grouping
        let conditions = ["e.course_slug = :course"] + filters
        let arguments = StatementArguments(filterArguments.merging(["course": course, "quiz": quiz]) { $1 })
        let sql = """
            SELECT u.id, u.full_name, u.username, u.search_name, u.commune, MAX(a.percent) AS best,
                COUNT(a.id) AS used, MAX(COALESCE(a.passed, 0)) AS passed, MAX(a.submitted_at) AS last
            FROM enrollment e JOIN user u ON u.id = e.user_id
            LEFT JOIN attempt a ON a.user_id = e.user_id AND a.course_slug = e.course_slug AND a.module_slug = :quiz
            WHERE \(conditions.joined(separator: " AND "))
            GROUP BY e.user_id
            """
        return try await database.writer.read { db in
            // Columns by position, in the order of the SELECT: a look-up by name on each of 10,000 rows costs more.
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let commune: String = row[4]
                return Line(
                    userID: row[0], fullName: row[1], username: row[2], searchName: row[3],
                    group: groups.group(of: commune), commune: commune, bestPercent: row[5], attemptsUsed: row[6],
                    passed: row[7], lastSubmittedAt: row[8])
            }
        }
    }
}
