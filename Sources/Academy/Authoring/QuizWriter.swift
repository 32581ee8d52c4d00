import Foundation
import Yams

/// Writes questions back to a quiz file, in the format of the file (GIFT or YAML), so forms and hand edits mix.
enum QuizWriter {
    static func text(_ questions: [Question], path: String) throws -> String {
        path.lowercased().hasSuffix(".gift") ? gift(questions) : try yaml(questions)
    }

    // MARK: GIFT

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "~=#{}:\\".contains(character) { result.append("\\") }
            result.append(character == "\n" ? " " : character)
        }
        return result
    }

    static func weight(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        // Out of any weight's range (the validator refuses it): short, not three hundred digits.
        guard abs(value) < 1e15 else { return String(format: "%.5g", value) }
        // Five decimals, as Moodle's list of grades has them (33.33333, 16.66667): it refuses 33.333333333333336.
        var text = String(format: "%.5f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    static func feedback(_ text: String?) -> String { text.map { " #" + escape($0) } ?? "" }

    static func gift(_ questions: [Question]) -> String {
        var out = "// Edited in the browser (Commune Academy). The format is described in Courses/README.md.\n"
        for question in questions {
            out += "\n"
            if question.type == .short && !question.matchDiacritics { out += "// @diacritics: optional\n" }
            out += "::\(escape(question.id))::\(escape(question.text)) {"
            let general = question.feedback.map { "\n  ####" + escape($0) } ?? ""
            switch question.type {
            case .single:
                for choice in question.choices {
                    out +=
                        "\n  " + (choice.weight >= 100 ? "=" : choice.weight == 0 ? "~" : "~%\(weight(choice.weight))%")
                    out += escape(choice.text) + feedback(choice.feedback)
                }
            case .multiple:
                for choice in question.choices {
                    out += "\n  ~%\(weight(choice.weight))%" + escape(choice.text) + feedback(choice.feedback)
                }
            case .truefalse:
                let right = question.choices.first { $0.weight > 0 }?.id == "true"
                let wrongFeedback = question.choices.first { $0.weight <= 0 }?.feedback
                let rightFeedback = question.choices.first { $0.weight > 0 }?.feedback
                out += right ? "T" : "F"
                if wrongFeedback != nil || rightFeedback != nil {
                    out += "#" + escape(wrongFeedback ?? "") + "#" + escape(rightFeedback ?? "")
                }
                out += general.replacingOccurrences(of: "\n  ", with: "") + "}\n"
                continue
            case .short:
                for answer in question.accepted {
                    out +=
                        "\n  =" + (answer.weight >= 100 ? "" : "%\(weight(answer.weight))%") + escape(answer.text)
                        + feedback(answer.feedback)
                }
            case .numerical:
                out += "#"
                for answer in question.numerical {
                    out +=
                        "\n  =" + (answer.weight >= 100 ? "" : "%\(weight(answer.weight))%")
                        + "\(Grader.format(answer.value)):\(Grader.format(answer.tolerance))"
                        + feedback(answer.feedback)
                }
            }
            out += general + "\n}\n"
        }
        return out
    }

    // MARK: YAML

    static func yaml(_ questions: [Question]) throws -> String {
        var list: [Node] = []
        for question in questions {
            var pairs: [(Node, Node)] = [
                ("id", Node(question.id)), ("type", Node(question.type.rawValue)), ("text", Node(question.text)),
            ]
            switch question.type {
            case .single, .multiple:
                pairs.append(
                    (
                        "choices",
                        Node(
                            question.choices.map { choice -> Node in
                                var entry: [(Node, Node)] = [("text", Node(choice.text))]
                                if question.type == .single {
                                    if choice.weight >= 100 { entry.append(("correct", Node("true", Tag(.bool)))) }
                                } else {
                                    entry.append(("weight", Node(weight(choice.weight), Tag(.float))))
                                }
                                if let feedback = choice.feedback { entry.append(("feedback", Node(feedback))) }
                                return Node(entry)
                            })
                    ))
            case .truefalse:
                let right = question.choices.first { $0.weight > 0 }?.id == "true"
                pairs.append(("answer", Node(right ? "true" : "false", Tag(.bool))))
            case .short:
                pairs.append(("accepted", Node(question.accepted.map { Node($0.text) })))
                if !question.matchDiacritics { pairs.append(("diacritics", Node("optional"))) }
            case .numerical:
                let answer = question.numerical.first ?? NumericalAnswer(value: 0)
                pairs.append(("value", Node(Grader.format(answer.value), Tag(.float))))
                pairs.append(("tolerance", Node(Grader.format(answer.tolerance), Tag(.float))))
            }
            if let feedback = question.feedback { pairs.append(("feedback", Node(feedback))) }
            list.append(Node(pairs))
        }
        let root = Node([(Node("questions"), Node(list))])
        return "# Edited in the browser (Commune Academy). The format is described in Courses/README.md.\n"
            + (try Yams.serialize(node: root, width: -1, allowUnicode: true))
    }
}
