/// `/author/courses/{slug}/modules/{module}/quiz`: the quiz settings and every question as a card, with one blank
/// question to add; after a refused save, what is wrong beside each field and in a summary linking to the fields,
/// with all typed kept.
struct AuthorQuizPage: Page {
    static let template = "author_quiz"

    /// One choice of a `<select>`.
    struct Option: Sendable, Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// One line of the error summary, a link to the field at fault (none for a problem of no field).
    struct ErrorLink: Sendable, Encodable {
        let href: String?
        let text: String
    }

    /// The module's title.
    let title: String
    let slug: String
    let courseURL: String
    let action: String
    /// The quiz file, as the course folder names it.
    let file: String
    /// The hash of the quiz file the form started from, so a save over someone else's is refused.
    let base: String
    let pass: String
    let attempts: String
    let time: String
    let draw: String
    let shuffleQuestions: Bool
    let shuffleChoices: Bool
    let reviews: [Option]
    let questions: [QuizForm.QuestionRow]
    /// How many question blocks the form has, the blank one included (`q_count`).
    let count: Int
    /// What JavaScript copies for "+ Thêm câu hỏi" and "+ Thêm lựa chọn".
    let blankQuestion: QuizForm.QuestionRow
    let blankChoice: QuizForm.ChoiceRow
    /// Every problem of a refused save, linking to its field.
    let summary: [ErrorLink]
    let passError: String?
    let drawError: String?
    let giftErrors: [String]
    /// What was just done ("Saved").
    var message: String?
    var error: String?
    /// GIFT text pasted to add questions, kept when it was refused.
    var gift: String?

    init(
        slug: String, module: CourseDocument.Module, file: String, form: QuizForm,
        settings: CourseDocument.QuizSettings?, base: String, errors: QuizFormErrors = .init(), strings: Strings,
        language: Language
    ) {
        self.title = module.title.vi
        self.slug = slug
        self.courseURL = SitePath.authorCourse(slug)
        self.action = SitePath.authorQuiz(slug, module.slug)
        self.file = file
        self.base = base
        self.pass = settings?.passPercent.map(QuizWriter.weight) ?? "70"
        self.attempts = settings?.maxAttempts.map(String.init) ?? "0"
        self.time = settings?.timeLimitMinutes.map(String.init) ?? ""
        self.draw = settings?.draw.map(String.init) ?? ""
        self.shuffleQuestions = settings?.shuffleQuestions ?? false
        self.shuffleChoices = settings?.shuffleChoices ?? false
        let review = settings?.review ?? "full"
        self.reviews = ReviewMode.allCases.map {
            Option(
                value: $0.rawValue, label: strings.text("review_\($0.rawValue)", language),
                selected: $0.rawValue == review)
        }
        let labels = Dictionary(
            uniqueKeysWithValues: QuestionType.allCases.map { ($0, strings.text("qtype_\($0.rawValue)", language)) })
        self.questions = form.rows(errors: errors, typeLabels: labels)
        self.count = questions.count
        self.blankQuestion = QuizForm.blankRow(typeLabels: labels)
        self.blankChoice = QuizForm.blankChoice
        self.summary = errors.summary
        let joined = { (messages: [String]) in messages.isEmpty ? nil : messages.joined(separator: " ") }
        self.passError = joined(errors.pass)
        self.drawError = joined(errors.draw)
        self.giftErrors = errors.gift
    }
}
