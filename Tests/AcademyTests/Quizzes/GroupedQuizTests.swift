import Foundation
import Testing

@testable import Academy

/// Quiz files with `groups:`: every attempt draws each group's share, fixed for the attempt's life (issue 15).
@Suite struct GroupedQuizTests {
    static let courses = Fixtures.path("courses/grouped")

    func course() throws -> Course {
        let (course, problems) = CourseLoader().load(directory: Self.courses + "/nhom")
        #expect(problems.isEmpty, "\(problems)")
        return try #require(course)
    }

    @Test func aGroupedFileLoadsItsGroupsAndEveryQuestion() throws {
        // given the fixture: group 'bai-mot' draws 2 of 3, group 'bai-hai' 1 of 2
        let quiz = try #require(try course().module("kiem-tra")?.quiz)
        // then
        #expect(quiz.questions.map(\.id) == ["m1", "m2", "m3", "h1", "h2"])
        #expect(
            quiz.groups == [
                QuestionGroup(id: "bai-mot", title: "Bài 1", draw: 2, questionIDs: ["m1", "m2", "m3"]),
                QuestionGroup(id: "bai-hai", draw: 1, questionIDs: ["h1", "h2"]),
            ])
        #expect(quiz.questionsPerAttempt == 3)
    }

    @Test func everyLayoutDrawsEachGroupsShareInTheFilesOrder() throws {
        let quiz = try #require(try course().module("kiem-tra")?.quiz)
        var seen = Set<String>()
        for _ in 0..<200 {
            // when
            let ids = AttemptStore.layout(for: quiz).items.map(\.questionId)
            // then
            #expect(ids.filter { $0.hasPrefix("m") }.count == 2)
            #expect(ids.filter { $0.hasPrefix("h") }.count == 1)
            #expect(ids == quiz.questions.map(\.id).filter(ids.contains), "the file's order when not shuffled")
            seen.formUnion(ids)
        }
        #expect(seen == ["m1", "m2", "m3", "h1", "h2"], "every question can be drawn")
    }

    @Test func aShuffledGroupedQuizStillDrawsEachGroupsShare() throws {
        var quiz = try #require(try course().module("kiem-tra")?.quiz)
        quiz.shuffleQuestions = true
        for _ in 0..<50 {
            let ids = AttemptStore.layout(for: quiz).items.map(\.questionId)
            #expect(ids.filter { $0.hasPrefix("m") }.count == 2 && ids.filter { $0.hasPrefix("h") }.count == 1)
        }
    }

    @Test func aStartedGroupedAttemptResumesWithTheSameQuestions() async throws {
        // given
        let services = try await TestApp.services(courses: Self.courses)
        let user = try await People.make(services, "hocvien")
        try await services.enrollments.enroll(userID: user.id ?? 0, course: "nhom", by: nil)
        let course = try #require(services.catalog.snapshot.course("nhom"))
        let module = try #require(course.module("kiem-tra"))
        let store = services.attemptsWithoutCertificates
        // when
        let (first, _) = try await store.startOrResume(userID: user.id ?? 0, course: course, module: module)
        let (again, isNew) = try await store.startOrResume(userID: user.id ?? 0, course: course, module: module)
        // then
        #expect(first.layoutJson.items.count == 3)
        #expect(!isNew && again == first)
        #expect(try await store.quiz(for: first).groups == module.quiz?.groups, "the snapshot keeps the groups")
    }

    @Test func theAnswerKeyListsTheGroups() throws {
        let quiz = try #require(try course().module("kiem-tra")?.quiz)
        let key = AnswerKey(slug: "kiem-tra", title: "Kiểm tra", quiz: quiz)
        #expect(key.draw == nil)
        #expect(key.groups?.map(\.questions) == [["m1", "m2", "m3"], ["h1", "h2"]])
        #expect(key.questions.count == 5)
    }

    @Test func anUngroupedFileHasNoGroups() {
        let file = QuizFileLoader.loadFile(
            text: "questions:\n  - {id: a, type: truefalse, text: A, answer: true}\n", path: "q.yaml")
        #expect(file.problems.isEmpty && file.groups == nil && file.questions.count == 1)
    }
}
