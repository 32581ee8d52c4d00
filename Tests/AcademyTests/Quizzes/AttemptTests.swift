import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

@Suite struct AttemptTests {
    /// A learner enrolled in the fixture course.
    func learner(_ services: AppServices, _ name: String = "hocvien") async throws -> User {
        let user = try await People.make(services, name)
        try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
        return user
    }

    func course(_ services: AppServices) throws -> Course { try #require(services.catalog.snapshot.course("sample")) }

    /// A learner with an open attempt at the first module's quiz.
    func openAttempt() async throws -> (
        services: AppServices, user: User, store: AttemptStore, course: Course, attempt: Attempt
    ) {
        let services = try await TestApp.services()
        let user = try await learner(services)
        let store = services.attemptsWithoutCertificates
        let course = try course(services)
        let (attempt, _) = try await store.startOrResume(
            userID: user.id ?? 0, course: course, module: try #require(course.module("bai-mot")))
        return (services, user, store, course, attempt)
    }

    @Test func startStoresTheAttemptAndResumeReturnsIt() async throws {
        let services = try await TestApp.services()
        let user = try await learner(services)
        let store = services.attemptsWithoutCertificates
        let course = try course(services)
        let module = try #require(course.module("kiem-tra"))
        let (first, isNew) = try await store.startOrResume(userID: user.id ?? 0, course: course, module: module)
        #expect(isNew)
        #expect(first.layoutJson.items.count == 2, "draw 2 of 3")
        #expect(first.contentVersion == course.contentVersion)
        #expect(first.deadline != nil)
        let questionID = first.layoutJson.items[0].questionId
        try await store.save(
            attemptID: first.id, userID: user.id ?? 0, questionID: questionID, answer: QuizAnswer(text: "138"))
        let (again, againNew) = try await store.startOrResume(userID: user.id ?? 0, course: course, module: module)
        #expect(!againNew)
        #expect(again == first, "same questions in the same order")
        #expect(try await store.answers(attemptID: first.id)[questionID] == QuizAnswer(text: "138"))
    }

    @Test func attemptLimitIsEnforced() async throws {
        let services = try await TestApp.services()
        let user = try await learner(services)
        let store = services.attemptsWithoutCertificates
        let course = try course(services)
        let module = try #require(course.module("bai-mot"))  // max_attempts: 2
        for _ in 0..<2 {
            let (attempt, _) = try await store.startOrResume(userID: user.id ?? 0, course: course, module: module)
            _ = try await store.submit(attemptID: attempt.id, userID: user.id ?? 0, answers: nil, course: course)
        }
        await #expect(throws: QuizError.attemptsUsedUp(2)) {
            _ = try await store.startOrResume(userID: user.id ?? 0, course: course, module: module)
        }
    }

    @Test func notEnrolledCannotStart() async throws {
        let services = try await TestApp.services()
        let user = try await People.make(services, "chua-ghi-danh")
        let course = try course(services)
        await #expect(throws: QuizError.notEnrolled) {
            _ = try await services.attemptsWithoutCertificates
                .startOrResume(userID: user.id ?? 0, course: course, module: try #require(course.module("bai-mot")))
        }
    }

    @Test func aSubmissionCountsAnswersSavedEarlierAndItsOwnAndStoresThemAll() async throws {
        let (services, user, store, course, attempt) = try await openAttempt()
        // one answer autosaved (wrong, then changed to right by the submission), one only in the submission
        try await store.save(
            attemptID: attempt.id, userID: user.id ?? 0, questionID: "tru-cot", answer: QuizAnswer(choiceIds: ["b"]))
        try await store.save(
            attemptID: attempt.id, userID: user.id ?? 0, questionID: "mat-khau",
            answer: QuizAnswer(choiceIds: ["false"]))
        let partial = try await store.submit(
            attemptID: attempt.id, userID: user.id ?? 0, answers: ["tru-cot": QuizAnswer(choiceIds: ["a"])],
            course: course)
        #expect(partial.percent == 100)
        let stored = try await services.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT question_id, response_json FROM answer ORDER BY question_id")
                .map { "\($0["question_id"] as String)=\($0["response_json"] as String)" }
        }
        #expect(stored == [#"mat-khau={"choiceIds":["false"]}"#, #"tru-cot={"choiceIds":["a"]}"#])
        // a second attempt submitted with every answer in the body
        let (second, _) = try await store.startOrResume(
            userID: user.id ?? 0, course: course, module: try #require(course.module("bai-mot")))
        let full = try await store.submit(
            attemptID: second.id, userID: user.id ?? 0,
            answers: ["tru-cot": QuizAnswer(choiceIds: ["c"]), "mat-khau": QuizAnswer(choiceIds: ["false"])],
            course: course)
        #expect(full.percent == 50)
        let count = try await services.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer WHERE attempt_id = ?", arguments: [second.id])
        }
        #expect(count == 2)
    }

