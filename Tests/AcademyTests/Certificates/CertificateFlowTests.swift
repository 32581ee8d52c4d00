import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Signing
import Testing
import ZIPFoundation

@testable import Academy

@Suite struct CertificateFlowTests {
    /// A learner who has just passed the fixture course's final test, and the certificate code it earned.
    func passFinal(_ services: AppServices, name: String = "Nguyễn Thị Ánh", username: String = "hocvien") async throws
        -> (User, String)
    {
        let user = try await People.make(services, username, name: name)
        try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
        let store = services.attempts
        let course = try #require(services.catalog.snapshot.course("sample"))
        let (attempt, _) = try await store.startOrResume(
            userID: user.id ?? 0, course: course, module: try #require(course.module("kiem-tra")))
        let right: [String: QuizAnswer] = [
            "tinh": QuizAnswer(text: "Tuyên Quang"), "to-cap-xa": QuizAnswer(text: "138"),
            "dich-vu": QuizAnswer(choiceIds: ["a", "b"]),
        ]
        let answers = Dictionary(
            uniqueKeysWithValues: attempt.layoutJson.items.map { ($0.questionId, right[$0.questionId] ?? QuizAnswer()) }
        )
        let graded = try await store.submit(
            attemptID: attempt.id, userID: user.id ?? 0, answers: answers, course: course)
        return (user, try #require(graded.resultJson?.certificateCode))
    }

    @Test func passingTheFinalTestIssuesAVerifiableCertificate() async throws {
        try await TestApp.withServices { services, client in
            let (_, code) = try await passFinal(services)
            let page = try await client.execute(uri: "/v/\(code)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Chứng nhận hợp lệ"))
            #expect(page.text.contains("Nguyễn Thị Ánh"))
            let jwt = try await client.execute(uri: "/v/\(code).jwt", method: .get)
            #expect(jwt.headers[.contentType] == "text/plain; charset=utf-8")
            let stored = try await services.certificates.find(code)
            #expect(jwt.text == stored?.jwt, "served verbatim")
            let verdict = try await client.execute(
                uri: "/api/v1/verify", method: .post, body: ByteBuffer(string: jwt.text))
            #expect(verdict.json?["signature_valid"] as? Bool == true)
            #expect(verdict.json?["status"] as? String == "valid")
            #expect(verdict.json?["code"] as? String == code)
            let api = try await client.execute(
                uri: "/api/v1/certificates/\(code.lowercased().replacingOccurrences(of: "-", with: ""))", method: .get)
            #expect(api.json?["holder_name"] as? String == "Nguyễn Thị Ánh")
            #expect(api.json?["status"] as? String == "valid")
        }
    }

    @Test func racingCompletionsIssueExactlyOneCertificate() async throws {
        let services = try await TestApp.services()
        let (user, code) = try await passFinal(services)
        let course = try #require(services.catalog.snapshot.course("sample"))
        let codes = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await services.database.writer.write { db in
                        try services.certificates.issueIfComplete(
                            db, userID: user.id ?? 0, course: course, version: course.contentVersion)
                    }
                }
            }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(Set(codes) == [code])
        let count = try await services.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM certificate")
        }
        #expect(count == 1)
    }

    @Test func unknownAndLookAlikeCodes() async throws {
        try await TestApp.withServices { services, client in
            let (_, code) = try await passFinal(services)
            let unknown = try await client.execute(uri: "/v/AAAA-BBBB-CCCC", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("Không có chứng nhận"))
            // O for 0 and I/L for 1 are accepted, as Crockford Base32 says
            let lookAlike = code.replacingOccurrences(of: "0", with: "O").replacingOccurrences(of: "1", with: "l")
            let found = try await client.execute(uri: "/v/\(lookAlike)", method: .get)
            #expect(found.status == .ok)
            let apiUnknown = try await client.execute(uri: "/api/v1/certificates/AAAA-BBBB-CCCC", method: .get)
            #expect(apiUnknown.status == .notFound)
        }
    }

    @Test func hrRevokesWithAReasonLearnersCannot() async throws {
        try await TestApp.withServices { services, client in
            let (learner, code) = try await passFinal(services)
            let hr = try await People.make(services, "nhansu", role: .hr)
            var learnerHeaders = try await People.bearer(services, learner)
            learnerHeaders[.contentType] = "application/json"
            let refused = try await client.execute(
                uri: "/api/v1/certificates/\(code)/revocation", method: .post, headers: learnerHeaders,
                body: ByteBuffer(string: #"{"reason":"tự thu hồi"}"#))
            #expect(refused.status == .forbidden)
            var hrHeaders = try await People.bearer(services, hr)
            hrHeaders[.contentType] = "application/json"
            let missing = try await client.execute(
                uri: "/api/v1/certificates/\(code)/revocation", method: .post, headers: hrHeaders,
                body: ByteBuffer(string: #"{"reason":"  "}"#))
            #expect(missing.status == .badRequest)
            let revoked = try await client.execute(
                uri: "/api/v1/certificates/\(code)/revocation", method: .post, headers: hrHeaders,
                body: ByteBuffer(string: #"{"reason":"Cấp nhầm người"}"#))
            #expect(revoked.json?["status"] as? String == "revoked")
            #expect(revoked.json?["reason"] as? String == "Cấp nhầm người", "HR sees the reason they gave")
            // the public page says revoked and when, not why (issue 13)
            let page = try await client.execute(uri: "/v/\(code)", method: .get)
            #expect(page.text.contains("Chứng nhận đã bị thu hồi"))
            #expect(!page.text.contains("Cấp nhầm người"))
            let publicStatus = try await client.execute(uri: "/api/v1/certificates/\(code)", method: .get)
            #expect(publicStatus.json?["status"] as? String == "revoked")
            #expect(publicStatus.json?["reason"] == nil)
            // HR, and the holder, see why
            let forHR = try await client.execute(
                uri: "/v/\(code)", method: .get, headers: try await People.browser(services, hr))
            #expect(forHR.text.contains("Cấp nhầm người"))
            let other = try await People.make(services, "nguoikhac")
            let forOther = try await client.execute(
                uri: "/v/\(code)", method: .get, headers: try await People.browser(services, other))
            #expect(!forOther.text.contains("Cấp nhầm người"))
            let forHolder = try await client.execute(
                uri: "/api/v1/certificates/\(code)", method: .get, headers: try await People.bearer(services, learner))
            #expect(forHolder.json?["reason"] as? String == "Cấp nhầm người")
            let list = try await client.execute(uri: "/status/revocations.json", method: .get)
            #expect(list.text.contains("/v/\(code)"))
            #expect(!list.text.contains("Ánh"), "no personal data")
            let jwt = try #require(try await services.certificates.find(code)?.jwt)
            let verdict = try await client.execute(uri: "/api/v1/verify", method: .post, body: ByteBuffer(string: jwt))
            #expect(verdict.json?["status"] as? String == "revoked")
            #expect(verdict.json?["signature_valid"] as? Bool == true)
            #expect(verdict.json?["reason"] == nil)
        }
    }

    @Test func tamperedAndForgedTokensAreRefused() async throws {
        let services = try await TestApp.services()
        let (_, code) = try await passFinal(services)
        let jwt = try #require(try await services.certificates.find(code)?.jwt)
        let verifier = CertificateVerifier(keys: services.keys, service: services.certificates)
        let parts = jwt.split(separator: ".").map(String.init)
        let original = String(decoding: try #require(Base64URL.decode(parts[1])), as: UTF8.self)
        let payload = Array(original.replacingOccurrences(of: "Nguyễn Thị Ánh", with: "Nguyễn Thị Anh").utf8)
        #expect(payload != Array(original.utf8))
        let tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2]
        let bad = await verifier.verify(tampered)
        #expect(!bad.signatureValid)
        #expect(bad.status == "invalid")
        let none =
            Base64URL.encode(Array(#"{"alg":"none","kid":"x/keys/2026-1","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
        #expect(await verifier.verify(none).signatureValid == false)
        #expect(await verifier.verify("not a token").status == "invalid")
        let otherKey = try RSAPrivateKey.generate(bits: 2048)
        let forged = try JWS.sign(
            header: Array(try #require(Base64URL.decode(parts[0]))), payload: payload, key: otherKey)
        #expect(await verifier.verify(forged).signatureValid == false)
    }

    @Test func certificatesSignedWithAnOldKeyKeepVerifyingAfterRotation() async throws {
        try await TestApp.withServices { services, client in
            let (_, code) = try await passFinal(services)
            let firstKid = try services.keys.signingKey().kid
            let newKid = try await services.keys.rotate(
                with: try RSAPrivateKey.generate(bits: 2048), now: Date().addingTimeInterval(1))
            #expect(newKid != firstKid)
            let jwks = try await client.execute(uri: "/.well-known/jwks.json", method: .get)
            let keys = try #require(jwks.json?["keys"] as? [[String: Any]])
            #expect(keys.count == 2)
            let jwt = try #require(try await services.certificates.find(code)?.jwt)
            let verdict = try await client.execute(uri: "/api/v1/verify", method: .post, body: ByteBuffer(string: jwt))
            #expect(verdict.json?["status"] as? String == "valid")
            let bare = try await client.execute(uri: "/keys/\(firstKid)", method: .get)
            #expect(bare.json?["kty"] as? String == "RSA")
            #expect(bare.json?["kid"] as? String == "\(services.config.resolvedBaseURL)/keys/\(firstKid)")
            let pem = try await client.execute(uri: "/keys/\(firstKid).pem", method: .get)
            #expect(pem.text.hasPrefix("-----BEGIN PUBLIC KEY-----"))
            let issuer = try await client.execute(uri: "/issuer", method: .get)
            #expect(
                issuer.text.contains(try #require(try await services.keys.publicKey(kid: firstKid)).fingerprintSHA256))
        }
    }

    @Test func privateKeysAreNeverServedAndStayPrivate() async throws {
        try await TestApp.withServices { services, client in
            let kid = try services.keys.signingKey().kid
            let path = services.keys.path(kid)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let pem = try await client.execute(uri: "/keys/\(kid).pem", method: .get)
            #expect(!pem.text.contains("PRIVATE"))
            let escape = try await client.execute(uri: "/keys/..%2f..%2fkeys%2f\(kid).pem", method: .get)
            #expect(!escape.text.contains("PRIVATE"))
        }
    }

    @Test func codeLookupsAreRateLimitedPerAddress() {
        let limiter = RateLimiter(limit: 60, window: 60)
        let now = Date()
        for _ in 0..<60 { #expect(limiter.allow("10.0.0.9", now: now)) }
        #expect(!limiter.allow("10.0.0.9", now: now))
        #expect(limiter.allow("10.0.0.10", now: now))
        #expect(limiter.allow("10.0.0.9", now: now.addingTimeInterval(61)))
    }

    @Test func manyAddressesAreForgottenOnceTheirMinuteIsOver() {
        let limiter = RateLimiter(limit: 2, window: 60)
        let now = Date()
        // 60,000 addresses in one minute (IPv6 makes that cheap): every one still counted while its minute lasts
        for index in 0..<60_000 { #expect(limiter.allow("2001:db8::\(index)", now: now)) }
        #expect(limiter.allow("2001:db8::7", now: now))
        #expect(!limiter.allow("2001:db8::7", now: now))
        #expect(limiter.trackedAddresses == 60_000)
        // a minute later the next clean-up drops them all, and a returning address starts afresh
        for index in 0..<50_001 { _ = limiter.allow("2001:db8:1::\(index)", now: now.addingTimeInterval(61)) }
        #expect(limiter.trackedAddresses < 60_000)
        #expect(limiter.allow("2001:db8::7", now: now.addingTimeInterval(61)))
    }

    @Test func hrExportsACoursesCertificatesAsZIP() async throws {
        try await TestApp.withServices { services, client in
            _ = try await passFinal(services, name: "Lò Văn \"Mạnh\", Tổ CNS")
            let hr = try await People.make(services, "nhansu2", role: .hr)
            let response = try await client.execute(
                uri: "/admin/certificates/export?course=sample", method: .get,
                headers: try await People.browser(services, hr))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/zip")
            let folder = NSTemporaryDirectory() + "academy-zip-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(buffer: response.body).write(to: URL(fileURLWithPath: folder + "/c.zip"))
            let unzip = Process()
            unzip.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            unzip.arguments = ["-m", "zipfile", "-e", folder + "/c.zip", folder + "/out"]
            try unzip.run()
            unzip.waitUntilExit()
            let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted()
            #expect(files.count == 3, "the .jwt, the signed .pdf and index.csv: \(files)")
            #expect(files.contains("index.csv"))
            #expect(files.contains { $0.hasSuffix(".pdf") })
            let index = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/index.csv"))
            #expect(Array(index.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(String(decoding: index, as: UTF8.self).contains(#""Lò Văn ""Mạnh"", Tổ CNS""#))
            let learner = try await People.make(services, "hocvien-khac")
            let refused = try await client.execute(
                uri: "/admin/certificates/export?course=sample", method: .get,
                headers: try await People.browser(services, learner))
            #expect(refused.status == .forbidden)
        }
    }

    @Test(arguments: ["=HYPERLINK(\"http://evil.example\",\"Bấm\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab"])
    func theExportsIndexDefusesFormulas(name: String) throws {
        // given: a holder whose name a spreadsheet would run as a formula
        var certificate = Certificate(
            code: "AAAA-BBBB-CCCC", userId: 1, courseSlug: "sample", contentVersion: "v", holderName: name,
            courseTitle: "Khóa", issuedAt: Date(timeIntervalSince1970: 1_764_000_000), kid: "k", jwt: "x.y.z")
        certificate.revokedReason = "=1+1"
        certificate.revokedAt = Date(timeIntervalSince1970: 1_764_000_000)
        // when
        let path = NSTemporaryDirectory() + "academy-export-\(UUID().uuidString).zip"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CertificateExport.write(
            [.init(certificate: certificate, commune: "")], to: path, baseURL: "https://hoc.example",
            issuer: AppConfig().certificateIssuer
        ) { _ in Array("%PDF-".utf8) }
        let zip = try Data(contentsOf: URL(fileURLWithPath: path))
        let archive = try #require(try? Archive(data: zip, accessMode: .read))
        var index = Data()
        _ = try archive.extract(try #require(archive["index.csv"])) { index.append($0) }
        // then: every such field starts with an apostrophe (inside quotes when it holds a comma)
        let line = String(decoding: index, as: UTF8.self).split(separator: "\r\n")[1]
        #expect(line.contains(",'\(name.prefix(1))") || line.contains(",\"'\(name.prefix(1))"), "\(line)")
        #expect(line.contains(",'=1+1,"))
    }

    @Test func printableCertificateHasTheQRCodeAndOnlyItsHolderSeesIt() async throws {
        try await TestApp.withServices { services, client in
            let (learner, code) = try await passFinal(services)
            let page = try await client.execute(
                uri: "/certificates/\(code)", method: .get, headers: try await People.browser(services, learner))
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("\(services.config.resolvedBaseURL)/v/\(code)"))
            #expect(page.text.contains("Nguyễn Thị Ánh"))
            let other = try await People.make(services, "nguoi-la")
            let refused = try await client.execute(
                uri: "/certificates/\(code)", method: .get, headers: try await People.browser(services, other))
            #expect(refused.status == .forbidden)
        }
    }

    /// The exact offline recipe of VERIFYING.md, run through /bin/sh with the real openssl on a fresh certificate.
    @Test func theDocumentedOpenSSLRecipeVerifiesAFreshCertificate() async throws {
        let doc = try String(
            contentsOf: Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
                .appendingPathComponent("VERIFYING.md"), encoding: .utf8)
        let afterMarker = try #require(doc.range(of: "<!-- recipe:")).upperBound
        let start = try #require(doc.range(of: "```sh\n", range: afterMarker..<doc.endIndex)).upperBound
        let end = try #require(doc.range(of: "```", range: start..<doc.endIndex)).lowerBound
        let recipe = String(doc[start..<end])
        try await TestApp.withServices { services, client in
            let (_, code) = try await passFinal(services)
            let folder = NSTemporaryDirectory() + "academy-recipe-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let jwt = try await client.execute(uri: "/v/\(code).jwt", method: .get)
            let kid = try services.keys.signingKey().kid
            let pem = try await client.execute(uri: "/keys/\(kid).pem", method: .get)
            try jwt.text.write(toFile: folder + "/certificate.jwt", atomically: true, encoding: .utf8)
            try pem.text.write(toFile: folder + "/issuer-key.pem", atomically: true, encoding: .utf8)
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", recipe]
            shell.currentDirectoryURL = URL(fileURLWithPath: folder)
            let output = Pipe()
            shell.standardOutput = output
            try shell.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 0)
            #expect(text.hasPrefix("Verified OK\n"))
            #expect(text.contains("\"identityHash\":\"Nguyễn Thị Ánh\""))
        }
    }
}
