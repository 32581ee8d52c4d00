import Foundation

/// Marks one answer: a share of the question's point (0…1), and the feedback that goes with the answer.
public enum Grader {
    public struct Mark: Codable, Sendable, Equatable {
        public var points: Double
        public var feedback: [String]
    }

    /// `vietnameseNumbers`: numerical answers are read as a Vietnamese learner writes them (`vietnameseNumber`).
    public static func grade(_ question: Question, _ response: QuizAnswer?, vietnameseNumbers: Bool = false) -> Mark {
        grade(question, response, accepted: nil, vietnameseNumbers: vietnameseNumbers)
    }

    /// The same, taking accepted answers' normalised forms from `accepted` (the server's one table, made at start-up)
    /// rather than normalising them again.
    static func grade(
        _ question: Question, _ response: QuizAnswer?, accepted: NormalizedForms?, vietnameseNumbers: Bool = false
    ) -> Mark {
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
            let typed = response.text ?? ""
            guard let value = vietnameseNumbers ? vietnameseNumber(typed) : number(typed) else {
                return Mark(points: 0, feedback: [])
            }
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

    /// A number as a Vietnamese learner writes it (issue 15): `.` groups thousands, `,` starts the decimals —
    /// "1.120" is 1120, "61,43" is 61.43, "1.234.567,5" is 1234567.5. A lone point is a thousands point only when
    /// exactly three digits follow it and it could group them ("1.871" = 1871); otherwise ("1.5", "1.12", "0.125")
    /// it can only be a decimal point, as the learner meant. With both marks the last one starts the decimals
    /// ("1,234.5" = 1234.5); several commas group thousands ("1,234,567"). Anything else is read as `number` reads it.
    public static func vietnameseNumber(_ text: String) -> Double? {
        var digits = text.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count < 40 else { return nil }
        var sign = ""
        if let first = digits.first, first == "-" || first == "+" { sign = String(digits.removeFirst()) }
        guard digits.allSatisfy({ ("0"..."9").contains($0) || $0 == "." || $0 == "," }) else { return number(text) }
        guard digits.contains(where: { ("0"..."9").contains($0) }) else { return nil }
        let dots = digits.filter { $0 == "." }.count
        let commas = digits.filter { $0 == "," }.count
        var decimal: Character?
        if dots > 0 && commas > 0 {
            decimal = digits.last { $0 == "." || $0 == "," }
        } else if commas == 1 {
            decimal = ","
        } else if dots == 1 {
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            let groupsThousands = parts[1].count == 3 && (1...3).contains(parts[0].count) && !parts[0].hasPrefix("0")
            decimal = groupsThousands ? nil : "."
        }
        var whole = Substring(digits)
        var fraction: Substring = ""
        if let decimal, let index = digits.lastIndex(of: decimal) {
            whole = digits[..<index]
            fraction = digits[digits.index(after: index)...]
        }
        guard !fraction.contains(where: { $0 == "." || $0 == "," }) else { return nil }
        let groups = whole.split(whereSeparator: { $0 == "." || $0 == "," }).map(String.init)
        if groups.count > 1 {
            // Thousands marks must group by three: "1.12.0" is not a number.
            let separators = whole.filter { $0 == "." || $0 == "," }
            guard Set(separators).count == 1, separators.count == groups.count - 1,
                (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        let plain = sign + (groups.joined().isEmpty ? "0" : groups.joined()) + (fraction.isEmpty ? "" : "." + fraction)
        guard let value = Double(plain), value.isFinite else { return nil }
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
