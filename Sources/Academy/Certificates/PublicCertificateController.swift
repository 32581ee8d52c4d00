import Foundation
import Hummingbird
import Signing

/// Everything anyone may check without signing in: the page a QR code opens, the credential, our keys,
/// the issuer profile, the revocation list, and the "paste a .jwt" verifier.
struct PublicCertificateController {
    let service: CertificateService
    let verifier: CertificateVerifier
    let keys: KeyStore
    let limiter: RateLimiter
    let pages: PageRenderer
    let config: AppConfig
    let pdfs: CertificatePDFs

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/v/:code", use: verifyPage)
        routes.get("/.well-known/jwks.json", use: jwks)
        routes.get("/keys/:kid", use: key)
        routes.get("/issuer", use: issuer)
        routes.get("/status/revocations.json", use: revocations)
        routes.get(RouterPath(SitePath.verify), use: verifyForm)
        routes.post(RouterPath(SitePath.verify), use: verifyUpload)
        return routes
    }

    func limit(_ context: AppRequestContext) throws {
        guard limiter.allow(context.remoteAddress) else { throw AppError(.tooManyRequests, "lookups_throttled") }
    }

    /// `/v/{code}`: valid / revoked / unknown, in words; `/v/{code}.jwt`: the credential itself; `/v/{code}.pdf`:
    /// the signed PDF (shown in the browser; `?download=1` saves it).
    @Sendable func verifyPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try limit(context)
        var typed = context.parameters.get("code") ?? ""
        let wantsJWT = typed.hasSuffix(".jwt")
        let wantsPDF = typed.hasSuffix(".pdf")
        if wantsJWT || wantsPDF { typed.removeLast(4) }
        guard let certificate = try await service.find(typed) else {
            if wantsJWT || wantsPDF { throw AppError(.notFound, "certificate_not_found", typed) }
            let page = VerifyResultPage(
                title: pages.text("verify_unknown_title", context),
                notFound: pages.text("error.certificate_not_found", context, typed))
            return pages.render(page, request: request, context: context, status: .notFound)
        }
        if wantsJWT {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"\(certificate.code).jwt\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: certificate.jwt)))
        }
        if wantsPDF {
            let pdf = try await pdfs.pdf(certificate)
            var headers = HTTPFields()
            headers[.contentType] = "application/pdf"
            let disposition = request.uri.queryParameters.get("download") == nil ? "inline" : "attachment"
            headers[.contentDisposition] = "\(disposition); filename=\"\(certificate.code).pdf\""
            // Revocation does not change the file (it stays signed; the verify page says revoked): a day's caching.
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
        }
        let showReason = CertificateView.mayReadReason(certificate, context.user)
        let facts = CertificateFacts(
            certificate, issuer: config.issuerName, showReason: showReason, language: context.language)
        var page = VerifyResultPage(title: pages.text("verify_title", context), certificate: facts)
        if !certificate.isRevoked, let role = context.signedIn?.role, RequireRole(.hr).allows(role) {
            page.revokeURL = SitePath.revokeCertificate(certificate.code)
        }
        if certificate.isRevoked && request.uri.queryParameters.get("done") == "revoked" {
            page.message = pages.text("admin_cert_revoked", context)
        }
        return pages.render(page, request: request, context: context)
    }

    /// Every public key ever used.
    @Sendable func jwks(_ request: Request, context: AppRequestContext) async throws -> Response {
        try Self.json(try await keys.jwks(baseURL: config.resolvedBaseURL), context: context)
    }

    /// `/keys/{kid}` as a bare JWK, `/keys/{kid}.pem` as PEM, `/keys/{kid}.crt` the key's X.509 certificate (PEM,
    /// with the CA chain after it when there is one): what PDF signatures carry, to add to a reader's trusted list.
    @Sendable func key(_ request: Request, context: AppRequestContext) async throws -> Response {
        var kid = context.parameters.get("kid") ?? ""
        if kid.hasSuffix(".crt") {
            kid.removeLast(4)
            guard let (certificate, chain) = try await keys.certificate(kid: kid) else {
                throw AppError(.notFound, "key_not_found", kid)
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/x-x509-ca-cert"
            headers[.contentDisposition] = "attachment; filename=\"\(kid).crt\""
            headers[.cacheControl] = "public, max-age=86400"
            let pem = try ([certificate] + chain).map { try $0.pemRepresentation() }.joined()
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: pem)))
        }
        let wantsPEM = kid.hasSuffix(".pem")
        if wantsPEM { kid.removeLast(4) }
        guard let key = try await keys.publicKey(kid: kid) else { throw AppError(.notFound, "key_not_found", kid) }
        if wantsPEM {
            var headers = HTTPFields()
            headers[.contentType] = "application/x-pem-file"
            headers[.cacheControl] = "public, max-age=86400"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try key.pemRepresentation())))
        }
        return try Self.json(key.jwk(kid: KeyStore.keyURL(config.resolvedBaseURL, kid)), context: context)
    }

    /// The Open Badges issuer profile, with every key's fingerprint.
    @Sendable func issuer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = config.resolvedBaseURL
        let list = try await keys.list()
        let profile = IssuerProfile(
            context: [
                "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ],
            id: "\(base)/issuer", type: ["Profile"], name: config.issuerName, url: base,
            verificationMethod: list.map { info in
                IssuerProfile.Key(
                    id: KeyStore.keyURL(base, info.kid), type: "JsonWebKey", controller: "\(base)/issuer",
                    sha256Fingerprint: info.fingerprint, created: Timestamp.text(info.createdAt),
                    publicKeyPem: "\(base)/keys/\(info.kid).pem", retired: info.retiredAt.map(Timestamp.text))
            })
        return Self.raw(try AppJSON.plain.encode(profile))
    }

    /// `{"revokedCredential": [{"id", "revoked": true}]}` — no personal data.
    @Sendable func revocations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let list = try await service.revokedIDs().map { RevocationList.Entry(id: $0, revoked: true) }
        var response = Self.raw(try AppJSON.plain.encode(RevocationList(revokedCredential: list)))
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    static func json(_ value: some Encodable, context: AppRequestContext) throws -> Response {
        raw(try AppJSON.plain.encode(value))
    }

    static func raw(_ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "public, max-age=300"
        headers[.accessControlAllowOrigin] = "*"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The Open Badges 3.0 issuer profile at `/issuer`: its names are the standard's.
struct IssuerProfile: Encodable {
    struct Key: Encodable {
        let id: String
        let type: String
        let controller: String
        let sha256Fingerprint: String
        let created: String
        let publicKeyPem: String
        /// Absent while the key is in use.
        let retired: String?
    }

    let context: [String]
    let id: String
    let type: [String]
    let name: String
    let url: String
    let verificationMethod: [Key]

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, name, url, verificationMethod
    }
}

/// `/status/revocations.json`: the ids of revoked credentials, no personal data.
struct RevocationList: Encodable {
    struct Entry: Encodable {
        let id: String
        let revoked: Bool
    }

    let revokedCredential: [Entry]
}
