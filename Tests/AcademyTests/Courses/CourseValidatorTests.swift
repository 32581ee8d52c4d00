import Foundation
import Testing

@testable import Academy

/// One broken fixture per class of error, each with the exact `path:line: message` a trainer would read.
@Suite struct CourseValidatorTests {
    static let broken = Fixtures.path("courses/broken")

    func problems(_ name: String) -> [String] {
        let (course, problems) = CourseLoader().load(directory: Self.broken + "/" + name)
        #expect(course == nil, "a course with problems must not load")
        return problems.map { $0.description.replacingOccurrences(of: Self.broken + "/", with: "") }
    }

    @Test func badYAML() {
        #expect(
            problems("bad-yaml") == [
                "bad-yaml/course.yaml:5: YAML syntax error: did not find expected ',' or ']' "
                    + "(while parsing a flow sequence that starts on line 4)"
            ])
    }

    @Test func missingLessonFile() {
        #expect(
            problems("missing-lesson") == [
                "missing-lesson/course.yaml:5: file 'lessons/khong-co.md' does not exist in the course folder"
            ])
    }

    @Test func duplicateModuleSlug() {
        #expect(
            problems("duplicate-module") == [
                "duplicate-module/course.yaml:6: duplicate module slug 'a' (first used on line 3)"
            ])
    }

    @Test func duplicateQuestionID() {
        #expect(
            problems("duplicate-question") == [
                "duplicate-question/quizzes/q.yaml:6: duplicate question id 'x' (first used on line 2)"
            ])
    }

    @Test func questionWithNoCorrectAnswer() {
        #expect(problems("no-correct") == ["no-correct/quizzes/q.gift:2: question 'khong-dung' has no correct answer"])
    }

    @Test func passMarkOutsideRange() {
        #expect(problems("pass-mark") == ["pass-mark/course.yaml:7: pass_percent 150 is outside 0–100"])
    }

    @Test func giftSyntaxError() {
        #expect(
            problems("gift-syntax") == [
                "gift-syntax/quizzes/q.gift:3: unclosed '{': the answers of this question never end"
            ])
    }

    @Test func missingTitleAndMisspelledKey() {
        #expect(
            problems("missing-title") == [
                "missing-title/course.yaml:1: course.yaml is missing 'title'",
                "missing-title/course.yaml:2: unknown key 'modlues' in course.yaml; expected one of: title, summary, "
                    + "language, version, open, modules, completion, certificate",
            ])
    }

    @Test func pathOutsideTheCourseFolder() {
        #expect(
            problems("path-escape") == [
                "path-escape/course.yaml:5: '../good/sample/lessons/01.md' must be a path inside the course folder, "
                    + "such as lessons/01.md"
            ])
    }

    @Test func drawMoreThanTheQuestions() {
        #expect(
            problems("draw-too-many") == [
                "draw-too-many/course.yaml:7: draw 5 is more than the 1 questions in quizzes/q.gift"
            ])
    }

    @Test func drawBesideAGroupedFileIsRefused() {
        #expect(
            problems("group-draw-beside") == [
                "group-draw-beside/course.yaml:7: quizzes/q.yaml has 'groups:': the draw is set per group there, "
                    + "not here; remove this 'draw'"
            ])
    }

    @Test func groupProblemsAreReportedOnTheirLines() {
        #expect(
            Set(problems("group-problems")) == [
                "group-problems/quizzes/q.yaml:3: group 'a' draws 3 but has only 2 questions",
                "group-problems/quizzes/q.yaml:7: duplicate group id 'a' (first used on line 2)",
                "group-problems/quizzes/q.yaml:8: 'draw' must be a whole number from 1 to 10000",
                "group-problems/quizzes/q.yaml:11: group 'c' needs 'draw:', how many of its questions each attempt asks",
                "group-problems/quizzes/q.yaml:14: a quiz with 'groups:' has no top-level 'questions:'; "
                    + "put every question in a group",
                "group-problems/quizzes/q.yaml:10: duplicate question id 'x' (first used on line 5)",
            ])
    }

    @Test func goodFixtureLoadsWhole() throws {
        let (course, problems) = CourseLoader().load(directory: Fixtures.path("courses/good/sample"))
        #expect(problems.isEmpty)
        let loaded = try #require(course)
        #expect(loaded.modules.map(\.slug) == ["bai-mot", "bai-hai", "kiem-tra"])
        #expect(loaded.modules[0].quiz?.questions.map(\.id) == ["tru-cot", "mat-khau"])
        #expect(loaded.modules[2].quiz?.draw == 2)
        #expect(loaded.modules[2].quiz?.review == .wrong)
        let multiple = try #require(loaded.modules[2].quiz?.questions.first { $0.id == "dich-vu" })
        #expect(multiple.choices.map(\.weight) == [50, 50, -100])
        #expect(loaded.modules[2].quiz?.questions.first?.matchDiacritics == false)
        #expect(loaded.certificate?.requires == ["kiem-tra"])
        #expect(loaded.media.keys.sorted() == ["so-do.png"])
    }

    @Test func catalogueKeepsServingValidCoursesBesideBrokenOnes() {
        let snapshot = CourseCatalog.loadAll(directory: Self.broken, loader: CourseLoader())
        #expect(snapshot.courses.isEmpty)
        #expect(snapshot.failures.count == 12)
    }

    @Test func shippedCoursesAreValid() throws {
        let snapshot = CourseCatalog.loadAll(directory: Fixtures.shippedCourses, loader: CourseLoader())
        #expect(snapshot.failures.isEmpty, "\(snapshot.failures)")
        let slugs = snapshot.courses.map(\.slug)
        #expect(slugs.contains("chuyen-doi-so-cap-xa"))
        #expect(slugs.contains("staying-safe-online"))
        let main = try #require(snapshot.course("chuyen-doi-so-cap-xa"))
        #expect(main.modules.filter { $0.lessonHTML != nil }.count >= 6)
        for module in main.modules where module.quiz != nil && module.slug != "kiem-tra-cuoi-khoa" {
            #expect((module.quiz?.questions.count ?? 0) >= 8, "\(module.slug)")
        }
        #expect((main.module("kiem-tra-cuoi-khoa")?.quiz?.questions.count ?? 0) >= 20)
    }
}
