import Foundation
import Testing

@testable import Academy

/// Multiple-answer weights as Moodle writes them (`%33.33333%`): accepted, graded exactly, exported again (issue 15).
@Suite struct MoodleWeightTests {
    static let gift = """
        ::ba-dung::Chọn ba việc đúng. {
          ~%33.33333%Một
          ~%33.33333%Hai
          ~%33.33333%Ba
          ~%-100%Bốn
        }
        """

    @Test func thirdsInGIFTAreAcceptedAndTheThreeRightChoicesScoreFullMarks() throws {
        // given
        let (questions, problems) = QuizFileLoader.load(text: Self.gift, path: "q.gift")
        #expect(problems.isEmpty, "\(problems)")
        let question = try #require(questions.first)
        // when / then
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["a", "b", "c"])).points == 1)
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["a", "b"])).points < 1)
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["a", "b", "c", "d"])).points == 0)
    }

    @Test func thirdsInYAMLAreAcceptedAndScoreFullMarks() throws {
        let yaml = """
            questions:
              - id: ba
                type: multiple
                text: Chọn ba.
                choices:
                  - {text: A, weight: 33.33333}
                  - {text: B, weight: 33.33333}
                  - {text: C, weight: 33.33333}
                  - {text: D}
            """
        let (questions, problems) = QuizFileLoader.load(text: yaml, path: "q.yaml")
        #expect(problems.isEmpty, "\(problems)")
        let question = try #require(questions.first)
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["a", "b", "c"])).points == 1)
    }

    @Test func aQuizOfThirdsScoresOneHundredPercent() async throws {
        // given the grouped fixture's multiple-answer question h2, drawn alone with a true/false question
        let services = try await TestApp.services(courses: Fixtures.path("courses/grouped"))
        let user = try await People.make(services, "hocvien")
        try await services.enrollments.enroll(userID: user.id ?? 0, course: "nhom", by: nil)
        let course = try #require(services.catalog.snapshot.course("nhom"))
        let module = try #require(course.module("kiem-tra"))
        let store = services.attemptsWithoutCertificates
        var attempt: Attempt
        repeat {
            (attempt, _) = try await store.startOrResume(userID: user.id ?? 0, course: course, module: module)
            if attempt.layoutJson.contains("h2") { break }
            _ = try await store.submit(attemptID: attempt.id, userID: user.id ?? 0, answers: [:], course: course)
        } while true
        // when every question is answered right
        var answers: [String: QuizAnswer] = ["h2": QuizAnswer(choiceIds: ["a", "b", "c"])]
        for item in attempt.layoutJson.items where item.questionId.hasPrefix("m") {
            answers[item.questionId] = QuizAnswer(choiceIds: [item.questionId == "m3" ? "false" : "true"])
        }
        let graded = try await store.submit(
            attemptID: attempt.id, userID: user.id ?? 0, answers: answers, course: course)
        // then
        #expect(graded.percent == 100)
    }

    @Test func theRightChoicesMustStillAddUpToOneHundredWithinARounding() {
        let (_, problems) = QuizFileLoader.load(text: "::x::X {\n~%33.3%A\n~%33.3%B\n~%33.3%C\n~D\n}", path: "q.gift")
        #expect(
            problems.map(\.message) == ["the weights of the correct choices of question 'x' add up to 99.9, not 100"])
    }

    @Test func theGIFTExportWritesWeightsMoodleAccepts() throws {
        // given a question whose right choices share the marks equally (100 / 3 each)
        let yaml =
            "questions:\n  - id: ba\n    type: multiple\n    text: T\n    choices:\n"
            + "      - {text: A, correct: true}\n      - {text: B, correct: true}\n      - {text: C, correct: true}\n"
            + "      - {text: D, weight: -100}\n"
        let (questions, _) = QuizFileLoader.load(text: yaml, path: "q.yaml")
        // when
        let gift = try QuizWriter.text(questions, path: "q.gift")
        // then
        #expect(gift.contains("~%33.33333%A") && gift.contains("~%-100%D"), "\(gift)")
        let (again, problems) = QuizFileLoader.load(text: gift, path: "q.gift")
        #expect(problems.isEmpty, "\(problems)")
        #expect(Grader.grade(try #require(again.first), QuizAnswer(choiceIds: ["a", "b", "c"])).points == 1)
        #expect(QuizWriter.weight(16.666666666666668) == "16.66667")
        #expect(QuizWriter.weight(-50) == "-50")
    }
}
