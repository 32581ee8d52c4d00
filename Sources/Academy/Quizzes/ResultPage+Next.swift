import Foundation

extension ResultPage {
    /// What the learner can do next, at the top of the result (issue 16): "Làm lại" beside the score when another
    /// attempt is allowed (the same rule as the quiz page's start button), and what completing the course still needs.
    mutating func addNext(
        quiz: Quiz, history: [Attempt], enrolled: Bool, role: Role, now: Date, completion: CompletionNote?,
        strings: Strings, language: Language
    ) {
        let open = history.contains { $0.isOpen && !$0.isExpired(at: now) }
        let usedUp = quiz.maxAttempts > 0 && history.count >= quiz.maxAttempts && !open
        if enrolled && !usedUp && RequireRole(.learner).allows(role) {
            retakeURL = quizURL
            if quiz.maxAttempts > 0 && !open {
                attemptsLeft = strings.text(
                    "result_attempts_left", language, [LocalText.count(quiz.maxAttempts - history.count, language)])
            }
        }
        self.completion = completion
    }
}
