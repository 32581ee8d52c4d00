import Foundation

/// How certificates are shown: facts for the verify pages, claims in words for HR, the pages' rows.
enum CertificateView {
    /// Why a certificate was revoked ("had someone else take the test") is about a person: the public verify page
    /// and API say revoked and when; the reason is for HR, admins and the holder.
    static func mayReadReason(_ certificate: Certificate, _ user: User?) -> Bool {
        guard let user else { return false }
        return user.role == .hr || user.role == .admin || user.id == certificate.userId
    }

    /// The main claims of a signed credential (its JSON payload) as label/value pairs a person can read.
    static func claimsInWords(_ payload: [UInt8], strings: Strings, language: Language) -> [VerifyPage.Claim] {
        // A pasted credential may be any JSON, with any field missing: it is read loosely, as plain JSON objects.
        guard let claims = (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any] else {
            return []
        }
        let subject = claims["credentialSubject"] as? [String: Any]
        let achievement = subject?["achievement"] as? [String: Any]
        let identifier = (subject?["identifier"] as? [[String: Any]])?.first
        let issuer = claims["issuer"] as? [String: Any]
        let pairs: [(String, String?)] = [
            ("claim_name", claims["name"] as? String),
            ("claim_holder", identifier?["identityHash"] as? String),
            ("claim_achievement", achievement?["name"] as? String),
            ("claim_criteria", (achievement?["criteria"] as? [String: Any])?["narrative"] as? String),
            ("claim_issuer", issuer?["name"] as? String),
            ("claim_valid_from", (claims["validFrom"] as? String).map { Self.instant($0, language) }),
            ("claim_id", claims["id"] as? String),
        ]
        return pairs.compactMap { key, value in
            value.map { VerifyPage.Claim(label: strings.text(key, language), value: $0) }
        }
    }
}

extension CertificateView {
    /// An RFC 3339 instant of a credential as the reader writes dates; as it is when it is not one.
    static func instant(_ text: String, _ language: Language) -> String {
        (try? Date(text, strategy: .iso8601)).map { LocalText.dateTime($0, language) } ?? text
    }
}

extension CertificateFacts {
    /// `showReason`: the reader may know why it was revoked (`CertificateView.mayReadReason`).
    init(_ certificate: Certificate, issuer: String, showReason: Bool, language: Language) {
        self.init(
            code: certificate.code, holder: certificate.holderName, course: certificate.courseTitle,
            issued: LocalText.day(certificate.issuedAt, language), issuer: issuer, kid: certificate.kid,
            valid: !certificate.isRevoked, revoked: Revocation(certificate, showReason: showReason, language: language),
            jwtURL: SitePath.certificate(certificate.code) + ".jwt",
            pdfURL: SitePath.certificate(certificate.code) + ".pdf?download=1", issuerURL: "/issuer",
            keyURL: "/keys/\(certificate.kid).pem")
    }
}

extension CertificateFacts.Revocation {
    /// Nil while the certificate stands.
    init?(_ certificate: Certificate, showReason: Bool, language: Language) {
        guard let revokedAt = certificate.revokedAt else { return nil }
        let reason = certificate.revokedReason ?? ""
        self.init(date: LocalText.day(revokedAt, language), reason: showReason && !reason.isEmpty ? reason : nil)
    }
}

extension VerifyPage.Verdict {
    /// The verifier's verdict in words; `showReason` as for `CertificateFacts`.
    init(_ verdict: CertificateVerifier.Verdict, showReason: Bool, strings: Strings, language: Language) {
        func text(_ key: String) -> String { strings.text(key, language) }
        let certificate = verdict.certificate
        self.init(
            word: text("verdict_\(verdict.status)"), isValid: verdict.status == "valid",
            signature: text(verdict.signatureValid ? "verdict_signature_ok" : "verdict_signature_bad"),
            kid: certificate?.kid ?? verdict.kid ?? "—", problem: verdict.problem.map { text("verdict_problem_\($0)") },
            revoked: certificate.flatMap {
                CertificateFacts.Revocation($0, showReason: showReason, language: language)
            },
            claims: verdict.payload.map { CertificateView.claimsInWords($0, strings: strings, language: language) }
                ?? [],
            pdf: verdict.pdf.flatMap { check in
                check.isSound
                    ? strings.text("verdict_pdf_signed", language, [check.signer?.commonName ?? "—"]) : nil
            })
    }
}

extension CertificatesPage {
    /// `certificates` of one person, titled as the courses now call themselves.
    init(_ certificates: [Certificate], catalog: CourseCatalog.Snapshot, strings: Strings, language: Language) {
        self.init(
            title: strings.text("my_certificates", language),
            items: certificates.map { certificate in
                Item(
                    course: catalog.course(certificate.courseSlug)?.title.text(language) ?? certificate.courseTitle,
                    code: certificate.code, issued: LocalText.day(certificate.issuedAt, language),
                    revoked: certificate.isRevoked, printURL: SitePath.printable(certificate.code),
                    verifyURL: SitePath.certificate(certificate.code),
                    jwtURL: SitePath.certificate(certificate.code) + ".jwt",
                    pdfURL: SitePath.certificate(certificate.code) + ".pdf?download=1")
            })
    }
}

extension CertificatePrintPage {
    /// `qr` is the SVG of `verifyURL`; `course` is nil when the course is gone (the certificate keeps its title).
    init(
        _ certificate: Certificate, course: Course?, issuer: String, verifyURL: String, qr: String, strings: Strings,
        language: Language
    ) {
        self.init(
            title: "\(certificate.holderName) — \(certificate.courseTitle)",
            certificateTitle: course?.certificate?.title.text(language) ?? strings.text("cert_heading", language),
            holder: certificate.holderName, course: course?.title.text(language) ?? certificate.courseTitle,
            issued: LocalText.day(certificate.issuedAt, language), issuer: issuer, code: certificate.code,
            kid: certificate.kid, verifyURL: verifyURL,
            pdfURL: SitePath.certificate(certificate.code) + ".pdf?download=1", qr: qr, revoked: certificate.isRevoked)
    }
}

extension AdminCertificatesPage {
    /// The certificates `found` by the search `q` within `course` (empty: every course).
    init(
        found: [Certificate], q: String, course: String, courses: [Course], message: String?, strings: Strings,
        language: Language
    ) {
        self.init(
            title: strings.text("admin_certificates", language), message: message, q: q,
            courses: courses.map {
                CourseOption(slug: $0.slug, title: $0.title.text(language), selected: $0.slug == course)
            },
            exportURL: course.isEmpty ? nil : "/admin/certificates/export?course=\(course)",
            items: found.map { certificate in
                Row(
                    code: certificate.code, holder: certificate.holderName, course: certificate.courseTitle,
                    issued: LocalText.day(certificate.issuedAt, language), revoked: certificate.isRevoked,
                    reason: certificate.revokedReason.flatMap { $0.isEmpty ? nil : $0 },
                    verifyURL: SitePath.certificate(certificate.code),
                    pdfURL: SitePath.certificate(certificate.code) + ".pdf?download=1",
                    revokeURL: "/admin/certificates/\(certificate.code)/revoke")
            })
    }
}
