import Foundation
import Testing

@testable import Academy

/// Golden files of the certificate pages (`Tests/AcademyTests/Snapshots/certificates/`), in both languages, for each
/// reader who sees a different page. The reason for a revocation is shown only to HR, admins and the holder.
@Suite struct CertificatePageSnapshotTests {
    static let issuer = "Học viện Cấp xã"
    static let baseURL = "https://hocvien.example.vn"

    static let valid = Certificate(
        code: "7K3M-9QXD-2FHA", userId: 7, courseSlug: "sample", contentVersion: "3f9a1c2b",
        holderName: "Nguyễn Thị Ánh", courseTitle: "Khóa mẫu", issuedAt: Date(timeIntervalSince1970: 1_790_000_000),
        kid: "2026-1", jwt: "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl", revokedAt: nil, revokedReason: nil,
        revokedBy: nil)

    static var revoked: Certificate {
        var certificate = valid
        certificate.code = "P4W8-1ZNE-6TQB"
        certificate.holderName = "Trần Văn Bình"
        certificate.revokedAt = Date(timeIntervalSince1970: 1_791_000_000)
        certificate.revokedReason = "Cấp nhầm người"
        certificate.revokedBy = 3
        return certificate
    }

    @Test func verifyResult() async throws {
        let snapshots = try await PageSnapshots.make()
        func page(_ certificate: Certificate, showReason: Bool) -> (Strings, Language) -> VerifyResultPage {
            { strings, language in
                VerifyResultPage(
                    title: strings.text("verify_title", language),
                    certificate: CertificateFacts(
                        certificate, issuer: Self.issuer, showReason: showReason, language: language))
            }
        }
        snapshots.check(
            "certificates/verify_result-valid", path: SitePath.certificate(Self.valid.code), roles: [nil],
            page(Self.valid, showReason: false))
        // Issue 16: HR and admins may revoke from the page they are looking at.
        snapshots.check(
            "certificates/verify_result-valid-revoke", path: SitePath.certificate(Self.valid.code), roles: [.hr]
        ) { strings, language in
            var revocable = page(Self.valid, showReason: true)(strings, language)
            revocable.revokeURL = SitePath.revokeCertificate(Self.valid.code)
            return revocable
        }
        let path = SitePath.certificate(Self.revoked.code)
        // A stranger (the QR code's usual reader) learns that and when, not why.
        snapshots.check(
            "certificates/verify_result-revoked", path: path, roles: [nil, .learner],
            page(Self.revoked, showReason: false))
        snapshots.check(
            "certificates/verify_result-revoked-reason", path: path, roles: [.hr],
            page(Self.revoked, showReason: true))
        snapshots.check("certificates/verify_result-revoked-just-now", path: path, roles: [.hr]) { strings, language in
            var revoked = page(Self.revoked, showReason: true)(strings, language)
            revoked.message = strings.text("admin_cert_revoked", language)
            return revoked
        }
        snapshots.check("certificates/verify_result-unknown", path: "/v/AAAA-BBBB-CCCC", roles: [nil], status: 404) {
            strings, language in
            VerifyResultPage(
                title: strings.text("verify_unknown_title", language),
                notFound: strings.text("error.certificate_not_found", language, ["AAAA-BBBB-CCCC"]))
        }
    }

    /// The claims of a credential as we sign it (`CredentialBuilder`), trimmed to what the page reads.
    static let payload = Array(
        """
        {"credentialSubject":{"achievement":{"criteria":{"narrative":"Hoàn thành khóa học và đạt: Kiểm tra cuối"},\
        "name":"Khóa mẫu"},"identifier":[{"identityHash":"Nguyễn Thị Ánh"}]},\
        "id":"https://hocvien.example.vn/v/7K3M-9QXD-2FHA","issuer":{"name":"Học viện Cấp xã"},\
        "name":"Chứng nhận khóa mẫu","validFrom":"2026-09-21T14:13:20Z"}
        """.utf8)

