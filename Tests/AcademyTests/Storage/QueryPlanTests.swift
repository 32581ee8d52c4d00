import Foundation
import GRDB
import Testing

@testable import Academy

/// The queries on every quiz submission and every signed-in page must stay index look-ups as the tables grow.
/// A new index once made SQLite read every attempt of a course on each passed quiz (4 ms at 35,000 attempts):
/// these tests catch the next such change of plan.
@Suite struct QueryPlanTests {
    func plan(_ sql: String, _ database: AppDatabase) async throws -> String {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { row -> String in row["detail"] }
                .joined(separator: "\n")
        }
    }

    /// Without statistics (no ANALYZE) SQLite's choice depends on the schema alone, as on a fresh server.
    func database() async throws -> AppDatabase { try AppDatabase.inMemory() }

    @Test func passedModulesUseTheLearnersIndex() async throws {
        let database = try await database()
        let plan = try await plan(
            CertificateService.passedModulesSQL.replacingOccurrences(of: "?", with: "1"), database)
        #expect(plan.contains("attempt_by_learner"))
        #expect(!plan.contains("attempt_by_course"))
        #expect(!plan.contains("SCAN"))
    }

    @Test func hotLookUpsAreIndexSearches() async throws {
        let database = try await database()
        let queries = [
            "SELECT * FROM attempt WHERE id = 'x'",
            "SELECT question_id, response_json FROM answer WHERE attempt_id = 'x'",
            "SELECT quiz_json FROM quiz_version WHERE course_slug = 'a' AND module_slug = 'b' AND content_version = 'c'",
            "SELECT code FROM certificate WHERE user_id = 1 AND course_slug = 'a' AND content_version = 'c'",
            "SELECT code FROM certificate_outbox WHERE user_id = 1 AND course_slug = 'a' AND content_version = 'c'",
            "SELECT * FROM session WHERE token_hash = 'x'",
            "SELECT * FROM user WHERE id = 1",
            "SELECT 1 FROM enrollment WHERE user_id = 1 AND course_slug = 'a'",
        ]
        for sql in queries {
            let plan = try await plan(sql, database)
            #expect(plan.hasPrefix("SEARCH"), "\(sql): \(plan)")
            #expect(!plan.contains("SCAN"), "\(sql): \(plan)")
        }
    }
}
