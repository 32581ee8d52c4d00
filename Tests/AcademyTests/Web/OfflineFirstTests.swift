import CBrotli
import CSystemZlib
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// Issue 18: compressed pages, the inlined first-paint CSS, the installable manifest, the service worker and what
/// it stores, the offline page, and the rule for a test submission that was queued offline.
@Suite struct OfflineFirstTests {
    static let shippedPublic = Fixtures.shippedPublic

    // MARK: Compression

    @Test func pagesGoOutAsBrotliOrGzipAndSayTheSame() async throws {
        try await TestApp.test { client in
            let plain = try await client.execute(uri: "/courses/sample", method: .get)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary]?.contains("Accept-Encoding") == true)
            #expect(plain.body.readableBytes > CompressionMiddleware.minimumLength)

            let br = try await client.execute(
                uri: "/courses/sample", method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
            #expect(br.headers[.contentEncoding] == "br")
            #expect(br.headers[.contentLength] == String(br.body.readableBytes))
            #expect(br.body.readableBytes * 2 < plain.body.readableBytes)
            #expect(Decode.brotli(Array(buffer: br.body)) == Array(buffer: plain.body))

            let gz = try await client.execute(
                uri: "/courses/sample", method: .get, headers: [.acceptEncoding: "br;q=0, gzip"])
            #expect(gz.headers[.contentEncoding] == "gzip")
            #expect(Decode.gzip(Array(buffer: gz.body)) == Array(buffer: plain.body))
        }
    }

    @Test func jsonIsCompressedAndTinyAnswersAreNot() async throws {
        try await TestApp.test { client in
            let openAPI = try await client.execute(
                uri: "/api/v1/openapi.json", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(openAPI.headers[.contentEncoding] == "gzip")
            let health = try await client.execute(uri: "/healthz", method: .get, headers: [.acceptEncoding: "br"])
            #expect(health.headers[.contentEncoding] == nil)
        }
    }

    @Test(
        arguments: [
            ("gzip, deflate, br", ContentCoding.brotli), ("gzip", .gzip), ("br;q=0, gzip;q=0.5", .gzip),
            ("BR", .brotli), ("*", .gzip), ("identity", nil), ("gzip;q=0, br;q=0.0", nil), ("", nil),
        ] as [(String, ContentCoding?)])
    func choosesTheCodingTheBrowserOffers(header: String, expected: ContentCoding?) {
        #expect(ContentCoding.preferred(header) == expected)
    }

    @Test func staticTextIsStoredInBothCodings() async throws {
        try await TestApp.test { client in
            let plain = try await client.execute(uri: "/css/big.css", method: .get)
            let br = try await client.execute(uri: "/css/big.css", method: .get, headers: [.acceptEncoding: "br"])
            #expect(br.headers[.contentEncoding] == "br")
            #expect(Decode.brotli(Array(buffer: br.body)) == Array(buffer: plain.body))
        }
    }

    // MARK: First paint, manifest, service worker

    @Test func everyPageInlinesTheFirstPaintCSSAndLinksTheRestAtTheEnd() async throws {
        let services = try await TestApp.services(publicDir: Self.shippedPublic)
        try await TestApp.router(services).test(.router) { client in
            let html = try await client.execute(uri: "/login", method: .get).text
            let critical = try #require(services.files.text("/css/critical.css"))
            #expect(html.contains("<style>" + critical + "</style>"))
            let sheet = services.files.versionedPath("/css/site.css")
            #expect(html.contains("<link rel=\"preload\" href=\"\(sheet)\" as=\"style\">"))
            // The blocking link comes after everything a reader sees, so text paints without it.
            let link = try #require(html.range(of: "<link rel=\"stylesheet\" href=\"\(sheet)\">"))
            let footer = try #require(html.range(of: "</footer>"))
            #expect(link.lowerBound > footer.upperBound)
            #expect(html.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"))
            #expect(html.contains("src=\"" + services.files.versionedPath("/js/site.js") + "\" defer"))
            #expect(!critical.contains("{{"), "the CSS goes through a template: it must not contain Mustache tags")
        }
    }

    @Test func theManifestMakesTheSiteInstallable() async throws {
        let services = try await TestApp.services(publicDir: Self.shippedPublic)
        try await TestApp.router(services).test(.router) { client in
            let response = try await client.execute(uri: "/manifest.webmanifest", method: .get)
            #expect(response.headers[.contentType] == "application/manifest+json")
            let manifest = try #require(response.json)
            #expect(manifest["name"] as? String == "Học viện Cấp xã")
            #expect((manifest["short_name"] as? String)?.count ?? 99 <= 12)
            #expect(manifest["display"] as? String == "standalone")
            #expect(manifest["start_url"] as? String == "/")
            #expect(manifest["lang"] as? String == "vi")
            let icons = try #require(manifest["icons"] as? [[String: String]])
            for size in ["192x192", "512x512"] {
                #expect(icons.contains { $0["sizes"] == size && $0["type"] == "image/png" })
            }
            #expect(icons.contains { $0["purpose"] == "maskable" })
            for icon in icons {
                let file = try await client.execute(uri: icon["src"] ?? "", method: .get)
                #expect(file.status == .ok, "\(icon)")
                if let size = icon["sizes"], size != "any", let side = Int(size.prefix { $0 != "x" }) {
                    let found = try #require(PNGSize.of(Array(buffer: file.body)), "\(icon)")
                    #expect(found == (side, side), "\(icon)")
                }
            }
        }
    }

    @Test func theServiceWorkerIsNeverCachedAndNamesTheCurrentShell() async throws {
        let services = try await TestApp.services(publicDir: Self.shippedPublic)
        try await TestApp.router(services).test(.router) { client in
            let response = try await client.execute(uri: "/sw.js", method: .get)
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(response.headers[StaticFileMiddleware.serviceWorkerAllowed] == "/")
            let text = response.text
            #expect(!text.contains("@SHELL@") && !text.contains("@VERSION@"))
            for path in services.files.shellPaths { #expect(text.contains("\"\(path)\""), "\(path)") }
            #expect(services.files.shellPaths.contains { $0.hasPrefix("/js/quiz.js?v=") })
            // Every address the shell names is served.
            for path in services.files.shellPaths {
                #expect(try await client.execute(uri: path, method: .get).status == .ok, "\(path)")
            }
        }
    }

    // MARK: Offline page and stored courses

    @Test func theOfflinePageSpeaksTheReadersLanguage() async throws {
        try await TestApp.test { client in
            let vi = try await client.execute(uri: "/offline", method: .get, headers: [.acceptLanguage: "vi"])
            #expect(vi.status == .ok)
            #expect(vi.text.contains("Bạn đang không có mạng"))
            #expect(vi.text.contains("id=\"offline-list\""))
            let en = try await client.execute(uri: "/offline?lang=en", method: .get)
            #expect(en.text.contains("You are offline"))
        }
    }

    @Test func aCourseSaysWhatItsStoredCopyHolds() async throws {
        try await TestApp.withServices { services, client in
            let course = try #require(services.catalog.snapshot.course("sample"))
            let response = try await client.execute(uri: "/api/v1/courses/sample/offline", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-cache")
            let json = try #require(response.json)
            #expect(json["course"] as? String == "sample")
            #expect(json["content_version"] as? String == course.contentVersion)
            let pages = try #require(json["pages"] as? [[String: String]]).compactMap { $0["url"] }
            #expect(pages.first == "/courses/sample")
            for module in course.modules { #expect(pages.contains("/courses/sample/\(module.slug)")) }
            for module in course.modules where module.quiz != nil {
                #expect(pages.contains("/courses/sample/\(module.slug)/quiz"))
            }
            let media = try #require(json["media"] as? [String])
            #expect(media.count == course.media.count)
            for url in media { #expect(try await client.execute(uri: url, method: .get).status == .ok, "\(url)") }
            let assets = try #require(json["assets"] as? [String])
            #expect(assets.contains("/offline"))
            let bytes = try #require(json["bytes"] as? Int)
            #expect(bytes > course.modules.compactMap { $0.lessonHTML?.utf8.count }.reduce(0, +))

            let missing = try await client.execute(uri: "/api/v1/courses/nope/offline", method: .get)
            #expect(missing.status == .notFound)
            #expect((missing.json?["error"] as? [String: Any])?["code"] as? String == "course_not_found")
        }
    }

    @Test func theCoursePageOffersTheDownloadWithItsSize() async throws {
        try await TestApp.test { client in
            let html = try await client.execute(uri: "/courses/sample", method: .get).text
            #expect(html.contains("id=\"offline-store\" hidden data-course=\"sample\""))
            #expect(html.contains("data-manifest=\"/api/v1/courses/sample/offline\""))
            #expect(html.contains("Tải khóa học để học không cần mạng"))
            #expect(html.contains("Khoảng ") && html.contains(" KB trên máy của bạn"))
        }
    }

    @Test func storingACourseIsNotReadingIt() async throws {
        try await TestApp.withServices { services, client in
            let user = try await People.make(services, "hocvien-store")
            try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
            let browser = try await People.browser(services, user)
            var prefetch = browser
            prefetch[CourseController.purpose] = "prefetch"
            let stored = try await client.execute(uri: "/courses/sample/bai-mot", method: .get, headers: prefetch)
            #expect(stored.status == .ok)
            #expect(try await services.enrollments.lessonViews(userID: user.id ?? 0, course: "sample").opened.isEmpty)
            // Opened by the learner (online, or replayed by the worker once the link returns): read.
            _ = try await client.execute(uri: "/courses/sample/bai-mot", method: .get, headers: browser)
            #expect(
                try await services.enrollments.lessonViews(userID: user.id ?? 0, course: "sample").opened == ["bai-mot"]
            )
        }
    }

    @Test func aCourseImageIsReadOffTheEventLoopAndRevalidated() async throws {
        try await TestApp.withServices { services, client in
            let course = try #require(services.catalog.snapshot.course("sample"))
            let name = try #require(course.media.keys.sorted().first)
            let first = try await client.execute(uri: "/courses/sample/media/\(name)", method: .get)
            #expect(first.status == .ok)
            let tag = try #require(first.headers[.eTag])
            let again = try await client.execute(
                uri: "/courses/sample/media/\(name)", method: .get, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
        }
    }
}

/// The rule for a timed attempt's submission that was queued offline (`AttemptStore.isLate`).
@Suite struct OfflineSubmissionRuleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let deadline = start + 600

    static func attempt(deadline: Date? = deadline) -> Attempt {
        Attempt(
            id: "a", userId: 1, courseSlug: "c", moduleSlug: "m", contentVersion: "v", number: 1,
            layoutJson: Attempt.Layout(items: []), startedAt: start, deadline: deadline)
    }

    @Test(arguments: [
        // (seconds after the deadline it arrives, seconds after the deadline the device says it was pressed, late)
        (-60.0, nil as Double?, false),  // in time: nothing else asked
        (10, nil, false),  // within the 15 s grace
        (20, nil, true),  // after the grace, no record of when it was answered
        (7_200, -30, false),  // queued offline in time, arrives 2 hours later
        (7_200, 10, false),  // pressed within the grace
        (7_200, 60, true),  // pressed after the deadline
        (86_400 + 60, -30, true),  // arrives more than 24 hours after the deadline
        (7_200, -700, true),  // "pressed" before the attempt began: the device's clock is not believed
        (30, 3_600, true),  // a record from the future is taken as the arrival time: late
    ])
    func lateOrNot(arrival: Double, answered: Double?, late: Bool) {
        let now = Self.deadline + arrival
        #expect(
            AttemptStore.isLate(Self.attempt(), now: now, answeredAt: answered.map { Self.deadline + $0 }) == late)
    }

    @Test func anUntimedAttemptIsNeverLate() {
        #expect(!AttemptStore.isLate(Self.attempt(deadline: nil), now: Self.deadline + 1e6, answeredAt: nil))
    }
}

/// Decoders for the tests' round trips.
enum Decode {
    static func brotli(_ bytes: [UInt8]) -> [UInt8]? {
        var size = 1 << 22
        var output = [UInt8](repeating: 0, count: size)
        let result = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                BrotliDecoderDecompress(input.count, input.baseAddress, &size, out.baseAddress)
            }
        }
        guard result == BROTLI_DECODER_RESULT_SUCCESS else { return nil }
        return Array(output.prefix(size))
    }

    static func gzip(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return nil
        }
        defer { inflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: 1 << 22)
        let result = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }
}

