import Foundation

/// How certificates are shown: facts for the verify page, claims in words for HR.
enum CertificateView {
    static func facts(_ certificate: Certificate, pages: PageRenderer, context: AppRequestContext, config: AppConfig)
        -> [String: Any]
    {
        let language = context.language
        var facts: [String: Any] = [
            "code": certificate.code, "holder": certificate.holderName, "course": certificate.courseTitle,
            "issued": DateText.day(certificate.issuedAt, language), "issuer": config.issuerName,
            "kid": certificate.kid, "valid": !certificate.isRevoked, "revoked": certificate.isRevoked,
            "jwtURL": SitePath.certificate(certificate.code) + ".jwt", "issuerURL": "/issuer",
            "keyURL": "/keys/\(certificate.kid).pem", "version": certificate.contentVersion,
        ]
        if let revoked = certificate.revokedAt {
            facts["revokedOn"] = DateText.day(revoked, language)
            if mayReadReason(certificate, context.user) { facts["reason"] = certificate.revokedReason ?? "" }
        }
        return facts
    }

    /// Why a certificate was revoked ("had someone else take the test") is about a person: the public verify page
    /// and API say revoked and when; the reason is for HR, admins and the holder.
    static func mayReadReason(_ certificate: Certificate, _ user: User?) -> Bool {
        guard let user else { return false }
        return user.role == .hr || user.role == .admin || user.id == certificate.userId
    }

    /// The main claims of a credential as label/value pairs a person can read.
    static func claimsInWords(_ claims: [String: Any], pages: PageRenderer, context: AppRequestContext) -> [[String: String]] {
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
            ("claim_valid_from", claims["validFrom"] as? String),
            ("claim_id", claims["id"] as? String),
        ]
        return pairs.compactMap { key, value in value.map { ["label": pages.text(key, context), "value": $0] } }
    }
}
