import Foundation
import GRDB

/// One sitting of a quiz: stored the moment it starts, with its questions in order and its course version.
public struct Attempt: Codable, Sendable, Equatable {
    public var id: String
    public var userId: Int64
    public var courseSlug: String
    public var moduleSlug: String
    public var contentVersion: String
    public var number: Int
    public var layoutJson: Layout
    public var startedAt: Date
    public var deadline: Date?
    public var submittedAt: Date?
    public var score: Double?
    public var maxScore: Double?
    public var percent: Double?
    public var passed: Bool?
    public var resultJson: Result?

    /// The questions asked and the order their choices are shown in, fixed for the whole attempt.
    public struct Layout: Codable, Sendable, Equatable {
        public struct Item: Codable, Sendable, Equatable {
            public var questionId: String
            public var choiceIds: [String]
        }
        public var items: [Item]
        /// "vi" when numerical answers are read as Vietnamese numbers (`Grader.vietnameseNumber`): set at the start
        /// from the course's language. Attempts started before issue 15 have none and keep the rule they had.
        public var numbers: String?

        /// Numerical answers of this attempt are read the Vietnamese way.
        public var vietnameseNumbers: Bool { numbers == "vi" }

        public func contains(_ questionID: String) -> Bool { items.contains { $0.questionId == questionID } }
    }

    /// The graded outcome, stored once so a repeated submission returns exactly the same answer.
    public struct Result: Codable, Sendable, Equatable {
        public var score: Double
        public var maxScore: Double
        public var percent: Double
        public var passed: Bool
        public var marks: [String: Grader.Mark]
        public var certificateCode: String?

        /// The stored form: what `AppJSON.plain` writes (tested), written directly, since every graded submission
        /// stores one and the encoder cost 5× as much.
        var json: String {
            var out = "{"
            if let certificateCode { out += "\"certificateCode\":" + JSONString.quoted(certificateCode) + "," }
            out += "\"marks\":{"
            out += marks.sorted { $0.key < $1.key }.map { key, mark in
                JSONString.quoted(key) + ":{\"feedback\":["
                    + mark.feedback.map(JSONString.quoted).joined(separator: ",") + "],\"points\":"
                    + Grader.format(mark.points) + "}"
            }.joined(separator: ",")
            out += "},\"maxScore\":" + Grader.format(maxScore) + ",\"passed\":" + (passed ? "true" : "false")
            out += ",\"percent\":" + Grader.format(percent) + ",\"score\":" + Grader.format(score) + "}"
            return out
        }
    }

    public var isOpen: Bool { submittedAt == nil }

    public func isExpired(at now: Date) -> Bool { deadline.map { now > $0 } ?? false }
}

extension Attempt: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attempt"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { AppJSON.plain }

    /// Column by column rather than through `Decodable`: an attempt is read on every autosave and submission,
    /// and the generic decoder cost more than the query. Same values as the `Decodable` path (tested).
    public init(row: Row) throws {
        id = row["id"]
        userId = row["user_id"]
        courseSlug = row["course_slug"]
        moduleSlug = row["module_slug"]
        contentVersion = row["content_version"]
        number = row["number"]
        let layout: String = row["layout_json"]
        layoutJson = try Layout(stored: layout)
        startedAt = row["started_at"]
        deadline = row["deadline"]
        submittedAt = row["submitted_at"]
        score = row["score"]
        maxScore = row["max_score"]
        percent = row["percent"]
        passed = row["passed"]
        let result: String? = row["result_json"]
        resultJson = try result.map { try AppJSON.decoder.decode(Result.self, from: Data($0.utf8)) }
    }
}

extension Attempt.Layout: JSONReadable {
    /// A stored layout (`{"items": [{"questionId": "…", "choiceIds": […]}]}`), read on every autosave and
    /// submission, by `JSONReader` (half the cost of `JSONDecoder`); a layout it cannot read is an error.
    init(stored text: String) throws {
        guard case .object(let fields)? = JSONReader.parse(text.utf8) else {
            throw JSONMismatch.wrongType("layout_json")
        }
        try self.init(json: JSONObject(fields))
    }

    init(json: JSONObject) throws(JSONMismatch) {
        items = try json.objects("items") { item throws(JSONMismatch) in
            Item(questionId: try item.string("questionId"), choiceIds: try item.strings("choiceIds"))
        }
        numbers = try json.optionalString("numbers")
    }
}

/// Why an attempt or an answer is refused: each maps to a clear HTTP error.
public enum QuizError: AppErrorConvertible, Equatable {
    case notEnrolled
    case noQuiz
    case attemptsUsedUp(Int)
    case attemptNotFound
    case notYourAttempt
    case attemptClosed
    case questionNotInAttempt(String)
    case choiceNotInQuestion(String)
    case versionGone

    public var appError: AppError {
        switch self {
        case .notEnrolled: AppError(.forbidden, "not_enrolled")
        case .noQuiz: AppError(.notFound, "no_quiz")
        case .attemptsUsedUp(let count): AppError(.conflict, "attempts_used_up", String(count))
        case .attemptNotFound: AppError(.notFound, "attempt_not_found")
        case .notYourAttempt: AppError(.forbidden, "not_your_attempt")
        case .attemptClosed: AppError(.conflict, "attempt_closed")
        case .questionNotInAttempt(let id): AppError(.unprocessableContent, "question_not_in_attempt", id)
        case .choiceNotInQuestion(let id): AppError(.unprocessableContent, "choice_not_in_question", id)
        case .versionGone: AppError(.internalServerError, "internal")
        }
    }
}
