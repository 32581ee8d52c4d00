import Foundation
import GRDB

/// Computes learners' progress from enrolments, lesson views and graded quiz attempts.
public struct ProgressService: Sendable {
    let database: AppDatabase
    let enrollments: EnrollmentStore

    public init(database: AppDatabase, enrollments: EnrollmentStore) {
        self.database = database
        self.enrollments = enrollments
    }

    /// Best score, pass and attempts used for each quiz of a course.
    public func standings(userID: Int64, course: Course) async throws -> [String: QuizStanding] {
        let passMarks = Dictionary(
            uniqueKeysWithValues: course.modules.compactMap { module in
                module.quiz.map { (module.slug, $0.passPercent) }
            })
        let rows = try await database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT module_slug, MAX(percent) AS best, MAX(COALESCE(passed, 0)) AS passed, COUNT(*) AS used
                    FROM attempt WHERE user_id = ? AND course_slug = ? GROUP BY module_slug
                    """,
                arguments: [userID, course.slug])
        }
        var result: [String: QuizStanding] = [:]
        for row in rows {
            let slug: String = row["module_slug"]
            guard passMarks[slug] != nil else { continue }
            result[slug] = QuizStanding(
                slug: slug, bestPercent: row["best"], passed: row["passed"], attemptsUsed: row["used"])
        }
        return result
    }

    /// Progress in every course the learner is enrolled in that is still published.
    public func progress(userID: Int64, catalog: CourseCatalog.Snapshot) async throws -> [CourseProgress] {
        var result: [CourseProgress] = []
        for (slug, enrolledAt) in try await enrollments.enrollments(userID: userID) {
            guard let course = catalog.course(slug) else { continue }
            let views = try await enrollments.lessonViews(userID: userID, course: slug)
            result.append(
                CourseProgress(
                    course: course, enrolledAt: enrolledAt, openedLessons: views.opened, lastOpened: views.last,
                    standings: try await standings(userID: userID, course: course)))
        }
        return result
    }
}
