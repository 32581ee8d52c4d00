import Foundation
import GRDB

/// Who is enrolled in which course, and which lessons they have opened. Every write is idempotent.
public struct EnrollmentStore: Sendable {
    let database: AppDatabase
    /// The server's one `RecentLessonViews` (`Caches.lessonViews`).
    let recentViews: RecentLessonViews
    /// The server's one write batcher: a lesson's first opening shares its commit (and fsync) with the answers and
    /// submissions of the same moment. Nil in tests that make a store alone: then each view is its own transaction.
    var batcher: WriteBatcher? = nil

    /// Enrols one person; true when this created the enrolment, false when it already existed.
    @discardableResult
    public func enroll(userID: Int64, course: String, by actor: Int64?, now: Date = Date()) async throws -> Bool {
        try await database.writer.write { db in try Self.enroll(db, userID: userID, course: course, by: actor, now: now)
        }
    }

    /// The same, inside a caller's transaction.
    static func enroll(_ db: Database, userID: Int64, course: String, by actor: Int64?, now: Date) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO enrollment (user_id, course_slug, enrolled_at, enrolled_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, course_slug) DO NOTHING
                """,
            arguments: [userID, course, now, actor])
        return db.changesCount > 0
    }

    /// Enrols many people at once in one transaction; returns how many were new.
    public func enroll(userIDs: [Int64], course: String, by actor: Int64?, now: Date = Date()) async throws -> Int {
        try await database.writer.write { db in
            var created = 0
            for id in userIDs where try Self.enroll(db, userID: id, course: course, by: actor, now: now) {
                created += 1
            }
            return created
        }
    }

    public func isEnrolled(userID: Int64, course: String) async throws -> Bool {
        try await database.writer.read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM enrollment WHERE user_id = ? AND course_slug = ?"),
                arguments: [userID, course]) != nil
        }
    }

    /// Records that a learner opened a lesson (first and latest time).
    public func recordLessonView(userID: Int64, course: String, module: String, now: Date = Date()) async throws {
        try await database.writer.write { db in
            try Self.recordLessonView(db, userID: userID, course: course, module: module, now: now)
        }
    }

    static func recordLessonView(_ db: Database, userID: Int64, course: String, module: String, now: Date) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO lesson_view (user_id, course_slug, module_slug, first_opened_at, last_opened_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id, course_slug, module_slug) DO UPDATE SET last_opened_at = excluded.last_opened_at
                """
        ).execute(arguments: [userID, course, module, DatabaseTime.text(now), DatabaseTime.text(now)])
    }

    /// Records an opening of a lesson by an enrolled learner; a reload of the lesson just written (see
    /// `RecentLessonViews`) costs no database access at all. True when the view was written.
    @discardableResult
    public func recordLessonViewIfEnrolled(userID: Int64, course: String, module: String, now: Date = Date())
        async throws -> Bool
    {
        try await recordLessonViewIfEnrolled(userID: userID, course: course, module: module, now: now) { _ in nil }
            .written
    }

    /// The same, running `then` in the view's own transaction once it is written (the certificate that reading this
    /// lesson may complete: `CertificateService.owedAfterLesson`), and returning what it returned. One transaction,
    /// shared through the batcher with the other writes of the moment: a province reading at once is not one fsync
    /// per page.
    public func recordLessonViewIfEnrolled(
        userID: Int64, course: String, module: String, now: Date = Date(),
        then: @escaping @Sendable (Database) throws -> String?
    ) async throws -> (written: Bool, owed: String?) {
        if recentViews.isRecent(userID: userID, course: course, module: module, now: now) { return (false, nil) }
        guard try await isEnrolled(userID: userID, course: course) else { return (false, nil) }
        let job: @Sendable (Database) throws -> String? = { db in
            try Self.recordLessonView(db, userID: userID, course: course, module: module, now: now)
            return try then(db)
        }
        let owed: String?
        if let batcher {
            owed = try await batcher.write(job)
        } else {
            owed = try await database.writer.write(job)
        }
        recentViews.written(userID: userID, course: course, module: module, at: now)
        return (true, owed)
    }

    /// A learner's enrolments with when each started.
    public func enrollments(userID: Int64) async throws -> [(course: String, enrolledAt: Date)] {
        try await database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT course_slug, enrolled_at FROM enrollment WHERE user_id = ? ORDER BY enrolled_at",
                arguments: [userID]
            ).map { ($0["course_slug"], $0["enrolled_at"]) }
        }
    }

    /// The lessons a learner has opened in a course, and the one opened last.
    public func lessonViews(userID: Int64, course: String) async throws -> (opened: Set<String>, last: String?) {
        try await database.writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT module_slug FROM lesson_view WHERE user_id = ? AND course_slug = ?
                    ORDER BY last_opened_at DESC
                    """,
                arguments: [userID, course])
            let slugs: [String] = rows.map { $0["module_slug"] }
            return (Set(slugs), slugs.first)
        }
    }
}
