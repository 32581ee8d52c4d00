/// What the answer block `{…}` of one GIFT question holds.
struct GIFTAnswerBlock {
    var type: QuestionType
    var choices: [Choice] = []
    var accepted: [ShortAnswer] = []
    var numerical: [NumericalAnswer] = []
    var feedback: String?
}

/// One answer of a block: `=` or `~`, an optional `%weight%`, its text and optional `#feedback`.
struct GIFTAnswer {
    var marker: Character
    var line: Int
    var weight: Double?
    var body: GIFTUnits
    var feedback: String?
}

/// Parses the inside of an answer block, collecting problems with their lines.
struct GIFTAnswerParser {
    let path: String
    var problems: [CourseProblem] = []

    init(path: String) {
        self.path = path
    }

    mutating func report(_ line: Int, _ code: ProblemCode, _ arguments: String...) {
        problems.append(CourseProblem(path: path, line: line, code, arguments))
    }

    /// The answers between `{` (on `openLine`) and `}`; nil when they have a problem or are not supported.
    mutating func parse(_ inner: GIFTUnits, openLine: Int) -> GIFTAnswerBlock? {
        var body = inner
        var feedback: String?
        if let hashes = inner.indices.first(where: { start in
            start + 3 < inner.endIndex && (start...(start + 3)).allSatisfy { inner[$0].isControl("#") }
        }) {
            body = inner[..<hashes]
            feedback = GIFTText.answerText(inner[(hashes + 4)...])
        }
        body = GIFTText.trimmed(body)
        guard let first = body.first else {
            report(openLine, .essay)
            return nil
        }
        if first.isControl("#") {
            return numerical(body.dropFirst(), openLine: openLine, feedback: feedback)
        }
        let head = GIFTText.string(body[..<(GIFTText.first("#", in: body) ?? body.endIndex)], joiner: " ")
        if ["T", "TRUE", "F", "FALSE"].contains(head.uppercased()) {
            return trueFalse(body, isTrue: head.uppercased().hasPrefix("T"), feedback: feedback)
        }
        guard first.isControl("=") || first.isControl("~") else {
            report(first.line, .answerStart)
            return nil
        }
        let hasTilde = GIFTText.first("~", in: body) != nil
        if !hasTilde, let arrow = GIFTText.first("-", ">", in: body) {
            report(body[arrow].line, .matching)
            return nil
        }
        guard let answers = split(body) else { return nil }
        for answer in answers where GIFTText.answerText(answer.body) == nil {
            report(answer.line, .answerNoText, String(answer.marker))
        }
        guard problems.isEmpty else { return nil }
        let texts = answers.map { GIFTText.answerText($0.body) ?? "" }
        if !hasTilde {
            let accepted = zip(answers, texts).map { answer, text in
                ShortAnswer(text: text, weight: answer.weight ?? 100, feedback: answer.feedback)
            }
            return GIFTAnswerBlock(type: .short, accepted: accepted, feedback: feedback)
        }
        let choices = zip(answers, texts).enumerated().map { index, pair in
            Choice(
                id: GIFTText.choiceID(index), text: pair.1,
                weight: pair.0.weight ?? (pair.0.marker == "=" ? 100 : 0), feedback: pair.0.feedback)
        }
        return GIFTAnswerBlock(type: choiceType(answers, choices), choices: choices, feedback: feedback)
    }

    /// Single choice when exactly one `=` answer has no weight (other answers may earn part marks); multiple
    /// answers when there is no `=` and some weight is positive, or explicit weights make several positive.
    private func choiceType(_ answers: [GIFTAnswer], _ choices: [Choice]) -> QuestionType {
        let equals = answers.filter { $0.marker == "=" }
        let positive = choices.filter { $0.weight > 0 }.count
        if equals.count == 1 && equals[0].weight == nil { return .single }
        if equals.isEmpty && positive > 0 { return .multiple }
        if answers.contains(where: { $0.weight != nil }) && positive >= 2 { return .multiple }
        return .single
    }

