import Foundation

/// The quiz editor's form, both ways: questions → fields to show, posted fields → questions to save.
/// Fields are flat (`q3_c1_text`) so the form works without JavaScript. Rendering it is `QuizForm+Rows.swift`.
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

        /// Nothing typed: a block offered for a new question and left empty, which saving leaves out.
        var isBlank: Bool {
            [id, text, accepted, value].allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
                && choices.allSatisfy { $0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }
    }

    var questions: [QuestionField] = []

    init(questions: [Question]) {
        self.questions = questions.map(Self.field)
    }

    static func field(_ question: Question) -> QuestionField {
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

    /// "+ Thêm lựa chọn" without JavaScript: one more choice row under question `index`.
    mutating func addChoice(to index: Int) {
        guard questions.indices.contains(index), questions[index].choices.count < 50 else { return }
        if questions[index].choices.isEmpty { questions[index].choices.append(ChoiceField()) }
        questions[index].choices.append(ChoiceField())
    }

    /// "+ Thêm câu hỏi" without JavaScript: one more blank question.
    mutating func addQuestion() {
        guard questions.count < 500 else { return }
        questions.append(QuestionField())
    }

    /// Questions pasted as GIFT, after those of the form (blank blocks at its end dropped). One without a
    /// `::title::` gets a code from its text when saved, like a question typed in the form; a title the quiz
    /// already uses as a code gets `-2`.
    mutating func append(_ pasted: [Question]) {
        while let last = questions.last, last.isBlank { questions.removeLast() }
        var taken = Set(questions.map(\.id))
        for question in pasted {
            var field = Self.field(question)
            if question.id == GIFTText.hashID(question.text) {
                field.id = ""
            } else {
                field.id = Slug.unique(question.id, taken: taken)
                taken.insert(field.id)
            }
            questions.append(field)
        }
    }

    /// The questions to save, each on "line" its block's number so that a problem names the block: blank and
    /// deleted blocks are left out; a question without an id gets one made from its first words, unique in the
    /// quiz; the validator judges the rest.
    func build() -> [Question] {
        var taken = Set(questions.filter { !$0.delete }.map { $0.id.trimmingCharacters(in: .whitespaces) })
        var result: [Question] = []
        for (index, field) in questions.enumerated() where !field.delete && !field.isBlank {
            var id = field.id.trimmingCharacters(in: .whitespaces)
            if id.isEmpty {
                let words = Slug.make(field.text, words: 6, length: 40)
                id = Slug.unique(words.isEmpty ? "cau-\(index + 1)" : words, taken: taken)
                taken.insert(id)
            }
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
}
