import Foundation
import Testing

@testable import Academy

/// Golden files of the quiz pages (`Tests/AcademyTests/Snapshots/quizzes/`), in both languages, for each reader who
/// sees a different page: the quiz's front page, an attempt's form, its result, and the trainers' statistics.
@Suite struct QuizPageSnapshotTests {
    static let started = Date(timeIntervalSince1970: 1_790_000_000)

    /// The fixture course's first module: a single-choice and a true/false question, full review, two attempts.
    static var lesson: (Course, CourseModule, Quiz) { module("bai-mot") }
    /// Its final test: short answer, numerical and multiple answers, ten minutes, review of wrong answers only.
    static var final: (Course, CourseModule, Quiz) { module("kiem-tra") }

    static func module(_ slug: String) -> (Course, CourseModule, Quiz) {
        let course = SnapshotFixtures.course
        guard let module = course.module(slug), let quiz = module.quiz else { fatalError("no quiz \(slug)") }
        return (course, module, quiz)
    }

    static func attempt(
        _ id: String, _ module: CourseModule, number: Int = 1, items: [(String, [String])], deadline: Date? = nil,
        result: Attempt.Result? = nil
    ) -> Attempt {
        Attempt(
            id: id, userId: 7, courseSlug: "sample", moduleSlug: module.slug, contentVersion: "3f9a1c2b",
            number: number,
            layoutJson: Attempt.Layout(
                items: items.map { Attempt.Layout.Item(questionId: $0.0, choiceIds: $0.1) },
                numbers: SnapshotFixtures.course.language == .vi ? "vi" : nil),
            startedAt: started.addingTimeInterval(Double(number) * 3_600), deadline: deadline,
            submittedAt: result == nil ? nil : started.addingTimeInterval(Double(number) * 3_600 + 300),
            score: result?.score, maxScore: result?.maxScore, percent: result?.percent, passed: result?.passed,
            resultJson: result)
    }

    static func result(_ marks: [String: Double], feedback: [String: [String]] = [:], passed: Bool, code: String? = nil)
        -> Attempt.Result
    {
        let score = marks.values.reduce(0, +)
        var graded = marks.mapValues { Grader.Mark(points: $0, feedback: []) }
        for (id, lines) in feedback { graded[id]?.feedback = lines }
        return Attempt.Result(
            score: score, maxScore: Double(marks.count), percent: score / Double(marks.count) * 100, passed: passed,
            marks: graded, certificateCode: code)
    }

    static let lessonItems = [("tru-cot", ["b", "a", "c"]), ("mat-khau", ["true", "false"])]

    @Test func quiz() async throws {
        let snapshots = try await PageSnapshots.make()
        let (course, module, quiz) = Self.lesson
        let path = SitePath.quiz(course.slug, module.slug)
        func page(_ history: [Attempt], enrolled: Bool = true, role: Role = .learner) -> (Strings, Language)
            -> QuizPage
        {
            { strings, language in
                QuizPage(
                    course: course, module: module, quiz: quiz, history: history, enrolled: enrolled, role: role,
                    now: Self.started.addingTimeInterval(86_400), strings: strings, language: language)
            }
        }
        snapshots.check("quizzes/quiz-not-enrolled", path: path, roles: [.learner], page([], enrolled: false))
        snapshots.check("quizzes/quiz", path: path, roles: [.learner], page([]))
        let failed = Self.attempt(
            "att-1", module, items: Self.lessonItems, result: Self.result(["tru-cot": 0, "mat-khau": 0], passed: false))
        let open = Self.attempt("att-2", module, number: 2, items: Self.lessonItems)
        snapshots.check("quizzes/quiz-in-progress", path: path, roles: [.learner], page([open, failed]))
        let passed = Self.attempt(
            "att-2", module, number: 2, items: Self.lessonItems,
            result: Self.result(["tru-cot": 1, "mat-khau": 1], passed: true))
        snapshots.check("quizzes/quiz-used-up", path: path, roles: [.learner], page([passed, failed]))
        let (_, finalModule, finalQuiz) = Self.final
        snapshots.check(
            "quizzes/quiz-staff", path: SitePath.quiz(course.slug, finalModule.slug), roles: [.trainer, .admin]
        ) { strings, language in
            QuizPage(
                course: course, module: finalModule, quiz: finalQuiz, history: [], enrolled: false, role: .trainer,
                now: Self.started, strings: strings, language: language)
        }
    }

    @Test func attempt() async throws {
        let snapshots = try await PageSnapshots.make()
        let (course, module, quiz) = Self.lesson
        let open = Self.attempt("att-2", module, number: 2, items: Self.lessonItems)
        // Saved for later: the true/false answer is ticked again when the form is shown.
        let saved = ["mat-khau": QuizAnswer(choiceIds: ["false"])]
        snapshots.check("quizzes/attempt", path: SitePath.attempt(open.id), roles: [.learner]) { strings, language in
            AttemptPage(open, quiz: quiz, saved: saved, course: course, strings: strings, language: language)
        }
        let (_, finalModule, finalQuiz) = Self.final
        let timed = Self.attempt(
            "att-3", finalModule,
            items: [("tinh", []), ("to-cap-xa", []), ("dich-vu", ["c", "a", "b"])],
            deadline: Self.started.addingTimeInterval(3_600 + 600))
        let typed = ["tinh": QuizAnswer(text: "Tuyên Quang"), "dich-vu": QuizAnswer(choiceIds: ["a"])]
        snapshots.check("quizzes/attempt-timed", path: SitePath.attempt(timed.id), roles: [.learner]) {
            strings, language in
            var page = AttemptPage(
                timed, quiz: finalQuiz, saved: typed, course: course, strings: strings, language: language)
            page.remaining = 540
            return page
        }
    }

