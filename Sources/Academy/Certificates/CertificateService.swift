import Foundation
import GRDB
import Signing

/// Issues, finds, verifies and revokes certificates.
public struct CertificateService: Sendable {
    let database: AppDatabase
    /// Signs what `issueIfComplete` promised, after the grading transaction.
    let signer: CertificateSigner
    let baseURL: String
    let issuerName: String
    /// Where a holder's commune-level unit lies: the province the PDF names.
    let places: PlaceList

    init(database: AppDatabase, signer: CertificateSigner, config: AppConfig, places: PlaceList = .empty) {
        self.database = database
        self.signer = signer
        self.baseURL = config.resolvedBaseURL
        self.issuerName = config.issuerName
        self.places = places
    }

    /// The completion handler for `AttemptStore`: when the learner has now passed every quiz the certificate
    /// requires, promise it inside the grading transaction — exactly one per learner and course version — and sign
    /// it once that transaction has committed. A signing that fails leaves it owed, signed at the next start-up.
    public var completion: AttemptStore.Completion {
        let signer = self.signer
        return AttemptStore.Completion(
            record: { db, attempt, course in
                try issueIfComplete(
                    db, userID: attempt.userId, course: course, version: attempt.contentVersion,
                    passing: attempt.passed == true ? attempt.moduleSlug : nil,
                    passingPercent: attempt.passed == true ? attempt.percent : nil)
            },
            finish: { code in
                do {
                    try await signer.sign(code: code)
                } catch {
                    signer.logger.error("certificate \(code) stays owed until the next start-up: \(error)")
                }
            })
    }

    /// The learner's passed modules of a course. Pinned to the learner's own index: the planner would otherwise
    /// pick the reports' covering index `attempt_by_course` and read every attempt of the course (4 ms at 35,000
    /// attempts, growing with every attempt anyone makes, instead of 27 µs). `QueryPlanTests` checks the plan.
    static let passedModulesSQL = """
        SELECT DISTINCT module_slug FROM attempt INDEXED BY attempt_by_learner
        WHERE user_id = ? AND course_slug = ? AND passed = 1
        """

