import Foundation

/// Marks one answer: a share of the question's point (0…1), and the feedback that goes with the answer.
public enum Grader {
    public struct Mark: Codable, Sendable, Equatable {
        public var points: Double
        public var feedback: [String]
    }

    public static func grade(_ question: Question, _ response: QuizAnswer?) -> Mark {
        grade(question, response, accepted: nil)
    }

    /// The same, taking accepted answers' normalised forms from `accepted` (the server's one table, made at start-up)
    /// rather than normalising them again.
    static func grade(_ question: Question, _ response: QuizAnswer?, accepted: NormalizedForms?) -> Mark {
        guard let response, !response.isEmpty else { return Mark(points: 0, feedback: []) }
        switch question.type {
        case .single, .truefalse:
            guard let chosen = response.choiceIds?.first,
                let choice = question.choices.first(where: { $0.id == chosen })
            else { return Mark(points: 0, feedback: []) }
            return Mark(points: clamp(choice.weight / 100), feedback: choice.feedback.map { [$0] } ?? [])
        case .multiple:
            let chosen = Set(response.choiceIds ?? [])
            let picked = question.choices.filter { chosen.contains($0.id) }
            let penalty = wrongChoicePenalty(question)
            let total = picked.map { $0.weight == 0 ? penalty : $0.weight }.reduce(0, +)
            return Mark(points: clamp(total / fullMarks(question)), feedback: picked.compactMap(\.feedback))
        case .short:
            let fold = !question.matchDiacritics
            let typed = normalize(response.text ?? "", foldDiacritics: fold)
            let best = question.accepted
                .filter {
                    (accepted?.normalized($0.text, foldDiacritics: fold) ?? normalize($0.text, foldDiacritics: fold))
                        == typed
                }
                .max { $0.weight < $1.weight }
            return Mark(points: clamp((best?.weight ?? 0) / 100), feedback: best?.feedback.map { [$0] } ?? [])
        case .numerical:
            guard let value = number(response.text ?? "") else { return Mark(points: 0, feedback: []) }
            let best = question.numerical
                .filter { value >= $0.min - 1e-9 && value <= $0.max + 1e-9 }
                .max { $0.weight < $1.weight }
            return Mark(points: clamp((best?.weight ?? 0) / 100), feedback: best?.feedback.map { [$0] } ?? [])
        }
    }

    static func clamp(_ value: Double) -> Double { min(1, max(0, value)) }

    /// What every right choice of a multiple-answer question adds up to: 100, or Moodle's rounded thirds and sixths
    /// (3 × 33.33333 = 99.99999), which the validator accepts within 0.01 and which must still earn full marks.
    static func fullMarks(_ question: Question) -> Double {
        let sum = question.choices.map(\.weight).filter { $0 > 0 }.reduce(0, +)
        return abs(sum - 100) <= 0.01 ? sum : 100
    }

    /// What ticking a wrong choice of a multiple-answer question costs when the course gave it no weight (`~C`
    /// rather than `~%-50%C`): as much as one right choice is worth, so ticking every box cannot pass
    /// (Courses/README.md). Explicit negative weights are used as written.
    static func wrongChoicePenalty(_ question: Question) -> Double {
        let right = question.choices.filter { $0.weight > 0 }.count
        let wrong = question.choices.count - right
        // min(right, wrong): with four right and one wrong choice, ticking all five must still earn nothing.
        return right == 0 || wrong == 0 ? 0 : -100 / Double(min(right, wrong))
    }

    /// Case, surrounding and repeated spaces and the Unicode form never matter; diacritics only when asked.
    public static func normalize(_ text: String, foldDiacritics: Bool) -> String {
        // Plain ASCII (most numbers, codes and unaccented answers) needs none of Foundation's Unicode work.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var result = Text.clean(text).lowercased()
        if foldDiacritics { result = Text.searchKey(result) }
        return result
    }

    /// "3.5", "3,5" (Vietnamese decimal comma) and " 138 " are numbers; "1.871" is 1.871, as typed.
    public static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count < 40 else { return nil }
        let commaAsPoint = trimmed.contains(".") ? trimmed : trimmed.replacingOccurrences(of: ",", with: ".")
        guard let value = Double(commaAsPoint), value.isFinite else { return nil }
        return value
    }

    /// What the right answer is, in words, for the review after an attempt.
    public static func correctAnswer(_ question: Question) -> String {
        switch question.type {
        case .single, .multiple, .truefalse:
            return question.choices.filter { $0.weight > 0 }.map(\.text).joined(separator: "; ")
        case .short:
            return question.accepted.filter { $0.weight >= 100 }.map(\.text).joined(separator: " / ")
        case .numerical:
            return question.numerical.filter { $0.weight >= 100 }.map { answer in
                answer.tolerance == 0 ? format(answer.value) : "\(format(answer.min))–\(format(answer.max))"
            }.joined(separator: " / ")
        }
    }

    /// Whole numbers without ".0", others in Swift's shortest form, which reads back as the same `Double` (so it is
    /// also how a stored result writes its scores).
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// Normalised forms of texts that repeat (accepted answers come from the course files), computed once each rather
/// than on every grading. The server's one table lives in `Caches`.
final class NormalizedForms: Sendable {
    private let forms = MemoTable<String>(capacity: 20_000)

    func normalized(_ text: String, foldDiacritics: Bool) -> String {
        forms.value((foldDiacritics ? "1" : "0") + text) { Grader.normalize(text, foldDiacritics: foldDiacritics) }
    }
}
