/// The quiz form as `author_quiz` shows it: one card per question, each with every type's section (JavaScript
/// shows only the chosen type's), and the messages of a refused save beside their fields.
extension QuizForm {
    /// One question card. Names differ from those of the page and of the choices (`qText`, `cText`) so the template
    /// reads unambiguously: Mustache looks up a name it does not find (or a nil one) in the enclosing blocks.
    struct QuestionRow: Sendable, Encodable {
        /// What numbers its fields (`q3_text`); `__Q__` in the card JavaScript copies for a new question.
        let index: String
        let number: Int
        let qID: String
        let qText: String
        let qFeedback: String
        let qAccepted: String
        let qValue: String
        let qTolerance: String
        let answerTrue: Bool
        let answerFalse: Bool
        let feedbackTrue: String
        let feedbackFalse: String
        let diacriticsOptional: Bool
        let qDelete: Bool
        /// Nothing typed yet: "new question", no delete box.
        let isNew: Bool
        let types: [AuthorQuizPage.Option]
        let choiceCount: Int
        let choices: [ChoiceRow]
        let qIDError: String?
        let qTextError: String?
        /// Choices of a single or multiple choice question: too few, no text, no correct one, weights.
        let qChoicesError: String?
        let qAnswerError: String?
        let qAcceptedError: String?
        let qValueError: String?
        let qToleranceError: String?
        let hasProblem: Bool
    }

    /// One choice; `q` and `c` number its fields (`q3_c1_text`).
    struct ChoiceRow: Sendable, Encodable {
        let q: String
        let c: String
        let cNumber: String
        let cText: String
        let cCorrect: Bool
        let cWeight: String
        let cFeedback: String
        /// Weight and feedback are behind "more"; open when they hold something or are at fault.
        let cMoreOpen: Bool
        let cTextInvalid: Bool
        let cCorrectInvalid: Bool
        let cWeightInvalid: Bool
    }

    /// The cards to show: every block as posted (a blank one added at the end when there is none, for a new
    /// question); a card without choices gets one empty row, and "+ Thêm lựa chọn" adds more.
    func rows(errors: QuizFormErrors, typeLabels: [QuestionType: String]) -> [QuestionRow] {
        var blocks = questions
        if blocks.last.map({ !$0.isBlank }) ?? true { blocks.append(QuestionField()) }
        return blocks.enumerated().map { index, field in
            Self.row(
                field, index: String(index), number: index + 1, errors: errors.blocks[index] ?? .init(),
                typeLabels: typeLabels)
        }
    }

    /// The card JavaScript copies for "+ Thêm câu hỏi", numbered `__Q__`.
    static func blankRow(typeLabels: [QuestionType: String]) -> QuestionRow {
        row(QuestionField(), index: "__Q__", number: 0, errors: .init(), typeLabels: typeLabels)
    }

    /// The choice row JavaScript copies for "+ Thêm lựa chọn", numbered `__Q__`, `__C__` and `__N__`.
    static let blankChoice = ChoiceRow(
        q: "__Q__", c: "__C__", cNumber: "__N__", cText: "", cCorrect: false, cWeight: "", cFeedback: "",
        cMoreOpen: false, cTextInvalid: false, cCorrectInvalid: false, cWeightInvalid: false)

    static func row(
        _ field: QuestionField, index: String, number: Int, errors: QuizFormErrors.Block,
        typeLabels: [QuestionType: String]
    ) -> QuestionRow {
        let choices = field.choices.isEmpty ? [ChoiceField()] : field.choices
        let joined = { (messages: [String]) in messages.isEmpty ? nil : messages.joined(separator: " ") }
        return QuestionRow(
            index: index, number: number, qID: field.id, qText: field.text, qFeedback: field.feedback,
            qAccepted: field.accepted, qValue: field.value, qTolerance: field.tolerance,
            answerTrue: field.answerTrue, answerFalse: !field.answerTrue, feedbackTrue: field.feedbackTrue,
            feedbackFalse: field.feedbackFalse, diacriticsOptional: field.diacriticsOptional, qDelete: field.delete,
            isNew: field.isBlank,
            types: QuestionType.allCases.map {
                AuthorQuizPage.Option(
                    value: $0.rawValue, label: typeLabels[$0] ?? $0.rawValue, selected: $0 == field.type)
            },
            choiceCount: choices.count,
            choices: choices.enumerated().map { number, choice in
                ChoiceRow(
                    q: index, c: String(number), cNumber: String(number + 1), cText: choice.text,
                    cCorrect: choice.correct, cWeight: choice.weight, cFeedback: choice.feedback,
                    cMoreOpen: !choice.weight.isEmpty || !choice.feedback.isEmpty || errors.weights,
                    cTextInvalid: errors.choiceTexts, cCorrectInvalid: errors.correct,
                    cWeightInvalid: errors.weights)
            },
            qIDError: joined(errors.id), qTextError: joined(errors.text), qChoicesError: joined(errors.choices),
            qAnswerError: joined(errors.answer), qAcceptedError: joined(errors.accepted),
            qValueError: joined(errors.value), qToleranceError: joined(errors.tolerance),
            hasProblem: !errors.isEmpty)
    }
}
