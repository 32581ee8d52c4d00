import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import Testing

@testable import Academy

/// What an attack review of issue 13 sent, and what the server must answer instead of crashing or stalling.
@Suite struct HostileInputTests {
    // MARK: numbers from requests

    @Test(arguments: [
        "/reports?page=9223372036854775807", "/reports?course=sample&level=person&page=9223372036854775807",
        "/reports/quiz?course=sample&quiz=bai-mot&page=9223372036854775807", "/reports?page=-1", "/reports?page=0",
        "/reports?page=1000001",
    ])
    func hugePageNumbersAreRefusedNotATrap(uri: String) async throws {
        try await TestApp.withServices { services, client in
            // given
            let hr = try await People.browser(services, try await People.make(services, "nhansu", role: .hr))
            // when
            let response = try await client.execute(uri: uri, method: .get, headers: hr)
            // then
            #expect(response.status == .badRequest, "\(uri)")
        }
    }

    @Test func theAuditLogRefusesAHugePage() async throws {
        try await TestApp.withServices { services, client in
            let admin = try await People.browser(services, try await People.make(services, "quantri", role: .admin))
            let response = try await client.execute(
                uri: "/admin/audit?page=9223372036854775807", method: .get, headers: admin)
            #expect(response.status == .badRequest)
            let fine = try await client.execute(uri: "/admin/audit?page=2", method: .get, headers: admin)
            #expect(fine.status == .ok)
        }
    }

    @Test func negativeAndHugeRowCountsInTheQuizFormCannotTrap() {
        let negative = QuizForm(form: FormData("q_count=-1&q0_cn=-5"))
        #expect(negative.questions.isEmpty)
        let huge = QuizForm(form: FormData("q_count=9223372036854775807&q0_cn=9223372036854775807"))
        #expect(huge.questions.count == 500)
        #expect(huge.questions.first?.choices.count == 50)
        #expect(QuizWriter.weight(1e300) == "1e+300")
        #expect(QuizWriter.weight(-50) == "-50")
    }

    // MARK: bodies

