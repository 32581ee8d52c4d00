/// Checks of a question's content, shared by GIFT and YAML quizzes.
extension Question {
    /// Everything wrong with this question, reported on its line: no text, too few choices, no correct answer,
    /// weights of a multiple-answer question that do not add up to 100, a negative tolerance, ….
    public func problems(path: String) -> [CourseProblem] {
        var messages: [String] = []
        let name = "question '\(id)'"
        if id.allSatisfy(\.isWhitespace) { messages.append("a question has no id") }
        if text.allSatisfy(\.isWhitespace) { messages.append("\(name) has no text") }
        switch type {
        case .single: messages += singleProblems(name)
        case .multiple: messages += multipleProblems(name)
        case .truefalse: messages += trueFalseProblems(name)
        case .short: messages += shortProblems(name)
        case .numerical: messages += numericalProblems(name)
        }
        return messages.map { CourseProblem(path: path, line: line, message: $0) }
    }

    /// What is allowed but probably not meant, as `warning: …` lines that do not refuse the course: wrong choices
    /// of a multiple-answer question left without a weight, which the grader then counts as a penalty.
    public func warnings(path: String) -> [CourseProblem] {
        guard type == .multiple else { return [] }
        let unweighted = choices.filter { $0.weight == 0 }
        let penalty = -Grader.wrongChoicePenalty(self)
        guard !unweighted.isEmpty, penalty > 0 else { return [] }
        let names = unweighted.map { "'\($0.id)'" }.joined(separator: ", ")
        let one = unweighted.count == 1
        let (they, have, them) =
            one ? ("choice", "has", "it a negative weight") : ("choices", "have", "them negative weights")
        let message =
            "warning: wrong \(they) \(names) of question '\(id)' \(have) no weight; each one ticked takes "
            + "away \(Self.format(penalty))% of the question's marks (give \(them) to choose how much)"
        return [CourseProblem(path: path, line: line, message: message)]
    }

    /// A problem for every question whose id an earlier question of `questions` already uses.
    public static func duplicateIDs(_ questions: [Question], path: String) -> [CourseProblem] {
        var firstLines: [String: Int] = [:]
        var problems: [CourseProblem] = []
        for question in questions {
            if let first = firstLines[question.id] {
                let message = "duplicate question id '\(question.id)' (first used on line \(first))"
                problems.append(CourseProblem(path: path, line: question.line, message: message))
            } else {
                firstLines[question.id] = question.line
            }
        }
        return problems
    }

    private func choiceProblems(_ name: String) -> [String] {
        var messages: [String] = []
        if choices.count < 2 { messages.append("\(name) needs at least two choices") }
        for choice in choices {
            if choice.text.allSatisfy(\.isWhitespace) {
                messages.append("choice '\(choice.id)' of \(name) has no text")
            }
            if !(-100...100).contains(choice.weight) {
                messages.append(
                    "choice '\(choice.id)' of \(name) has weight \(Self.format(choice.weight)); "
                        + "weights go from -100 to 100")
            }
        }
        return messages
    }

    private func singleProblems(_ name: String) -> [String] {
        var messages = choiceProblems(name)
        let correct = choices.filter { abs($0.weight - 100) < 0.01 }.count
        if correct == 0 {
            messages.append("\(name) has no correct answer")
        } else if correct > 1 {
            messages.append("\(name) has \(correct) correct answers; a single-choice question has exactly one")
        }
        return messages
    }

    private func multipleProblems(_ name: String) -> [String] {
        var messages = choiceProblems(name)
        let positive = choices.map(\.weight).filter { $0 > 0 }
        let sum = positive.reduce(0, +)
        if positive.isEmpty {
            messages.append("\(name) has no correct answer")
        } else if abs(sum - 100) > 0.01 {
            messages.append("the weights of the correct choices of \(name) add up to \(Self.format(sum)), not 100")
        }
        return messages
    }

    private func trueFalseProblems(_ name: String) -> [String] {
        guard choices.count == 2, Set(choices.map(\.id)) == ["true", "false"] else {
            return ["true/false \(name) must have exactly the two choices 'true' and 'false'"]
        }
        switch choices.filter({ abs($0.weight - 100) < 0.01 }).count {
        case 0: return ["\(name) has no correct answer"]
        case 1: return []
        default: return ["\(name) marks both true and false as correct"]
        }
    }

    private func shortProblems(_ name: String) -> [String] {
        if accepted.isEmpty { return ["\(name) has no accepted answer"] }
        var messages: [String] = []
        if accepted.contains(where: { $0.text.allSatisfy(\.isWhitespace) }) {
            messages.append("\(name) has an empty accepted answer")
        }
        if !accepted.contains(where: { $0.weight > 0 }) { messages.append("\(name) has no correct answer") }
        return messages
    }

    private func numericalProblems(_ name: String) -> [String] {
        if numerical.isEmpty { return ["\(name) has no numerical answer"] }
        var messages: [String] = []
        if !numerical.contains(where: { $0.weight > 0 }) { messages.append("\(name) has no correct answer") }
        for answer in numerical {
            if !answer.value.isFinite || !answer.tolerance.isFinite {
                messages.append("\(name) has an answer that is not a number")
            } else if answer.tolerance < 0 {
                messages.append("\(name) has a negative tolerance (\(Self.format(answer.tolerance)))")
            }
        }
        return messages
    }

    /// A weight or number as a trainer would write it: "50", "33.33", "-100".
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }
}