    /// `{T}`, `{TRUE}`, `{F}`, `{FALSE}`, optionally `#feedback when wrong#feedback when right`.
    private mutating func trueFalse(_ body: GIFTUnits, isTrue: Bool, feedback: String?) -> GIFTAnswerBlock? {
        var parts: [GIFTUnits] = []
        var start = body.startIndex
        for index in body.indices where body[index].isControl("#") {
            parts.append(body[start..<index])
            start = index + 1
        }
        parts.append(body[start...])
        if parts.count > 3 {
            report(body[start - 1].line, .trueFalseFeedback)
            return nil
        }
        let wrong = parts.count > 1 ? GIFTText.answerText(parts[1]) : nil
        let right = parts.count > 2 ? GIFTText.answerText(parts[2]) : nil
        let choices = [
            Choice(id: "true", text: "true", weight: isTrue ? 100 : 0, feedback: isTrue ? right : wrong),
            Choice(id: "false", text: "false", weight: isTrue ? 0 : 100, feedback: isTrue ? wrong : right),
        ]
        return GIFTAnswerBlock(type: .truefalse, choices: choices, feedback: feedback)
    }

    /// `{#value:tolerance}`, `{#min..max}`, `{#value}` or several `=%weight%value:tolerance#feedback` answers.
    private mutating func numerical(_ units: GIFTUnits, openLine: Int, feedback: String?) -> GIFTAnswerBlock? {
        let body = GIFTText.trimmed(units)
        guard let first = body.first else {
            report(openLine, .numericalEmpty)
            return nil
        }
        var marked = Array(body)
        if !first.isControl("=") && !first.isControl("~") {
            marked.insert(GIFTUnit(char: "=", line: first.line, escaped: false), at: 0)
        }
        guard let answers = split(marked[...]) else { return nil }
        var result: [NumericalAnswer] = []
        for answer in answers {
            let spec = GIFTText.string(answer.body, joiner: " ")
            guard !spec.isEmpty else {
                report(answer.line, answer.marker == "~" ? .numericalOther : .numericalNoNumber)
                continue
            }
            if let (value, tolerance) = numericalValue(spec, line: answer.line) {
                let weight = answer.weight ?? (answer.marker == "=" ? 100 : 0)
                result.append(
                    NumericalAnswer(value: value, tolerance: tolerance, weight: weight, feedback: answer.feedback))
            }
        }
        guard problems.isEmpty else { return nil }
        return GIFTAnswerBlock(type: .numerical, numerical: result, feedback: feedback)
    }

    /// `value`, `value:tolerance` or `min..max` as a value and a tolerance.
    private mutating func numericalValue(_ spec: String, line: Int) -> (Double, Double)? {
        let parts: [Substring]
        let isRange = spec.contains("..")
        if let range = spec.range(of: "..") {
            parts = [spec[..<range.lowerBound], spec[range.upperBound...]]
        } else {
            parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        }
        var numbers: [Double] = []
        for part in parts {
            let text = GIFTText.trim(part)
            guard let number = GIFTText.number(text) else {
                report(line, .notANumber, text)
                return nil
            }
            numbers.append(number)
        }
        guard isRange, numbers.count == 2 else { return (numbers[0], numbers.count > 1 ? numbers[1] : 0) }
        guard numbers[0] <= numbers[1] else {
            report(line, .rangeReversed, spec)
            return nil
        }
        return ((numbers[0] + numbers[1]) / 2, (numbers[1] - numbers[0]) / 2)
    }

    /// Splits units starting with `=` or `~` into answers, reading each answer's weight and feedback.
    private mutating func split(_ body: GIFTUnits) -> [GIFTAnswer]? {
        let starts = body.indices.filter { body[$0].isControl("=") || body[$0].isControl("~") }
        var answers: [GIFTAnswer] = []
        let before = problems.count
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : body.endIndex
            var rest = GIFTText.trimmed(body[(start + 1)..<end])
            var weight: Double?
            if let percent = rest.first, percent.isControl("%") {
                guard let close = GIFTText.first("%", in: rest.dropFirst()) else {
                    report(percent.line, .weightUnclosed)
                    continue
                }
                let text = GIFTText.trim(String(rest[(rest.startIndex + 1)..<close].map(\.char)))
                weight = GIFTText.number(text)
                if weight == nil {
                    report(percent.line, .weightNotANumber, text)
                }
                rest = rest[(close + 1)...]
            }
            let hash = GIFTText.first("#", in: rest) ?? rest.endIndex
            let feedback = hash < rest.endIndex ? GIFTText.answerText(rest[(hash + 1)...]) : nil
            answers.append(
                GIFTAnswer(
                    marker: body[start].char, line: body[start].line, weight: weight,
                    body: rest[..<hash], feedback: feedback))
        }
        return problems.count == before ? answers : nil
    }
}
