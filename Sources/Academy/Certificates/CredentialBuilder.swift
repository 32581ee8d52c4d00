import Foundation
import Signing

/// Everything that goes into one certificate's Open Badges 3.0 credential. `Codable` so that a certificate owed but
/// not yet signed keeps it in the outbox (`PendingCertificate`).
public struct CredentialInput: Codable, Sendable {
    /// Public base URL without a trailing slash, e.g. "http://127.0.0.1:8080".
    public var baseURL: String
    /// The certificate code in display form, e.g. "ABCD-EFGH-JKMN".
    public var code: String
    /// The issuing organisation's name.
    public var issuerName: String
    /// The holder's full name (written in Unicode NFC).
    public var holderName: String
    /// The holder's UUID, lower case, without "urn:uuid:".
    public var holderUUID: String
    /// The achievement's id, e.g. "<base>/courses/<slug>#<contentVersion>".
    public var achievementID: String
    /// The achievement's (course's) name.
    public var achievementName: String
    /// The achievement's description.
    public var achievementDescription: String
    /// How the achievement is earned.
    public var criteriaNarrative: String
    /// The credential's own name, e.g. "Certificate: <course>".
    public var credentialName: String
    /// When the credential was issued (written in whole seconds, rounded down).
    public var issuedAt: Date
    /// Short key id, e.g. "2026-1"; the header names the key URL "<base>/keys/<kid>".
    public var kid: String

    /// Creates an input; every value is used as given except as noted on the properties.
    public init(
        baseURL: String, code: String, issuerName: String, holderName: String, holderUUID: String,
        achievementID: String, achievementName: String, achievementDescription: String,
        criteriaNarrative: String, credentialName: String, issuedAt: Date, kid: String
    ) {
        self.baseURL = baseURL
        self.code = code
        self.issuerName = issuerName
        self.holderName = holderName
        self.holderUUID = holderUUID
        self.achievementID = achievementID
        self.achievementName = achievementName
        self.achievementDescription = achievementDescription
        self.criteriaNarrative = criteriaNarrative
        self.credentialName = credentialName
        self.issuedAt = issuedAt
        self.kid = kid
    }
}

/// Builds and signs the certificate credential: an Open Badges 3.0 `OpenBadgeCredential` as a VC-JWT (RS256).
///
/// The bytes are deterministic for a given input: object members in ascending key order, no whitespace,
/// no escaped slashes, UTF-8 text as is (names are put in NFC first), as the certificates design requires.
public enum CredentialBuilder {
    /// The JSON-LD contexts every credential carries.
    static let contexts = [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]

    /// Exact JSON bytes of the JOSE header: `{"alg":"RS256","kid":"<base>/keys/<kid>","typ":"JWT"}`.
    public static func header(_ input: CredentialInput) -> [UInt8] {
        CanonicalJSON.object([
            "alg": .string(JWS.algorithm),
            "kid": .string(base(input) + "/keys/" + input.kid),
            "typ": .string("JWT"),
        ]).bytes
    }

    /// Exact JSON bytes of the payload: the credential plus the JWT claims iss, jti, nbf and sub.
    public static func payload(_ input: CredentialInput) -> [UInt8] {
        let base = base(input)
        let credentialID = verifyURL(input)
        let issuerID = base + "/issuer"
        let subjectID = "urn:uuid:" + input.holderUUID.lowercased()
        let seconds = CredentialTime.epochSeconds(input.issuedAt)
        let identity = CanonicalJSON.object([
            "type": .string("IdentityObject"),
            "identityType": .string("name"),
            "hashed": .bool(false),
            "identityHash": text(input.holderName),
        ])
        let achievement = CanonicalJSON.object([
            "id": .string(input.achievementID),
            "type": .array([.string("Achievement")]),
            "name": text(input.achievementName),
            "description": text(input.achievementDescription),
            "criteria": .object(["narrative": text(input.criteriaNarrative)]),
        ])
        return CanonicalJSON.object([
            "@context": .array(contexts.map { .string($0) }),
            "id": .string(credentialID),
            "type": .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")]),
            "issuer": .object([
                "id": .string(issuerID),
                "type": .array([.string("Profile")]),
                "name": text(input.issuerName),
            ]),
            "validFrom": .string(CredentialTime.rfc3339(seconds)),
            "name": text(input.credentialName),
            "credentialSubject": .object([
                "id": .string(subjectID),
                "type": .array([.string("AchievementSubject")]),
                "identifier": .array([identity]),
                "achievement": achievement,
            ]),
            "credentialStatus": .object([
                "id": .string(base + "/status/revocations.json"),
                "type": .string("1EdTechRevocationList"),
            ]),
            "iss": .string(issuerID),
            "jti": .string(credentialID),
            "nbf": .integer(seconds),
            "sub": .string(subjectID),
        ]).bytes
    }

    /// Signs header and payload with `key` (RS256) and returns the compact token `header.payload.signature`.
    ///
    /// - Throws: `SigningError` if signing fails.
    public static func sign(_ input: CredentialInput, key: RSAPrivateKey) throws -> String {
        try JWS.sign(header: header(input), payload: payload(input), key: key)
    }

    /// The verify URL and credential id, "<base>/v/<code>": what the QR code holds.
    public static func verifyURL(_ input: CredentialInput) -> String {
        base(input) + "/v/" + input.code
    }

    /// The base URL without trailing slashes.
    private static func base(_ input: CredentialInput) -> String {
        var base = Substring(input.baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        return String(base)
    }

    /// Human-readable text in Unicode NFC, so equal-looking names give equal bytes.
    private static func text(_ value: String) -> CanonicalJSON {
        .string(value.precomposedStringWithCanonicalMapping)
    }
}
