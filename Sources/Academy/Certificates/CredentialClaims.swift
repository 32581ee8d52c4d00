import Foundation

/// What people are shown of a signed credential's claims (`CredentialBuilder` writes them all), read back from its
/// payload. Every field is optional: a verifier reports what is there.
public struct CredentialClaims: Decodable, Sendable, Equatable {
    /// The credential's id: its verify address, `<base>/v/<code>`.
    public var id: String?
    /// The credential's own name, "Certificate: <course>".
    public var name: String?
    /// When it was issued (RFC 3339).
    public var validFrom: String?
    public var issuer: Issuer?
    public var credentialSubject: Subject?

    /// The issuing organisation.
    public struct Issuer: Decodable, Sendable, Equatable {
        public var name: String?
    }

    /// The holder and what they achieved.
    public struct Subject: Decodable, Sendable, Equatable {
        public var identifier: [Identity]?
        public var achievement: Achievement?
    }

    /// How the holder is named: `identityHash` holds the name itself (`hashed` is false).
    public struct Identity: Decodable, Sendable, Equatable {
        public var identityHash: String?
    }

    /// The course.
    public struct Achievement: Decodable, Sendable, Equatable {
        public var name: String?
        public var criteria: Criteria?
    }

    /// How the course is passed.
    public struct Criteria: Decodable, Sendable, Equatable {
        public var narrative: String?
    }

    /// The holder's name.
    public var holderName: String? { credentialSubject?.identifier?.first?.identityHash }
    /// The course's name.
    public var courseName: String? { credentialSubject?.achievement?.name }
    /// The certificate code: the last part of the id.
    public var code: String { (id?.split(separator: "/").last).map(String.init) ?? "" }

    /// The claims of a payload, or nil when it is not a JSON object of this shape.
    public static func read(_ payload: [UInt8]) -> CredentialClaims? {
        try? AppJSON.decoder.decode(CredentialClaims.self, from: Data(payload))
    }
}
