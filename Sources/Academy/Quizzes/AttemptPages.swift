import Foundation

/// `/attempts/{id}` while the attempt is open: the questions as a form that works without JavaScript (the field
/// names and values are what `QuizView.answers(from:layout:)` reads back, and what the e2e suite posts).
struct AttemptPage: Page {
    static let template = "attempt"

    struct Question: Sendable, Encodable {
        let id: String
        /// The form field, `q-<question id>`, repeated for each ticked box of a multiple-answer question.
        let field: String
        let number: Int
        let text: String
        /// "Choose all that apply", for multiple answers.
        let hint: String?
        let isChoice: Bool
        let isMultiple: Bool
        let isNumerical: Bool
        /// How numbers are written, beside a numerical field of a Vietnamese course (issue 15).
        let numberHint: String?
        /// The saved answer of a short or numerical question.
        let typed: String?
        /// In the order this attempt shows them.
        let choices: [Choice]
    }

    struct Choice: Sendable, Encodable {
        let id: String
        let text: String
        /// Saved earlier in this attempt.
        let checked: Bool
        let inputID: String
    }

    let title: String
    let id: String
    let courseTitle: String
    let courseURL: String
    let quizURL: String
    /// The attempt's address: the form posts to `…/submit` and `…/save`.
    let action: String
    let number: Int
    /// The language the course is written in (`lang` of the questions).
    let contentLang: String
    /// When a timed attempt ends, as the reader's clock shows it, and for the page's script.
    let deadline: String?
    let deadlineISO: String?
    let questions: [Question]
    /// Whole seconds left when the page was made, so the countdown follows the server's clock, not the phone's
    /// (`timer.js`; without it the script counts to `deadlineISO` by the phone's clock).
    var remaining: Int? = nil
    /// The server's clock when the page was made (RFC 3339): a page opened again offline from the device's store
    /// knows how far the device's clock is from the server's (`quiz.js`, `timer.js`; issue 18).
    var serverNow: String? = nil
}

extension AttemptPage {
    /// The open `attempt` of `quiz`, with the answers `saved` so far.
    init(
        _ attempt: Attempt, quiz: Quiz, saved: [String: QuizAnswer], course: Course?, strings: Strings,
        language: Language
    ) {
        let questions = attempt.layoutJson.items.enumerated().compactMap { index, item -> Question? in
            guard let question = quiz.questions.first(where: { $0.id == item.questionId }) else { return nil }
            let answer = saved[item.questionId]
            let field = QuizView.field(question.id)
            return Question(
                id: question.id, field: field, number: index + 1, text: question.text,
                hint: question.type == .multiple ? strings.text("attempt_choose_all", language) : nil,
                isChoice: !item.choiceIds.isEmpty, isMultiple: question.type == .multiple,
                isNumerical: question.type == .numerical,
                numberHint: question.type == .numerical && attempt.layoutJson.vietnameseNumbers
                    ? strings.text("attempt_number_vi", language) : nil,
                typed: answer?.text,
                choices: item.choiceIds.compactMap { id in
                    guard let choice = question.choices.first(where: { $0.id == id }) else { return nil }
                    return Choice(
                        id: choice.id,
                        text: QuizView.choiceText(question, choice.id, strings: strings, language: language),
                        checked: answer?.choiceIds?.contains(id) == true, inputID: "\(field)-\(choice.id)")
                })
        }
        self.init(
            title: QuizView.title(attempt, course, language), id: attempt.id,
            courseTitle: course?.title.text(language) ?? attempt.courseSlug,
            courseURL: SitePath.course(attempt.courseSlug),
            quizURL: SitePath.quiz(attempt.courseSlug, attempt.moduleSlug), action: SitePath.attempt(attempt.id),
            number: attempt.number, contentLang: course?.language.rawValue ?? "vi",
            deadline: attempt.deadline.map { LocalText.time($0, language) },
            deadlineISO: attempt.deadline.map(Timestamp.text), questions: questions)
    }
}

/// `/attempts/{id}` once graded: passed or not, the score, the certificate it earned, and — as the quiz's review
/// setting allows — each question marked, with the right answer and feedback.
struct ResultPage: Page {
    static let template = "result"

    struct Question: Sendable, Encodable {
        let number: Int
        let text: String
        let right: Bool
        let partly: Bool
        let unanswered: Bool
        let yourAnswer: String
        /// Only when the quiz shows full review.
        let correctAnswer: String?
        let feedback: [String]
    }

    let title: String
    let courseTitle: String
    let courseURL: String
    let quizURL: String
    let contentLang: String
    let passed: Bool
    let score: String?
    let passMark: String?
    let certificateURL: String?
    /// The quiz shows more than the score.
    let showReview: Bool
    let questions: [Question]
    /// Where "Làm lại" posts, beside the score, when the learner may take the quiz again (issue 16).
    var retakeURL: String? = nil
    /// "2 attempts left", when attempts are limited.
    var attemptsLeft: String? = nil
    /// What completing the course still needs, or that it is complete (`ResultPage.addNext`).
    var completion: CompletionNote? = nil
}

extension ResultPage {
    /// The graded `attempt` of `quiz`, with the answers `saved`.
    init(
        _ attempt: Attempt, quiz: Quiz, saved: [String: QuizAnswer], course: Course?, strings: Strings,
        language: Language
    ) {
        func text(_ key: String, _ arguments: String...) -> String { strings.text(key, language, arguments) }
        let result = attempt.resultJson
        let review = quiz.review
        var questions: [Question] = []
        for (index, item) in attempt.layoutJson.items.enumerated() {
            guard let question = quiz.questions.first(where: { $0.id == item.questionId }),
                let mark = result?.marks[item.questionId], review != .score
            else { continue }
            let answer = saved[item.questionId]
            var correct: String?
            var feedback: [String] = []
            if review == .full {
                let key = Grader.correctAnswer(question)
                if !key.isEmpty {
                    correct =
                        question.type == .truefalse
                        ? QuizView.choiceText(
                            question, question.choices.first { $0.weight > 0 }?.id ?? "true", strings: strings,
                            language: language)
                        : key
                }
                for line in mark.feedback + (question.feedback.map { [$0] } ?? []) where !feedback.contains(line) {
                    feedback.append(line)
                }
            }
            questions.append(
                Question(
                    number: index + 1, text: question.text, right: mark.points >= 1,
                    partly: mark.points > 0 && mark.points < 1, unanswered: answer?.isEmpty ?? true,
                    yourAnswer: QuizView.yourAnswer(question, answer, strings: strings, language: language),
                    correctAnswer: correct, feedback: feedback))
        }
        self.init(
            title: QuizView.title(attempt, course, language),
            courseTitle: course?.title.text(language) ?? attempt.courseSlug,
            courseURL: SitePath.course(attempt.courseSlug),
            quizURL: SitePath.quiz(attempt.courseSlug, attempt.moduleSlug),
            contentLang: course?.language.rawValue ?? "vi", passed: result?.passed ?? false,
            score: result.map {
                text(
                    "result_score", LocalText.number($0.score, language), LocalText.number($0.maxScore, language),
                    LocalText.percent(points: $0.percent, language))
            },
            passMark: result.map { _ in text("quiz_fact_pass", LocalText.percent(points: quiz.passPercent, language)) },
            certificateURL: result?.certificateCode.map { SitePath.certificate($0) },
            showReview: result != nil && review != .score, questions: questions)
    }
}