    @Test func verifyForm() async throws {
        let snapshots = try await PageSnapshots.make()
        func page(_ verdict: CertificateVerifier.Verdict?, showReason: Bool = false) -> (Strings, Language)
            -> VerifyPage
        {
            { strings, language in
                VerifyPage(
                    title: strings.text("verify_form_title", language),
                    verdict: verdict.map {
                        .init($0, showReason: showReason, strings: strings, language: language)
                    })
            }
        }
        let path = SitePath.verify
        snapshots.check("certificates/verify", path: path, roles: [nil, .hr], page(nil))
        let valid = CertificateVerifier.Verdict(
            signatureValid: true, status: "valid", code: Self.valid.code, kid: "2026-1", payload: Self.payload,
            certificate: Self.valid)
        snapshots.check("certificates/verify-valid", path: path, roles: [.hr], page(valid))
        let garbage = CertificateVerifier.Verdict(signatureValid: false, status: "invalid", problem: "not_a_credential")
        snapshots.check("certificates/verify-invalid", path: path, roles: [nil], page(garbage))
        let unknown = CertificateVerifier.Verdict(
            signatureValid: true, status: "unknown", code: "ZZZZ-ZZZZ-ZZZZ", kid: "2026-1", payload: Self.payload,
            problem: "not_on_record")
        snapshots.check("certificates/verify-unknown", path: path, roles: [.hr], page(unknown))
        let revoked = CertificateVerifier.Verdict(
            signatureValid: true, status: "revoked", code: Self.revoked.code, kid: "2026-1", payload: Self.payload,
            certificate: Self.revoked)
        snapshots.check("certificates/verify-revoked", path: path, roles: [nil], page(revoked))
        snapshots.check("certificates/verify-revoked-reason", path: path, roles: [.hr], page(revoked, showReason: true))
    }

    @Test func mine() async throws {
        let snapshots = try await PageSnapshots.make()
        let catalog = SnapshotFixtures.catalog.snapshot
        var gone = Self.valid
        gone.code = "H2D5-8RKV-0MWC"
        gone.courseSlug = "khoa-cu"
        gone.courseTitle = "Khóa học đã gỡ"
        let path = SitePath.myCertificates
        snapshots.check("certificates/certificates-none", path: path, roles: [.learner]) { strings, language in
            CertificatesPage([], catalog: catalog, strings: strings, language: language)
        }
        // The course's title in the reader's language while the course is there; the issued title once it is gone.
        snapshots.check("certificates/certificates", path: path, roles: [.learner]) { strings, language in
            CertificatesPage([Self.valid, Self.revoked, gone], catalog: catalog, strings: strings, language: language)
        }
    }

    @Test func printable() async throws {
        let snapshots = try await PageSnapshots.make()
        for (name, certificate, roles) in [
            ("certificate_print", Self.valid, [Role.learner]), ("certificate_print-revoked", Self.revoked, [.hr]),
        ] {
            let verifyURL = Self.baseURL + SitePath.certificate(certificate.code)
            let qr = try QRCode.svg(verifyURL)
            snapshots.check("certificates/\(name)", path: SitePath.printable(certificate.code), roles: roles) {
                strings, language in
                CertificatePrintPage(
                    certificate, course: SnapshotFixtures.course, issuer: Self.issuer, verifyURL: verifyURL, qr: qr,
                    strings: strings, language: language)
            }
        }
    }

    @Test func register() async throws {
        let snapshots = try await PageSnapshots.make()
        let courses = SnapshotFixtures.catalog.snapshot.courses
        let path = SitePath.adminCertificates
        snapshots.check("certificates/admin_certificates", path: path, roles: [.hr, .admin]) { strings, language in
            AdminCertificatesPage(
                found: [Self.valid, Self.revoked], q: "", course: "", courses: courses, message: nil,
                strings: strings, language: language)
        }
        // Filtered by a search and a course (the export appears), just after a revocation; nothing found.
        snapshots.check("certificates/admin_certificates-filtered", path: path, roles: [.hr]) { strings, language in
            AdminCertificatesPage(
                found: [Self.revoked], q: Self.revoked.code, course: "sample", courses: courses,
                message: strings.text("admin_cert_revoked", language), strings: strings, language: language)
        }
        snapshots.check("certificates/admin_certificates-none", path: path, roles: [.hr]) { strings, language in
            AdminCertificatesPage(
                found: [], q: "Không có ai", course: "", courses: courses, message: nil, strings: strings,
                language: language)
        }
    }
}
