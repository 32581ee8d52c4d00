import Foundation

/// The quiz editor's form, both ways: questions → fields to show, posted fields → questions to save.
/// Fields are flat (`q3_c1_text`) so the form works without JavaScript; one blank question and two blank
/// choices are always offered for adding.
struct QuizForm {
    struct ChoiceField {
        var text = ""
        var correct = false
        var weight = ""
        var feedback = ""
    }

    struct QuestionField {
        var id = ""
        var type = QuestionType.single
        var text = ""
        var feedback = ""
        var choices: [ChoiceField] = []
        var accepted = ""
        var value = ""
        var tolerance = ""
        var answerTrue = true
        var feedbackTrue = ""
        var feedbackFalse = ""
        var diacriticsOptional = false
        var delete = false
    }

    var questions: [QuestionField] = []

    init(questions: [Question]) {
        self.questions = questions.map { question in
            var field = QuestionField(
                id: question.id, type: question.type, text: question.text, feedback: question.feedback ?? "",
                diacriticsOptional: !question.matchDiacritics)
            switch question.type {
            case .single, .multiple:
                field.choices = question.choices.map {
                    ChoiceField(
                        text: $0.text, correct: $0.weight > 0,
                        weight: question.type == .multiple ? QuizWriter.weight($0.weight) : "",
                        feedback: $0.feedback ?? "")
                }
            case .truefalse:
                field.answerTrue = question.choices.first { $0.weight > 0 }?.id == "true"
                field.feedbackTrue = question.choices.first { $0.id == "true" }?.feedback ?? ""
                field.feedbackFalse = question.choices.first { $0.id == "false" }?.feedback ?? ""
            case .short:
                field.accepted = question.accepted.map(\.text).joined(separator: "\n")
            case .numerical:
                field.value = question.numerical.first.map { QuizWriter.weight($0.value) } ?? ""
                field.tolerance = question.numerical.first.map { QuizWriter.weight($0.tolerance) } ?? ""
            }
            return field
        }
    }

    init(form: FormData) {
        let count = form.count("q_count", atMost: 500)
        for index in 0..<count {
            let key = { (name: String) in "q\(index)_\(name)" }
            var field = QuestionField()
            field.id = form[key("id")] ?? ""
            field.type = QuestionType(rawValue: form[key("type")] ?? "") ?? .single
            field.text = form[key("text")] ?? ""
            field.feedback = form[key("feedback")] ?? ""
            field.accepted = form[key("accepted")] ?? ""
            field.value = form[key("value")] ?? ""
            field.tolerance = form[key("tolerance")] ?? ""
            field.answerTrue = form[key("answer")] != "false"
            field.feedbackTrue = form[key("feedback_true")] ?? ""
            field.feedbackFalse = form[key("feedback_false")] ?? ""
            field.diacriticsOptional = form[key("diacritics")] != nil
            field.delete = form[key("delete")] != nil
            let choices = form.count(key("cn"), atMost: 50)
            field.choices = (0..<choices).map { choice in
                ChoiceField(
                    text: form[key("c\(choice)_text")] ?? "", correct: form[key("c\(choice)_correct")] != nil,
                    weight: form[key("c\(choice)_weight")] ?? "", feedback: form[key("c\(choice)_feedback")] ?? "")
            }
            questions.append(field)
        }
    }

