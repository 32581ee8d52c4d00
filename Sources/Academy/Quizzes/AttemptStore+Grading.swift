import Foundation
import GRDB

extension AttemptStore {
    /// Saves one answer the moment it is chosen. Refused, changing nothing, for a question not in the attempt,
    /// an unknown choice, a closed or timed-out attempt, or someone else's attempt.
    public func save(attemptID: String, userID: Int64, questionID: String, answer: QuizAnswer, now: Date = Date())
        async throws
    {
        let json = answer.json
        try await batcher.write { db in
            let attempt = try Self.owned(db, attemptID, by: userID)
            guard attempt.isOpen, !attempt.isExpired(at: now) else { throw QuizError.attemptClosed }
            try Self.check(questionID, answer, in: attempt)
            try db.cachedStatement(sql: Self.upsertAnswersSQL(count: 1))
                .execute(arguments: [attemptID, questionID, json, DatabaseTime.text(now)])
        }
    }

    /// Most answers one statement writes; a submission with more is written in several.
    static let answersPerStatement = 100

    /// The upsert of 1…`answersPerStatement` answers, made once (the text is also the statement cache's key).
    private static let upsertAnswersSQL: [String] = (0...answersPerStatement).map { count in
        """
        INSERT INTO answer (attempt_id, question_id, response_json, saved_at) VALUES \
        \(Array(repeating: "(?, ?, ?, ?)", count: count).joined(separator: ", "))
        ON CONFLICT (attempt_id, question_id) DO UPDATE SET response_json = excluded.response_json,
        saved_at = excluded.saved_at
        """
    }

    static func upsertAnswersSQL(count: Int) -> String { upsertAnswersSQL[count] }

    static func check(_ questionID: String, _ answer: QuizAnswer, in attempt: Attempt) throws {
        guard let item = attempt.layoutJson.items.first(where: { $0.questionId == questionID }) else {
            throw QuizError.questionNotInAttempt(questionID)
        }
        for choice in answer.choiceIds ?? [] where !item.choiceIds.contains(choice) {
            throw QuizError.choiceNotInQuestion(choice)
        }
        if let text = answer.text, text.count > 500 { throw QuizError.choiceNotInQuestion("text") }
    }

    /// Grades and closes the attempt. Idempotent: once graded, every later call returns the stored result.
    /// Answers sent with the submission are saved first (unless the time ran out beyond the grace period).
    public func submit(
        attemptID: String, userID: Int64, answers: [String: QuizAnswer]?, course: Course?, now: Date = Date(),
        answeredAt: Date? = nil
    ) async throws -> Attempt {
        try await submit(attemptID: attemptID, userID: userID, answers: answers, now: now, answeredAt: answeredAt) {
            _ in course
        }
    }

    /// The same, finding the attempt's course (for its certificate) inside the transaction: one round trip.
    ///
    /// `answeredAt` is when the device says the learner pressed "Nộp bài": a submission queued offline arrives later
    /// (issue 18). It matters only for a timed attempt, by the rule of `isLate`.
    public func submit(
        attemptID: String, userID: Int64, answers: [String: QuizAnswer]?, now: Date = Date(),
        answeredAt: Date? = nil, course: @escaping @Sendable (_ slug: String) -> Course?
    ) async throws -> Attempt {
        let completion = self.completion
        let (snapshots, accepted) = (self.snapshots, self.acceptedAnswers)
        let start = ContinuousClock.now
        let (attempt, owed, graded) = try await batcher.write { db -> (Attempt, String?, Bool) in
            let attempt = try Self.owned(db, attemptID, by: userID)
            if !attempt.isOpen { return (attempt, nil, false) }
            let graded = try Self.grade(
                db, attempt, answers: answers, now: now, answeredAt: answeredAt, course: course(attempt.courseSlug),
                completion: completion, snapshots: snapshots, accepted: accepted)
            return (graded, graded.resultJson?.certificateCode, true)
        }
        if graded {
            Telemetry.submissions.increment()
            Telemetry.submissionSeconds.record(Telemetry.since(start))
        }
        // After the commit of the batch, never inside it: signing takes milliseconds of CPU per certificate.
        if let owed, let completion { await completion.finish(owed) }
        return attempt
    }

