extension CertificateController {
    /// `?q=&course=&done=`: HR's register search, and what the last step did.
    struct RegisterQuery: Decodable {
        @Trimmed var q: String?
        @Trimmed var course: String?
        @Trimmed var done: String?
        /// The export's commune-level unit (as people's records name it); empty: every unit.
        @Trimmed var commune: String?
    }

    /// The revoke form.
    struct RevokeForm: Decodable {
        @Trimmed var reason: String?
        var confirm: String?
        /// `verify`: the form was on the verify page, which then shows the certificate revoked.
        var back: String?
    }
}

extension PublicCertificateController {
    /// The verify form sent without a file: the credential pasted as text.
    struct PastedCredential: Decodable {
        var jwt: String?
    }
}
