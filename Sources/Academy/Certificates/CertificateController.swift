import Foundation
import Hummingbird

/// Learners' certificates (list, printable A4 page) and HR's register (search, revoke, export).
struct CertificateController {
    let service: CertificateService
    let catalog: CourseCatalog
    let pages: PageRenderer
    let config: AppConfig
    let audit: AuditLog

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.group().add(middleware: RequireRole.signedIn)
            .get(RouterPath(SitePath.myCertificates), use: mine)
            .get("/certificates/:code", use: printable)
        routes.group().add(middleware: RequireRole(.hr))
            .get(RouterPath(SitePath.adminCertificates), use: register)
            .post("/admin/certificates/:code/revoke", use: revoke)
            .get("/admin/certificates/export", use: export)
        return routes
    }

    /// The signed-in person's certificates.
    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let certificates = try await service.certificates(userID: user.id)
        let page = CertificatesPage(
            certificates, catalog: catalog.snapshot, strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// The certificate to print on A4 landscape, with its QR code; for its holder, HR and admins.
    @Sendable func printable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        guard let certificate = try await service.find(context.parameters.get("code") ?? "") else {
            throw AppError(.notFound, "certificate_not_found", context.parameters.get("code") ?? "")
        }
        guard certificate.userId == user.id || [.hr, .admin].contains(user.role) else { throw AppError.forbidden }
        let verifyURL = config.resolvedBaseURL + SitePath.certificate(certificate.code)
        let page = CertificatePrintPage(
            certificate, course: catalog.snapshot.course(certificate.courseSlug), issuer: config.issuerName,
            verifyURL: verifyURL, qr: try QRCode.svg(verifyURL), strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// HR's register: search by code or name, filter by course, revoke.
    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try FormBody.query(RegisterQuery.self, from: request)
        let message = query.done == "revoked" ? pages.text("admin_cert_revoked", context) : nil
        return try await registerPage(request, context, q: query.q ?? "", course: query.course ?? "", message: message)
    }

    func registerPage(_ request: Request, _ context: AppRequestContext, q: String, course: String, message: String?)
        async throws -> Response
    {
        let found = try await service.search(q, course: course)
        let page = AdminCertificatesPage(
            found: found, q: q, course: course, courses: catalog.snapshot.courses, message: message,
            strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// Revokes with the reason typed; the reason is kept and shown on the verify page.
    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let form = try await FormBody.decode(RevokeForm.self, from: request, context: context)
        guard let reason = form.reason, !reason.isEmpty else { throw AppError(.badRequest, "reason_required") }
        guard form.confirm != nil else { throw AppError(.badRequest, "confirm_required") }
        let code = context.parameters.get("code") ?? ""
        guard let certificate = try await service.revoke(code: code, reason: String(reason.prefix(300)), by: user.id)
        else {
            throw AppError(.notFound, "certificate_not_found", code)
        }
        context.logger.notice("certificate \(certificate.code) revoked by user \(user.id)")
        try await audit.record(.certificateRevoked, target: certificate.code, detail: reason, context: context)
        if form.back == "verify" {
            return .redirect(to: SitePath.certificate(certificate.code) + "?done=revoked", type: .normal)
        }
        return .redirect(to: SitePath.adminCertificates + "?done=revoked&q=" + certificate.code, type: .normal)
    }

    /// Every certificate of a course as `.jwt` files with an index CSV, in one ZIP.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let course = try FormBody.query(RegisterQuery.self, from: request).course ?? ""
        guard catalog.snapshot.course(course) != nil || !course.isEmpty else {
            throw AppError(.notFound, "course_not_found", course)
        }
        let certificates = try await service.search("", course: course, limit: 1_000_000)
        let baseURL = config.resolvedBaseURL
        let zip = try await Blocking.run { try CertificateExport.zip(certificates, baseURL: baseURL) }
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = "attachment; filename=\"certificates-\(course).zip\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: zip)))
    }
}
