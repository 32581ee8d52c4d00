import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// Numerical answers in a course written in Vietnamese: `1.120` = 1120, `61,43` = 61.43 (issue 15).
@Suite struct VietnameseNumberTests {
    @Test func vietnameseThousandsAndDecimals() {
        let cases: [(String, Double?)] = [
            ("1.120", 1120), ("61,43", 61.43), ("1.234.567,5", 1_234_567.5), ("1120", 1120), (" 138 ", 138),
            ("-1.120,5", -1120.5), ("0,5", 0.5), (",5", 0.5), ("1.000.000", 1_000_000),
            // the ambiguous ones, read as a Vietnamese learner means them
            ("1.5", 1.5), ("1,5", 1.5), ("1.12", 1.12), ("1,120", 1.12), ("0.125", 0.125), ("1234.5", 1234.5),
            // English grouping, typed anyway
            ("1,234.5", 1234.5), ("1,234,567", 1_234_567),
            // not numbers
            ("1.12.0", nil), ("1.2345.678", nil), ("12.34.5", nil), ("1,2,3", nil), (".", nil), ("", nil),
            ("ba", nil), ("1.120,5,5", nil),
        ]
        for (text, value) in cases {
            #expect(Grader.vietnameseNumber(text) == value, "\(text.debugDescription)")
        }
    }

    @Test func theRuleAppliesOnlyWhenAsked() {
        let question = Question(
            id: "n", type: .numerical, text: "?", numerical: [NumericalAnswer(value: 1120)], line: 1)
        #expect(Grader.grade(question, QuizAnswer(text: "1.120"), vietnameseNumbers: true).points == 1)
        #expect(Grader.grade(question, QuizAnswer(text: "1120"), vietnameseNumbers: true).points == 1)
        // English courses and attempts started before the change: today's rule, "1.120" is one point one two
        #expect(Grader.grade(question, QuizAnswer(text: "1.120")).points == 0)
        #expect(Grader.grade(question, QuizAnswer(text: "1120")).points == 1)
    }

    @Test func aVietnameseCourseMarksItsAttemptsAndAnOlderLayoutKeepsTheOldRule() throws {
        let quiz = Quiz(file: "q.yaml")
        #expect(AttemptStore.layout(for: quiz, language: .vi).vietnameseNumbers)
        #expect(!AttemptStore.layout(for: quiz, language: .en).vietnameseNumbers)
        let stored = #"{"items":[{"choiceIds":[],"questionId":"n"}]}"#
        #expect(try !Attempt.Layout(stored: stored).vietnameseNumbers, "a layout stored before issue 15")
        let marked = #"{"items":[{"choiceIds":[],"questionId":"n"}],"numbers":"vi"}"#
        #expect(try Attempt.Layout(stored: marked).vietnameseNumbers)
        let encoded = String(
            decoding: try AppJSON.plain.encode(AttemptStore.layout(for: quiz, language: .vi)), as: UTF8.self)
        #expect(try Attempt.Layout(stored: encoded).vietnameseNumbers)
    }

    /// The text "1.120" saved as the autosave API saves it is graded right in a Vietnamese course, and the page shows
    /// the rule next to the field (plain HTML, no JavaScript).
    @Test func aSavedAnswerIsGradedByTheRuleAndThePageStatesIt() async throws {
        let services = try await TestApp.services(courses: Fixtures.path("courses/grouped"))
        let user = try await People.make(services, "hocvien")
        try await services.enrollments.enroll(userID: user.id ?? 0, course: "nhom", by: nil)
        let course = try #require(services.catalog.snapshot.course("nhom"))
        let module = try #require(course.module("kiem-tra"))
        let store = services.attemptsWithoutCertificates
        var attempt: Attempt
        repeat {
            (attempt, _) = try await store.startOrResume(userID: user.id ?? 0, course: course, module: module)
            if attempt.layoutJson.contains("h1") { break }
            _ = try await store.submit(attemptID: attempt.id, userID: user.id ?? 0, answers: [:], course: course)
        } while true
        #expect(attempt.layoutJson.vietnameseNumbers)
        // when
        try await store.save(
            attemptID: attempt.id, userID: user.id ?? 0, questionID: "h1", answer: QuizAnswer(text: "1.120"))
        let page = AttemptPage(
            attempt, quiz: module.quiz!, saved: [:], course: course, strings: services.pages.strings, language: .vi)
        let graded = try await store.submit(attemptID: attempt.id, userID: user.id ?? 0, answers: nil, course: course)
        // then
        #expect(graded.resultJson?.marks["h1"]?.points == 1)
        let field = try #require(page.questions.first { $0.id == "h1" })
        #expect(field.numberHint?.contains("1.120") == true)
        #expect(page.questions.filter { $0.id != "h1" }.allSatisfy { $0.numberHint == nil })
    }
}
