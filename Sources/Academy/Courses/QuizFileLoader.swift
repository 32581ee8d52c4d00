import Foundation
import Yams

/// Reads a quiz file in either format: Moodle GIFT (`.gift`) or our YAML (`.yaml`, `.yml`).
struct QuizFileLoader {
    /// What one quiz file holds: every question in the file's order, its groups (nil when ungrouped), its problems.
    struct File {
        var questions: [Question]
        var groups: [QuestionGroup]?
        var problems: [CourseProblem]
    }

    /// The questions of one file and every problem found in it (syntax and content checks).
    static func load(text: String, path: String) -> (questions: [Question], problems: [CourseProblem]) {
        let file = loadFile(text: text, path: path)
        return (file.questions, file.problems)
    }

    /// The whole file, groups included. Question ids stay unique across groups.
    static func loadFile(text: String, path: String) -> File {
        var file: File
        if path.lowercased().hasSuffix(".gift") {
            let (questions, problems) = GIFTParser().parse(text, path: path)
            file = File(questions: questions, groups: nil, problems: problems)
        } else {
            file = loadYAML(text: text, path: path)
        }
        file.questions = file.questions.map(Self.normalized)
        file.problems += Question.duplicateIDs(file.questions, path: path)
        for question in file.questions { file.problems += question.problems(path: path) }
        if file.questions.isEmpty && file.problems.isEmpty {
            file.problems.append(CourseProblem(path: path, line: 1, .quizEmpty))
        }
        return file
    }

    /// Vietnamese text in NFC whatever the editor produced, so display and matching agree.
    static func normalized(_ question: Question) -> Question {
        var question = question
        question.text = question.text.precomposedStringWithCanonicalMapping
        question.choices = question.choices.map { choice in
            var choice = choice
            choice.text = choice.text.precomposedStringWithCanonicalMapping
            return choice
        }
        question.accepted = question.accepted.map { answer in
            var answer = answer
            answer.text = answer.text.precomposedStringWithCanonicalMapping
            return answer
        }
        return question
    }

    static func loadYAML(text: String, path: String) -> File {
        var reader = YAMLReader(path: path)
        guard let root = reader.compose(text), let map = reader.mapping(root, "a YAML quiz") else {
            if reader.problems.isEmpty { reader.problem(line: 1, "the quiz file is empty") }
            return File(questions: [], groups: nil, problems: reader.problems)
        }
        reader.checkKeys(map, known: ["questions", "groups"], in: "the quiz file")
        if let groupsNode = map["groups"] {
            if let key = map.first(where: { $0.key.string == "questions" })?.key {
                reader.problem(
                    key, "a quiz with 'groups:' has no top-level 'questions:'; put every question in a group")
            }
            let (questions, groups) = Self.groups(groupsNode, reader: &reader)
            return File(questions: questions, groups: groups, problems: reader.problems)
        }
        guard let list = map["questions"]?.sequence else {
            reader.problem(map["questions"] ?? root, "the quiz needs a 'questions:' list (or 'groups:')")
            return File(questions: [], groups: nil, problems: reader.problems)
        }
        var questions: [Question] = []
        for node in list {
            if let question = question(node, reader: &reader) { questions.append(question) }
        }
        return File(questions: questions, groups: nil, problems: reader.problems)
    }

    static let groupKeys = ["id", "title", "draw", "questions"]

    /// `groups:`: each with a unique id, its questions, and a draw from 1 to its number of questions.
    private static func groups(_ node: Node, reader: inout YAMLReader) -> ([Question], [QuestionGroup]) {
        guard let list = node.sequence, !list.isEmpty else {
            reader.problem(node, "'groups:' must be a list of groups, each with 'id', 'draw' and 'questions'")
            return ([], [])
        }
        var questions: [Question] = []
        var groups: [QuestionGroup] = []
        var seen: [String: Int] = [:]
        for entry in list {
            guard let map = reader.mapping(entry, "a group") else { continue }
            reader.checkKeys(map, known: groupKeys, in: "a group")
            guard let id = reader.string(map, "id", required: true, in: "the group") else { continue }
            if let first = seen[id] {
                reader.problem(map["id"], "duplicate group id '\(id)' (first used on line \(first))")
            }
            seen[id] = YAMLReader.line(map["id"])
            let title = reader.string(map, "title", required: false, in: "")
            let draw = reader.int(map, "draw", range: 1...10_000)
            if map["draw"] == nil {
                reader.problem(map["id"], "group '\(id)' needs 'draw:', how many of its questions each attempt asks")
            }
            guard let items = map["questions"]?.sequence, !items.isEmpty else {
                reader.problem(map["questions"] ?? map["id"], "group '\(id)' needs a 'questions:' list")
                continue
            }
            let before = questions.count
            for item in items {
                if let question = question(item, reader: &reader) { questions.append(question) }
            }
            let ids = questions[before...].map(\.id)
            if let draw, draw > items.count {
                reader.problem(map["draw"], .groupDrawTooLarge, [id, String(draw), String(items.count)])
            }
            groups.append(QuestionGroup(id: id, title: title, draw: draw ?? 1, questionIDs: ids))
        }
        return (questions, groups)
    }