/// A PNG's width and height, from its header.
enum PNGSize {
    static func of(_ bytes: [UInt8]) -> (Int, Int)? {
        guard bytes.count > 24, bytes[1...3] == [0x50, 0x4e, 0x47] else { return nil }
        func number(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }
}

/// A submission queued offline, end to end through the store and the API.
@Suite struct OfflineSubmissionTests {
    @Test func answersQueuedInTimeCountWhenTheyArriveHoursLater() async throws {
        let services = try await TestApp.services()
        let user = try await People.make(services, "hocvien-offline")
        try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
        let store = services.attemptsWithoutCertificates
        let course = try #require(services.catalog.snapshot.course("sample"))
        let module = try #require(course.module("kiem-tra"))  // 10 minutes
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let right: [String: QuizAnswer] = [
            "tinh": QuizAnswer(text: "Tuyen Quang"), "to-cap-xa": QuizAnswer(text: "138"),
            "dich-vu": QuizAnswer(choiceIds: ["a", "b"]),
        ]
        func attempt() async throws -> Attempt {
            try await store.startOrResume(userID: user.id ?? 0, course: course, module: module, now: start).attempt
        }
        // Pressed 9 minutes in, offline; the link returns 3 hours later.
        let queued = try await attempt()
        let answers = Dictionary(
            uniqueKeysWithValues: queued.layoutJson.items.map { ($0.questionId, right[$0.questionId] ?? QuizAnswer()) })
        let graded = try await store.submit(
            attemptID: queued.id, userID: user.id ?? 0, answers: answers, course: course,
            now: start + 3 * 3600, answeredAt: start + 9 * 60)
        #expect(graded.percent == 100)
    }

    @Test func aWrongAnsweredAtIsRefusedWithItsFieldsName() async throws {
        try await TestApp.withServices { services, client in
            let user = try await People.make(services, "hocvien-clock")
            try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
            var headers = try await People.bearer(services, user)
            headers[.contentType] = "application/json"
            let started = try await client.execute(
                uri: "/api/v1/courses/sample/quizzes/bai-mot/attempts", method: .post, headers: headers)
            let id = try #require(started.json?["attempt_id"] as? String)
            let bad = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submission", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"answered_at":"yesterday"}"#))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("answered_at"))
            // Nothing changed: the attempt is still open, and a good submission (with fractions of a second) grades.
            let good = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submission", method: .post, headers: headers,
                body: ByteBuffer(
                    string: #"{"answers":{"tru-cot":{"choice_ids":["a"]}},"answered_at":"2026-11-28T09:15:00.123Z"}"#))
            #expect(good.status == .ok)
            #expect(good.json?["percent"] as? Double == 50)
        }
    }
}
