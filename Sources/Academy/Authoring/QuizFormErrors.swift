/// Where the problems of a refused quiz form are shown, in the reader's language (issue 16): beside the field at
/// fault, and in a summary at the top whose links lead to those fields.
struct QuizFormErrors {
    /// The messages of one question card, by field.
    struct Block {
        var id: [String] = []
        var text: [String] = []
        var choices: [String] = []
        var answer: [String] = []
        var accepted: [String] = []
        var value: [String] = []
        var tolerance: [String] = []
        /// Which of the choice rows' fields are at fault.
        var choiceTexts = false
        var correct = false
        var weights = false

        var isEmpty: Bool { [id, text, choices, answer, accepted, value, tolerance].allSatisfy(\.isEmpty) }
    }

    var blocks: [Int: Block] = [:]
    var pass: [String] = []
    var draw: [String] = []
    var gift: [String] = []
    var summary: [AuthorQuizPage.ErrorLink] = []

    init() {}

    /// `form`: problems of the questions built from the form, each on "line" its block's number;
    /// `gift`: problems of the GIFT text pasted, on its lines; `file`: what the course's validator said after.
    init(
        form: [CourseProblem], gift: [CourseProblem], file: [CourseProblem], questions: [QuizForm.QuestionField],
        strings: Strings, language: Language
    ) {
        for problem in file {
            let text = Self.text(problem, strings, language)
            switch problem.code?.field {
            case .pass:
                pass.append(text)
                summary.append(.init(href: "#pass", text: strings.text("author_pass", language) + ": " + text))
            case .draw:
                draw.append(text)
                summary.append(.init(href: "#draw", text: strings.text("author_draw", language) + ": " + text))
            default: summary.append(.init(href: nil, text: text))
            }
        }
        for problem in form {
            let index = problem.line - 1
            let type = questions.indices.contains(index) ? questions[index].type : .single
            let text = Self.text(problem, strings, language)
            let target = place(text, problem.code?.field ?? .quiz, type: type, block: index)
            let label = strings.text("author_error_question", language, [String(problem.line)])
            summary.append(.init(href: "#" + target, text: label + ": " + text))
        }
        for problem in gift {
            let text = strings.text(
                "author_error_line", language, [String(problem.line), Self.text(problem, strings, language)])
            self.gift.append(text)
            summary.append(.init(href: "#gift", text: strings.text("author_gift_label", language) + " — " + text))
        }
    }

    /// Files the message under its field and returns the id of the element the summary links to.
    private mutating func place(_ text: String, _ field: ProblemCode.Field, type: QuestionType, block index: Int)
        -> String
    {
        let q = "q\(index)_"
        var block = blocks[index] ?? Block()
        defer { blocks[index] = block }
        let choiceType = type == .single || type == .multiple
        switch field {
        case .id:
            block.id.append(text)
            return q + "id"
        case .choices where choiceType:
            block.choices.append(text)
            block.choiceTexts = true
            return q + "c0_text"
        case .weights where choiceType:
            block.choices.append(text)
            block.weights = true
            return q + "c0_weight"
        case .correct where choiceType:
            block.choices.append(text)
            block.correct = true
            return q + "c0_correct"
        case .correct where type == .truefalse:
            block.answer.append(text)
            return q + "answer_true"
        case .accepted,
            .correct where type == .short:
            block.accepted.append(text)
            return q + "accepted"
        case .value,
            .correct where type == .numerical:
            block.value.append(text)
            return q + "value"
        case .tolerance:
            block.tolerance.append(text)
            return q + "tolerance"
        default:
            block.text.append(text)
            return q + "text"
        }
    }

    /// A problem in the reader's language when it has a code; otherwise as the validator wrote it.
    static func text(_ problem: CourseProblem, _ strings: Strings, _ language: Language) -> String {
        guard let code = problem.code else { return problem.description }
        return strings.text("problem.\(code.rawValue)", language, problem.arguments)
    }
}
