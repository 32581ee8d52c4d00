import Foundation
import Hummingbird

/// The certificate JSON routes of API.md.
struct CertificateAPIController {
    let service: CertificateService
    let verifier: CertificateVerifier
    let limiter: RateLimiter
    let config: AppConfig
    let audit: AuditLog

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.group().add(middleware: RequireRole.signedIn).get("/me/certificates", use: mine)
        routes.get("/certificates/:code", use: show)
        routes.group().add(middleware: RequireRole(.hr)).post("/certificates/:code/revocation", use: revoke)
        routes.post("/verify", use: verify)
        return routes
    }

    /// One of the caller's certificates.
    struct Mine: Codable {
        let code: String
        let course: String
        let issuedAt: Date
        let url: String
        let jwtUrl: String
        let pdfUrl: String
    }

    /// `GET /me/certificates`.
    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let base = config.resolvedBaseURL
        let list = try await service.certificates(userID: user.id).map {
            Mine(
                code: $0.code, course: $0.courseSlug, issuedAt: $0.issuedAt, url: base + SitePath.certificate($0.code),
                jwtUrl: base + SitePath.certificate($0.code) + ".jwt",
                pdfUrl: base + SitePath.certificate($0.code) + ".pdf")
        }
        return try Self.encode(list, context: context)
    }

    /// A certificate's public status.
    struct Status: Codable {
        let code: String
        let status: String
        let course: String
        let courseTitle: String
        let issuedAt: Date
        let holderName: String
        let revokedAt: Date?
        let reason: String?

        init(_ certificate: Certificate, showReason: Bool) {
            code = certificate.code
            status = certificate.isRevoked ? "revoked" : "valid"
            course = certificate.courseSlug
            courseTitle = certificate.courseTitle
            issuedAt = certificate.issuedAt
            holderName = certificate.holderName
            revokedAt = certificate.revokedAt
            reason = showReason ? certificate.revokedReason : nil
        }
    }

    /// `GET /certificates/{code}`: 404 for an unknown code; rate-limited per address.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard limiter.allow(context.remoteAddress) else { throw AppError(.tooManyRequests, "lookups_throttled") }
        let code = context.parameters.get("code") ?? ""
        guard let certificate = try await service.find(code) else {
            throw AppError(.notFound, "certificate_not_found", code)
        }
        let status = Status(certificate, showReason: CertificateView.mayReadReason(certificate, context.user))
        return try Self.encode(status, context: context)
    }

    /// The revocation body.
    struct Revocation: JSONReadable {
        let reason: String

        init(json: JSONObject) throws(JSONMismatch) { reason = try json.string("reason") }
    }

    /// `POST /certificates/{code}/revocation` (hr, admin).
    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let body = try await JSONBody.decode(Revocation.self, from: request, context: context)
        let reason = Text.clean(body.reason)
        guard !reason.isEmpty else { throw AppError(.badRequest, "reason_required") }
        let code = context.parameters.get("code") ?? ""
        guard let certificate = try await service.revoke(code: code, reason: String(reason.prefix(300)), by: user.id)
        else {
            throw AppError(.notFound, "certificate_not_found", code)
        }
        context.logger.notice("certificate \(certificate.code) revoked by user \(user.id)")
        try await audit.record(.certificateRevoked, target: certificate.code, detail: reason, context: context)
        let status = Status(certificate, showReason: CertificateView.mayReadReason(certificate, context.user))
        return try Self.encode(status, context: context)
    }

    /// The answer of `POST /verify`.
    struct Verified: Encodable {
        let signatureValid: Bool
        let status: String
        let code: String?
        let kid: String?
        /// The claims exactly as signed: an open shape, passed through (its keys are written as they are).
        let claims: JSONValue?
        let problem: String?
        let revokedAt: String?
        let reason: String?

        enum CodingKeys: CodingKey {
            case signatureValid, status, code, kid, claims, problem, revokedAt, reason
        }

        /// `code` and `kid` are written even when null, as they always were; the rest only when there.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(signatureValid, forKey: .signatureValid)
            try container.encode(status, forKey: .status)
            try container.encode(code, forKey: .code)
            try container.encode(kid, forKey: .kid)
            try container.encodeIfPresent(claims, forKey: .claims)
            try container.encodeIfPresent(problem, forKey: .problem)
            try container.encodeIfPresent(revokedAt, forKey: .revokedAt)
            try container.encodeIfPresent(reason, forKey: .reason)
        }
    }

    /// `POST /verify` with the `.jwt` text as the body: `{signature_valid, status, code, claims}`.
    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard limiter.allow(context.remoteAddress) else { throw AppError(.tooManyRequests, "lookups_throttled") }
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        let verdict = await verifier.verify(String(buffer: body))
        let revoked = verdict.certificate.flatMap { certificate in certificate.revokedAt.map { (certificate, $0) } }
        let verified = Verified(
            signatureValid: verdict.signatureValid, status: verdict.status, code: verdict.code, kid: verdict.kid,
            claims: verdict.payload.flatMap(JSONReader.parse), problem: verdict.problem,
            revokedAt: revoked.map { Timestamp.text($0.1) },
            reason: revoked.flatMap { certificate, _ in
                CertificateView.mayReadReason(certificate, context.user) ? certificate.revokedReason ?? "" : nil
            })
        return try Self.encode(verified, context: context)
    }

    static func encode(_ value: some Encodable, context: AppRequestContext) throws -> Response {
        let data = try context.responseEncoder.encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
