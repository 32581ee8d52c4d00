import Foundation
import GRDB
import Signing

/// Starts, saves and grades attempts. Every change happens in one transaction, so an answer is either saved
/// whole or not at all, and a submission is graded exactly once however many times it arrives.
public struct AttemptStore: Sendable {
    let database: AppDatabase
    /// What a pass that completes a course earns (a certificate); nil issues nothing.
    let completion: Completion?
    /// The server's one table of decoded quiz snapshots (`Caches.quizSnapshots`).
    let snapshots: QuizSnapshots
    /// The server's one table of normalised accepted answers (`Caches.acceptedAnswers`).
    let acceptedAnswers: NormalizedForms
    /// The server's one write batcher: answers and submissions arriving together share a transaction.
    let batcher: WriteBatcher

    /// What completing a course earns, in two steps. `record` runs inside the grading transaction, which up to
    /// `WriteBatcher.batchLimit` submissions share: it must be quick (decide, write what is owed, return the
    /// certificate's code). `finish` runs after that transaction has committed, with the code, and does the slow part
    /// (signing) off the event loops; the learner's answer waits for it, so the certificate exists when it is shown.
    public struct Completion: Sendable {
        let record: @Sendable (_ db: Database, _ attempt: Attempt, _ course: Course) throws -> String?
        let finish: @Sendable (_ code: String) async -> Void

        public init(
            record: @escaping @Sendable (_ db: Database, _ attempt: Attempt, _ course: Course) throws -> String?,
            finish: @escaping @Sendable (_ code: String) async -> Void
        ) {
            self.record = record
            self.finish = finish
        }
    }

    /// Seconds after the deadline in which a final submission's answers still count (a slow phone network).
    static let grace: TimeInterval = 15

    /// How long after a timed attempt's deadline a submission answered in time offline may still arrive (issue 18;
    /// see `isLate`): a commune's link may be down for the rest of a day.
    static let offlineGrace: TimeInterval = 24 * 3600

    /// Built once, by `makeServices`, with the caches and the batcher of `Caches` and `AppServices`.
    init(
        database: AppDatabase, batcher: WriteBatcher, snapshots: QuizSnapshots, acceptedAnswers: NormalizedForms,
        completion: Completion? = nil
    ) {
        self.database = database
        self.batcher = batcher
        self.snapshots = snapshots
        self.acceptedAnswers = acceptedAnswers
        self.completion = completion
    }

    /// The learner's open attempt at this quiz, or a new one; an open attempt whose time ran out is graded first.
    public func startOrResume(userID: Int64, course: Course, module: CourseModule, now: Date = Date()) async throws
        -> (attempt: Attempt, isNew: Bool)
    {
        guard let quiz = module.quiz else { throw QuizError.noQuiz }
        let quizJSON = try String(decoding: AppJSON.plain.encode(quiz), as: UTF8.self)
        let attemptID = try Self.newID()
        let completion = self.completion
        let (snapshots, accepted) = (self.snapshots, self.acceptedAnswers)
        let (attempt, isNew, owed) = try await database.writer.write { db -> (Attempt, Bool, String?) in
            guard try EnrollmentStore.isEnrolled(db, userID: userID, course: course.slug) else {
                throw QuizError.notEnrolled
            }
            var owed: String?
            if let open = try Attempt.filter(
                Column("user_id") == userID && Column("course_slug") == course.slug
                    && Column("module_slug") == module.slug && Column("submitted_at") == nil
            ).fetchOne(db) {
                if !open.isExpired(at: now) { return (open, false, nil) }
                let graded = try Self.grade(
                    db, open, answers: nil, now: now, course: course, completion: completion, snapshots: snapshots,
                    accepted: accepted)
                owed = graded.resultJson?.certificateCode
            }
            let used = try Attempt.filter(
                Column("user_id") == userID && Column("course_slug") == course.slug
                    && Column("module_slug") == module.slug
            ).fetchCount(db)
            if quiz.maxAttempts > 0 && used >= quiz.maxAttempts { throw QuizError.attemptsUsedUp(quiz.maxAttempts) }
            try db.execute(
                sql: """
                    INSERT INTO quiz_version (course_slug, module_slug, content_version, quiz_json, created_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """,
                arguments: [course.slug, module.slug, course.contentVersion, quizJSON, now])
            let attempt = Attempt(
                id: attemptID, userId: userID, courseSlug: course.slug, moduleSlug: module.slug,
                contentVersion: course.contentVersion, number: used + 1,
                layoutJson: Self.layout(for: quiz, language: course.language),
                startedAt: now, deadline: quiz.timeLimitMinutes.map { now.addingTimeInterval(Double($0) * 60) })
            try attempt.insert(db)
            // Read back what was stored, so a resume later returns exactly the same value.
            return (try Attempt.fetchOne(db, key: attempt.id) ?? attempt, true, owed)
        }
        if let owed, let completion { await completion.finish(owed) }
        return (attempt, isNew)
    }

