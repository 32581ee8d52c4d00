/// The facts about a quiz a learner wants before starting: questions, pass mark, time, attempts.
enum QuizFacts {
    static func describe(_ quiz: Quiz, pages: PageRenderer, context: AppRequestContext) -> [String] {
        var facts = [
            pages.text("quiz_fact_questions", context, String(quiz.questionsPerAttempt)),
            pages.text("quiz_fact_pass", context, format(quiz.passPercent)),
        ]
        if let minutes = quiz.timeLimitMinutes { facts.append(pages.text("quiz_fact_time", context, String(minutes))) }
        facts.append(
            quiz.maxAttempts == 0
                ? pages.text("quiz_fact_unlimited", context)
                : pages.text("quiz_fact_attempts", context, String(quiz.maxAttempts)))
        return facts
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.1f", value)
    }
}
