import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// The learner's result and course pages (issue 16): "Làm lại" beside the score, and what completing the course
/// still needs, in words and with links, until it is complete.
@Suite struct LearnerPagesTests {
    static let grouped = Fixtures.path("courses/grouped")

    /// Grades an attempt at `module` of `course` with `answers` for `user`.
    func take(
        _ services: AppServices, _ user: User, course slug: String, module: String, answers: [String: QuizAnswer]
    ) async throws -> Attempt {
        let course = try #require(services.catalog.snapshot.course(slug))
        let (attempt, _) = try await services.attempts.startOrResume(
            userID: user.id ?? 0, course: course, module: try #require(course.module(module)))
        return try await services.attempts.submit(
            attemptID: attempt.id, userID: user.id ?? 0, answers: answers, course: course)
    }

    @Test func aFailedResultOffersTheRetakeBesideTheScoreAndSaysWhatIsMissing() async throws {
        try await TestApp.withServices { services, client in
            // given a learner who failed the first of two attempts at "bai-mot"
            let learner = try await People.make(services, "hocvien")
            try await services.enrollments.enroll(userID: learner.id ?? 0, course: "sample", by: nil)
            let failed = try await take(services, learner, course: "sample", module: "bai-mot", answers: [:])
            let headers = try await People.browser(services, learner)
            // when
            let page = try await client.execute(uri: SitePath.attempt(failed.id), method: .get, headers: headers)
            // then the retake form comes right after the score, before the review and the completion note
            let html = page.text
            let score = try #require(html.range(of: "class=\"score\""))
            let retake = try #require(html.range(of: "action=\"/courses/sample/bai-mot/quiz\""))
            let review = try #require(html.range(of: "Xem lại bài làm"))
            #expect(score.upperBound < retake.lowerBound && retake.upperBound < review.lowerBound)
            #expect(html.contains(">Làm lại</button>"))
            #expect(html[score.upperBound..<retake.lowerBound].count < 200, "beside the score, not screens below")
            #expect(html.contains("Còn 1 lần làm bài."))
            #expect(html.contains("Điểm: 0/2 (0\u{00A0}%) · Điểm đạt: 50\u{00A0}%"))
            // and what completing the course still needs: the final test, linked
            #expect(html.contains("Còn thiếu để hoàn thành khóa học"))
            #expect(html.contains("<a href=\"/courses/sample/kiem-tra/quiz\">Phần 3: Kiểm tra cuối</a>"))
            // when the retake is used, the second and last attempt is done
            let second = try await take(services, learner, course: "sample", module: "bai-mot", answers: [:])
            let usedUp = try await client.execute(uri: SitePath.attempt(second.id), method: .get, headers: headers)
            // then there is no retake left, on either result
            #expect(!usedUp.text.contains(">Làm lại</button>"))
            let first = try await client.execute(uri: SitePath.attempt(failed.id), method: .get, headers: headers)
            #expect(!first.text.contains(">Làm lại</button>"))
        }
    }

    @Test func staffWhoMayNotStartAQuizAreNotOfferedTheRetake() async throws {
        try await TestApp.withServices { services, client in
            // given a trainer's graded attempt (made directly: the start route is for learners and admins)
            let trainer = try await People.make(services, "giangvien", role: .trainer)
            try await services.enrollments.enroll(userID: trainer.id ?? 0, course: "sample", by: nil)
            let attempt = try await take(services, trainer, course: "sample", module: "bai-mot", answers: [:])
            // when
            let page = try await client.execute(
                uri: SitePath.attempt(attempt.id), method: .get, headers: try await People.browser(services, trainer))
            // then
            #expect(page.status == .ok)
            #expect(!page.text.contains(">Làm lại</button>"))
        }
    }

    @Test func theCoursePageListsTheUnreadLessonsUntilTheCourseIsCompleteThenLinksTheCertificate() async throws {
        try await TestApp.withServices(courses: Self.grouped) { services, client in
            // given a learner who read "bai-mot" and passed the final test, with "bai-hai" unread
            let learner = try await People.make(services, "hocvien")
            let id = learner.id ?? 0
            try await services.enrollments.enroll(userID: id, course: "hoan-thanh", by: nil)
            try await services.enrollments.recordLessonView(userID: id, course: "hoan-thanh", module: "bai-mot")
            let passed = try await take(
                services, learner, course: "hoan-thanh", module: "kiem-tra",
                answers: ["dung": QuizAnswer(choiceIds: ["true"])])
            let headers = try await People.browser(services, learner)
            // when
            let course = try await client.execute(uri: "/courses/hoan-thanh", method: .get, headers: headers)
            let result = try await client.execute(uri: SitePath.attempt(passed.id), method: .get, headers: headers)
            // then both say the lesson is still to read, with its link, and nothing about the passed test
            for page in [course, result] {
                #expect(page.text.contains("Còn thiếu để hoàn thành khóa học"))
                #expect(page.text.contains("Đọc bài:"))
                #expect(page.text.contains("<a href=\"/courses/hoan-thanh/bai-hai\">Phần 2: Bài hai</a>"))
                #expect(!page.text.contains("Đạt bài kiểm tra:"))
                #expect(!page.text.contains("Phần 1: Bài một"))
            }
            // when the lesson is read (which issues the certificate)
            _ = try await client.execute(uri: "/courses/hoan-thanh/bai-hai", method: .get, headers: headers)
            let code = try #require(try await services.certificates.certificates(userID: id).first?.code)
            let done = try await client.execute(uri: "/courses/hoan-thanh", method: .get, headers: headers)
            let doneResult = try await client.execute(
                uri: SitePath.attempt(passed.id), method: .get, headers: headers)
            // then complete, and the certificate is one tap away
            for page in [done, doneResult] {
                #expect(page.text.contains("Bạn đã hoàn thành khóa học này."))
                #expect(page.text.contains("href=\"/v/\(code)\""))
                #expect(!page.text.contains("Còn thiếu để hoàn thành"))
            }
        }
    }

    @Test func aTimedAttemptShowsItsDeadlineInWordsAndTheSecondsLeftForTheScript() async throws {
        try await TestApp.withServices { services, client in
            // given an open attempt at the ten-minute final test
            let learner = try await People.make(services, "hocvien")
            try await services.enrollments.enroll(userID: learner.id ?? 0, course: "sample", by: nil)
            let course = try #require(services.catalog.snapshot.course("sample"))
            let (attempt, _) = try await services.attempts.startOrResume(
                userID: learner.id ?? 0, course: course, module: try #require(course.module("kiem-tra")))
            let deadline = try #require(attempt.deadline)
            // when
            let page = try await client.execute(
                uri: SitePath.attempt(attempt.id), method: .get, headers: try await People.browser(services, learner))
            // then the deadline is in words without JavaScript, and the countdown's script is loaded with it
            let html = page.text
            #expect(html.contains("Hạn nộp lúc <time datetime=\"\(Timestamp.text(deadline))\" id=\"deadline\">"))
            #expect(html.contains(">\(LocalText.time(deadline, .vi))</time>"))
            let remaining = try #require(html.firstMatch(of: /data-remaining="(\d+)"/)).1
            #expect((590...600).contains(Int(remaining) ?? -1), "the server's seconds left: \(remaining)")
            #expect(html.contains("<script src=\"/js/timer.js\" defer></script>"))
            #expect(html.contains("id=\"timer-say\" aria-live=\"assertive\""), "a live region apart from the clock")
            #expect(!html.contains("id=\"timer-clock\" aria-live"), "the clock itself is not read out every second")
        }
    }
}
