import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Signing
import Testing
import ZIPFoundation

@testable import Academy

/// Issue 19 end to end inside the server: the PDF made at issue, its signature checked by our own reader (pyHanko,
/// pdfsig and pdftotext check it independently in Tests/e2e/test_10_pdf_certificates.py), rotation, revocation,
/// PKCS#12 import, the verify page's upload, HR's ZIPs and the command line.
@Suite struct CertificatePDFFlowTests {
    static let signingCertificateV2 = "1.2.840.113549.1.9.16.2.47"
    static let signingTime = "1.2.840.113549.1.9.5"

    func pass(_ services: AppServices, _ username: String = "hocvien", name: String = "Nguyễn Thị Ánh") async throws
        -> (User, Certificate, [UInt8])
    {
        let (user, code) = try await CertificateFlowTests().passFinal(services, name: name, username: username)
        let certificate = try #require(try await services.certificates.find(code))
        let pdf = try #require(FileManager.default.contents(atPath: services.pdfs.path(code)), "made at issue")
        return (user, certificate, [UInt8](pdf))
    }

    @Test func theCertificateIsIssuedWithASignedPDFInTheRegister() async throws {
        try await TestApp.withServices { services, client in
            let (_, first, pdf) = try await pass(services)
            let (_, second, _) = try await pass(services, "hocvien2", name: "Trần Văn Bình")
            // Numbered per year in Vietnam, in issue order.
            #expect(first.registerNumber == 1)
            #expect(second.registerNumber == 2)
            #expect(first.registerYear == CertificateSigner.registerYear(first.issuedAt))
            #expect(first.issueRecord?.unit == "Xã A")
            #expect(first.issueRecord?.result.hasPrefix("Đạt") == true)
            // The PDF: PAdES B-B as our reader sees it.
            let check = PDFSignatureReader.check(pdf)
            #expect(check.isSound, "\(check.problem ?? "")")
            #expect(check.subFilter == "ETSI.CAdES.detached")
            #expect(check.attributeOIDs.contains(Self.signingCertificateV2))
            #expect(!check.attributeOIDs.contains(Self.signingTime), "PAdES forbids the CMS signing-time")
            #expect(check.jwt == first.jwt, "the Open Badge credential travels inside the PDF")
            let identity = try services.keys.signingIdentity()
            #expect(check.signer?.fingerprintSHA256 == identity.certificate.fingerprintSHA256)
            #expect(pdf.count < 60 * 1024, "\(pdf.count) bytes")
            // Served publicly, and the signer's certificate too.
            let served = try await client.execute(uri: "/v/\(first.code).pdf?download=1", method: .get)
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "application/pdf")
            #expect(served.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(Array(buffer: served.body) == pdf)
            let crt = try await client.execute(uri: "/keys/\(identity.kid).crt", method: .get)
            #expect(crt.status == .ok)
            let published = try X509Certificate(pem: String(buffer: crt.body))
            #expect(published.fingerprintSHA256 == identity.certificate.fingerprintSHA256)
            #expect(published.commonName == services.config.issuerName)
            #expect(try await client.execute(uri: "/v/ZZZZ-ZZZZ-ZZZZ.pdf", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/keys/nope.crt", method: .get).status == .notFound)
        }
    }

    @Test func aChangedByteOrAnAddedUpdateBreaksItAndRevocationShows() async throws {
        try await TestApp.withServices { services, _ in
            let (_, certificate, pdf) = try await pass(services)
            let verifier = CertificateVerifier(keys: services.keys, service: services.certificates)
            #expect(await verifier.verifyPDF(pdf).status == "valid")
            var tampered = pdf
            tampered[200] ^= 0x01  // inside the first signed range
            #expect(!PDFSignatureReader.check(tampered).intact)
            let broken = await verifier.verifyPDF(tampered)
            #expect(broken.status == "invalid")
            #expect(broken.problem == "pdf_tampered")
            let appended = pdf + Array("\n1 0 obj\n<< >>\nendobj\n".utf8)
            let grown = PDFSignatureReader.check(appended)
            #expect(grown.intact && !grown.coversWholeFile)
            #expect(await verifier.verifyPDF(appended).problem == "pdf_changed_after_signing")
            #expect(await verifier.verifyPDF(Array("not a pdf".utf8)).problem == "pdf_not_a_pdf")
            // Hostile byte ranges are refused, never trusted or overflowed.
            for range in ["[0 10 20 9223372036854775800]", "[0 99999999 100000000 5]", "[5 10 20 3]", "[0 10]"] {
                let forged = Array("%PDF-1.5\n<< /ByteRange \(range) /Contents <00> >>\n%%EOF\n".utf8)
                #expect(PDFSignatureReader.check(forged).problem == "bad_byte_range", "\(range)")
            }
            #expect(PDFSignatureReader.check(Array("%PDF-1.5\n%%EOF\n".utf8)).problem == "not_signed")
            // Revoked: still signed, but the verdict says so.
            _ = try await services.certificates.revoke(code: certificate.code, reason: "thi hộ", by: nil)
            let revoked = await verifier.verifyPDF(pdf)
            #expect(revoked.status == "revoked")
            #expect(revoked.pdf?.isSound == true)
        }
    }

    @Test func rotationKeepsOldPDFsVerifiableAndNewOnesUseTheNewKey() async throws {
        try await TestApp.withServices { services, _ in
            let (_, _, old) = try await pass(services)
            let newKid = try await services.keys.rotate(with: try RSAPrivateKey.generate(bits: 2048))
            let (_, _, fresh) = try await pass(services, "hocvien2")
            let verifier = CertificateVerifier(keys: services.keys, service: services.certificates)
            let oldVerdict = await verifier.verifyPDF(old)
            #expect(oldVerdict.status == "valid")
            #expect(oldVerdict.kid != newKid)
            let freshVerdict = await verifier.verifyPDF(fresh)
            #expect(freshVerdict.status == "valid")
            #expect(freshVerdict.kid == newKid)
        }
    }

    @Test func anOrganisationCertificateFromPKCS12SignsWithItsChain() async throws {
        let work = NSTemporaryDirectory() + "p12-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        // A CA and an organisation certificate it issues, made with the openssl command as a CA would.
        for command in [
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 30 -subj '/C=VN/O=CA thử nghiệm/CN=CA thử nghiệm' -utf8 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
            "openssl req -newkey rsa:2048 -nodes -keyout org.key -out org.csr -subj '/C=VN/O=Sở Nội vụ/CN=Sở Nội vụ tỉnh Tuyên Quang' -utf8",
            "printf 'keyUsage=critical,digitalSignature,nonRepudiation\\n' > ext.cnf",
            "openssl x509 -req -in org.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out org.crt -days 30 -extfile ext.cnf",
            "openssl pkcs12 -export -inkey org.key -in org.crt -certfile ca.crt -out org.p12 -passout pass:bi-mat",
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.currentDirectoryURL = URL(fileURLWithPath: work)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(command)")
        }
        let p12 = [UInt8](try #require(FileManager.default.contents(atPath: work + "/org.p12")))
        #expect(throws: SigningError.self) { try PKCS12Bundle(der: p12, password: "sai") }
        let bundle = try PKCS12Bundle(der: p12, password: "bi-mat")
        #expect(bundle.chain.count == 1)
        try await TestApp.withServices { services, client in
            let kid = try await services.keys.importPKCS12(bundle)
            let (_, certificate, pdf) = try await pass(services)
            #expect(certificate.kid == kid, "the credential is signed with the imported key too")
            let check = PDFSignatureReader.check(pdf)
            #expect(check.isSound)
            #expect(check.signer?.commonName == "Sở Nội vụ tỉnh Tuyên Quang")
            #expect(check.certificates.count == 2, "the CA's certificate travels with it")
            let verifier = CertificateVerifier(keys: services.keys, service: services.certificates)
            #expect(await verifier.verifyPDF(pdf).status == "valid")
            let jwks = try await client.execute(uri: "/.well-known/jwks.json", method: .get)
            #expect(String(buffer: jwks.body).contains("/keys/\(kid)"))
            let crt = String(buffer: try await client.execute(uri: "/keys/\(kid).crt", method: .get).body)
            #expect(try X509Certificate.chain(pem: crt).count == 2)
        }
    }

    @Test func theVerifyPageTakesAnUploadedPDF() async throws {
        try await TestApp.withServices { services, client in
            let (_, _, pdf) = try await pass(services)
            let boundary = "ranh-gioi-19"
            var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n".utf8)
            body += Array("\(People.anonymousToken)\r\n--\(boundary)\r\n".utf8)
            body += Array("Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n".utf8)
            body += Array("Content-Type: application/pdf\r\n\r\n".utf8) + pdf + Array("\r\n--\(boundary)--\r\n".utf8)
            var headers: HTTPFields = [
                .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: "csrf=\(People.csrf)",
            ]
            headers[.acceptLanguage] = "vi"
            let page = try await client.execute(
                uri: "/verify", method: .post, headers: headers, body: ByteBuffer(bytes: body))
            #expect(page.status == .ok)
            #expect(page.text.contains("Chứng nhận hợp lệ"), "\(page.text.prefix(400))")
            #expect(page.text.contains("chữ ký số còn nguyên vẹn"))
        }
    }

    @Test func hrDownloadsACommunesCertificatesAsOneZIP() async throws {
        try await TestApp.withServices { services, client in
            let (_, certificate, pdf) = try await pass(services)
            let hr = try await People.make(services, "nhansu", role: .hr)
            let learner = try await People.make(services, "khac")
            let uri = "/admin/certificates/export?commune=X%C3%A3%20A"
            let zip = try await client.execute(uri: uri, method: .get, headers: try await People.browser(services, hr))
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            let archive = try #require(try? Archive(data: Data(buffer: zip.body), accessMode: .read))
            var inside = Data()
            _ = try archive.extract(try #require(archive["\(certificate.code).pdf"])) { inside.append($0) }
            #expect([UInt8](inside) == pdf)
            #expect(archive["\(certificate.code).jwt"] != nil)
            var index = Data()
            _ = try archive.extract(try #require(archive["index.csv"])) { index.append($0) }
            #expect(String(decoding: index, as: UTF8.self).contains("1/GXN"))
            let none = try await client.execute(
                uri: "/admin/certificates/export?commune=Kh%C3%B4ng%20c%C3%B3", method: .get,
                headers: try await People.browser(services, hr))
            #expect(none.status == .notFound)
            let refused = try await client.execute(
                uri: uri, method: .get, headers: try await People.browser(services, learner))
            #expect(refused.status == .forbidden)
            let register = try await client.execute(
                uri: "/admin/certificates", method: .get, headers: try await People.browser(services, hr))
            #expect(register.text.contains("name=\"commune\""))
        }
    }

    @Test func theCommandLineChecksAPDF() async throws {
        try await TestApp.withServices { services, _ in
            let (_, _, pdf) = try await pass(services)
            let folder = NSTemporaryDirectory() + "verify-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try Data(pdf).write(to: URL(fileURLWithPath: folder + "/good.pdf"))
            var tampered = pdf
            tampered[300] ^= 0x01
            try Data(tampered).write(to: URL(fileURLWithPath: folder + "/bad.pdf"))
            let crt = try services.keys.signingIdentity().certificate.pemRepresentation()
            try crt.write(toFile: folder + "/issuer.crt", atomically: true, encoding: .utf8)
            let other = try X509Certificate.selfSigned(
                key: try RSAPrivateKey.generate(bits: 2048), commonName: "Khác", organization: "Khác",
                notBefore: Date(), notAfter: Date().addingTimeInterval(86400))
            try other.pemRepresentation().write(toFile: folder + "/other.crt", atomically: true, encoding: .utf8)
            let good = try CommandLineTests.run(
                ["certificates", "verify", folder + "/good.pdf", "--cert", folder + "/issuer.crt", "--offline"])
            #expect(good.status == 2, "sound, revocation not checked offline: \(good.output)")
            #expect(good.output.contains("covers the whole file"))
            #expect(good.output.contains("revocation not checked"))
            let bad = try CommandLineTests.run(
                ["certificates", "verify", folder + "/bad.pdf", "--cert", folder + "/issuer.crt", "--offline"])
            #expect(bad.status == 1, "\(bad.output)")
            #expect(bad.output.contains("NOT intact"))
            let stranger = try CommandLineTests.run(
                ["certificates", "verify", folder + "/good.pdf", "--cert", folder + "/other.crt", "--offline"])
            #expect(stranger.status == 1, "\(stranger.output)")
        }
    }
}
