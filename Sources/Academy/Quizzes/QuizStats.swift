import Foundation
import GRDB

/// Per-question statistics over graded attempts, so trainers can improve weak questions.
public struct QuizStats: Sendable {
    /// How learners did on one question.
    public struct Item: Sendable {
        public var question: Question
        public var answered: Int
        public var right: Int
        /// The wrong choice (or typed answer) given most often, and how often.
        public var commonWrong: (text: String, count: Int)?

        public var rightShare: Double { answered == 0 ? 0 : Double(right) / Double(answered) }
    }

    public var attempts: Int
    public var items: [Item]

    public static func compute(database: AppDatabase, course: String, module: String, quiz: Quiz) async throws
        -> QuizStats
    {
        let rows = try await database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.result_json, w.question_id, w.response_json,
                        json_extract(a.layout_json, '$.numbers') AS numbers FROM attempt a
                    LEFT JOIN answer w ON w.attempt_id = a.id
                    WHERE a.course_slug = ? AND a.module_slug = ? AND a.submitted_at IS NOT NULL
                    """,
                arguments: [course, module])
        }
        let decoder = AppJSON.decoder
        var marksSeen: Set<String> = []
        var answered: [String: Int] = [:]
        var right: [String: Int] = [:]
        var wrongCounts: [String: [String: Int]] = [:]
        let byID = Dictionary(uniqueKeysWithValues: quiz.questions.map { ($0.id, $0) })
        // Accepted answers normalised once for this computation, not once per learner's answer.
        let accepted = NormalizedForms()
        for row in rows {
            let attemptID: String = row["id"]
            let resultJSON: String? = row["result_json"]
            if let resultJSON, !marksSeen.contains(attemptID),
                let result = try? decoder.decode(Attempt.Result.self, from: Data(resultJSON.utf8))
            {
                marksSeen.insert(attemptID)
                for (id, mark) in result.marks where byID[id] != nil {
                    answered[id, default: 0] += 1
                    if mark.points >= 1 { right[id, default: 0] += 1 }
                }
            }
            guard let questionID: String = row["question_id"], let question = byID[questionID],
                let json: String = row["response_json"],
                let answer = try? decoder.decode(QuizAnswer.self, from: Data(json.utf8)),
                Grader.grade(
                    question, answer, accepted: accepted,
                    vietnameseNumbers: (row["numbers"] as String?) == "vi"
                ).points < 1
            else { continue }
            for text in wrongTexts(question, answer) { wrongCounts[questionID, default: [:]][text, default: 0] += 1 }
        }
        let items = quiz.questions.map { question in
            let common = wrongCounts[question.id]?.max {
                $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key)
            }
            return Item(
                question: question, answered: answered[question.id] ?? 0, right: right[question.id] ?? 0,
                commonWrong: common.map { ($0.key, $0.value) })
        }
        return QuizStats(attempts: marksSeen.count, items: items)
    }

    /// The wrong parts of an answer, as words: the chosen choices that earn nothing, or the text typed.
    static func wrongTexts(_ question: Question, _ answer: QuizAnswer) -> [String] {
        if let text = answer.text { return [Grader.normalize(text, foldDiacritics: false)] }
        return (answer.choiceIds ?? []).compactMap { id in
            question.choices.first { $0.id == id && $0.weight <= 0 }?.text
        }
    }
}
