import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// The sign-in throttle cannot be raced or side-stepped (issue 13, points 6 and 10).
@Suite struct SignInThrottleTests {
    func apiLogin(_ client: any TestClientProtocol, _ username: String, _ password: String) async throws
        -> TestResponse
    {
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        return try await client.execute(
            uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(bytes: body))
    }

    @Test func parallelWrongPasswordsReachTheHashOnlyUpToTheLimit() async throws {
        try await TestApp.withServices { services, client in
            // given
            try await People.make(services, "canbo20")
            // when 200 wrong passwords arrive at once
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<200 {
                    group.addTask { try await apiLogin(client, "canbo20", "sai-\(index)").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // then only the limit of them were tried; the rest were turned away before hashing
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 195)
        }
    }

    @Test func spacesAroundTheNameCountAsTheSameName() async throws {
        try await TestApp.withServices { services, client in
            // given
            try await People.make(services, "admin", role: .admin)
            // when five wrong guesses each use a different spelling of the name
            for variant in [" admin", "admin ", "\u{00a0}admin", "\u{2002}admin", "ADMIN"] {
                let response = try await apiLogin(client, variant, "sai-mat-khau")
                #expect(response.status == .unauthorized)
            }
            // then the name itself is locked, even for the right password
            #expect(try await apiLogin(client, "admin", People.password).status == .tooManyRequests)
            #expect(try await apiLogin(client, "\u{3000}admin\u{2003}", People.password).status == .tooManyRequests)
        }
    }

    @Test func theRightPasswordThroughAVariantDoesNotSignInWhileTheNameIsLocked() async throws {
        try await TestApp.withServices { services, client in
            // given the real name locked
            try await People.make(services, "admin", role: .admin)
            for _ in 0..<5 { _ = try await apiLogin(client, "admin", "sai-mat-khau") }
            // when
            let responses = [
                try await apiLogin(client, "\u{00a0}admin", People.password),
                try await apiLogin(client, "admin\u{2002}", People.password),
                try await apiLogin(client, " Admin ", People.password),
            ]
            // then
            #expect(responses.map(\.status) == [.tooManyRequests, .tooManyRequests, .tooManyRequests])
            #expect(responses.allSatisfy { $0.json?["token"] == nil })
        }
    }

    @Test func theNameIsCleanedTheSameWayForTheLookUpAndTheThrottle() {
        let variants = [
            " admin", "admin ", "\u{00a0}admin", "\u{2002}admin", "\tadmin\n", "\u{3000}admin", "admin\u{205f}",
        ]
        #expect(Set(variants.map(Text.clean)) == ["admin"])
    }

    @Test func anIPv6ClientIsCountedByItsSlash64() {
        // given a throttle that allows three failures per address
        let throttle = SignInThrottle(window: 60, perUsername: 100, perAddress: 3)
        // when three failures come from three addresses of one /64
        for index in 1...3 { throttle.recordFailure(username: "u\(index)", address: "2001:db8:1:2::\(index)") }
        // then the whole /64 waits, and the next /64 does not
        #expect(throttle.retryAfter(username: "other", address: "2001:db8:1:2:ffff::9") != nil)
        #expect(throttle.retryAfter(username: "other", address: "2001:db8:1:3::1") == nil)
    }

    func changePassword(_ client: any TestClientProtocol, _ headers: HTTPFields, current: String) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/account/password", method: .post, headers: People.formHeaders(headers),
            body: People.form(["current": current, "new": "mot cau rat dai", "repeat": "mot cau rat dai"]))
    }

    @Test func guessingTheCurrentPasswordIsThrottled() async throws {
        try await TestApp.withServices { services, client in
            // given someone with a signed-in browser who does not know the password
            let user = try await People.make(services, "canbo21")
            let browser = try await People.browser(services, user)
            for _ in 0..<5 {
                let wrong = try await changePassword(client, browser, current: "doan-mo")
                #expect(wrong.status == .badRequest)
            }
            // when the sixth guess is right
            let response = try await changePassword(client, browser, current: People.password)
            // then it is refused, with the reason on the page, and the password is unchanged
            #expect(response.status == .tooManyRequests)
            #expect(response.text.contains("Hãy thử lại sau 15 phút"))
            #expect(try await services.accounts.authenticate(username: "canbo21", password: People.password) != nil)
        }
    }
}