    @Test func anExpiredAttemptIsGradedWithTheAnswersSavedBeforeTheDeadline() async throws {
        let services = try await TestApp.services()
        let user = try await learner(services)
        let store = services.attemptsWithoutCertificates
        let course = try course(services)
        let module = try #require(course.module("kiem-tra"))  // 10 minutes
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let (attempt, _) = try await store.startOrResume(
            userID: user.id ?? 0, course: course, module: module, now: start)
        let ids = attempt.layoutJson.items.map(\.questionId)
        let right: [String: QuizAnswer] = [
            "tinh": QuizAnswer(text: "Tuyen Quang"), "to-cap-xa": QuizAnswer(text: "138"),
            "dich-vu": QuizAnswer(choiceIds: ["a", "b"]),
        ]
        try await store.save(
            attemptID: attempt.id, userID: user.id ?? 0, questionID: ids[0], answer: right[ids[0]] ?? QuizAnswer(),
            now: start + 60)
        // a save after the deadline is refused and changes nothing
        await #expect(throws: QuizError.attemptClosed) {
            try await store.save(
                attemptID: attempt.id, userID: user.id ?? 0, questionID: ids[1], answer: right[ids[1]] ?? QuizAnswer(),
                now: start + 11 * 60)
        }
        // a submission long after the deadline: its answers are ignored, the saved ones count
        let graded = try await store.submit(
            attemptID: attempt.id, userID: user.id ?? 0, answers: [ids[1]: right[ids[1]] ?? QuizAnswer()],
            course: course,
            now: start + 20 * 60)
        #expect(graded.score == 1)
        #expect(graded.percent == 50)
        #expect(graded.passed == false)
    }

    @Test func twentyConcurrentSubmissionsGradeOnce() async throws {
        let (services, user, store, course, attempt) = try await openAttempt()
        let results = try await withThrowingTaskGroup(of: Attempt.self) { group in
            for index in 0..<20 {
                group.addTask {
                    // each duplicate carries a different answer: only the first one to arrive may count
                    let answers = ["tru-cot": QuizAnswer(choiceIds: [index % 2 == 0 ? "a" : "b"])]
                    return try await store.submit(
                        attemptID: attempt.id, userID: user.id ?? 0, answers: answers, course: course)
                }
            }
            return try await group.reduce(into: [Attempt]()) { $0.append($1) }
        }
        #expect(results.count == 20)
        #expect(Set(results.map(\.submittedAt)).count == 1)
        #expect(Set(results.map(\.percent)).count == 1)
        #expect(results.allSatisfy { $0.resultJson == results[0].resultJson })
        let rows = try await services.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt WHERE submitted_at IS NOT NULL")
        }
        #expect(rows == 1)
    }

    @Test func aCourseEditedMidAttemptKeepsTheAttemptsVersion() async throws {
        // given: a copy of the fixture course and an attempt started on it
        let root = NSTemporaryDirectory() + "academy-edit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("courses/good/sample"), toPath: root + "/sample")
        let services = try await TestApp.services(courses: root)
        let user = try await learner(services)
        let store = services.attemptsWithoutCertificates
        let before = try course(services)
        let (attempt, _) = try await store.startOrResume(
            userID: user.id ?? 0, course: before, module: try #require(before.module("bai-mot")))
        // when: the trainer makes "Hai" the right answer and the server reloads
        let gift = root + "/sample/quizzes/01.gift"
        let text = try String(contentsOfFile: gift, encoding: .utf8)
            .replacingOccurrences(of: "=Ba #Đúng.", with: "~Ba").replacingOccurrences(of: "~Hai", with: "=Hai")
        try text.write(toFile: gift, atomically: true, encoding: .utf8)
        services.catalog.reload()
        let after = try course(services)
        #expect(after.contentVersion != before.contentVersion)
        // then: the attempt is graded against the version it started on
        let graded = try await store.submit(
            attemptID: attempt.id, userID: user.id ?? 0,
            answers: ["tru-cot": QuizAnswer(choiceIds: ["a"]), "mat-khau": QuizAnswer(choiceIds: ["false"])],
            course: after)
        #expect(graded.percent == 100)
        #expect(graded.contentVersion == before.contentVersion)
    }
}