    /// The questions to save: blank and deleted blocks are left out; the validator judges the rest.
    func build() -> [Question] {
        var result: [Question] = []
        for (index, field) in questions.enumerated() where !field.delete && !field.text.isEmpty {
            var id = field.id.trimmingCharacters(in: .whitespaces)
            if id.isEmpty { id = "cau-\(index + 1)" }
            var question = Question(
                id: id, type: field.type, text: field.text, matchDiacritics: !field.diacriticsOptional,
                feedback: field.feedback.isEmpty ? nil : field.feedback, line: index + 1)
            let choices = field.choices.filter { !$0.text.isEmpty }
            switch field.type {
            case .single:
                question.choices = choices.enumerated().map { number, choice in
                    Choice(
                        id: QuizFileLoader.choiceID(number), text: choice.text, weight: choice.correct ? 100 : 0,
                        feedback: choice.feedback.isEmpty ? nil : choice.feedback)
                }
            case .multiple:
                let share = 100 / Double(max(choices.filter(\.correct).count, 1))
                question.choices = choices.enumerated().map { number, choice in
                    let weight = Grader.number(choice.weight) ?? (choice.correct ? share : 0)
                    return Choice(
                        id: QuizFileLoader.choiceID(number), text: choice.text, weight: weight,
                        feedback: choice.feedback.isEmpty ? nil : choice.feedback)
                }
            case .truefalse:
                question.choices = [
                    Choice(
                        id: "true", text: "true", weight: field.answerTrue ? 100 : 0,
                        feedback: field.feedbackTrue.isEmpty ? nil : field.feedbackTrue),
                    Choice(
                        id: "false", text: "false", weight: field.answerTrue ? 0 : 100,
                        feedback: field.feedbackFalse.isEmpty ? nil : field.feedbackFalse),
                ]
            case .short:
                question.accepted = field.accepted.split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map {
                        ShortAnswer(text: $0)
                    }
            case .numerical:
                if let value = Grader.number(field.value) {
                    question.numerical = [NumericalAnswer(value: value, tolerance: Grader.number(field.tolerance) ?? 0)]
                }
            }
            result.append(question)
        }
        return result
    }

    /// One question block of the form, as `author_quiz` shows it. Names differ from those of the page and of the
    /// choices (`qText`, `cText`) so the template reads unambiguously: Mustache looks up a name it does not find
    /// in the enclosing blocks.
    struct QuestionRow: Sendable, Encodable {
        let index: Int
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
        let showChoices: Bool
        let showTrueFalse: Bool
        let showShort: Bool
        let showNumerical: Bool
        let diacriticsOptional: Bool
        /// The blank block for a new question: every type's fields show.
        let isNew: Bool
        let hasProblem: Bool
        let types: [AuthorQuizPage.Option]
        let choiceCount: Int
        let choices: [ChoiceRow]
    }

    /// One choice's row; `q` and `c` number its fields (`q3_c1_text`).
    struct ChoiceRow: Sendable, Encodable {
        let q: Int
        let c: Int
        let cText: String
        let cCorrect: Bool
        let cWeight: String
        let cFeedback: String
    }

    /// The blocks to show, with one blank question and two blank choices per question to add more.
    func rows(problemIDs: Set<String>, typeLabels: [QuestionType: String]) -> [QuestionRow] {
        (questions + [QuestionField()]).enumerated().map { index, field in
            let choices = field.choices + [ChoiceField(), ChoiceField()]
            let isNew = index == questions.count
            return QuestionRow(
                index: index, number: index + 1, qID: field.id, qText: field.text, qFeedback: field.feedback,
                qAccepted: field.accepted, qValue: field.value, qTolerance: field.tolerance,
                answerTrue: field.answerTrue, answerFalse: !field.answerTrue, feedbackTrue: field.feedbackTrue,
                feedbackFalse: field.feedbackFalse, showChoices: isNew || [.single, .multiple].contains(field.type),
                showTrueFalse: isNew || field.type == .truefalse, showShort: isNew || field.type == .short,
                showNumerical: isNew || field.type == .numerical, diacriticsOptional: field.diacriticsOptional,
                isNew: isNew, hasProblem: problemIDs.contains(field.id),
                types: QuestionType.allCases.map {
                    AuthorQuizPage.Option(
                        value: $0.rawValue, label: typeLabels[$0] ?? $0.rawValue, selected: $0 == field.type)
                },
                choiceCount: choices.count,
                choices: choices.enumerated().map { number, choice in
                    ChoiceRow(
                        q: index, c: number, cText: choice.text, cCorrect: choice.correct, cWeight: choice.weight,
                        cFeedback: choice.feedback)
                })
        }
    }
}
