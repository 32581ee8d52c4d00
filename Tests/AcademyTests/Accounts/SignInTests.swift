import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

@Suite struct SignInTests {
    func login(_ client: any TestClientProtocol, _ username: String, _ password: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/login", method: .post,
            headers: [.cookie: "csrf=\(People.csrf)", .contentType: "application/x-www-form-urlencoded"],
            body: People.form(["username": username, "password": password, "next": "/courses/sample"]))
    }

    @Test func signInSetsAHardenedCookieAndStoresOnlyTheHash() async throws {
        try await TestApp.withServices { services, client in
            try await People.make(services, "0912345678", name: "Nguyễn Văn An")
            let response = try await login(client, "0912345678", People.password)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/courses/sample")
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let token = try #require(cookie.split(separator: ";").first?.split(separator: "=").last.map(String.init))
            #expect(token.count == 43)
            let stored = try await services.database.writer.read { db in
                try String.fetchAll(db, sql: "SELECT token_hash FROM session")
            }
            #expect(stored == [SessionStore.hash(token)])
            #expect(!stored.contains(token))
        }
    }

    @Test func wrongPasswordIsRefusedWithAClearMessage() async throws {
        try await TestApp.withServices { services, client in
            try await People.make(services, "canbo01")
            let response = try await login(client, "canbo01", "sai-mat-khau")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
            #expect(response.text.contains("value=\"canbo01\""))
        }
    }

    @Test func signInIsThrottledPerUsername() async throws {
        try await TestApp.withServices { services, client in
            try await People.make(services, "canbo02")
            for _ in 0..<5 { _ = try await login(client, "canbo02", "sai") }
            // then even the right password waits
            let response = try await login(client, "canbo02", People.password)
            #expect(response.status == .tooManyRequests)
            #expect(response.text.contains("Hãy thử lại sau 15 phút"))
        }
    }

    @Test func throttleCountsPerAddressToo() {
        let throttle = SignInThrottle(window: 60, perUsername: 100, perAddress: 3)
        for index in 0..<3 { throttle.recordFailure(username: "u\(index)", address: "10.0.0.1") }
        #expect(throttle.retryAfter(username: "someone-else", address: "10.0.0.1") != nil)
        #expect(throttle.retryAfter(username: "someone-else", address: "10.0.0.2") == nil)
    }

    @Test func formWithoutTheCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await TestApp.withServices { services, client in
            try await People.make(services, "canbo03")
            let response = try await client.execute(
                uri: "/login", method: .post,
                headers: [.cookie: "csrf=\(People.csrf)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(
                    string: "username=canbo03&password=\(People.password)&_csrf=\(String(repeating: "x", count: 43))"))
            #expect(response.status == .forbidden)
            #expect(response.headers[.setCookie]?.contains("session=") != true)
            let sessions = try await services.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session")
            }
            #expect(sessions == 0)
        }
    }

    @Test func cookieAuthenticatedAPIWritesNeedTheCSRFHeader() async throws {
        try await TestApp.withServices { services, client in
            let learner = try await People.make(services, "canbo04")
            let headers = try await People.browser(services, learner)
            var without = headers
            without[CSRFMiddleware.headerName] = nil
            let refused = try await client.execute(
                uri: "/api/v1/courses/sample/enrollment", method: .post, headers: without)
            #expect(refused.status == .forbidden)
            let accepted = try await client.execute(
                uri: "/api/v1/courses/sample/enrollment", method: .post, headers: headers)
            #expect(accepted.status == .created)
        }
    }

    @Test func apiSignInGivesABearerTokenThatWorks() async throws {
        try await TestApp.withServices { services, client in
            try await People.make(services, "canbo05", name: "Trần Thị Bình")
            let response = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"canbo05","password":"\#(People.password)"}"#))
            #expect(response.status == .ok)
            let token = try #require(response.json?["token"] as? String)
            let me = try await client.execute(
                uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(me.json?["full_name"] as? String == "Trần Thị Bình")
            let out = try await client.execute(
                uri: "/api/v1/session", method: .delete, headers: [.authorization: "Bearer \(token)"])
            #expect(out.status == .noContent)
            let after = try await client.execute(
                uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(after.status == .unauthorized)
        }
    }

    @Test func apiSignInRefusesBadBodiesClearly() async throws {
        try await TestApp.withServices { _, client in
            let missing = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"x"}"#))
            #expect(missing.status == .badRequest)
            #expect((missing.json?["error"] as? [String: Any])?["code"] as? String == "json_missing_field")
            let broken = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{not json"))
            #expect((broken.json?["error"] as? [String: Any])?["code"] as? String == "json_invalid")
            let wrongType = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: "{}"))
            #expect(wrongType.status == .unsupportedMediaType)
        }
    }

    @Test func changingThePasswordEndsEveryOtherSession() async throws {
        try await TestApp.withServices { services, client in
            let user = try await People.make(services, "canbo06")
            let phone = try await People.browser(services, user)
            let laptop = try await People.browser(services, user)
            let response = try await client.execute(
                uri: "/account/password", method: .post, headers: People.formHeaders(laptop),
                body: People.form(["current": People.password, "new": "mot cau rat dai", "repeat": "mot cau rat dai"]))
            #expect(response.status == .seeOther)
            let old = try await client.execute(uri: "/api/v1/me", method: .get, headers: phone)
            #expect(old.status == .unauthorized)
            #expect(try await services.accounts.authenticate(username: "canbo06", password: "mot cau rat dai") != nil)
        }
    }

    @Test func deactivatedPeopleCannotSignIn() async throws {
        try await TestApp.withServices { services, client in
            let user = try await People.make(services, "canbo07")
            let directory = UserDirectory(database: services.database, accounts: services.accounts)
            try await directory.setActive(userID: user.id ?? 0, false, sessions: services.sessions)
            let response = try await login(client, "canbo07", People.password)
            #expect(response.status == .unauthorized)
        }
    }

    @Test func aGeneratedPasswordMustBeChangedBeforeAnythingElse() async throws {
        try await TestApp.withServices { services, client in
            let hash = try await services.accounts.hash(password: People.password, oneTime: true)
            let user = try await services.accounts.create(
                User(
                    username: "lan-dau", fullName: "Lần Đầu", role: .learner, passwordHash: hash,
                    mustChangePassword: true))
            let browser = try await People.browser(services, user)
            let home = try await client.execute(uri: "/courses/sample/bai-mot/quiz", method: .get, headers: browser)
            #expect(home.status == .found)
            #expect(home.headers[.location] == "/account/password")
            let form = try await client.execute(uri: "/account/password", method: .get, headers: browser)
            #expect(form.status == .ok)
            let api = try await client.execute(
                uri: "/api/v1/me/enrollments", method: .get, headers: try await People.bearer(services, user))
            #expect(api.status == .forbidden)
            #expect((api.json?["error"] as? [String: Any])?["code"] as? String == "password_change_required")
        }
    }

    @Test func nextCannotLeadToAnotherSite() {
        #expect(SessionController.safeNext("//evil.example/x") == "/")
        #expect(SessionController.safeNext("https://evil.example") == "/")
        #expect(SessionController.safeNext("/courses/sample") == "/courses/sample")
        #expect(SessionController.safeNext("/\\evil.example") == "/")
    }
}
