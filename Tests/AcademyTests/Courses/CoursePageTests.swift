import Foundation
import HummingbirdTesting
import Testing

@testable import Academy

@Suite struct CoursePageTests {
    @Test func catalogueListsCoursesInVietnamese() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("Khóa mẫu"))
            #expect(response.text.contains("href=\"/courses/sample\""))
        }
    }

    @Test func coursePageListsModulesInOrder() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/courses/sample?lang=en", method: .get)
            #expect(response.status == .ok)
            let text = response.text
            let one = try #require(text.range(of: "Lesson one"))
            let two = try #require(text.range(of: "Bài hai"))
            let final = try #require(text.range(of: "Final test"))
            #expect(one.lowerBound < two.lowerBound && two.lowerBound < final.lowerBound)
            #expect(text.contains("Sample certificate"))
        }
    }

    @Test func lessonPageIsSafeLightAndLinked() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/courses/sample/bai-mot", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<table>"))
            #expect(html.contains("src=\"/courses/sample/media/so-do.png\""))
            // One script only, from a file (the service worker's installer, issue 18); nothing inline.
            #expect(html.components(separatedBy: "<script").count == 2)
            #expect(html.contains("<script src=\"/js/site.js"))
            #expect(!html.contains("javascript:"))
            #expect(html.contains("rel=\"next\" href=\"/courses/sample/bai-hai\""))
            #expect(response.body.readableBytes < 30 * 1024)
            let second = try await client.execute(uri: "/courses/sample/bai-hai", method: .get)
            #expect(second.text.contains("rel=\"prev\" href=\"/courses/sample/bai-mot\""))
            #expect(second.text.contains("Nguyễn Văn An"))
        }
    }

    @Test func testOnlyModuleShowsWhatTheTestAsks() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/courses/sample/kiem-tra", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("2 câu hỏi"))
            #expect(response.text.contains("Điểm đạt: 80\u{00A0}%"))
            #expect(response.text.contains("10 phút"))
        }
    }

    @Test func unknownCourseAndModuleGetA404Page() async throws {
        try await TestApp.test { client in
            let course = try await client.execute(uri: "/courses/khong-co", method: .get)
            #expect(course.status == .notFound)
            #expect(course.text.contains("Không có khóa học"))
            let module = try await client.execute(uri: "/courses/sample/khong-co", method: .get)
            #expect(module.status == .notFound)
        }
    }

    @Test func servesOnlyListedMediaFiles() async throws {
        try await TestApp.test { client in
            let image = try await client.execute(uri: "/courses/sample/media/so-do.png", method: .get)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/png")
            let missing = try await client.execute(uri: "/courses/sample/media/course.yaml", method: .get)
            #expect(missing.status == .notFound)
            let escape = try await client.execute(uri: "/courses/sample/media/..%2fcourse.yaml", method: .get)
            #expect(escape.status == .badRequest)
        }
    }

    @Test func apiListsCoursesWithModules() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/api/v1/courses", method: .get)
            #expect(response.status == .ok)
            let list = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            #expect(list.count == 1)
            let course = list[0]
            #expect(course["slug"] as? String == "sample")
            #expect(course["version"] as? String == "2.1")
            let modules = try #require(course["modules"] as? [[String: Any]])
            #expect(modules.map { $0["slug"] as? String } == ["bai-mot", "bai-hai", "kiem-tra"])
            #expect(modules.map { $0["has_quiz"] as? Bool } == [true, false, true])
            let one = try await client.execute(uri: "/api/v1/courses/sample", method: .get)
            #expect(one.json?["content_version"] as? String == course["content_version"] as? String)
        }
    }
}
