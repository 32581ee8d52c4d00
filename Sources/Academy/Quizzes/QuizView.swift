import Foundation

/// Form fields back into answers, and the texts the attempt and result pages share.
enum QuizView {
    static func field(_ questionID: String) -> String { "q-" + questionID }

    /// Answers on a posted attempt form: `q-<id>` fields, repeated for multiple answers.
    static func answers(from form: FormData, layout: Attempt.Layout) -> [String: QuizAnswer] {
        var result: [String: QuizAnswer] = [:]
        for item in layout.items {
            let values = form.all(field(item.questionId))
            guard !values.isEmpty else { continue }
            if item.choiceIds.isEmpty {
                result[item.questionId] = QuizAnswer(text: values.first.map { Text.clean($0) })
            } else {
                result[item.questionId] = QuizAnswer(choiceIds: values.filter { !$0.isEmpty })
            }
        }
        return result
    }

    /// The page's title: the module's, or its slug when the course is gone.
    static func title(_ attempt: Attempt, _ course: Course?, _ language: Language) -> String {
        course?.module(attempt.moduleSlug)?.title.text(language) ?? attempt.moduleSlug
    }

    /// A choice as the learner reads it: true/false in the reader's language, others as authored.
    static func choiceText(_ question: Question, _ id: String, strings: Strings, language: Language) -> String {
        question.type == .truefalse
            ? strings.text("choice_\(id)", language) : question.choices.first { $0.id == id }?.text ?? ""
    }

    /// What the learner answered, in words ("no answer" when nothing).
    static func yourAnswer(_ question: Question, _ answer: QuizAnswer?, strings: Strings, language: Language)
        -> String
    {
        guard let answer, !answer.isEmpty else { return strings.text("result_no_answer", language) }
        if let text = answer.text { return text }
        return (answer.choiceIds ?? []).compactMap { id in
            question.type == .truefalse
                ? strings.text("choice_\(id)", language) : question.choices.first { $0.id == id }?.text
        }.joined(separator: "; ")
    }
}
