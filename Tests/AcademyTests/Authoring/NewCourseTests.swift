import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// A new course's code is made from its title, and a bad or taken code brings the form back as typed (issue 16).
@Suite struct NewCourseTests {
    func setUp() async throws -> (String, AppServices, HTTPFields) {
        let root = NSTemporaryDirectory() + "academy-newcourse-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let services = try await TestApp.services(courses: root)
        let trainer = try await People.make(services, "giangvien", role: .trainer, name: "Lê Văn Giảng")
        return (root, services, People.formHeaders(try await People.browser(services, trainer)))
    }

    func create(
        _ client: any TestClientProtocol, _ headers: HTTPFields, _ fields: [String: String], lang: String = "vi"
    )
        async throws -> TestResponse
    {
        try await client.execute(
            uri: "/author/courses?lang=\(lang)", method: .post, headers: headers, body: People.form(fields))
    }

    @Test func theCodeIsMadeFromTheTitleWhateverItsNormalForm() async throws {
        let (root, services, trainer) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // when: a title typed on a keyboard that writes decomposed diacritics, and no code
            let title = "Chuyển đổi số".decomposedStringWithCanonicalMapping
            let created = try await create(client, trainer, ["title_vi": title, "slug": ""])
            // then
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/author/courses/chuyen-doi-so")
            let document = try CourseDocument.read(root + "/.drafts/chuyen-doi-so/course.yaml")
            #expect(document.title.vi == "Chuyển đổi số")
            #expect(
                document.title.vi.unicodeScalars.count
                    == "Chuyển đổi số".precomposedStringWithCanonicalMapping
                    .unicodeScalars.count)
            // and the code typed wins over the title's
            let typed = try await create(client, trainer, ["title_vi": "Chuyển đổi số", "slug": "cds-2026"])
            #expect(typed.headers[.location] == "/author/courses/cds-2026")
            // and the form has no pattern Chromium's v-flag rules refuse
            let index = try await client.execute(uri: SitePath.author, method: .get, headers: trainer)
            #expect(!index.text.contains("pattern="))
            #expect(index.text.contains("/js/codes.js"))
        }
    }

    @Test func aTakenCodeBringsTheFormBackAsTyped() async throws {
        let (_, services, trainer) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            _ = try await create(client, trainer, ["title_vi": "Chuyển đổi số"])
            let again = try await create(
                client, trainer, ["title_vi": "Chuyển đổi số", "summary_vi": "Lần hai", "module_title": "Mở đầu"])
            #expect(again.status == .unprocessableContent)
            #expect(
                again.text.contains(
                    "id=\"slug-error\">Đã có khóa học mã “chuyen-doi-so”. Chọn mã khác, ví dụ “chuyen-doi-so-2”."))
            #expect(again.text.contains("aria-describedby=\"slug-error slug-hint\" aria-invalid=\"true\""))
            #expect(again.text.contains("<a href=\"#slug\">"))
            #expect(again.text.contains("value=\"Chuyển đổi số\""))
            #expect(again.text.contains(">Lần hai</textarea>"))
            #expect(again.text.contains("value=\"Mở đầu\""))
            #expect(!again.text.contains("class=\"error\""), "the form, not an error page")
        }
    }

    @Test(arguments: [Language.vi, .en])
    func anInvalidCodeOrNoTitleIsSaidBesideTheField(language: Language) async throws {
        let (root, services, trainer) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            let bad = try await create(
                client, trainer, ["title_vi": "Kỹ năng số", "slug": "Kỹ Năng Số"], lang: language.rawValue)
            #expect(bad.status == .badRequest)
            let message =
                language == .vi
                ? "Mã chỉ gồm chữ thường không dấu, số và gạch ngang, ví dụ “ky-nang-so”."
                : "A code has only lower-case letters without diacritics, digits and hyphens, for example “ky-nang-so”."
            #expect(bad.text.contains("id=\"slug-error\">\(message)"))
            #expect(bad.text.contains("value=\"Kỹ Năng Số\""), "the code as typed")
            let untitled = try await create(client, trainer, ["title_vi": "", "slug": ""], lang: language.rawValue)
            #expect(untitled.status == .badRequest)
            #expect(untitled.text.contains("id=\"title_vi-error\">"))
            #expect(untitled.text.contains("<a href=\"#title_vi\">"))
            #expect(!untitled.text.contains("id=\"slug-error\""), "no code asked of a form with no title")
            #expect((try? FileManager.default.contentsOfDirectory(atPath: root + "/.drafts"))?.isEmpty ?? true)
        }
    }
}
