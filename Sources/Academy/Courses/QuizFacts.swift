/// The facts about a quiz a learner wants before starting: questions, pass mark, time, attempts.
enum QuizFacts {
    static func describe(_ quiz: Quiz, strings: Strings, language: Language) -> [String] {
        func text(_ key: String, _ arguments: String...) -> String { strings.text(key, language, arguments) }
        var facts = [
            text("quiz_fact_questions", LocalText.count(quiz.questionsPerAttempt, language)),
            text("quiz_fact_pass", LocalText.percent(points: quiz.passPercent, language)),
        ]
        if let minutes = quiz.timeLimitMinutes {
            facts.append(text("quiz_fact_time", LocalText.count(minutes, language)))
        }
        facts.append(
            quiz.maxAttempts == 0
                ? text("quiz_fact_unlimited") : text("quiz_fact_attempts", LocalText.count(quiz.maxAttempts, language)))
        return facts
    }

    /// A number as programs and signed credentials write it (`80`, `62.5`); pages use `LocalText`.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.1f", value)
    }
}