    @Test func aSignInFormOverAFewKilobytesIsRefused() async throws {
        try await TestApp.withServices { _, client in
            // when: 10 KiB to the sign-in form (its limit is 8 KiB; it used to be 8 MiB)
            let response = try await client.execute(
                uri: "/login", method: .post,
                headers: [.cookie: "csrf=\(People.csrf)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=a&password=" + String(repeating: "b", count: 10 * 1024)))
            // then
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("8 KB"))
        }
    }

    @Test func aStrangersLargeBodyIsRefusedWithTheJSONErrorShape() async throws {
        try await TestApp.withServices { _, client in
            // when: 100 KiB of JSON to a public API route
            let body = "{\"jwt\":\"" + String(repeating: "a", count: 100 * 1024) + "\"}"
            let response = try await client.execute(
                uri: "/api/v1/verify", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: body))
            // then: 413, not 500
            #expect(response.status == .contentTooLarge)
            let error = try #require(response.json?["error"] as? [String: Any])
            #expect(error["code"] as? String == "payload_too_large")
        }
    }

    @Test func aLearnersOversizedFormIsA413Page() async throws {
        try await TestApp.withServices { services, client in
            let learner = try await People.browser(services, try await People.make(services, "canbo"))
            let response = try await client.execute(
                uri: "/courses/sample/enroll", method: .post, headers: People.formHeaders(learner),
                body: ByteBuffer(string: "x=" + String(repeating: "a", count: 300 * 1024)))
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(response.text.contains("256 KB"))
        }
    }

    @Test func limitsFollowTheRouteAndTheRole() {
        func limit(_ path: String, _ role: Role?) -> Int {
            let user = role.map { User(username: "u", fullName: "U", role: $0, passwordHash: "") }
            return BodyLimit.limit(
                for: Request(
                    head: .init(method: .post, scheme: "http", authority: "x", path: path),
                    body: .init(buffer: ByteBuffer())), user: user)
        }
        #expect(limit("/login", nil) == BodyLimit.signIn)
        #expect(limit("/login", .admin) == BodyLimit.signIn)
        #expect(limit("/api/v1/session", nil) == BodyLimit.signIn)
        #expect(limit("/verify", nil) == BodyLimit.verify, "a certificate PDF may be uploaded by anyone")
        #expect(limit("/api/v1/verify", nil) == BodyLimit.anonymous)
        #expect(limit("/author/import", nil) == BodyLimit.anonymous)
        #expect(limit("/author/import", .learner) == BodyLimit.signedIn)
        #expect(limit("/author/import", .trainer) == BodyLimit.upload)
        #expect(limit("/admin/import", .admin) == BodyLimit.upload)
        #expect(limit("/author/courses/a/modules/b/media", .trainer) == BodyLimit.upload)
        #expect(limit("/author/courses/a/modules/b/lesson", .trainer) == BodyLimit.authoring)
        #expect(limit("/attempts/x/submit", .learner) == BodyLimit.signedIn)
    }

    @Test func formBodiesOfMillionsOfEmptyPairsParseInOnePass() {
        // 8 MiB of "a&": 4 million pairs of one repeated key (the review's CPU attack); one pass, one key.
        let body = [UInt8](repeating: UInt8(ascii: "&"), count: 8 * 1024 * 1024).enumerated().map {
            $0.offset % 2 == 0 ? UInt8(ascii: "a") : $0.element
        }
        let form = FormData(utf8: body)
        #expect(form.all("a").count == 4 * 1024 * 1024)
        #expect(form["a"] == "")
    }

    @Test func formDecodingKeepsWhatBrowsersSend() {
        let form = FormData("t%C3%AAn=Nguy%E1%BB%85n+V%C4%83n+An&x=%zz&y=50%&empty&pw=a+b%2Bc")
        #expect(form["tên"] == "Nguyễn Văn An")
        #expect(form["x"] == "%zz")
        #expect(form["y"] == "50%")
        #expect(form["empty"] == "")
        #expect(form.raw("pw") == "a b+c")
    }

    @Test func multipartWithAnOverlongBoundaryIsRefusedAndALongOneParses() throws {
        let long = String(repeating: "-", count: 200)
        #expect(
            MultipartForm(contentType: "multipart/form-data; boundary=\(long)", body: Array("--\(long)\r\n".utf8))
                == nil)
        // A 70-character boundary of dashes (the most RFC 2046 allows) over a body full of near-misses.
        let boundary = String(repeating: "-", count: 70)
        let noise = String(repeating: "-", count: 69) + "x"
        let text =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n"
            + String(repeating: noise, count: 5_000) + "\r\n--\(boundary)--\r\n"
        let form = try #require(
            MultipartForm(contentType: "multipart/form-data; boundary=\(boundary)", body: Array(text.utf8)))
        #expect(form.file("f")?.body.count == 70 * 5_000)
    }

    // MARK: CSRF bound to the session

    @Test func aTokenFromAnotherSessionIsRefused() async throws {
        try await TestApp.withServices { services, client in
            // given: two signed-in learners with the same csrf cookie value
            let first = try await People.browser(services, try await People.make(services, "canbo1"))
            let second = try await People.browser(services, try await People.make(services, "canbo2"))
            var mixed = second
            mixed[CSRFMiddleware.headerName] = first[CSRFMiddleware.headerName]
            // when
            let refused = try await client.execute(uri: "/courses/sample/enroll", method: .post, headers: mixed)
            let accepted = try await client.execute(uri: "/courses/sample/enroll", method: .post, headers: second)
            // then
            #expect(refused.status == .forbidden)
            #expect(accepted.status != .forbidden)
        }
    }

    @Test func theSameValueInCookieAndFieldIsNoLongerEnough() async throws {
        try await TestApp.withServices { services, client in
            let learner = try await People.browser(services, try await People.make(services, "canbo"))
            var headers = learner
            headers[CSRFMiddleware.headerName] = People.csrf  // the cookie's own value, as double-submit allowed
            let response = try await client.execute(uri: "/courses/sample/enroll", method: .post, headers: headers)
            #expect(response.status == .forbidden)
        }
    }

    @Test func signingInAndOutRenewsTheCSRFCookie() async throws {
        try await TestApp.withServices { services, client in
            try await People.make(services, "canbo")
            let signIn = try await client.execute(
                uri: "/login", method: .post,
                headers: [.cookie: "csrf=\(People.csrf)", .contentType: "application/x-www-form-urlencoded"],
                body: People.form(["username": "canbo", "password": People.password]))
            #expect(signIn.status == .seeOther)
            let cookies = signIn.headers[values: .setCookie]
            let renewed = try #require(cookies.first { $0.hasPrefix("csrf=") })
            #expect(!renewed.hasPrefix("csrf=\(People.csrf)"))
            #expect(renewed.contains("HttpOnly"))
        }
    }

    // MARK: headers

    @Test func pagesCarryTheSecurityHeaders() async throws {
        try await TestApp.withServices { _, client in
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            let missing = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(missing.headers[.contentSecurityPolicy] != nil)
            let css = try await client.execute(uri: "/css/site.css", method: .get)
            #expect(css.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func aPageWithAOneTimePasswordIsNotStored() async throws {
        try await TestApp.withServices { services, client in
            let admin = try await People.browser(services, try await People.make(services, "quantri", role: .admin))
            let learner = try await People.make(services, "canbo")
            let reset = try await client.execute(
                uri: "/admin/users/\(learner.id ?? 0)/password", method: .post, headers: People.formHeaders(admin),
                body: People.form(["confirm": "1"]))
            let location = try #require(reset.headers[.location])
            let shown = try await client.execute(uri: location, method: .get, headers: admin)
            #expect(shown.status == .ok)
            #expect(shown.headers[.cacheControl] == "no-store")
        }
    }

    @Test func anHttpsBaseURLMakesCookiesSecure() throws {
        let config = try ConfigLoader(environment: ["ACADEMY_BASE_URL": "https://hoc.tuyenquang.gov.vn"]).load()
        #expect(config.secureCookies)
        let plain = try ConfigLoader(environment: [:]).load()
        #expect(!plain.secureCookies)
    }

    // MARK: connections (a live server)

    static func live(_ configure: (inout AppConfig) -> Void, _ body: @Sendable (Int) async throws -> Void) async throws
    {
        let services = try await TestApp.services()
        var config = services.config
        configure(&config)
        let tuned = services.replacing(config: config)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        try await buildApplication(tuned, logger: logger).test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    @Test func aStalledUploadIsAnsweredAndTheConnectionClosed() async throws {
        try await Self.live({ _ in }) { port in
            // given: a head that promises 8 MiB to the sign-in form, then nothing
            let connection = try RawConnection(port: port)
            connection.send(
                "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 8388608\r\n\r\nusername=a")
            // then: 413 at once, and the server hangs up rather than wait for megabytes it will not read
            let (text, closed) = await connection.readUntilClosed()
            #expect(text.hasPrefix("HTTP/1.1 413"))
            #expect(closed)
        }
    }

    @Test func aChunkedBodyOverTheLimitIsA413NotA500() async throws {
        try await Self.live({ _ in }) { port in
            // given: no declared length, so only reading can find the body too large
            let connection = try RawConnection(port: port)
            connection.send(
                "POST /api/v1/verify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n")
            let chunk = String(repeating: "a", count: 16 * 1024)
            for _ in 0..<6 { connection.send(String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n") }
            // then
            let (text, _) = await connection.readUntilClosed()
            #expect(text.hasPrefix("HTTP/1.1 413"))
            #expect(text.contains("\"payload_too_large\""))
        }
    }

    @Test func aBodyTrickledPastItsDeadlineLosesItsConnection() async throws {
        try await Self.live({ $0.bodyTimeoutSeconds = 1 }) { port in
            // given: a small body within the limit, sent a byte at a time, slower than the deadline allows
            let connection = try RawConnection(port: port)
            connection.send(
                "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n")
            var sent = 0
            for _ in 0..<40 {
                guard connection.send("a") else { break }
                sent += 1
                try await Task.sleep(for: .milliseconds(100))
            }
            // then: closed by the server (1 s deadline) long before the 4,000 bytes could arrive
            let (_, closed) = await connection.readUntilClosed()
            #expect(closed)
            #expect(sent < 40, "the server stopped taking bytes after its deadline")
        }
    }

    @Test func theBodysDeadlineCountsFromTheHeadNotFromTheFirstByte() async throws {
        try await Self.live({ $0.bodyTimeoutSeconds = 1 }) { port in
            // given: a head, then silence for most of the deadline, then a byte every 100 ms
            let connection = try RawConnection(port: port)
            connection.send(
                "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n")
            try await Task.sleep(for: .milliseconds(800))
            var sent = 0
            for _ in 0..<40 {
                guard connection.send("a") else { break }
                sent += 1
                try await Task.sleep(for: .milliseconds(100))
            }
            // then: closed about 1 s after the head, not 1 s after the first byte
            let (_, closed) = await connection.readUntilClosed()
            #expect(closed)
            #expect(sent < 8, "the deadline ran from the head: \(sent) bytes were taken")
        }
    }

    @Test func aClientThatAbortsItsUploadIsNotAServerError() {
        // What the body stream throws when the connection closes mid-body (NIO's parser at end of stream).
        let error = ErrorMiddleware.isClientGone(HTTPParserError.invalidEOFState)
        #expect(error)
        #expect(ErrorMiddleware.isClientGone(ChannelError.ioOnClosedChannel))
        #expect(!ErrorMiddleware.isClientGone(HTTPParserError.invalidChunkSize))
        #expect(ErrorMiddleware.clientGone.status.code == 499)
    }

    @Test func aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() async throws {
        try await Self.live({ $0.idleTimeoutSeconds = 1 }) { port in
            let connection = try RawConnection(port: port)
            connection.send("GET /healthz HTTP/1.1\r\nHost: local")  // half a head, then silence
            let (_, closed) = await connection.readUntilClosed()
            #expect(closed)
        }
    }
}