    /// Whether a submission's answers come too late to count (they are then ignored; the saved ones are graded).
    ///
    /// The rule for a timed attempt (issue 18): answers arriving by the deadline plus `grace` (15 s) count. After
    /// that they count only when the submission says it was answered in time — `answeredAt`, the device's record of
    /// when "Nộp bài" was pressed (a submission queued offline) — and arrives within `offlineGrace` (24 hours) of
    /// the deadline. The device's record is bounded by what the server knows: never later than its arrival, and
    /// one from before the attempt began (a device clock far off) is not believed.
    static func isLate(_ attempt: Attempt, now: Date, answeredAt: Date?) -> Bool {
        guard let deadline = attempt.deadline else { return false }
        let cutoff = deadline.addingTimeInterval(grace)
        if now <= cutoff { return false }
        guard let answeredAt, now <= deadline.addingTimeInterval(offlineGrace) else { return true }
        let claimed = min(answeredAt, now)
        return claimed < attempt.startedAt || claimed > cutoff
    }

    /// Grades inside the caller's transaction, which has just read `attempt` open. Every statement is compiled
    /// once per connection, the quiz snapshot is decoded once per server run, and the attempt row is written once.
    static func grade(
        _ db: Database, _ attempt: Attempt, answers incoming: [String: QuizAnswer]?, now: Date,
        answeredAt: Date? = nil, course: Course?, completion: Completion?, snapshots: QuizSnapshots,
        accepted: NormalizedForms
    ) throws -> Attempt {
        var attempt = attempt
        // The time exactly as the database keeps it, so this answer equals every later read of the attempt.
        let stamp = DatabaseTime.text(now)
        let now = Date.fromDatabaseValue(stamp.databaseValue) ?? now
        let late = isLate(attempt, now: now, answeredAt: answeredAt)
        if let incoming, !late, !incoming.isEmpty {
            for (questionID, answer) in incoming { try check(questionID, answer, in: attempt) }
            // All the answers in one statement (each question at most once: they are dictionary keys).
            let rows = Array(incoming)
            for start in stride(from: 0, to: rows.count, by: answersPerStatement) {
                let chunk = rows[start..<min(start + answersPerStatement, rows.count)]
                var arguments = StatementArguments()
                for (questionID, answer) in chunk { arguments += [attempt.id, questionID, answer.json, stamp] }
                try db.cachedStatement(sql: upsertAnswersSQL(count: chunk.count)).execute(arguments: arguments)
            }
        }
        let quiz = try snapshots.quiz(db, for: attempt)
        // What was just written need not be read back and decoded again; when the submission carried an answer to
        // every question asked, nothing else counts and nothing is read.
        var saved = late ? [:] : (incoming ?? [:])
        if !attempt.layoutJson.items.allSatisfy({ saved[$0.questionId] != nil }) {
            for (questionID, answer) in try answers(db, attemptID: attempt.id, skipping: Set(saved.keys)) {
                saved[questionID] = answer
            }
        }
        var questions: [String: Question] = [:]
        for question in quiz.questions { questions[question.id] = question }
        var marks: [String: Grader.Mark] = [:]
        for item in attempt.layoutJson.items {
            guard let question = questions[item.questionId] else { continue }
            marks[item.questionId] = Grader.grade(
                question, saved[item.questionId], accepted: accepted,
                vietnameseNumbers: attempt.layoutJson.vietnameseNumbers)
        }
        let score = marks.values.map(\.points).reduce(0, +)
        let maxScore = Double(attempt.layoutJson.items.count)
        let percent = maxScore == 0 ? 0 : (score / maxScore * 1000).rounded() / 10
        let passed = percent + 1e-9 >= quiz.passPercent
        attempt.submittedAt = now
        attempt.score = score
        attempt.maxScore = maxScore
        attempt.percent = percent
        attempt.passed = passed
        var result = Attempt.Result(
            score: score, maxScore: maxScore, percent: percent, passed: passed, marks: marks, certificateCode: nil)
        if passed, let course, let completion {
            // The completion handler counts this attempt as passed although its row is not written yet. It only
            // records the certificate owed; the caller has it signed once this transaction has committed.
            result.certificateCode = try completion.record(db, attempt, course)
        }
        attempt.resultJson = result
        let resultJSON = result.json
        try db.cachedStatement(
            sql: """
                UPDATE attempt SET submitted_at = ?, score = ?, max_score = ?, percent = ?, passed = ?, result_json = ?
                WHERE id = ? AND submitted_at IS NULL
                """
        ).execute(arguments: [stamp, score, maxScore, percent, passed, resultJSON, attempt.id])
        // The caller read the attempt open in this same transaction, so exactly one row changes.
        guard db.changesCount == 1 else { throw QuizError.attemptClosed }
        return attempt
    }
}
