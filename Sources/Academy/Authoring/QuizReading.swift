import Foundation

/// A quiz as a trainer reads it, not as its file is written (issue 16, point 7): each question with its type and
/// its answers, the correct ones marked. The history shows it; the conflict page compares two of them as text.
struct QuizReading: Sendable, Encodable {
    /// One answer of a question.
    struct Answer: Sendable, Encodable {
        let text: String
        let correct: Bool
    }

    /// One question, numbered as learners see it.
    struct Item: Sendable, Encodable {
        let number: Int
        let text: String
        let type: String
        let answers: [Answer]
    }

    let items: [Item]

    init(_ questions: [Question], strings: Strings, language: Language) {
        self.items = questions.enumerated().map { index, question in
            Item(
                number: index + 1, text: question.text,
                type: strings.text("qtype_\(question.type.rawValue)", language),
                answers: Self.answers(question, strings: strings, language: language))
        }
    }

    /// The file's questions, groups flattened; nil when the file cannot be read as a quiz.
    init?(file text: String, path: String, strings: Strings, language: Language) {
        let loaded = QuizFileLoader.loadFile(text: text, path: path)
        guard !loaded.questions.isEmpty else { return nil }
        self.init(loaded.questions, strings: strings, language: language)
    }

    static func answers(_ question: Question, strings: Strings, language: Language) -> [Answer] {
        switch question.type {
        case .single, .multiple:
            return question.choices.map { Answer(text: $0.text, correct: $0.isCorrect) }
        case .truefalse:
            return question.choices.map { choice in
                Answer(text: strings.text("choice_\(choice.id)", language), correct: choice.isCorrect)
            }
        case .short:
            return question.accepted.map { Answer(text: $0.text, correct: $0.weight > 0) }
        case .numerical:
            return question.numerical.map { answer in
                let value = QuizWriter.weight(answer.value)
                let text = answer.tolerance == 0 ? value : "\(value) ± \(QuizWriter.weight(answer.tolerance))"
                return Answer(text: text, correct: answer.weight > 0)
            }
        }
    }

    /// The quiz as plain text, one answer a line (`✓` correct, `○` not), for a word-by-word comparison.
    func text(strings: Strings, language: Language) -> String {
        let correct = strings.text("author_answer_correct", language)
        return items.map { item in
            (["\(item.number). \(item.text) (\(item.type))"]
                + item.answers.map { "   \($0.correct ? "✓" : "○") \($0.text)\($0.correct ? " — \(correct)" : "")" })
                .joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
