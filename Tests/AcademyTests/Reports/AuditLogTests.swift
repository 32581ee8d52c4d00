import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// Every security-relevant action writes its audit entry; the log cannot be changed afterwards.
@Suite struct AuditLogTests {
    func entries(_ services: AppServices, _ action: AuditAction) async throws -> [AuditEntry] {
        try await services.database.writer.read { db in
            try AuditEntry.filter(AuditEntry.Columns.action == action.rawValue).order(AuditEntry.Columns.id).fetchAll(
                db)
        }
    }

    func post(_ client: any TestClientProtocol, _ uri: String, _ headers: HTTPFields, _ fields: [String: String])
        async throws -> TestResponse
    {
        try await client.execute(
            uri: uri, method: .post, headers: People.formHeaders(headers), body: People.form(fields))
    }

    @Test func failedSignInsAndTheThrottleAreRecordedWithoutThePassword() async throws {
        try await TestApp.withServices { services, client in
            // given
            try await People.make(services, "canbo01")
            // when: five wrong passwords start the throttle
            for _ in 0..<5 {
                _ = try await post(
                    client, "/login", [.cookie: "csrf=\(People.csrf)"],
                    ["username": "canbo01", "password": "bi-mat-sai-9"])
            }
            // then
            let failed = try await entries(services, .signInFailed)
            #expect(failed.count == 5)
            #expect(failed.allSatisfy { $0.target == "canbo01" && $0.actorId == nil })
            #expect(try await entries(services, .signInThrottled).count == 1, "once, when the throttle starts")
            let everything = try await services.database.writer.read { db in try AuditEntry.fetchAll(db) }
            #expect(!everything.contains { "\($0)".contains("bi-mat-sai-9") })
        }
    }

    @Test func adminActionsOnPeopleAreRecorded() async throws {
        try await TestApp.withServices { services, client in
            // given
            let admin = try await People.make(services, "quantri", role: .admin, name: "Quản Trị")
            let learner = try await People.make(services, "hocvien", name: "Lê Thị Hoa")
            let headers = try await People.browser(services, admin)
            let base = SitePath.adminUser(learner.id ?? 0)
            // when
            _ = try await post(client, base + "/role", headers, ["role": "trainer"])
            let reset = try await post(client, base + "/password", headers, ["confirm": "1"])
            _ = try await post(client, base + "/active", headers, ["active": "0", "confirm": "1"])
            // then
            let role = try #require(try await entries(services, .roleChanged).first)
            #expect(role.actorId == admin.id && role.actorName == "Quản Trị (quantri)")
            #expect(role.target == "Lê Thị Hoa (hocvien)" && role.detail == "learner → trainer")
            let password = try #require(try await entries(services, .passwordReset).first)
            #expect(password.target == "Lê Thị Hoa (hocvien)")
            #expect(reset.status == .seeOther, "post/redirect/get")
            #expect(try await entries(services, .userDeactivated).count == 1)
        }
    }

