import Foundation

/// Turns attempts into template data, and form fields back into answers.
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

    static func historyRow(_ attempt: Attempt, pages: PageRenderer, context: AppRequestContext) -> [String: Any] {
        [
            "url": SitePath.attempt(attempt.id), "number": attempt.number,
            "date": DateText.short(attempt.startedAt, context.language),
            "percent": attempt.percent.map { QuizFacts.format($0) + "%" } ?? pages.text("attempt_in_progress", context),
            "passed": attempt.passed == true, "failed": attempt.passed == false,
        ]
    }

    static func attempt(
        _ attempt: Attempt, quiz: Quiz, saved: [String: QuizAnswer], course: Course?, pages: PageRenderer,
        context: AppRequestContext
    ) -> [String: Any] {
        let language = context.language
        let module = course?.module(attempt.moduleSlug)
        var data: [String: Any] = [
            "id": attempt.id, "title": module?.title.text(language) ?? attempt.moduleSlug,
            "courseTitle": course?.title.text(language) ?? attempt.courseSlug,
            "courseURL": SitePath.course(attempt.courseSlug),
            "quizURL": SitePath.quiz(attempt.courseSlug, attempt.moduleSlug),
            "action": SitePath.attempt(attempt.id), "number": attempt.number,
            "contentLang": course?.language.rawValue ?? "vi",
            "deadline": attempt.deadline.map { DateText.time($0, language) } ?? "",
            "deadlineISO": attempt.deadline.map(Timestamp.text) ?? "",
        ]
        let result = attempt.resultJson
        let review = quiz.review
        var questions: [[String: Any]] = []
        for (index, item) in attempt.layoutJson.items.enumerated() {
            guard let question = quiz.questions.first(where: { $0.id == item.questionId }) else { continue }
            let answer = saved[item.questionId]
            let mark = result?.marks[item.questionId]
            var entry: [String: Any] = [
                "id": question.id, "field": field(question.id), "number": index + 1, "text": question.text,
                "isChoice": !item.choiceIds.isEmpty, "isMultiple": question.type == .multiple,
                "isNumerical": question.type == .numerical, "typed": answer?.text ?? "",
                "hint": question.type == .multiple ? pages.text("attempt_choose_all", context) : "",
            ]
            entry["choices"] = item.choiceIds.compactMap { id -> [String: Any]? in
                guard let choice = question.choices.first(where: { $0.id == id }) else { return nil }
                let text = question.type == .truefalse ? pages.text("choice_\(choice.id)", context) : choice.text
                return ["id": choice.id, "text": text, "checked": answer?.choiceIds?.contains(id) == true,
                        "inputID": "\(field(question.id))-\(choice.id)"]
            }
            if let mark, review != .score {
                entry["reviewed"] = true
                entry["right"] = mark.points >= 1
                entry["partly"] = mark.points > 0 && mark.points < 1
                entry["yourAnswer"] = yourAnswer(question, answer, pages: pages, context: context)
                entry["unanswered"] = answer?.isEmpty ?? true
                if review == .full {
                    entry["correctAnswer"] = Grader.correctAnswer(question).isEmpty
                        ? "" : (question.type == .truefalse
                            ? pages.text("choice_\(question.choices.first { $0.weight > 0 }?.id ?? "true")", context)
                            : Grader.correctAnswer(question))
                    var feedback: [String] = []
                    for line in mark.feedback + (question.feedback.map { [$0] } ?? []) where !feedback.contains(line) {
                        feedback.append(line)
                    }
                    entry["feedback"] = feedback
                }
            }
            questions.append(entry)
        }
        data["questions"] = questions
        if let result {
            data["score"] = pages.text(
                "result_score", context, QuizFacts.format(result.score), QuizFacts.format(result.maxScore),
                QuizFacts.format(result.percent))
            data["passed"] = result.passed
            data["passMark"] = pages.text("quiz_fact_pass", context, QuizFacts.format(quiz.passPercent))
            data["showReview"] = review != .score
            if let code = result.certificateCode { data["certificateURL"] = SitePath.certificate(code) }
        }
        return data
    }

    static func yourAnswer(_ question: Question, _ answer: QuizAnswer?, pages: PageRenderer, context: AppRequestContext)
        -> String
    {
        guard let answer, !answer.isEmpty else { return pages.text("result_no_answer", context) }
        if let text = answer.text { return text }
        return (answer.choiceIds ?? []).compactMap { id in
            question.type == .truefalse
                ? pages.text("choice_\(id)", context) : question.choices.first { $0.id == id }?.text
        }.joined(separator: "; ")
    }
}
