/// Checks of a question's content, shared by GIFT and YAML quizzes.
extension Question {
    /// Everything wrong with this question, reported on its line: no text, too few choices, no correct answer,
    /// weights of a multiple-answer question that do not add up to 100, a negative tolerance, ….
    public func problems(path: String) -> [CourseProblem] {
        var found: [(ProblemCode, [String])] = []
        if id.allSatisfy(\.isWhitespace) { found.append((.questionNoID, [])) }
        if text.allSatisfy(\.isWhitespace) { found.append((.questionNoText, [id])) }
        switch type {
        case .single: found += singleProblems()
        case .multiple: found += multipleProblems()
        case .truefalse: found += trueFalseProblems()
        case .short: found += shortProblems()
        case .numerical: found += numericalProblems()
        }
        return found.map { CourseProblem(path: path, line: line, $0.0, $0.1) }
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
                problems.append(
                    CourseProblem(path: path, line: question.line, .duplicateID, [question.id, String(first)]))
            } else {
                firstLines[question.id] = question.line
            }
        }
        return problems
    }

    private func choiceProblems() -> [(ProblemCode, [String])] {
        var found: [(ProblemCode, [String])] = []
        if choices.count < 2 { found.append((.tooFewChoices, [id])) }
        for choice in choices {
            if choice.text.allSatisfy(\.isWhitespace) { found.append((.choiceNoText, [choice.id, id])) }
            if !(-100...100).contains(choice.weight) {
                found.append((.choiceWeightRange, [choice.id, id, Self.format(choice.weight)]))
            }
        }
        return found
    }

    private func singleProblems() -> [(ProblemCode, [String])] {
        var found = choiceProblems()
        let correct = choices.filter { abs($0.weight - 100) < 0.01 }.count
        if correct == 0 {
            found.append((.noCorrectAnswer, [id]))
        } else if correct > 1 {
            found.append((.tooManyCorrect, [id, String(correct)]))
        }
        return found
    }

    private func multipleProblems() -> [(ProblemCode, [String])] {
        var found = choiceProblems()
        let positive = choices.map(\.weight).filter { $0 > 0 }
        let sum = positive.reduce(0, +)
        if positive.isEmpty {
            found.append((.noCorrectAnswer, [id]))
        } else if abs(sum - 100) > 0.01 {
            found.append((.weightsSum, [id, Self.format(sum)]))
        }
        return found
    }

    private func trueFalseProblems() -> [(ProblemCode, [String])] {
        guard choices.count == 2, Set(choices.map(\.id)) == ["true", "false"] else {
            return [(.trueFalseChoices, [id])]
        }
        switch choices.filter({ abs($0.weight - 100) < 0.01 }).count {
        case 0: return [(.noCorrectAnswer, [id])]
        case 1: return []
        default: return [(.trueFalseBoth, [id])]
        }
    }

    private func shortProblems() -> [(ProblemCode, [String])] {
        if accepted.isEmpty { return [(.noAccepted, [id])] }
        var found: [(ProblemCode, [String])] = []
        if accepted.contains(where: { $0.text.allSatisfy(\.isWhitespace) }) { found.append((.emptyAccepted, [id])) }
        if !accepted.contains(where: { $0.weight > 0 }) { found.append((.noCorrectAnswer, [id])) }
        return found
    }

    private func numericalProblems() -> [(ProblemCode, [String])] {
        if numerical.isEmpty { return [(.noNumerical, [id])] }
        var found: [(ProblemCode, [String])] = []
        if !numerical.contains(where: { $0.weight > 0 }) { found.append((.noCorrectAnswer, [id])) }
        for answer in numerical {
            if !answer.value.isFinite || !answer.tolerance.isFinite {
                found.append((.numberNotFinite, [id]))
            } else if answer.tolerance < 0 {
                found.append((.negativeTolerance, [id, Self.format(answer.tolerance)]))
            }
        }
        return found
    }

    /// A weight or number as a trainer would write it: "50", "33.33", "-100".
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }
}
