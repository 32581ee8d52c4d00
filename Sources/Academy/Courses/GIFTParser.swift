/// Parses quizzes written in Moodle's GIFT format (as described in `Courses/README.md`) into questions.
///
/// Every problem is listed with the line it is on; after a problem the parser goes on with the next question.
/// Questions with problems are left out of `questions`, and so is the second of two questions with one id.
/// The parser reports syntax (and duplicate ids); `Question.problems(path:)` checks each question's content.
public struct GIFTParser: Sendable {
    public init() {}

    /// The questions of a GIFT file, in file order, and every problem found; `path` is used in the problems.
    public func parse(_ text: String, path: String) -> (questions: [Question], problems: [CourseProblem]) {
        var questions: [Question] = []
        var problems: [CourseProblem] = []
        var unclosed: GIFTUnclosed?
        for chunk in GIFTText.chunks(of: GIFTText.lines(of: text)) {
            var reader = GIFTQuestionReader(path: path)
            let question = reader.read(chunk, after: &unclosed)
            problems += reader.problems
            if let question { questions.append(question) }
        }
        problems += Question.duplicateIDs(questions, path: path)
        var seen = Set<String>()
        questions = questions.filter { seen.insert($0.id).inserted }
        let ordered = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
        return (questions, ordered.map(\.element))
    }
}

/// A question whose `{` never closed: the next chunks may be the rest of its answers, cut off by a blank line.
struct GIFTUnclosed {
    var questionLine: Int
    var explained = false
}

/// Reads one question: a run of non-blank lines.
struct GIFTQuestionReader {
    let path: String
    var problems: [CourseProblem] = []

    init(path: String) {
        self.path = path
    }

    mutating func report(_ line: Int, _ code: ProblemCode, _ arguments: String...) {
        problems.append(CourseProblem(path: path, line: line, code, arguments))
    }

    /// The question in `chunk`, or nil when it has a problem or holds only comments.
    mutating func read(_ chunk: [GIFTLine], after unclosed: inout GIFTUnclosed?) -> Question? {
        var matchDiacritics = true
        var directiveLine: Int?
        var content: [GIFTLine] = []
        for line in chunk {
            if line.isComment {
                guard let value = Self.diacriticsDirective(line) else { continue }
                if !content.isEmpty {
                    report(line.number, .diacriticsPlace)
                } else if value == "optional" || value == "required" {
                    matchDiacritics = value == "required"
                    directiveLine = line.number
                } else {
                    report(line.number, .diacriticsValue, value)
                }
            } else if !line.isCategory {
                content.append(line)
            }
        }
        guard let firstLine = content.first?.number else {
            if let directiveLine {
                report(directiveLine, .diacriticsAlone)
            }
            return nil
        }
        let units = GIFTText.trimmed(GIFTText.units(of: content)[...])
        if let previous = unclosed, isRestOfAnswers(units) {
            if !previous.explained {
                report(firstLine, .blankLineInAnswers, String(previous.questionLine))
            }
            let closes = units.contains { $0.isControl("}") }
            unclosed = closes ? nil : GIFTUnclosed(questionLine: previous.questionLine, explained: true)
            return nil
        }
        unclosed = nil
        return question(units, firstLine: firstLine, matchDiacritics: matchDiacritics, unclosed: &unclosed)
    }

    private mutating func question(
        _ units: GIFTUnits, firstLine: Int, matchDiacritics: Bool, unclosed: inout GIFTUnclosed?
    ) -> Question? {
        var rest = units
        var title: String?
        if GIFTText.first(":", ":", in: rest) == rest.startIndex {
            let afterOpen = rest.dropFirst(2)
            guard let close = GIFTText.first(":", ":", in: afterOpen) else {
                report(firstLine, .titleUnclosed)
                return nil
            }
            title = GIFTText.string(afterOpen[..<close], joiner: " ")
            rest = afterOpen[(close + 2)...]
        }
        rest = GIFTText.droppingFormat(rest)
        guard let open = rest.firstIndex(where: { $0.isControl("{") || $0.isControl("}") }) else {
            report(firstLine, .descriptionQuestion)
            return nil
        }
        guard rest[open].char == "{" else {
            report(rest[open].line, .closeWithoutOpen)
            return nil
        }
        let inner = rest[(open + 1)...]
        guard let close = inner.firstIndex(where: { $0.isControl("{") || $0.isControl("}") }) else {
            report(rest[open].line, .unclosedBrace)
            unclosed = GIFTUnclosed(questionLine: firstLine)
            return nil
        }
        guard rest[close].char == "}" else {
            report(rest[close].line, .openInsideAnswers)
            return nil
        }
        checkAfterAnswers(rest[(close + 1)...])
        var answerParser = GIFTAnswerParser(path: path)
        let block = answerParser.parse(rest[(open + 1)..<close], openLine: rest[open].line)
        problems += answerParser.problems
        guard let block, problems.isEmpty else { return nil }
        let text = GIFTText.string(rest[..<open], joiner: "\n")
        let id = title.flatMap { $0.isEmpty ? nil : $0 } ?? GIFTText.hashID(text)
        return Question(
            id: id, type: block.type, text: text, choices: block.choices, accepted: block.accepted,
            numerical: block.numerical, matchDiacritics: matchDiacritics, feedback: block.feedback, line: firstLine
        )
    }

    /// Only whitespace and `// comments` may follow the closing `}`.
    private mutating func checkAfterAnswers(_ units: GIFTUnits) {
        var rest = GIFTText.trimmed(units)
        while let first = rest.first {
            if GIFTText.first("/", "/", in: rest) == rest.startIndex {
                let endOfLine = GIFTText.first("\n", in: rest) ?? rest.endIndex
                rest = GIFTText.trimmed(rest[endOfLine...])
            } else if GIFTText.first(":", ":", in: rest) == rest.startIndex {
                report(first.line, .textAfterAnswersQuestion)
                return
            } else {
                report(first.line, .missingWord)
                return
            }
        }
    }

    /// Whether a chunk that follows an unclosed `{` looks like the rest of its answers (cut off by a blank line).
    private func isRestOfAnswers(_ units: GIFTUnits) -> Bool {
        guard let brace = units.first(where: { $0.isControl("{") || $0.isControl("}") }) else {
            return units.first.map { $0.isControl("=") || $0.isControl("~") || $0.isControl("#") } ?? false
        }
        return brace.char == "}"
    }

    /// The value of a `// @diacritics: value` comment (lower-cased), or nil for any other comment.
    static func diacriticsDirective(_ line: GIFTLine) -> String? {
        let comment = GIFTText.trim(line.content.dropFirst(2))
        guard comment.lowercased().hasPrefix("@diacritics") else { return nil }
        var value = comment.dropFirst("@diacritics".count).drop(while: \.isWhitespace)
        if value.first == ":" { value = value.dropFirst() }
        return GIFTText.trim(value).lowercased()
    }
}
