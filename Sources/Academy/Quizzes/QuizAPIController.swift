import Foundation
import Hummingbird

/// The quiz JSON routes of API.md: start or resume, autosave one answer, submit, and the answer key.
struct QuizAPIController {
    let attempts: AttemptStore
    let catalog: CourseCatalog

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.group().add(middleware: RequireRole(.learner))
            .post("/courses/:slug/quizzes/:module/attempts", use: start)
        routes.group().add(middleware: RequireRole.signedIn)
            .put("/attempts/:id/answers/:question", use: save)
            .post("/attempts/:id/submission", use: submit)
        routes.group().add(middleware: RequireRole(.trainer)).get("/courses/:slug/quizzes/:module", use: key)
        return routes
    }

    /// A question as the learner sees it: never the answers.
    struct AskedQuestion: Codable {
        struct AskedChoice: Codable {
            let id: String
            let text: String
        }
        let id: String
        let type: String
        let text: String
        let choices: [AskedChoice]
    }

    /// The started (or resumed) attempt.
    struct Started: ResponseEncodable {
        let attemptId: String
        let questions: [AskedQuestion]
        let deadline: Date?
        let answers: [String: QuizAnswer]
    }

    /// `POST /courses/{slug}/quizzes/{quiz}/attempts`.
    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        let (module, _) = try CourseRoutes.module(from: context, in: course)
        let (attempt, isNew) = try await attempts.startOrResume(userID: user.id, course: course, module: module)
        let quiz = try await attempts.quiz(for: attempt)
        let saved = try await attempts.answers(attemptID: attempt.id)
        let questions = attempt.layoutJson.items.compactMap { item -> AskedQuestion? in
            guard let question = quiz.questions.first(where: { $0.id == item.questionId }) else { return nil }
            return AskedQuestion(
                id: question.id, type: question.type.rawValue, text: question.text,
                choices: item.choiceIds.compactMap { id in
                    question.choices.first { $0.id == id }.map { AskedQuestion.AskedChoice(id: $0.id, text: $0.text) }
                })
        }
        var response = try Started(
            attemptId: attempt.id, questions: questions, deadline: attempt.deadline, answers: saved
        )
        .response(from: request, context: context)
        response.status = isNew ? .created : .ok
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `PUT /attempts/{id}/answers/{question_id}`: autosaves one answer; 204.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let answer = try await JSONBody.decode(QuizAnswer.self, from: request, context: context)
        try await attempts.save(
            attemptID: context.parameters.get("id") ?? "", userID: user.id,
            questionID: context.parameters.get("question") ?? "", answer: answer)
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    /// The optional answers sent with a submission.
    struct Submission: JSONReadable {
        let answers: [String: QuizAnswer]?
        /// When the device says "Nộp bài" was pressed, for a submission queued offline (`AttemptStore.isLate`).
        let answeredAt: Date?

        init(answers: [String: QuizAnswer]?, answeredAt: Date? = nil) {
            self.answers = answers
            self.answeredAt = answeredAt
        }

        /// `{"answers": {"question id": answer, …}, "answered_at": "2026-11-28T09:15:00Z"}`, the ids exactly as
        /// written; `answered_at` is RFC 3339, with or without fractions of a second.
        init(json: JSONObject) throws(JSONMismatch) {
            answers = try json.optionalMap("answers", QuizAnswer.init)
            if let text = try json.optionalString("answered_at") {
                guard let date = Timestamp.parse(text) else { throw .wrongType(json.path(of: "answered_at")) }
                answeredAt = date
            } else {
                answeredAt = nil
            }
        }
    }

    /// The graded result, the same for every repeat of the submission.
    struct Graded: ResponseEncodable {
        let attemptId: String
        let score: Double
        let maxScore: Double
        let percent: Double
        let passed: Bool
        let certificateCode: String?
    }

    /// `POST /attempts/{id}/submission`: grades once; a repeat returns the same result.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let submission =
            try await JSONBody.decodeIfPresent(Submission.self, from: request, context: context)
            ?? Submission(answers: nil)
        let id = context.parameters.get("id") ?? ""
        let catalog = self.catalog
        let graded = try await attempts.submit(
            attemptID: id, userID: user.id, answers: submission.answers, answeredAt: submission.answeredAt
        ) { catalog.snapshot.course($0) }
        guard let result = graded.resultJson else { throw AppError(.internalServerError, "internal") }
        var response = try Graded(
            attemptId: graded.id, score: result.score, maxScore: result.maxScore, percent: result.percent,
            passed: result.passed, certificateCode: result.certificateCode
        ).response(from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `GET /courses/{slug}/quizzes/{quiz}`: the quiz as authored, with its answer key (trainers and admins).
    @Sendable func key(_ request: Request, context: AppRequestContext) async throws -> Response {
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        let (module, _) = try CourseRoutes.module(from: context, in: course)
        guard let quiz = module.quiz else { throw QuizError.noQuiz }
        return try AnswerKey(slug: module.slug, title: module.title.text(context.language), quiz: quiz)
            .response(from: request, context: context)
    }
}

/// A quiz with its answer key, as API.md describes it.
struct AnswerKey: ResponseEncodable {
    struct KeyChoice: Codable {
        let id: String
        let text: String
        let correct: Bool
        let weight: Double?
    }
    struct KeyQuestion: Codable {
        let id: String
        let type: String
        let text: String
        let choices: [KeyChoice]?
        let accepted: [String]?
        let value: Double?
        let tolerance: Double?
        let matchDiacritics: Bool?
        let feedback: String?
    }
    let slug: String
    let title: String
    let passPercent: Double
    let maxAttempts: Int
    let timeLimitMinutes: Int?
    let draw: Int?
    /// A grouped quiz's groups: each attempt draws `draw` of the group's `questions` (ids).
    struct KeyGroup: Codable {
        let id: String
        let title: String?
        let draw: Int
        let questions: [String]
    }
    let groups: [KeyGroup]?
    let questions: [KeyQuestion]

    init(slug: String, title: String, quiz: Quiz) {
        self.slug = slug
        self.title = title
        passPercent = quiz.passPercent
        maxAttempts = quiz.maxAttempts
        timeLimitMinutes = quiz.timeLimitMinutes
        draw = quiz.draw
        groups = quiz.groups?.map { KeyGroup(id: $0.id, title: $0.title, draw: $0.draw, questions: $0.questionIDs) }
        questions = quiz.questions.map { question in
            KeyQuestion(
                id: question.id, type: question.type.rawValue, text: question.text,
                choices: question.choices.isEmpty
                    ? nil
                    : question.choices.map {
                        KeyChoice(
                            id: $0.id, text: $0.text, correct: $0.weight > 0,
                            weight: question.type == .multiple ? $0.weight : nil)
                    },
                accepted: question.type == .short ? question.accepted.map(\.text) : nil,
                value: question.numerical.first?.value, tolerance: question.numerical.first?.tolerance,
                matchDiacritics: question.type == .short ? question.matchDiacritics : nil, feedback: question.feedback)
        }
    }
}