    /// Issues the certificate when every required module is passed, and returns its code: the code of the one
    /// already issued or owed, or a new one, owed from now on in `certificate_outbox` with everything the credential
    /// says. Nothing is signed here, inside the caller's transaction: `CertificateSigner` signs it after the commit.
    /// `passing` is a module passed by the attempt being graded in this transaction, whose row is written after this
    /// call.
    func issueIfComplete(
        _ db: Database, userID: Int64, course: Course, version: String, passing: String? = nil,
        passingPercent: Double? = nil, now: Date = Date()
    ) throws -> String? {
        guard let spec = course.certificate else { return nil }
        var passed = try Set(
            String.fetchAll(
                db.cachedStatement(sql: Self.passedModulesSQL), arguments: [userID, course.slug]))
        if let passing { passed.insert(passing) }
        guard course.requiredQuizzes.allSatisfy(passed.contains) else { return nil }
        let read =
            course.requiredLessons.isEmpty
            ? []
            : try Set(
                String.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT module_slug FROM lesson_view WHERE user_id = ? AND course_slug = ?"),
                    arguments: [userID, course.slug]))
        guard course.isCompleted(read: read, passed: passed) else { return nil }
        if let existing = try String.fetchOne(
            db.cachedStatement(
                sql: "SELECT code FROM certificate WHERE user_id = ? AND course_slug = ? AND content_version = ?"),
            arguments: [userID, course.slug, version])
        {
            return existing
        }
        if let owed = try String.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT code FROM certificate_outbox WHERE user_id = ? AND course_slug = ? AND content_version = ?
                    """),
            arguments: [userID, course.slug, version])
        {
            return owed
        }
        guard let user = try User.fetchOne(db, key: userID) else { return nil }
        let code = try CredentialCode.generate()
        let language = course.language
        let input = CredentialInput(
            baseURL: baseURL, code: code, issuerName: issuerName, holderName: user.fullName, holderUUID: user.uuid,
            achievementID: "\(baseURL)/courses/\(course.slug)#\(version)",
            achievementName: course.title.text(language),
            achievementDescription: spec.description.text(language).isEmpty
                ? course.summary.text(language) : spec.description.text(language),
            criteriaNarrative: Self.narrative(course, spec, language: language),
            credentialName: spec.title.text(language), issuedAt: now, kid: "")
        let record = try issueRecord(
            db, user: user, course: course, spec: spec, passing: passing, passingPercent: passingPercent, now: now)
        try PendingCertificate(
            code: code, userId: userID, courseSlug: course.slug, contentVersion: version,
            courseTitle: course.title.text(language), credential: input, issueRecord: record
        ).insert(db)
        return code
    }

    /// What the PDF will say of `user` and `course` as they are now: position, unit and province, the course's
    /// length, when they began (their first lesson opened or attempt started) and their result (each required
    /// test's best score, counting `passingPercent`, the attempt being graded, whose row is not written yet).
    func issueRecord(
        _ db: Database, user: User, course: Course, spec: CertificateSpec, passing: String? = nil,
        passingPercent: Double? = nil, now: Date = Date()
    ) throws -> IssueRecord {
        let userID = user.id ?? 0
        let place = places.place(named: user.commune)
        let started = try Date.fetchOne(
            db,
            sql: """
                SELECT MIN(at) FROM (
                    SELECT MIN(first_opened_at) AS at FROM lesson_view WHERE user_id = ? AND course_slug = ?
                    UNION ALL
                    SELECT MIN(started_at) FROM attempt INDEXED BY attempt_by_learner
                    WHERE user_id = ? AND course_slug = ?)
                """, arguments: [userID, course.slug, userID, course.slug])
        var scores: [String] = []
        for slug in course.requiredQuizzes {
            guard let module = course.module(slug) else { continue }
            var best = try Double.fetchOne(
                db,
                sql: """
                    SELECT MAX(percent) FROM attempt INDEXED BY attempt_by_learner
                    WHERE user_id = ? AND course_slug = ? AND module_slug = ? AND passed = 1
                    """, arguments: [userID, course.slug, slug])
            if slug == passing, let percent = passingPercent { best = max(best ?? 0, percent) }
            if let best {
                scores.append("\(module.title.text(course.language)): \(LocalText.percent(best / 100, .vi))")
            }
        }
        let title = spec.documentTitle.map { $0.text(course.language) } ?? ""
        return IssueRecord(
            position: user.position, unit: place?.fullName ?? user.commune, province: place?.province ?? "",
            documentTitle: title.isEmpty ? CertificateSpec.defaultDocumentTitle : title, hours: spec.hours,
            startedAt: started.map { min($0, now) },
            result: scores.isEmpty ? "Đạt" : "Đạt — " + scores.joined(separator: "; "))
    }

    /// Inside the transaction that recorded a lesson's opening: the certificate that reading it has just earned
    /// (issue 15: the last requirement may be a lesson read after the final test was passed), promised in the
    /// outbox, or nil (most views: the course's quizzes are not all passed yet, one indexed query).
    public func owedAfterLesson(_ db: Database, userID: Int64, course: Course, module: String) throws -> String? {
        guard course.certificate != nil, course.requiredLessons.contains(module) else { return nil }
        return try issueIfComplete(db, userID: userID, course: course, version: course.contentVersion)
    }

    /// Signs a certificate promised in the outbox, after its transaction committed; a failure leaves it owed (it is
    /// signed at the next start) and is logged.
    public func sign(owed code: String) async {
        do {
            try await signer.sign(code: code)
        } catch {
            signer.logger.error("certificate \(code) stays owed: \(error)")
        }
    }

    /// What earning the certificate took, in the course's language.
    static func narrative(_ course: Course, _ spec: CertificateSpec, language: Language) -> String {
        let parts = course.requiredQuizzes.compactMap { slug -> String? in
            guard let module = course.module(slug), let quiz = module.quiz else { return nil }
            return "\(module.title.text(language)) (≥ \(QuizFacts.format(quiz.passPercent))%)"
        }
        let lead = language == .vi ? "Hoàn thành khóa học và đạt: " : "Completed the course and passed: "
        return lead + parts.joined(separator: "; ")
    }

    /// A certificate by its code, typed in any case, with or without dashes.
    public func find(_ typed: String) async throws -> Certificate? {
        guard let code = CredentialCode.normalize(typed) else { return nil }
        return try await database.writer.read { db in try Certificate.fetchOne(db, key: code) }
    }

    public func certificates(userID: Int64) async throws -> [Certificate] {
        try await database.writer.read { db in
            try Certificate.filter(Column("user_id") == userID).order(Column("issued_at").desc).fetchAll(db)
        }
    }

    /// Revokes with a reason that is kept and shown on the verify page; revoking twice keeps the first.
    public func revoke(code: String, reason: String, by userID: Int64?, now: Date = Date()) async throws -> Certificate?
    {
        guard let code = CredentialCode.normalize(code) else { return nil }
        return try await database.writer.write { db in
            guard var certificate = try Certificate.fetchOne(db, key: code) else { return nil }
            if certificate.revokedAt == nil {
                certificate.revokedAt = now
                certificate.revokedReason = reason
                certificate.revokedBy = userID
                try certificate.update(db)
            }
            return certificate
        }
    }

    /// Ids of revoked credentials, for `/status/revocations.json`.
    public func revokedIDs() async throws -> [String] {
        let codes = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT code FROM certificate WHERE revoked_at IS NOT NULL ORDER BY code")
        }
        return codes.map { "\(baseURL)/v/\($0)" }
    }

    /// Certificates matching a code, a holder's name (diacritics optional) or a course, newest first.
    public func search(_ query: String, course: String?, limit: Int = 100) async throws -> [Certificate] {
        let key = Text.searchKey(query)
        let code = CredentialCode.normalize(query)
        return try await database.writer.read { db in
            var request = Certificate.all()
            if let course, !course.isEmpty { request = request.filter(Column("course_slug") == course) }
            if let code {
                request = request.filter(Column("code") == code)
            } else if !key.isEmpty {
                let ids = try Int64.fetchAll(
                    db, sql: "SELECT id FROM user WHERE search_name LIKE ?", arguments: ["%\(key)%"])
                request = request.filter(ids.contains(Column("user_id")))
            }
            return try request.order(Column("issued_at").desc).limit(limit).fetchAll(db)
        }
    }

    /// The certificates of a course and/or of the people now recorded in a commune-level unit, in register order.
    func exportEntries(course: String, commune: String) async throws -> [CertificateExport.Entry] {
        try await database.writer.read { db in
            var sql =
                "SELECT certificate.*, user.commune AS holder_commune FROM certificate JOIN user ON user.id = certificate.user_id WHERE 1"
            var arguments: StatementArguments = []
            if !course.isEmpty {
                sql += " AND certificate.course_slug = ?"
                arguments += [course]
            }
            if !commune.isEmpty {
                sql += " AND user.commune = ?"
                arguments += [commune]
            }
            sql += " ORDER BY certificate.register_year, certificate.register_number, certificate.code"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                CertificateExport.Entry(certificate: try Certificate(row: row), commune: row["holder_commune"])
            }
        }
    }

    /// The commune-level units of people holding certificates, for the export's list.
    func holderCommunes() async throws -> [String] {
        try await database.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT user.commune FROM certificate JOIN user ON user.id = certificate.user_id
                    WHERE user.commune <> '' ORDER BY user.commune
                    """)
        }
    }
}
