import Foundation

/// The certificate pages (`CertificateController`, `PublicCertificateController`).
enum CertificatePages {
    static let all: [any Page.Type] = [
        VerifyPage.self, VerifyResultPage.self, CertificatesPage.self, CertificatePrintPage.self,
        AdminCertificatesPage.self,
    ]
}

/// `/verify`: the form where HR pastes or uploads a `.jwt`, and once one is sent, the plain verdict on it.
struct VerifyPage: Page {
    static let template = "verify"

    struct Verdict: Sendable, Encodable {
        /// Valid, revoked, unknown or invalid, in words.
        let word: String
        let isValid: Bool
        /// Whether the signature holds, in words.
        let signature: String
        let kid: String
        /// Why the credential is not valid, when it is not.
        let problem: String?
        /// The certificate on record with the credential's code is revoked.
        let revoked: CertificateFacts.Revocation?
        /// The signed claims, as label/value pairs a person can read.
        let claims: [Claim]
        /// For an uploaded PDF whose signature holds: that, and who signed.
        var pdf: String? = nil
    }

    struct Claim: Sendable, Encodable {
        let label: String
        let value: String
    }

    let title: String
    /// Nothing was sent yet: the form alone.
    var verdict: Verdict?
}

/// `/v/{code}`, the page a certificate's QR code opens: valid or revoked, and what it certifies; or that no
/// certificate has the code.
struct VerifyResultPage: Page {
    static let template = "verify_result"

    let title: String
    /// No certificate has the code: what to tell the reader.
    var notFound: String?
    var certificate: CertificateFacts?
    /// Where HR and admins revoke the certificate from this page (issue 16); nil for everyone else and once revoked.
    var revokeURL: String? = nil
    /// What was just done ("revoked").
    var message: String? = nil
}

/// What the public verify pages say about a certificate on record.
struct CertificateFacts: Sendable, Encodable {
    struct Revocation: Sendable, Encodable {
        let date: String
        /// Only for HR, admins and the holder (`CertificateView.mayReadReason`).
        let reason: String?
    }

    let code: String
    let holder: String
    let course: String
    let issued: String
    let issuer: String
    let kid: String
    let valid: Bool
    let revoked: Revocation?
    let jwtURL: String
    /// The signed PDF, saved rather than shown.
    let pdfURL: String
    let issuerURL: String
    let keyURL: String
}

/// `/certificates`: the signed-in person's certificates.
struct CertificatesPage: Page {
    static let template = "certificates"

    struct Item: Sendable, Encodable {
        let course: String
        let code: String
        let issued: String
        let revoked: Bool
        let printURL: String
        let verifyURL: String
        let jwtURL: String
        let pdfURL: String
    }

    let title: String
    let items: [Item]
}

/// `/certificates/{code}`: the certificate to print on A4 landscape, with its QR code; for its holder, HR and
/// admins.
struct CertificatePrintPage: Page {
    static let template = "certificate_print"

    let title: String
    /// What the course calls its certificate.
    let certificateTitle: String
    let holder: String
    let course: String
    let issued: String
    let issuer: String
    let code: String
    let kid: String
    /// The full address of the verify page, as the QR code holds it.
    let verifyURL: String
    let pdfURL: String
    /// The QR code, as SVG we drew ourselves (`QRCode.svg`).
    let qr: String
    let revoked: Bool
}

/// `/admin/certificates`, for HR: search by code or name, filter by course, export a course's, revoke.
struct AdminCertificatesPage: Page {
    static let template = "admin_certificates"

    struct CourseOption: Sendable, Encodable {
        let slug: String
        let title: String
        let selected: Bool
    }

    struct Commune: Sendable, Encodable {
        let value: String
        let label: String
    }

    /// "Every certificate of a commune": the communes of certificate holders (nil: none, the form is not shown).
    struct CommuneExport: Sendable, Encodable {
        let communes: [Commune]
    }

    var communeExport: CommuneExport? = nil

    struct Row: Sendable, Encodable {
        let code: String
        let holder: String
        let course: String
        let issued: String
        let revoked: Bool
        let reason: String?
        let verifyURL: String
        let pdfURL: String
        let revokeURL: String
    }

    let title: String
    /// What was just done ("revoked").
    let message: String?
    /// The search as typed.
    let q: String
    let courses: [CourseOption]
    /// Only once a course is chosen.
    let exportURL: String?
    let items: [Row]
}
