import Foundation
import Hummingbird

/// Learners' certificates (list, printable A4 page) and HR's register (search, revoke, export).
struct CertificateController {
    let service: CertificateService
    let catalog: CourseCatalog
    let pages: PageRenderer
    let config: AppConfig
    let audit: AuditLog
    let pdfs: CertificatePDFs
    /// The communes offered for "every certificate of a commune".
    let places: PlaceList

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
        var page = AdminCertificatesPage(
            found: found, q: q, course: course, courses: catalog.snapshot.courses, message: message,
            strings: pages.strings, language: context.language)
        let communes = try await service.holderCommunes().map { name in
            AdminCertificatesPage.Commune(value: name, label: places.place(named: name)?.fullName ?? name)
        }
        page.communeExport = communes.isEmpty ? nil : .init(communes: communes)
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

    /// Every certificate of a course, of a commune-level unit (its people as they are recorded now), or of both, as
    /// one ZIP: each signed PDF and `.jwt`, and `index.csv`. Written to a file on the blocking pool, then streamed.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try FormBody.query(RegisterQuery.self, from: request)
        let course = query.course ?? ""
        let commune = Text.clean(query.commune ?? "")
        guard !course.isEmpty || !commune.isEmpty else { throw AppError(.badRequest, "export_needs_course_or_commune") }
        guard course.isEmpty || catalog.snapshot.course(course) != nil else {
            throw AppError(.notFound, "course_not_found", course)
        }
        let entries = try await service.exportEntries(course: course, commune: commune)
        guard !entries.isEmpty else { throw AppError(.notFound, "export_empty") }
        // Certificates issued before PDFs existed get theirs now, signed with the active key.
        for entry in entries where !FileManager.default.fileExists(atPath: pdfs.path(entry.certificate.code)) {
            try await pdfs.make(entry.certificate)
        }
        let directory = (config.dataDirectory as NSString).appendingPathComponent("tmp")
        let path = (directory as NSString).appendingPathComponent("export-\(UUID().uuidString).zip")
        let (baseURL, issuer, pdfs) = (config.resolvedBaseURL, config.certificateIssuer, self.pdfs)
        let size = try await Blocking.run {
            try DataDirectory.prepare(directory)
            CertificateExport.removeStale(in: directory)
            do {
                try CertificateExport.write(entries, to: path, baseURL: baseURL, issuer: issuer) { certificate in
                    guard let data = FileManager.default.contents(atPath: pdfs.path(certificate.code)) else {
                        throw AppError(.internalServerError, "pdf_missing", certificate.code)
                    }
                    return [UInt8](data)
                }
                return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
        }
        let name = [
            course,
            commune.isEmpty
                ? "" : Text.searchKey(commune).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined(),
        ].filter { !$0.isEmpty }.joined(separator: "-")
        return CertificateExport.stream(path, size: size, filename: "certificates-\(name).zip")
    }
}
