import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Academy

/// A routed address asked with a method it does not take answers 405 with `Allow`, not 404 (issue 13, point 20:
/// schemathesis sent TRACE to every API route and got 404).
@Suite struct MethodNotAllowedTests {
    @Test func traceOnAnAPIRouteIs405WithAllow() async throws {
        try await TestApp.test { client in
            // when
            let response = try await client.execute(uri: "/api/v1/me", method: .trace)
            // then
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let error = try #require(response.json?["error"] as? [String: Any])
            #expect(error["code"] as? String == "method_not_allowed")
        }
    }

    @Test func anotherMethodOnARouteWithParametersLists405AndItsMethods() async throws {
        try await TestApp.test { client in
            let patch = try await client.execute(uri: "/api/v1/courses/sample", method: .patch)
            #expect(patch.status == .methodNotAllowed)
            #expect(patch.headers[.allow] == "GET, HEAD")
            let session = try await client.execute(uri: "/api/v1/session", method: .put)
            #expect(session.status == .methodNotAllowed)
            #expect(session.headers[.allow] == "DELETE, POST")
        }
    }

    @Test func traceOnAPageIs405Too() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/", method: .trace)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow]?.contains("GET") == true)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        }
    }

    @Test func unknownAddressesAndRoutedMethodsAreUnchanged() async throws {
        try await TestApp.test { client in
            let unknown = try await client.execute(uri: "/api/v1/nothing-here", method: .trace)
            #expect(unknown.status == .notFound)
            let routed = try await client.execute(uri: "/api/v1/courses", method: .get)
            #expect(routed.status == .ok)
            let head = try await client.execute(uri: "/api/v1/courses", method: .head)
            #expect(head.status == .ok)
        }
    }
}