    @Test func importsAndTrainerEnrolmentsAreRecordedWithCounts() async throws {
        try await TestApp.withServices { services, client in
            // given
            let trainer = try await People.make(services, "giangvien", role: .trainer)
            let headers = try await People.browser(services, trainer)
            let csv = "username,full_name,commune,course\nhv1,Nguyễn Văn Một,Xã A,sample\nhv2,Trần Thị Hai,Xã A,\n"
            // when
            _ = try await post(client, "/admin/import", headers, ["csv": csv, "dry_run": "1"])
            _ = try await post(client, "/admin/import", headers, ["csv": csv])
            _ = try await client.execute(
                uri: "/api/v1/users/import", method: .post, headers: try await People.bearer(services, trainer),
                body: ByteBuffer(string: csv))
            _ = try await post(client, "/admin/enroll", headers, ["course": "sample", "usernames": "hv1 hv2"])
            // then: the dry run wrote nothing, so it is not recorded
            let imports = try await entries(services, .usersImported)
            #expect(imports.map(\.target) == ["web", "api"])
            #expect(imports.first?.detail == "created 2, updated 0, unchanged 0, enrolled 1")
            #expect(imports.last?.detail == "created 0, updated 0, unchanged 2, enrolled 0")
            let enrolled = try #require(try await entries(services, .learnersEnrolled).first)
            #expect(
                enrolled.target == "sample" && enrolled.detail == "1 new of 2 chosen" && enrolled.actorId == trainer.id)
        }
    }

    @Test func certificateIssueAndRevocationAreRecorded() async throws {
        try await TestApp.withServices { services, client in
            // given
            let (learner, code) = try await CertificateFlowTests().passFinal(services)
            let (_, second) = try await CertificateFlowTests().passFinal(services, name: "Hà Văn Bốn", username: "hv4")
            let hr = try await People.make(services, "nhansu", role: .hr)
            // when
            _ = try await post(
                client, "/admin/certificates/\(code)/revoke", try await People.browser(services, hr),
                ["reason": "Cấp nhầm người", "confirm": "1"])
            var api = try await People.bearer(services, hr)
            api[.contentType] = "application/json"
            _ = try await client.execute(
                uri: "/api/v1/certificates/\(second)/revocation", method: .post, headers: api,
                body: ByteBuffer(string: #"{"reason": "Gian lận"}"#))
            // then
            let issued = try await entries(services, .certificateIssued)
            #expect(issued.map(\.target) == [code, second])
            #expect(issued.first?.actorId == learner.id)
            let revoked = try await entries(services, .certificateRevoked)
            #expect(revoked.map(\.target) == [code, second])
            #expect(revoked.map(\.detail) == ["Cấp nhầm người", "Gian lận"])
            #expect(revoked.allSatisfy { $0.actorId == hr.id })
        }
    }

    @Test func keyRotationAndCourseReloadsAreRecorded() async throws {
        try await TestApp.withServices { services, client in
            // given
            let trainer = try await People.make(services, "giangvien", role: .trainer)
            // when
            let kid = try await services.keys.rotate(with: try sharedKey.get(), actor: .commandLine)
            _ = try await post(client, "/admin/courses/reload", try await People.browser(services, trainer), [:])
            // then: the first key (made at start-up) and the rotation
            let keys = try await entries(services, .keyRotated)
            #expect(keys.map(\.actorName) == ["system", "command line"])
            #expect(keys.last?.target == kid && keys.last?.detail.hasPrefix("sha256:") == true)
            let reload = try #require(try await entries(services, .coursesReloaded).first)
            #expect(reload.actorId == trainer.id && reload.detail == "1 loaded, 0 refused")
        }
    }

    @Test func theLogIsAppendOnly() async throws {
        // given
        let services = try await TestApp.services()
        try await AuditLog(database: services.database).record(.roleChanged, actor: .system, target: "x")
        // when / then: the database itself refuses to change or remove an entry
        await #expect(throws: DatabaseError.self) {
            try await services.database.writer.write { db in try db.execute(sql: "UPDATE audit_log SET target = 'y'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await services.database.writer.write { db in try db.execute(sql: "DELETE FROM audit_log") }
        }
        let targets = try await services.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT target FROM audit_log WHERE action = 'role_changed'")
        }
        #expect(targets == ["x"])
    }

    @Test func adminPageFiltersNewestFirst() async throws {
        try await TestApp.withServices { services, client in
            // given
            let audit = AuditLog(database: services.database)
            try await audit.record(.roleChanged, actor: AuditActor(id: 7, name: "Quản Trị (quantri)"), target: "cũ")
            try await audit.record(.roleChanged, actor: AuditActor(id: 7, name: "Quản Trị (quantri)"), target: "mới")
            try await audit.record(.passwordReset, actor: AuditActor(id: 8, name: "Khác (khac)"), target: "khác")
            let headers = try await People.browser(services, try await People.make(services, "admin1", role: .admin))
            // when
            let roles = try await client.execute(
                uri: "/admin/audit?action=role_changed", method: .get, headers: headers)
            let byActor = try await client.execute(uri: "/admin/audit?actor=khac", method: .get, headers: headers)
            let bad = try await client.execute(uri: "/admin/audit?action=drop_table", method: .get, headers: headers)
            // then
            #expect(roles.status == .ok)
            let newer = try #require(roles.text.range(of: "data-label=\"Đối tượng\">mới</td>"))
            let older = try #require(roles.text.range(of: "data-label=\"Đối tượng\">cũ</td>"))
            #expect(newer.lowerBound < older.lowerBound)
            #expect(!roles.text.contains("data-label=\"Đối tượng\">khác</td>"))
            #expect(
                byActor.text.contains("data-label=\"Đối tượng\">khác</td>")
                    && !byActor.text.contains("data-label=\"Đối tượng\">mới</td>"))
            #expect(bad.status == .badRequest)
        }
    }
}
