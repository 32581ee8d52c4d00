import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// The lesson editor on a phone (issue 16): images uploaded in the background answer JSON, refusals read as
/// messages the editor can show, drafts save by themselves, and the form without JavaScript never loses the text.
@Suite struct LessonEditorTests {
    static let lesson = "/author/courses/sample/modules/bai-hai/lesson"
    static let media = "/author/courses/sample/modules/bai-hai/media"

    /// A writable copy of the fixture courses and a trainer's browser headers.
    func setUp() async throws -> (String, AppServices, HTTPFields) {
        let root = NSTemporaryDirectory() + "academy-editor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("courses/good/sample"), toPath: root + "/sample")
        let services = try await TestApp.services(courses: root)
        let trainer = try await People.make(services, "giangvien", role: .trainer, name: "Lê Văn Giảng")
        return (root, services, try await People.browser(services, trainer))
    }

    func base(_ root: String) -> String {
        Digest256.hex((try? String(contentsOfFile: root + "/sample/lessons/02.md", encoding: .utf8)) ?? "")
    }

    /// The start of a baseline JPEG of `width` × `height`: JFIF header and frame header, then `padding` bytes.
    static func jpeg(width: Int, height: Int, padding: Int = 0) -> [UInt8] {
        var bytes: [UInt8] =
            [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        bytes += [0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF)]
        bytes += [UInt8(width >> 8), UInt8(width & 0xFF), 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        return bytes + [UInt8](repeating: 0, count: padding) + [0xFF, 0xD9]
    }

    /// A multipart body with the form's fields and an image file.
    static func multipart(_ fields: [String: String], image: [UInt8]?, name: String = "Ảnh chụp.jpg") -> ByteBuffer {
        var body = Data()
        for (key, value) in fields.merging(["_csrf": People.csrf], uniquingKeysWith: { a, _ in a }) {
            body += Data("--B0UND\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let image {
            body += Data(
                "--B0UND\r\nContent-Disposition: form-data; name=\"image\"; filename=\"\(name)\"\r\n\r\n".utf8)
            body += Data(image) + Data("\r\n".utf8)
        }
        return ByteBuffer(bytes: body + Data("--B0UND--\r\n".utf8))
    }

    func headers(_ browser: HTTPFields, json: Bool, multipart: Bool = true) -> HTTPFields {
        var headers = browser
        headers[.contentType] = multipart ? "multipart/form-data; boundary=B0UND" : "application/x-www-form-urlencoded"
        if json { headers[.accept] = "application/json" }
        return headers
    }

    struct Answer: Decodable {
        let path: String
        let markdown: String
        let width: Int?
        let height: Int?
    }

    struct Failure: Decodable {
        struct Detail: Decodable {
            let code: String
            let message: String
        }
        let error: Detail
    }

    @Test func anImageSentByScriptIsAnsweredWithTheLineToInsert() async throws {
        let (root, services, browser) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // when
            let response = try await client.execute(
                uri: Self.media, method: .post, headers: headers(browser, json: true),
                body: Self.multipart([:], image: Self.jpeg(width: 960, height: 720)))
            // then
            #expect(response.status == .ok)
            let answer = try JSONDecoder().decode(Answer.self, from: Data(response.text.utf8))
            #expect(answer.path.hasPrefix("media/anh-chup-") && answer.path.hasSuffix(".jpg"))
            #expect(answer.markdown == "![mô tả hình](\(answer.path))")
            #expect(answer.width == 960 && answer.height == 720)
            #expect(FileManager.default.fileExists(atPath: root + "/.drafts/sample/" + answer.path))
        }
    }

    @Test func refusedImagesAreReadableJSONMessages() async throws {
        let (_, services, browser) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // an image over 2 MB: 413, said in Vietnamese
            let big = try await client.execute(
                uri: Self.media, method: .post, headers: headers(browser, json: true),
                body: Self.multipart([:], image: Self.jpeg(width: 900, height: 600, padding: 2 * 1024 * 1024)))
            #expect(big.status == .contentTooLarge)
            let bigError = try JSONDecoder().decode(Failure.self, from: Data(big.text.utf8)).error
            #expect(bigError.code == "author_upload_too_big")
            #expect(bigError.message.contains("lớn hơn 2 MB"))
            // a body over the route's limit is refused before it is read, in the same shape
            let huge = try await client.execute(
                uri: Self.media, method: .post, headers: headers(browser, json: true),
                body: ByteBuffer(repeating: 0x78, count: BodyLimit.upload + 1))
            #expect(huge.status == .contentTooLarge)
            #expect(
                try JSONDecoder().decode(Failure.self, from: Data(huge.text.utf8)).error.code == "payload_too_large")
            // wider than any column: refused with both widths
            let wide = try await client.execute(
                uri: Self.media, method: .post, headers: headers(browser, json: true),
                body: Self.multipart([:], image: Self.jpeg(width: 4032, height: 3024)))
            #expect(wide.status == .unprocessableContent)
            let wideError = try JSONDecoder().decode(Failure.self, from: Data(wide.text.utf8)).error
            #expect(wideError.message.contains("4032 px") && wideError.message.contains("1600 px"))
        }
    }

    @Test func theDraftSavesByItselfAndNoticesSomeoneElsesSave() async throws {
        let (root, services, browser) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // given
            let start = base(root)
            func autosave(_ text: String, base: String) async throws -> TestResponse {
                try await client.execute(
                    uri: Self.lesson + "/draft", method: .post, headers: headers(browser, json: true, multipart: false),
                    body: People.form(["markdown": text, "base": base]))
            }
            // when
            let first = try await autosave("Bài đang gõ", base: start)
            // then
            #expect(first.status == .ok)
            let next = try JSONDecoder().decode([String: String].self, from: Data(first.text.utf8))["base"]
            #expect(next == Digest256.hex("Bài đang gõ"))
            let draft = try String(contentsOfFile: root + "/.drafts/sample/lessons/02.md", encoding: .utf8)
            #expect(draft == "Bài đang gõ")
            // a later autosave from the same editor goes on
            #expect(try await autosave("Bài đang gõ tiếp", base: next ?? "").status == .ok)
            // an editor opened before those saves is refused, in words the editor can show
            let stale = try await autosave("Bản cũ", base: start)
            #expect(stale.status == .conflict)
            let error = try JSONDecoder().decode(Failure.self, from: Data(stale.text.utf8)).error
            #expect(error.code == "author_autosave_conflict")
            #expect(error.message.contains("người khác vừa lưu"))
        }
    }

    @Test func theUploadFormWithoutScriptKeepsTheTypedText() async throws {
        let (root, services, browser) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // when: an image sent with the text typed so far
            let sent = try await client.execute(
                uri: Self.media, method: .post, headers: headers(browser, json: false),
                body: Self.multipart(
                    ["markdown": "Đoạn đã gõ\r\n", "base": base(root)], image: Self.jpeg(width: 800, height: 600)))
            // then: both are in the draft, the image line at the end
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == Self.lesson + "?done=image")
            let draft = try String(contentsOfFile: root + "/.drafts/sample/lessons/02.md", encoding: .utf8)
            #expect(draft.hasPrefix("Đoạn đã gõ\n\n![mô tả hình](media/anh-chup-"))
            // when: a photo too big for the server, with more text
            let refused = try await client.execute(
                uri: Self.media, method: .post, headers: headers(browser, json: false),
                body: Self.multipart(
                    ["markdown": draft + "\nThêm một câu", "base": Digest256.hex(draft)],
                    image: Self.jpeg(width: 900, height: 600, padding: 2 * 1024 * 1024)))
            // then: the editor (not an error page) says why, shows the text, and the text is the draft
            #expect(refused.status == .contentTooLarge)
            #expect(refused.text.contains("id=\"lesson-form\""))
            #expect(refused.text.contains("Tệp hình lớn hơn 2 MB"))
            #expect(refused.text.contains("Thêm một câu"))
            let kept = try String(contentsOfFile: root + "/.drafts/sample/lessons/02.md", encoding: .utf8)
            #expect(kept == draft + "\nThêm một câu")
        }
    }

    @Test func lessonImagesHaveTheirSizeAndAllButTheFirstLoadLazily() throws {
        // given
        let html = MarkdownRenderer().render(
            "![Một](media/mot.png)\n\n![Hai](media/hai.jpg)\n\n![Ba](https://example.org/ba.png)",
            mediaBase: "/courses/k/media/")
        // when
        let decorated = MarkdownRenderer.decorateImages(html, mediaBase: "/courses/k/media/") { name in
            name == "mot.png" ? ImageSize(width: 640, height: 480) : nil
        }
        // then
        #expect(decorated.contains("<img width=\"640\" height=\"480\" src=\"/courses/k/media/mot.png\""))
        #expect(decorated.contains("<img loading=\"lazy\" src=\"/courses/k/media/hai.jpg\""))
        #expect(decorated.contains("<img loading=\"lazy\" src=\"https://example.org/ba.png\""))
    }

    @Test func imageSizesAreReadFromTheirHeaders() {
        #expect(ImageSize.of(Self.jpeg(width: 1280, height: 960)) == ImageSize(width: 1280, height: 960))
        let png: [UInt8] =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + [0, 0, 3, 0x20, 0, 0, 2, 0x58]
        #expect(ImageSize.of(png) == ImageSize(width: 800, height: 600))
        #expect(ImageSize.of(Array("GIF89a".utf8) + [0x40, 0x01, 0xF0, 0x00]) == ImageSize(width: 320, height: 240))
        var webp = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
        webp += [0xBF, 0x03, 0x00, 0x9F, 0x02, 0x00]  // 960 × 672, each stored less one
        #expect(ImageSize.of(webp) == ImageSize(width: 960, height: 672))
        #expect(ImageSize.of(Array("<svg>".utf8)) == nil)
    }
}
