import Foundation
import Hummingbird

/// Bulk import for trainers and admins: the upload page (`/admin/import`) and `POST /api/v1/users/import`.
struct ImportController {
    let importer: UserImport
    let catalog: CourseCatalog
    let pages: PageRenderer
    let config: AppConfig
    let audit: AuditLog

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer))
        routes.get(RouterPath(SitePath.importUsers), use: form)
        routes.post(RouterPath(SitePath.importUsers), use: upload)
        return routes
    }

    var apiEndpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer))
        routes.post("/users/import", use: api)
        return routes
    }

    /// The upload form: a file or pasted text, and a dry-run choice.
    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = ImportPage(courses: catalog.snapshot.courses, strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// Runs the import (or the dry run) and shows every row's outcome, then the login slips to print.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireSignedIn()
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        let bytes = Array(buffer: body)
        var csv: [UInt8] = []
        var dryRun = false
        if let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
            let form = MultipartForm(contentType: type, body: bytes)
        {
            csv = form.file("file")?.body ?? []
            if csv.isEmpty { csv = Array((form.field("csv") ?? "").utf8) }
            dryRun = form.field("dry_run") != nil
        } else {
            let form = try FormBody.decode(PastedForm.self, from: String(decoding: bytes, as: UTF8.self))
            csv = Array((form.csv ?? "").utf8)
            dryRun = form.dryRun != nil
        }
        guard !csv.isEmpty else {
            let page = ImportPage(
                courses: catalog.snapshot.courses, error: pages.text("import_empty", context), strings: pages.strings,
                language: context.language)
            return pages.render(page, request: request, context: context, status: .badRequest)
        }
        let report = try await importer.run(
            csv: csv, dryRun: dryRun, actor: actor.user, courses: Set(catalog.snapshot.courses.map(\.slug)))
        context.logger.info(
            "import by user \(actor.id): \(report.created) created, \(report.errors.count) errors, dry run \(dryRun)")
        try await audit.imported(report, via: "web", context: context)
        let page = ImportResultPage(
            report, csv: String(decoding: csv, as: UTF8.self), baseURL: config.resolvedBaseURL,
            strings: pages.strings, language: context.language)
        var response = pages.render(
            page, request: request, context: context, status: report.errors.isEmpty ? .ok : .unprocessableContent)
        // The login slips below the report carry one-time passwords: no cache may keep them.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The JSON report; CSV in the body; `?dry_run=true` checks without writing.
    @Sendable func api(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireSignedIn()
        let dryRun = try Self.dryRun(request.uri.queryParameters.get("dry_run"))
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        let report = try await importer.run(
            csv: Array(buffer: body), dryRun: dryRun, actor: actor.user,
            courses: Set(catalog.snapshot.courses.map(\.slug)))
        try await audit.imported(report, via: "api", context: context)
        var response = try ImportView.JSONReport(report).response(from: request, context: context)
        response.status = report.errors.isEmpty ? .ok : .unprocessableContent
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `?dry_run=` as the OpenAPI document lists it. Anything else is refused rather than read as false: a typo
    /// such as `dry_run=True` must not import for real.
    static func dryRun(_ value: String?) throws -> Bool {
        switch value {
        case nil, "false", "0", "no": return false
        case "true", "1", "yes": return true
        case let other?: throw AppError(.badRequest, "bad_dry_run", other)
        }
    }
}

/// How an import report is shown as JSON (the page is `ImportResultPage`).
enum ImportView {
    /// The API's answer: counts, errors, and every row (generated passwords appear here once).
    struct JSONReport: ResponseEncodable {
        let dryRun: Bool
        let created: Int
        let updated: Int
        let unchanged: Int
        let errors: [UserImport.LineError]
        let rows: [UserImport.Row]

        init(_ report: UserImport.Report) {
            dryRun = report.dryRun
            created = report.created
            updated = report.updated
            unchanged = report.unchanged
            errors = report.errors
            rows = report.rows
        }
    }
}
