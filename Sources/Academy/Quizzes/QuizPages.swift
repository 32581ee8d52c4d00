import Foundation

/// The quiz pages (`QuizController`, `QuizStatsController`).
enum QuizPages {
    static let all: [any Page.Type] = [QuizPage.self, AttemptPage.self, ResultPage.self, QuizStatsPage.self]
}

/// `/courses/{slug}/{module}/quiz`: what the quiz asks, the learner's earlier attempts, and the button to start or
/// go on.
struct QuizPage: Page {
    static let template = "quiz"

    /// One earlier attempt, newest first.
    struct HistoryRow: Sendable, Encodable {
        let url: String
        let number: Int
        let date: String
        /// The score in percent, or "in progress".
        let percent: String
        let passed: Bool
        let failed: Bool
    }

    let title: String
    let courseURL: String
    let courseTitle: String
    let facts: [String]
    let history: [HistoryRow]
    let enrolled: Bool
    let enrollURL: String
    let startURL: String
    /// An attempt is open: the button goes on with it.
    let resume: Bool
    let usedUp: Bool
    let canStart: Bool
    /// The answer key and statistics, for trainers and admins.
    let statsURL: String?
    let lessonURL: String?
}

extension QuizPage {
    /// The page for a reader with `role`, whose attempts at this quiz are `history` (newest first).
    init(
        course: Course, module: CourseModule, quiz: Quiz, history: [Attempt], enrolled: Bool, role: Role,
        now: Date, strings: Strings, language: Language
    ) {
        let open = history.first { $0.isOpen && !$0.isExpired(at: now) }
        let usedUp = quiz.maxAttempts > 0 && history.count >= quiz.maxAttempts && open == nil
        self.init(
            title: module.title.text(language), courseURL: SitePath.course(course.slug),
            courseTitle: course.title.text(language),
            facts: QuizFacts.describe(quiz, strings: strings, language: language),
            history: history.map { attempt in
                HistoryRow(
                    url: SitePath.attempt(attempt.id), number: attempt.number,
                    date: LocalText.dateTime(attempt.startedAt, language),
                    percent: attempt.percent.map { LocalText.percent(points: $0, language) }
                        ?? strings.text("attempt_in_progress", language),
                    passed: attempt.passed == true, failed: attempt.passed == false)
            },
            enrolled: enrolled, enrollURL: SitePath.enroll(course.slug),
            startURL: SitePath.quiz(course.slug, module.slug), resume: open != nil, usedUp: usedUp,
            canStart: enrolled && !usedUp,
            statsURL: [.trainer, .admin].contains(role) ? SitePath.quizStats(course.slug, module.slug) : nil,
            lessonURL: module.lessonHTML == nil ? nil : SitePath.module(course.slug, module.slug))
    }
}

/// `/courses/{slug}/{module}/quiz/stats`, for trainers and admins: the answer key beside each question's share of
/// right answers and most common wrong answer.
struct QuizStatsPage: Page {
    static let template = "quiz_stats"

    struct Item: Sendable, Encodable {
        let id: String
        let text: String
        /// The kind of question, in words.
        let type: String
        /// The right answer, in words.
        let key: String
        /// "80% (4/5)", or "—" when nobody answered.
        let share: String
        /// Most learners got it wrong (from five answers on): shown in red.
        let weak: Bool
        /// The wrong answer given most often, with how often, or "—".
        let wrong: String
    }

    let title: String
    let attempts: String
    let quizURL: String
    let items: [Item]
}

extension QuizStatsPage {
    init(course: Course, module: CourseModule, stats: QuizStats, strings: Strings, language: Language) {
        self.init(
            title: strings.text("stats_title", language, [module.title.text(language)]),
            attempts: strings.text("stats_attempts", language, [LocalText.count(stats.attempts, language)]),
            quizURL: SitePath.quiz(course.slug, module.slug),
            items: stats.items.map { item in
                let question = item.question
                return Item(
                    id: question.id, text: question.text,
                    type: strings.text("qtype_\(question.type.rawValue)", language),
                    key: question.type == .truefalse
                        ? strings.text("choice_\(question.choices.first { $0.weight > 0 }?.id ?? "true")", language)
                        : Grader.correctAnswer(question),
                    share: item.answered == 0
                        ? "—"
                        : "\(LocalText.percent(item.rightShare, language)) "
                            + "(\(LocalText.count(item.right, language))/\(LocalText.count(item.answered, language)))",
                    weak: item.answered >= 5 && item.rightShare < 0.5,
                    wrong: item.commonWrong.map { "\($0.text) (\(LocalText.count($0.count, language)))" } ?? "—")
            })
    }
}
