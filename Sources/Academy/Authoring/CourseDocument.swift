import Foundation
import Yams

/// `course.yaml` as an editable value: read from the file, changed by forms, written back in a stable order.
struct CourseDocument: Codable, Equatable {
    /// A title written as a plain string or as `{vi, en}`; always written back as `{vi, en}`.
    struct Localized: Codable, Equatable {
        var vi: String
        var en: String?

        init(vi: String, en: String? = nil) {
            self.vi = vi
            self.en = en?.isEmpty == true ? nil : en
        }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.init(vi: text)
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let vi = try container.decodeIfPresent(String.self, forKey: .vi)
            let en = try container.decodeIfPresent(String.self, forKey: .en)
            self.init(vi: vi ?? en ?? "", en: en)
        }
    }

    struct QuizSettings: Codable, Equatable {
        var file: String
        var passPercent: Double?
        var maxAttempts: Int?
        var timeLimitMinutes: Int?
        var shuffleQuestions: Bool?
        var shuffleChoices: Bool?
        var draw: Int?
        var review: String?

        /// Whole numbers are written as such (`70`, not `7e+1`), so the file stays readable by hand.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            if let pass = passPercent {
                if pass == pass.rounded(), abs(pass) < 1e9 {
                    try container.encode(Int(pass), forKey: .passPercent)
                } else {
                    try container.encode(pass, forKey: .passPercent)
                }
            }
            try container.encodeIfPresent(maxAttempts, forKey: .maxAttempts)
            try container.encodeIfPresent(timeLimitMinutes, forKey: .timeLimitMinutes)
            try container.encodeIfPresent(shuffleQuestions, forKey: .shuffleQuestions)
            try container.encodeIfPresent(shuffleChoices, forKey: .shuffleChoices)
            try container.encodeIfPresent(draw, forKey: .draw)
            try container.encodeIfPresent(review, forKey: .review)
        }

        enum CodingKeys: String, CodingKey {
            case file, draw, review
            case passPercent = "pass_percent"
            case maxAttempts = "max_attempts"
            case timeLimitMinutes = "time_limit_minutes"
            case shuffleQuestions = "shuffle_questions"
            case shuffleChoices = "shuffle_choices"
        }
    }

    struct Module: Codable, Equatable {
        var slug: String
        var title: Localized
        var lesson: String?
        var quiz: QuizSettings?
    }

    struct Certificate: Codable, Equatable {
        var requires: [String]
        /// Absent: the default title (`CertificateSpec.defaultTitle`).
        var title: Localized?
        var description: Localized?
    }

    /// `completion:` kept as written (`all`, `none` or a list of slugs), so saving the course page keeps it.
    struct Completion: Codable, Equatable {
        enum Scope: Codable, Equatable {
            case word(String)
            case slugs([String])

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let word = try? container.decode(String.self) {
                    self = .word(word)
                } else {
                    self = .slugs(try container.decode([String].self))
                }
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                switch self {
                case .word(let word): try container.encode(word)
                case .slugs(let slugs): try container.encode(slugs)
                }
            }
        }
        var lessons: Scope?
        var quizzes: Scope?
    }

    var title: Localized
    var summary: Localized?
    var language: String?
    var version: String?
    var open: Bool?
    var modules: [Module]
    var completion: Completion? = nil
    var certificate: Certificate?

    static func read(_ path: String) throws -> CourseDocument {
        try YAMLDecoder().decode(CourseDocument.self, from: String(contentsOfFile: path, encoding: .utf8))
    }

    /// The YAML text, with a header comment, in the order a trainer reads it.
    func yaml() throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        encoder.options.sortKeys = false
        encoder.options.width = -1
        return "# Edited in the browser (Commune Academy). The format is described in Courses/README.md.\n"
            + (try encoder.encode(self))
    }

    func module(_ slug: String) -> Module? { modules.first { $0.slug == slug } }
}