    /// The questions to ask, drawn and shuffled as the quiz says; fixed for the attempt's whole life.
    /// A grouped quiz draws each group's share and keeps the groups in the file's order (unless shuffled).
    /// A course written in Vietnamese reads its numerical answers the Vietnamese way (`Attempt.Layout.numbers`).
    static func layout(for quiz: Quiz, language: Language = .en) -> Attempt.Layout {
        var questions = quiz.questions
        if let groups = quiz.groups {
            let chosen = Set(groups.flatMap { Array($0.questionIDs.shuffled().prefix($0.draw)) })
            questions = questions.filter { chosen.contains($0.id) }
        } else if let draw = quiz.draw, draw < questions.count {
            questions = Array(questions.shuffled().prefix(draw))
        }
        if quiz.shuffleQuestions { questions.shuffle() }
        return Attempt.Layout(
            items: questions.map { question in
                var ids = question.choices.map(\.id)
                if quiz.shuffleChoices && question.type != .truefalse { ids.shuffle() }
                return .init(questionId: question.id, choiceIds: ids)
            }, numbers: language == .vi ? "vi" : nil)
    }

    /// A random, unguessable attempt id: 16 characters of base32.
    static func newID() throws -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        return String(try SecureRandom.bytes(16).map { alphabet[Int($0 & 31)] })
    }

    public func attempt(id: String) async throws -> Attempt? {
        try await database.writer.read { db in try Self.fetch(db, id) }
    }

    /// One attempt by id, through a statement compiled once per connection.
    static func fetch(_ db: Database, _ id: String) throws -> Attempt? {
        try Attempt.fetchOne(db.cachedStatement(sql: "SELECT * FROM attempt WHERE id = ?"), arguments: [id])
    }

    /// The attempt if it belongs to `userID`; a clear refusal otherwise.
    static func owned(_ db: Database, _ id: String, by userID: Int64) throws -> Attempt {
        guard let attempt = try fetch(db, id) else { throw QuizError.attemptNotFound }
        guard attempt.userId == userID else { throw QuizError.notYourAttempt }
        return attempt
    }

    /// The quiz exactly as it was when the attempt started.
    static func quiz(_ db: Database, for attempt: Attempt) throws -> Quiz {
        guard
            let json = try String.fetchOne(
                db.cachedStatement(
                    sql:
                        "SELECT quiz_json FROM quiz_version WHERE course_slug = ? AND module_slug = ? AND content_version = ?"
                ),
                arguments: [attempt.courseSlug, attempt.moduleSlug, attempt.contentVersion])
        else { throw QuizError.versionGone }
        return try AppJSON.decoder.decode(Quiz.self, from: Data(json.utf8))
    }

    public func quiz(for attempt: Attempt) async throws -> Quiz {
        let snapshots = self.snapshots
        return try await database.writer.read { db in try snapshots.quiz(db, for: attempt) }
    }

    /// Saved answers by question id.
    public func answers(attemptID: String) async throws -> [String: QuizAnswer] {
        try await database.writer.read { db in try Self.answers(db, attemptID: attemptID) }
    }

    static func answers(_ db: Database, attemptID: String, skipping known: Set<String> = []) throws -> [String:
        QuizAnswer]
    {
        var result: [String: QuizAnswer] = [:]
        let decoder = AppJSON.decoder
        let statement = try db.cachedStatement(
            sql: "SELECT question_id, response_json FROM answer WHERE attempt_id = ?")
        for row in try Row.fetchAll(statement, arguments: [attemptID]) {
            let questionID: String = row["question_id"]
            if known.contains(questionID) { continue }
            let json: String = row["response_json"]
            result[questionID] = try? decoder.decode(QuizAnswer.self, from: Data(json.utf8))
        }
        return result
    }

    /// A learner's attempts at one quiz, newest first.
    public func attempts(userID: Int64, course: String, module: String) async throws -> [Attempt] {
        try await database.writer.read { db in
            try Attempt.filter(
                Column("user_id") == userID && Column("course_slug") == course && Column("module_slug") == module
            )
            .order(Column("number").desc).fetchAll(db)
        }
    }
}

extension EnrollmentStore {
    static func isEnrolled(_ db: Database, userID: Int64, course: String) throws -> Bool {
        try Int.fetchOne(
            db, sql: "SELECT 1 FROM enrollment WHERE user_id = ? AND course_slug = ?", arguments: [userID, course])
            != nil
    }
}
