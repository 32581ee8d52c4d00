import Foundation
import Signing

/// Checks a `.jwt` someone hands us: the signature against our published keys, then its revocation status.
public struct CertificateVerifier: Sendable {
    let keys: KeyStore
    let service: CertificateService

    public init(keys: KeyStore, service: CertificateService) {
        self.keys = keys
        self.service = service
    }

    /// The plain verdict.
    public struct Verdict: Sendable {
        public var signatureValid: Bool
        /// valid, revoked, unknown (signed by us but not on record) or invalid (bad signature or not a credential).
        public var status: String
        public var code: String?
        public var kid: String?
        /// The signed claims, exactly as signed (JSON).
        public var payload: [UInt8]?
        /// What people are shown of them.
        public var claims: CredentialClaims?
        public var problem: String?
        public var certificate: Certificate?
    }

    public func verify(_ token: String) async -> Verdict {
        let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        var verdict = Verdict(signatureValid: false, status: "invalid")
        guard let headerKid = JWS.headerKid(token) else {
            verdict.problem = "not_a_credential"
            return verdict
        }
        let kid = KeyStore.shortKid(headerKid)
        verdict.kid = kid
        guard let key = try? await keys.publicKey(kid: kid) else {
            verdict.problem = "unknown_key"
            return verdict
        }
        guard let (_, payload) = try? JWS.verify(token, key: key), let claims = CredentialClaims.read(payload) else {
            verdict.problem = "bad_signature"
            return verdict
        }
        verdict.signatureValid = true
        verdict.payload = payload
        verdict.claims = claims
        let code = claims.code
        verdict.code = code
        guard let certificate = try? await service.find(code), certificate.jwt == token else {
            verdict.status = "unknown"
            verdict.problem = "not_on_record"
            return verdict
        }
        verdict.certificate = certificate
        verdict.status = certificate.isRevoked ? "revoked" : "valid"
        return verdict
    }
}
