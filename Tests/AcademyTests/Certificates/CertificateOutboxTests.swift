import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Academy

/// Certificates are signed after the grading transaction, never inside it, and none is lost when the process dies
/// between the two (issue 14, point 4).
@Suite struct CertificateOutboxTests {
    /// A learner who has just passed the fixture course's final test through `store`, and the code in the result.
    func passFinal(_ services: AppServices, _ store: AttemptStore, username: String = "hocvien") async throws
        -> (User, String)
    {
        let user = try await People.make(services, username, name: "Nguyễn Thị Ánh")
        try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
        let course = try #require(services.catalog.snapshot.course("sample"))
        let (attempt, _) = try await store.startOrResume(
            userID: user.id ?? 0, course: course, module: try #require(course.module("kiem-tra")))
        let right: [String: QuizAnswer] = [
            "tinh": QuizAnswer(text: "Tuyên Quang"), "to-cap-xa": QuizAnswer(text: "138"),
            "dich-vu": QuizAnswer(choiceIds: ["a", "b"]),
        ]
        let answers = Dictionary(
            uniqueKeysWithValues: attempt.layoutJson.items.map { item in
                (item.questionId, right[item.questionId] ?? QuizAnswer())
            })
        let graded = try await store.submit(
            attemptID: attempt.id, userID: user.id ?? 0, answers: answers, course: course)
        return (user, try #require(graded.resultJson?.certificateCode))
    }

    func count(_ services: AppServices, _ sql: String) async throws -> Int {
        try await services.database.writer.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    @Test func theGradingTransactionOnlyOwesTheCertificateAndTheSignerIssuesItAfterwards() async throws {
        // given: a pass graded and committed, and a process that never gets to sign
        let services = try await TestApp.services()
        let (user, code) = try await passFinal(services, services.attemptsThatNeverSign)
        // then: the committed grading holds the code and an outbox row, and nothing was signed inside it
        #expect(try await count(services, "SELECT COUNT(*) FROM certificate") == 0)
        #expect(try await count(services, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_issued'") == 0)
        let owed = try await services.database.writer.read { db in try PendingCertificate.fetchOne(db, key: code) }
        #expect(owed?.userId == user.id)
        #expect(owed?.credential.holderName == "Nguyễn Thị Ánh")
        // a second completion of the same course version finds the certificate owed: the same code, no new row
        let course = try #require(services.catalog.snapshot.course("sample"))
        let again = try await services.database.writer.write { db in
            try services.certificates.issueIfComplete(
                db, userID: user.id ?? 0, course: course, version: course.contentVersion)
        }
        #expect(again == code)
        #expect(try await count(services, "SELECT COUNT(*) FROM certificate_outbox") == 1)
        // when: the signer runs, twice at once
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 { group.addTask { try await services.certificates.signer.sign(code: code) } }
            try await group.waitForAll()
        }
        // then: one certificate, signed, with the holder and time the grading recorded; the row is gone
        #expect(try await count(services, "SELECT COUNT(*) FROM certificate_outbox") == 0)
        #expect(try await count(services, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_issued'") == 1)
        let certificate = try #require(try await services.certificates.find(code))
        #expect(certificate.holderName == "Nguyễn Thị Ánh")
        #expect(certificate.kid == (try services.keys.signingKey().kid))
        let verdict = await CertificateVerifier(keys: services.keys, service: services.certificates)
            .verify(certificate.jwt)
        #expect(verdict.signatureValid)
        #expect(verdict.status == "valid")
        #expect(verdict.code == code)
    }

    @Test func aCertificateOwedWhenTheProcessDiedIsSignedAtTheNextStartUp() async throws {
        // given: the process died after committing a pass that earned a certificate, before signing it
        let services = try await TestApp.services()
        let (learner, code) = try await passFinal(services, services.attemptsThatNeverSign)
        #expect(try await services.certificates.find(code) == nil)
        // when: the server starts again on the same database and data folder
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let restarted = try await makeServices(config: services.config, database: services.database, logger: logger)
        // then: the certificate is issued under the code the learner was shown, and nothing is owed any more
        #expect(try await count(restarted, "SELECT COUNT(*) FROM certificate_outbox") == 0)
        let certificate = try #require(try await restarted.certificates.find(code))
        #expect(certificate.userId == learner.id)
        try await TestApp.router(restarted).test(.router) { client in
            let page = try await client.execute(uri: "/v/\(code)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Nguyễn Thị Ánh"))
            let jwt = try await client.execute(uri: "/v/\(code).jwt", method: .get)
            let verdict = try await client.execute(
                uri: "/api/v1/verify", method: .post, body: ByteBuffer(string: jwt.text))
            #expect(verdict.json?["signature_valid"] as? Bool == true)
        }
    }

    @Test func theSubmissionAnswersOnceTheCertificateItNamesIsIssued() async throws {
        try await TestApp.withServices { services, client in
            // given: an enrolled learner with the final test open
            let user = try await People.make(services, "hocvien-api")
            try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
            var headers = try await People.bearer(services, user)
            headers[.contentType] = "application/json"
            let started = try await client.execute(
                uri: "/api/v1/courses/sample/quizzes/kiem-tra/attempts", method: .post, headers: headers)
            let id = try #require(started.json?["attempt_id"] as? String)
            let asked = try #require(started.json?["questions"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            // when: the learner submits right answers to the questions drawn
            let right: [String: Any] = [
                "tinh": ["text": "Tuyên Quang"], "to-cap-xa": ["text": "138"], "dich-vu": ["choice_ids": ["a", "b"]],
            ]
            let body = try JSONSerialization.data(
                withJSONObject: ["answers": right.filter { asked.contains($0.key) }])
            let submitted = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submission", method: .post, headers: headers,
                body: ByteBuffer(bytes: body))
            // then: the certificate the answer names can be fetched at once
            #expect(submitted.json?["passed"] as? Bool == true)
            let code = try #require(submitted.json?["certificate_code"] as? String)
            let status = try await client.execute(uri: "/api/v1/certificates/\(code)", method: .get)
            #expect(status.status == .ok)
            #expect(status.json?["status"] as? String == "valid")
            #expect(try await count(services, "SELECT COUNT(*) FROM certificate_outbox") == 0)
        }
    }
}
