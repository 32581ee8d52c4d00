import Foundation
import Testing

@testable import Academy

/// `completion:` in course.yaml: progress, the badge, reports and the certificate follow one rule (issue 15).
@Suite struct CompletionRuleTests {
    static let courses = Fixtures.path("courses/grouped")

    @Test func theBlockIsReadAndTheCertificateTitleDefaults() throws {
        let (course, problems) = CourseLoader().load(directory: Self.courses + "/hoan-thanh")
        #expect(problems.isEmpty, "\(problems)")
        let loaded = try #require(course)
        #expect(loaded.completion == CompletionRule(lessons: .all, quizzes: .modules(["kiem-tra"])))
        #expect(loaded.requiredLessons == ["bai-mot", "bai-hai"] && loaded.requiredQuizzes == ["kiem-tra"])
        #expect(loaded.certificate?.title == CertificateSpec.defaultTitle)
        #expect(loaded.certificate?.title.text(.vi) == "Giấy xác nhận hoàn thành khóa học")
        #expect(loaded.certificate?.title.text(.en) == "Certificate of course completion")
    }

    @Test func withoutTheBlockTheCertificatesRequiresDecideAsBefore() throws {
        let course = try #require(CourseLoader().load(directory: Fixtures.path("courses/good/sample")).course)
        #expect(course.completion == nil)
        #expect(course.requiredLessons.isEmpty && course.requiredQuizzes == ["kiem-tra"])
        #expect(course.isCompleted(read: [], passed: ["kiem-tra"]))
        #expect(!course.isCompleted(read: ["bai-mot"], passed: ["bai-mot"]))
    }

    @Test func passingTheTestWithALessonUnreadIsNotCompletionAndReadingItIssuesTheCertificate() async throws {
        // given a learner enrolled in a course that requires every lesson read and the final test passed
        let services = try await TestApp.services(courses: Self.courses)
        let user = try await People.make(services, "hocvien")
        let userID = user.id ?? 0
        try await services.enrollments.enroll(userID: userID, course: "hoan-thanh", by: nil)
        let course = try #require(services.catalog.snapshot.course("hoan-thanh"))
        let quiz = try #require(course.module("kiem-tra"))
        try await services.enrollments.recordLessonView(userID: userID, course: "hoan-thanh", module: "bai-mot")
        // when the final test is passed with "bai-hai" unread
        let (attempt, _) = try await services.attempts.startOrResume(userID: userID, course: course, module: quiz)
        let graded = try await services.attempts.submit(
            attemptID: attempt.id, userID: userID, answers: ["dung": QuizAnswer(choiceIds: ["true"])], course: course)
        // then no certificate, not completed, and not 100 %
        #expect(graded.passed == true && graded.resultJson?.certificateCode == nil)
        var progress = try #require(
            try await services.progress.progress(userID: userID, catalog: services.catalog.snapshot).first)
        #expect(!progress.completed && progress.percent < 100)
        #expect(course.missing(read: progress.openedLessons, passed: ["kiem-tra"]).lessons == ["bai-hai"])
        #expect(try await services.certificates.certificates(userID: userID).isEmpty)
        // when the last lesson is read
        let certificates = services.certificates
        let owed = try await services.enrollments.recordLessonViewIfEnrolled(
            userID: userID, course: "hoan-thanh", module: "bai-hai"
        ) { db in try certificates.owedAfterLesson(db, userID: userID, course: course, module: "bai-hai") }.owed
        #expect(owed != nil, "the certificate is promised in the view's own transaction")
        if let owed { await certificates.sign(owed: owed) }
        // then
        progress = try #require(
            try await services.progress.progress(userID: userID, catalog: services.catalog.snapshot).first)
        #expect(progress.completed && progress.percent == 100)
        #expect(try await certificates.certificates(userID: userID).count == 1)
    }

    @Test func aCompletionBlockNamingNothingUsableIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("completion-\(UUID().uuidString)")
            .appendingPathComponent("sai").path
        try FileManager.default.createDirectory(atPath: folder + "/lessons", withIntermediateDirectories: true)
        try "# A\n\nA.\n".write(toFile: folder + "/lessons/a.md", atomically: true, encoding: .utf8)
        let yaml = """
            title: Sai
            modules:
              - slug: a
                title: A
                lesson: lessons/a.md
            completion:
              lessons: [a, b]
              quizzes: [a]
            """
        try yaml.write(toFile: folder + "/course.yaml", atomically: true, encoding: .utf8)
        let messages = CourseLoader().load(directory: folder).problems.map(\.description)
            .map { $0.replacingOccurrences(of: folder + "/", with: "") }
        #expect(
            messages == [
                "course.yaml:7: completion requires module 'b', which is not in 'modules'",
                "course.yaml:8: completion requires the quiz of module 'a', which has none",
            ])
    }
}