    static let questionKeys = [
        "id", "type", "text", "choices", "feedback", "answer", "accepted", "diacritics", "value", "tolerance",
        "min", "max", "feedback_true", "feedback_false",
    ]

    private static func question(_ node: Node, reader: inout YAMLReader) -> Question? {
        guard let map = reader.mapping(node, "a question") else { return nil }
        reader.checkKeys(map, known: questionKeys, in: "a question")
        let line = YAMLReader.line(node)
        guard let id = reader.string(map, "id", required: true, in: "the question"),
            let typeName = reader.string(map, "type", required: true, in: "question '\(map["id"]?.string ?? "")'"),
            let text = reader.string(map, "text", required: true, in: "question '\(map["id"]?.string ?? "")'")
        else { return nil }
        guard let type = QuestionType(rawValue: typeName) else {
            reader.problem(
                map["type"],
                "unknown question type '\(typeName)'; expected one of: "
                    + QuestionType.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        var question = Question(id: id, type: type, text: text, line: line)
        question.feedback = reader.string(map, "feedback", required: false, in: "")
        switch type {
        case .single, .multiple:
            question.choices = choices(map, type: type, reader: &reader)
        case .truefalse:
            guard let answer = reader.bool(map, "answer") else {
                if map["answer"] == nil {
                    reader.problem(node, "question '\(id)' is missing 'answer: true' or 'answer: false'")
                }
                return question
            }
            let whenTrue = reader.string(map, "feedback_true", required: false, in: "")
            let whenFalse = reader.string(map, "feedback_false", required: false, in: "")
            question.choices = [
                Choice(id: "true", text: "true", weight: answer ? 100 : 0, feedback: whenTrue),
                Choice(id: "false", text: "false", weight: answer ? 0 : 100, feedback: whenFalse),
            ]
        case .short:
            guard let list = map["accepted"]?.sequence else {
                reader.problem(map["accepted"] ?? node, "question '\(id)' needs an 'accepted:' list of answers")
                return question
            }
            question.accepted = list.compactMap { $0.string }.map { ShortAnswer(text: $0) }
            if let mode = reader.string(map, "diacritics", required: false, in: "") {
                switch mode {
                case "optional": question.matchDiacritics = false
                case "required": question.matchDiacritics = true
                default: reader.problem(map["diacritics"], "'diacritics' must be 'required' or 'optional'")
                }
            }
        case .numerical:
            if let low = reader.number(map, "min"), let high = reader.number(map, "max") {
                guard low <= high else {
                    reader.problem(map["min"], "'min' must not be larger than 'max'")
                    return question
                }
                question.numerical = [NumericalAnswer(value: (low + high) / 2, tolerance: (high - low) / 2)]
            } else if let value = reader.number(map, "value") {
                question.numerical = [NumericalAnswer(value: value, tolerance: reader.number(map, "tolerance") ?? 0)]
            } else {
                reader.problem(node, "question '\(id)' needs 'value:' (and 'tolerance:'), or 'min:' and 'max:'")
            }
        }
        return question
    }

    private static func choices(_ map: Node.Mapping, type: QuestionType, reader: inout YAMLReader) -> [Choice] {
        guard let list = map["choices"]?.sequence else {
            reader.problem(map["choices"] ?? map["id"], "this question needs a 'choices:' list")
            return []
        }
        var raw: [(text: String, correct: Bool, weight: Double?, feedback: String?)] = []
        for node in list {
            if let text = node.scalar?.string {
                raw.append((text, false, nil, nil))
                continue
            }
            guard let choice = reader.mapping(node, "a choice") else { continue }
            reader.checkKeys(choice, known: ["text", "correct", "weight", "feedback"], in: "a choice")
            guard let text = reader.string(choice, "text", required: true, in: "the choice") else { continue }
            let weight = reader.number(choice, "weight")
            let correct = reader.bool(choice, "correct") ?? ((weight ?? 0) > 0)
            raw.append((text, correct, weight, reader.string(choice, "feedback", required: false, in: "")))
        }
        let unweightedCorrect = raw.filter { $0.correct && $0.weight == nil }.count
        let weightedTotal = raw.compactMap { $0.correct ? $0.weight : nil }.reduce(0, +)
        return raw.enumerated().map { index, item in
            let weight: Double
            if let explicit = item.weight {
                weight = explicit
            } else if item.correct {
                weight = type == .single ? 100 : (100 - weightedTotal) / Double(max(unweightedCorrect, 1))
            } else {
                weight = 0
            }
            return Choice(id: Self.choiceID(index), text: item.text, weight: weight, feedback: item.feedback)
        }
    }

    /// "a", "b", … "z", then "aa", "ab", …: stable ids by authored position.
    static func choiceID(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return index < 26 ? String(letters[index]) : String(letters[index / 26 - 1]) + String(letters[index % 26])
    }
}
