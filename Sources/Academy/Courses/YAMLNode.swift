import Foundation
import Yams

/// Reads a composed YAML tree while keeping line numbers, so every problem can name `path:line`.
struct YAMLReader {
    let path: String
    var problems: [CourseProblem] = []

    init(path: String) { self.path = path }

    /// Yams marks are 1-based already.
    static func line(_ node: Node?) -> Int { node?.mark?.line ?? 1 }

    mutating func problem(_ node: Node?, _ message: String) {
        problems.append(CourseProblem(path: path, line: Self.line(node), message: message))
    }

    mutating func problem(_ node: Node?, _ code: ProblemCode, _ arguments: [String]) {
        problems.append(CourseProblem(path: path, line: Self.line(node), code, arguments))
    }

    mutating func problem(line: Int, _ message: String) {
        problems.append(CourseProblem(path: path, line: line, message: message))
    }

    /// Parses YAML text into a node tree; a syntax error becomes a problem with its line.
    mutating func compose(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
                var message = "YAML syntax error: \(problem)"
                if let context, context.mark.line != mark.line {
                    message += " (\(context.text) that starts on line \(context.mark.line))"
                }
                self.problem(line: mark.line, message)
            case .composer(_, let problem, let mark, _):
                self.problem(line: mark.line, "YAML error: \(problem)")
            default:
                self.problem(line: 1, "YAML error: \(error)")
            }
            return nil
        } catch {
            self.problem(line: 1, "YAML error: \(error)")
            return nil
        }
    }

    mutating func mapping(_ node: Node?, _ what: String) -> Node.Mapping? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            problem(node, "\(what) must be a set of 'key: value' lines")
            return nil
        }
        return mapping
    }

    /// Reports keys that are not among the known ones (a typo would otherwise be silently ignored).
    mutating func checkKeys(_ mapping: Node.Mapping, known: [String], in what: String) {
        for (key, _) in mapping {
            guard let name = key.string, !known.contains(name) else { continue }
            problem(key, "unknown key '\(name)' in \(what); expected one of: \(known.joined(separator: ", "))")
        }
    }

    mutating func string(_ mapping: Node.Mapping, _ key: String, required: Bool, in what: String) -> String? {
        guard let node = mapping[key] else {
            if required { problem(line: Self.line(mapping.first?.key), "\(what) is missing '\(key)'") }
            return nil
        }
        guard let value = node.scalar?.string else {
            problem(node, "'\(key)' must be a single value")
            return nil
        }
        if required && value.trimmingCharacters(in: .whitespaces).isEmpty {
            problem(node, "'\(key)' must not be empty")
            return nil
        }
        return value
    }

    mutating func int(_ mapping: Node.Mapping, _ key: String, range: ClosedRange<Int>) -> Int? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.int, range.contains(value) else {
            problem(node, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func number(_ mapping: Node.Mapping, _ key: String) -> Double? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.float ?? node.int.map(Double.init) else {
            problem(node, "'\(key)' must be a number")
            return nil
        }
        return value
    }

    mutating func bool(_ mapping: Node.Mapping, _ key: String) -> Bool? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.bool else {
            problem(node, "'\(key)' must be true or false")
            return nil
        }
        return value
    }

    /// A plain string, or `{vi: …, en: …}`.
    mutating func localized(_ mapping: Node.Mapping, _ key: String, required: Bool, in what: String)
        -> LocalizedText?
    {
        guard let node = mapping[key] else {
            if required { problem(line: Self.line(mapping.first?.key), "\(what) is missing '\(key)'") }
            return nil
        }
        if let text = node.scalar?.string {
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                problem(node, "'\(key)' must not be empty")
                return nil
            }
            return LocalizedText(vi: text.precomposedStringWithCanonicalMapping)
        }
        guard let map = node.mapping else {
            problem(node, "'\(key)' must be a text, or 'vi:' and 'en:' texts")
            return nil
        }
        checkKeys(map, known: ["vi", "en"], in: "'\(key)'")
        let vi = map["vi"]?.scalar?.string
        let en = map["en"]?.scalar?.string
        guard vi != nil || en != nil else {
            problem(node, "'\(key)' needs a 'vi:' or an 'en:' text")
            return nil
        }
        return LocalizedText(
            vi: (vi ?? en ?? "").precomposedStringWithCanonicalMapping, en: en?.precomposedStringWithCanonicalMapping)
    }
}
