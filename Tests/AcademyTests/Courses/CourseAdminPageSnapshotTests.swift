import Foundation
import Testing

@testable import Academy

/// Golden files of the course admin page (`Tests/AcademyTests/Snapshots/courses/`), in both languages.
@Suite struct CourseAdminPageSnapshotTests {
    @Test func problems() async throws {
        let snapshots = try await PageSnapshots.make()
        let loadedAt = Date(timeIntervalSince1970: 1_790_000_000)
        let clean = CourseCatalog.Snapshot(courses: [SnapshotFixtures.course], loadedAt: loadedAt)
        snapshots.check("courses/problems", path: SitePath.courseProblems, roles: [.trainer, .admin]) {
            strings, language in
            ProblemsPage(clean, reloaded: false, strings: strings, language: language)
        }
        // Just reloaded, two folders refused: each with its problems, by folder name.
        let refused = CourseCatalog.Snapshot(
            courses: [SnapshotFixtures.course],
            failures: [
                "khoa-hong": [
                    CourseProblem(path: "khoa-hong/course.yaml", line: 4, message: "module 'bai-2' is listed twice"),
                    CourseProblem(path: "khoa-hong/quizzes/01.gift", line: 12, message: "a choice has no text"),
                ],
                "chua-xong": [CourseProblem(path: "chua-xong/course.yaml", line: 1, message: "the title is missing")],
            ], loadedAt: loadedAt)
        snapshots.check("courses/problems-refused", path: SitePath.courseProblems, roles: [.trainer]) {
            strings, language in
            ProblemsPage(refused, reloaded: true, strings: strings, language: language)
        }
    }
}
