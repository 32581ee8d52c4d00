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
        /// For a PDF: what its signature showed.
        public var pdf: PDFSignatureReader.Check?
    }

    /// Checks a certificate PDF: its signature (intact, covering the whole file), that the signer's certificate is one
    /// of ours (any key ever used: rotation keeps old PDFs verifiable), then the attached credential and its
    /// revocation status, as for a `.jwt`.
    public func verifyPDF(_ bytes: [UInt8]) async -> Verdict {
        let check = await (try? Blocking.run { PDFSignatureReader.check(bytes) }) ?? PDFSignatureReader.check([])
        var verdict = Verdict(signatureValid: false, status: "invalid")
        verdict.pdf = check
        guard check.isSound else {
            verdict.problem = "pdf_\(check.problem ?? "tampered")"
            return verdict
        }
        guard let signer = check.signer,
            let kid = try? await keys.kid(certificateFingerprint: signer.fingerprintSHA256)
        else {
            verdict.problem = "pdf_unknown_signer"
            return verdict
        }
        verdict.kid = kid
        guard let jwt = check.jwt else {
            verdict.problem = "pdf_no_credential"
            return verdict
        }
        var inner = await verify(jwt)
        inner.pdf = check
        if inner.problem == nil { inner.kid = kid }
        return inner
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
