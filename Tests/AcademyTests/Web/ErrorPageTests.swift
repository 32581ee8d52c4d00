import Foundation
import HummingbirdTesting
import Testing

@testable import Academy

@Suite struct ErrorPageTests {
    @Test func unknownPageGetsAVietnamese404Page() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/khong-co-trang-nay", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains("<html lang=\"vi\">"))
            #expect(response.text.contains("Không tìm thấy trang"))
        }
    }

    @Test func englishIsChosenByQueryAndRemembered() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/nowhere?lang=en", method: .get)
            #expect(response.text.contains("Page not found"))
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("lang=en"))
            #expect(cookie.contains("HttpOnly"))
            let again = try await client.execute(uri: "/nowhere", method: .get, headers: [.cookie: "lang=en"])
            #expect(again.text.contains("Page not found"))
        }
    }

    @Test func acceptLanguageChoosesEnglish() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(
                uri: "/nowhere", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9,vi;q=0.5"])
            #expect(response.text.contains("<html lang=\"en\">"))
        }
    }

    @Test func apiErrorsUseTheJSONShape() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/api/v1/nothing-here", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let error = try #require(response.json?["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_found")
            #expect((error["message"] as? String)?.isEmpty == false)
        }
    }

    @Test func unknownCourseInTheAPIIsAJSON404() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/api/v1/courses/no-such-course", method: .get)
            #expect(response.status == .notFound)
            let error = try #require(response.json?["error"] as? [String: Any])
            #expect(error["code"] as? String == "course_not_found")
        }
    }
}
