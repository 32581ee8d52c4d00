import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// An API client can see and finish a forced password change (issue 13, point 12).
@Suite struct PasswordAPITests {
    /// A learner with a generated first password, signed in through the API: their bearer headers.
    func firstSignIn(_ services: AppServices, _ client: any TestClientProtocol, _ username: String) async throws
        -> HTTPFields
    {
        let hash = try await services.accounts.hash(password: People.password, oneTime: true)
        _ = try await services.accounts.create(
            User(username: username, fullName: "Lần Đầu", role: .learner, passwordHash: hash, mustChangePassword: true))
        let response = try await client.execute(
            uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(People.password)"}"#))
        #expect(response.status == .ok)
        #expect((response.json?["user"] as? [String: Any])?["must_change_password"] as? Bool == true)
        let token = try #require(response.json?["token"] as? String)
        return [.authorization: "Bearer \(token)"]
    }

    func put(_ client: any TestClientProtocol, _ headers: HTTPFields, current: String, new: String) async throws
        -> TestResponse
    {
        var headers = headers
        headers[.contentType] = "application/json"
        let body = try JSONSerialization.data(withJSONObject: ["current": current, "new": new])
        return try await client.execute(
            uri: "/api/v1/me/password", method: .put, headers: headers, body: ByteBuffer(bytes: body))
    }

    func errorCode(_ response: TestResponse) -> String? {
        (response.json?["error"] as? [String: Any])?["code"] as? String
    }

    @Test func meSaysWhenThePasswordMustBeChanged() async throws {
        try await TestApp.withServices { services, client in
            // given
            let bearer = try await firstSignIn(services, client, "lan-dau-1")
            // when
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer)
            // then
            #expect(me.status == .ok)
            #expect(me.json?["must_change_password"] as? Bool == true)
        }
    }

    @Test func aForcedChangeCanBeFinishedThroughTheAPI() async throws {
        try await TestApp.withServices { services, client in
            // given a learner signed in on a phone (cookie) and through the API
            let bearer = try await firstSignIn(services, client, "lan-dau-2")
            let user = try #require(try await services.accounts.user(username: "lan-dau-2"))
            let phone = try await People.browser(services, user)
            let blocked = try await client.execute(uri: "/api/v1/me/enrollments", method: .get, headers: bearer)
            #expect(errorCode(blocked) == "password_change_required")
            // when
            let response = try await put(client, bearer, current: People.password, new: "mot cau rat dai")
            // then the calling session works and is no longer blocked; the other one has ended
            #expect(response.status == .noContent)
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer)
            #expect(me.json?["must_change_password"] as? Bool == false)
            let enrollments = try await client.execute(uri: "/api/v1/me/enrollments", method: .get, headers: bearer)
            #expect(enrollments.status == .ok)
            let other = try await client.execute(uri: "/api/v1/me", method: .get, headers: phone)
            #expect(other.status == .unauthorized)
            #expect(try await services.accounts.authenticate(username: "lan-dau-2", password: "mot cau rat dai") != nil)
        }
    }

    @Test func aRefusedNewPasswordSaysWhy() async throws {
        try await TestApp.withServices { services, client in
            // given
            let bearer = try await firstSignIn(services, client, "lan-dau-3")
            // when
            let short = try await put(client, bearer, current: People.password, new: "ngan")
            let same = try await put(client, bearer, current: People.password, new: People.password)
            let missing = try await client.execute(
                uri: "/api/v1/me/password", method: .put,
                headers: bearer.merging([.contentType: "application/json"]), body: ByteBuffer(string: #"{"new":"x"}"#))
            // then
            #expect(short.status == .unprocessableContent)
            #expect(errorCode(short) == "password_too_short")
            #expect(same.status == .unprocessableContent)
            #expect(errorCode(same) == "password_same")
            #expect(missing.status == .badRequest)
            #expect(errorCode(missing) == "json_missing_field")
            #expect(try await services.accounts.authenticate(username: "lan-dau-3", password: People.password) != nil)
        }
    }

    @Test func aWrongCurrentPasswordIsRefusedAndThrottled() async throws {
        try await TestApp.withServices { services, client in
            // given
            let bearer = try await firstSignIn(services, client, "lan-dau-4")
            // when
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                let wrong = try await put(client, bearer, current: "doan-mo", new: "mot cau rat dai")
                statuses.append(wrong.status)
                #expect(errorCode(wrong) == "password_wrong_current")
            }
            let right = try await put(client, bearer, current: People.password, new: "mot cau rat dai")
            // then
            #expect(statuses == Array(repeating: .forbidden, count: 5))
            #expect(right.status == .tooManyRequests)
            #expect(errorCode(right) == "throttled")
            #expect(try await services.accounts.authenticate(username: "lan-dau-4", password: People.password) != nil)
        }
    }

    @Test func signInReportsWhetherTheUserMustChangeThePassword() async throws {
        try await TestApp.withServices { services, client in
            try await People.make(services, "canbo40")
            let response = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"canbo40","password":"\#(People.password)"}"#))
            #expect((response.json?["user"] as? [String: Any])?["must_change_password"] as? Bool == false)
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var result = self
        for field in other { result[field.name] = field.value }
        return result
    }
}