    @Test func result() async throws {
        let snapshots = try await PageSnapshots.make()
        let (course, module, quiz) = Self.lesson
        func check(_ name: String, _ attempt: Attempt, quiz: Quiz, saved: [String: QuizAnswer]) {
            snapshots.check("quizzes/\(name)", path: SitePath.attempt(attempt.id), roles: [.learner]) {
                strings, language in
                ResultPage(attempt, quiz: quiz, saved: saved, course: course, strings: strings, language: language)
            }
        }
        // Full review: the right answer and the feedback under each question; one left unanswered.
        let failed = Self.attempt(
            "att-1", module, items: Self.lessonItems, result: Self.result(["tru-cot": 0, "mat-khau": 0], passed: false))
        check("result-failed", failed, quiz: quiz, saved: ["tru-cot": QuizAnswer(choiceIds: ["b"])])
        // Issue 16: "Làm lại" beside the score, the attempts left, and what completing the course still needs.
        snapshots.check("quizzes/result-retake", path: SitePath.attempt(failed.id), roles: [.learner]) {
            strings, language in
            var page = ResultPage(
                failed, quiz: quiz, saved: [:], course: course, strings: strings, language: language)
            page.addNext(
                quiz: quiz, history: [failed], enrolled: true, role: .learner, now: Self.started,
                completion: CompletionNote(
                    course: course, read: [], passed: [], certificateCode: nil, strings: strings, language: language),
                strings: strings, language: language)
            return page
        }
        let passed = Self.attempt(
            "att-2", module, number: 2, items: Self.lessonItems,
            result: Self.result(["tru-cot": 1, "mat-khau": 1], feedback: ["tru-cot": ["Đúng."]], passed: true))
        let right = ["tru-cot": QuizAnswer(choiceIds: ["a"]), "mat-khau": QuizAnswer(choiceIds: ["false"])]
        check("result-passed", passed, quiz: quiz, saved: right)
        // A quiz that shows the score alone.
        var scoreOnly = quiz
        scoreOnly.review = .score
        check("result-score-only", passed, quiz: scoreOnly, saved: right)
        // The final test: passed with a certificate; review of wrong answers only, one partly right.
        let (_, finalModule, finalQuiz) = Self.final
        let final = Self.attempt(
            "att-3", finalModule, items: [("tinh", []), ("to-cap-xa", []), ("dich-vu", ["c", "a", "b"])],
            result: Self.result(["tinh": 1, "to-cap-xa": 1, "dich-vu": 0.5], passed: true, code: "7K3M-9QXD-2FHA"))
        check(
            "result-certificate", final, quiz: finalQuiz,
            saved: [
                "tinh": QuizAnswer(text: "Tuyen Quang"), "to-cap-xa": QuizAnswer(text: "138"),
                "dich-vu": QuizAnswer(choiceIds: ["a"]),
            ])
    }

    @Test func stats() async throws {
        let snapshots = try await PageSnapshots.make()
        let course = SnapshotFixtures.course
        let (_, module, quiz) = Self.final
        let questions = Dictionary(uniqueKeysWithValues: quiz.questions.map { ($0.id, $0) })
        func item(_ id: String, _ answered: Int, _ right: Int, _ wrong: (String, Int)?) -> QuizStats.Item {
            guard let question = questions[id] else { fatalError("no question \(id)") }
            return QuizStats.Item(question: question, answered: answered, right: right, commonWrong: wrong)
        }
        let stats = QuizStats(
            attempts: 12,
            items: [
                item("tinh", 10, 9, ("Hà Giang", 1)), item("to-cap-xa", 10, 3, ("130", 4)), item("dich-vu", 0, 0, nil),
            ])
        let path = SitePath.quizStats(course.slug, module.slug)
        snapshots.check("quizzes/quiz_stats", path: path, roles: [.trainer, .admin]) { strings, language in
            QuizStatsPage(course: course, module: module, stats: stats, strings: strings, language: language)
        }
        // A true/false question's key is a word of the reader's language; no attempts yet.
        let (_, lessonModule, lessonQuiz) = Self.lesson
        let empty = QuizStats(
            attempts: 0,
            items: lessonQuiz.questions.map { QuizStats.Item(question: $0, answered: 0, right: 0, commonWrong: nil) })
        snapshots.check(
            "quizzes/quiz_stats-empty", path: SitePath.quizStats(course.slug, lessonModule.slug), roles: [.trainer]
        ) { strings, language in
            QuizStatsPage(course: course, module: lessonModule, stats: empty, strings: strings, language: language)
        }
    }
}
