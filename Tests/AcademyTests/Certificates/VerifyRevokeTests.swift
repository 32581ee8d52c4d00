import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// HR and admins revoke a certificate from the verify page they are looking at (issue 16), through the register's
/// own revoke (reason required, CSRF, the confirmation box, the audit log).
@Suite struct VerifyRevokeTests {
    /// A certificate of the fixture course, issued to a new learner.
    func issued(_ services: AppServices) async throws -> String {
        let user = try await People.make(services, "hocvien", name: "Nguyễn Thị Ánh")
        let course = try #require(services.catalog.snapshot.course("sample"))
        try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
        let (attempt, _) = try await services.attempts.startOrResume(
            userID: user.id ?? 0, course: course, module: try #require(course.module("kiem-tra")))
        let right: [String: QuizAnswer] = [
            "tinh": QuizAnswer(text: "Tuyên Quang"), "to-cap-xa": QuizAnswer(text: "138"),
            "dich-vu": QuizAnswer(choiceIds: ["a", "b"]),
        ]
        let answers = Dictionary(
            uniqueKeysWithValues: attempt.layoutJson.items.map { ($0.questionId, right[$0.questionId] ?? QuizAnswer()) }
        )
        let graded = try await services.attempts.submit(
            attemptID: attempt.id, userID: user.id ?? 0, answers: answers, course: course)
        return try #require(graded.resultJson?.certificateCode)
    }

    @Test(arguments: [Role.learner, .trainer]) func onlyHRAndAdminsSeeTheRevokeForm(role: Role) async throws {
        try await TestApp.withServices { services, client in
            // given
            let code = try await issued(services)
            let form = "action=\"/admin/certificates/\(code)/revoke\""
            // when
            let visitor = try await client.execute(uri: "/v/\(code)", method: .get)
            let other = try await client.execute(
                uri: "/v/\(code)", method: .get,
                headers: try await People.browser(services, try await People.make(services, "nguoi", role: role)))
            let hr = try await client.execute(
                uri: "/v/\(code)", method: .get,
                headers: try await People.browser(services, try await People.make(services, "nhansu", role: .hr)))
            let admin = try await client.execute(
                uri: "/v/\(code)", method: .get,
                headers: try await People.browser(services, try await People.make(services, "qt", role: .admin)))
            // then
            #expect(!visitor.text.contains(form) && !visitor.text.contains("Thu hồi giấy chứng nhận này"))
            #expect(!other.text.contains(form))
            for page in [hr, admin] {
                #expect(page.text.contains(form))
                #expect(page.text.contains("<summary>Thu hồi giấy chứng nhận này</summary>"))
                #expect(page.text.contains("name=\"reason\" rows=\"3\" maxlength=\"300\" required"))
                #expect(page.text.contains("name=\"confirm\" value=\"1\" required"))
                #expect(page.text.contains("name=\"back\" value=\"verify\""))
            }
        }
    }

    @Test func hrRevokesFromTheVerifyPageWhichThenShowsItRevokedAndTheAuditLogSaysWho() async throws {
        try await TestApp.withServices { services, client in
            // given HR looking at a valid certificate's verify page
            let code = try await issued(services)
            let hr = try await People.make(services, "nhansu", role: .hr)
            let headers = try await People.browser(services, hr)
            let page = try await client.execute(uri: "/v/\(code)", method: .get, headers: headers)
            let details = try #require(page.text.range(of: "<details"))
            var fields = BrowserForm.fields(String(page.text[details.lowerBound...]))
            #expect(fields["back"] == "verify")
            let action = "/admin/certificates/\(code)/revoke"
            // when the box is not ticked, or the reason is blank, nothing is revoked
            fields["reason"] = "Người khác làm bài thay"
            let unticked = try await client.execute(
                uri: action, method: .post, headers: People.formHeaders(headers), body: People.form(fields))
            fields["confirm"] = "1"
            fields["reason"] = "   "
            let blank = try await client.execute(
                uri: action, method: .post, headers: People.formHeaders(headers), body: People.form(fields))
            #expect(unticked.status == .badRequest && blank.status == .badRequest)
            #expect(try await services.certificates.find(code)?.isRevoked == false)
            // when it is posted with a reason and the box ticked
            fields["reason"] = "Người khác làm bài thay"
            let posted = try await client.execute(
                uri: action, method: .post, headers: People.formHeaders(headers), body: People.form(fields))
            // then back on the verify page, which says revoked, why (to HR), and offers no second revoke
            #expect(posted.status == .seeOther || posted.status == .found)
            #expect(posted.headers[.location] == "/v/\(code)?done=revoked")
            let after = try await client.execute(uri: "/v/\(code)?done=revoked", method: .get, headers: headers)
            #expect(after.text.contains("Đã thu hồi chứng nhận."))
            #expect(after.text.contains("✗ Chứng nhận đã bị thu hồi"))
            #expect(after.text.contains("Người khác làm bài thay"))
            #expect(!after.text.contains("action=\"\(action)\""))
            // and the public sees it revoked, without the reason
            let visitor = try await client.execute(uri: "/v/\(code)?done=revoked", method: .get)
            #expect(visitor.text.contains("Chứng nhận đã bị thu hồi") && !visitor.text.contains("Người khác"))
            let audit = try await services.database.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT action, target, detail, actor_id FROM audit_log")
            }
            let entry = try #require(audit.first { ($0["action"] as String?) == "certificate_revoked" })
            #expect(entry["target"] as String? == code)
            #expect(entry["detail"] as String? == "Người khác làm bài thay")
            #expect(entry["actor_id"] as Int64? == hr.id)
        }
    }

    @Test func theRevokeNeedsTheFormTokenAndTheRole() async throws {
        try await TestApp.withServices { services, client in
            // given
            let code = try await issued(services)
            let fields = ["reason": "Cấp nhầm", "confirm": "1", "back": "verify"]
            let action = "/admin/certificates/\(code)/revoke"
            // when a learner posts, or HR posts without the session's form token (a forged cross-site form)
            let learner = try await People.browser(services, try await People.make(services, "hv2"))
            let refused = try await client.execute(
                uri: action, method: .post, headers: People.formHeaders(learner), body: People.form(fields))
            var forged = try await People.browser(services, try await People.make(services, "nhansu", role: .hr))
            forged[CSRFMiddleware.headerName] = nil
            let noToken = try await client.execute(
                uri: action, method: .post, headers: People.formHeaders(forged), body: People.form(fields))
            // then
            #expect(refused.status == .forbidden)
            #expect(noToken.status == .forbidden)
            #expect(try await services.certificates.find(code)?.isRevoked == false)
        }
    }
}
