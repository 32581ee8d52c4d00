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
        routes.get(RouterPath(SitePath.importUsers), use: form)
        routes.post(RouterPath(SitePath.importUsers), use: upload)
        return routes
    }

    var apiEndpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.post("/users/import", use: api)
        return routes
    }

    /// The upload form: a file or pasted text, and a dry-run choice.
    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.require(.trainer)
        return pages.page(
            "import", title: pages.text("import_title", context), data: formData(context, csv: "", error: nil),
            request: request, context: context)
    }

    func formData(_ context: AppRequestContext, csv: String, error: String?) -> [String: Any] {
        [
            "courses": catalog.snapshot.courses.map { ["slug": $0.slug, "title": $0.title.text(context.language)] },
            "csv": csv, "error": error as Any, "columns": UserImport.columns.joined(separator: ", "),
        ]
    }

    /// Runs the import (or the dry run) and shows every row's outcome, then the login slips to print.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.require(.trainer)
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
            return pages.page(
                "import", title: pages.text("import_title", context),
                data: formData(context, csv: "", error: pages.text("import_empty", context)), request: request,
                context: context, status: .badRequest)
        }
        let report = try await importer.run(
            csv: csv, dryRun: dryRun, actor: actor, courses: Set(catalog.snapshot.courses.map(\.slug)))
        context.logger.info("import by user \(actor.id ?? 0): \(report.created) created, \(report.errors.count) errors, dry run \(dryRun)")
        try await audit.imported(report, via: "web", context: context)
        var data = LoginSlips.data(report.rows, baseURL: config.resolvedBaseURL)
        data["report"] = ImportView.summary(report, pages: pages, context: context)
        data["rows"] = report.rows.map { ImportView.row($0, pages: pages, context: context) }
        data["fileErrors"] = report.errors.filter { error in !report.rows.contains { $0.line == error.line } }
            .map { ["line": $0.line, "message": ImportView.localized($0.code, $0.arguments, english: $0.message, pages, context)] }
        data["dryRun"] = dryRun
        data["csv"] = String(decoding: csv, as: UTF8.self)
        var response = pages.page(
            "import_result", title: pages.text("import_title", context), data: data, request: request,
            context: context, status: report.errors.isEmpty ? .ok : .unprocessableContent)
        // The login slips below the report carry one-time passwords: no cache may keep them.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The JSON report; CSV in the body; `?dry_run=true` checks without writing.
    @Sendable func api(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.require(.trainer)
        let dryRun = try Self.dryRun(request.uri.queryParameters.get("dry_run"))
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        let report = try await importer.run(
            csv: Array(buffer: body), dryRun: dryRun, actor: actor, courses: Set(catalog.snapshot.courses.map(\.slug)))
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

/// How an import report is shown: as a page and as JSON.
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

    static func summary(_ report: UserImport.Report, pages: PageRenderer, context: AppRequestContext) -> String {
        if !report.errors.isEmpty { return pages.text("import_failed", context, String(report.errors.count)) }
        let counts = [String(report.created), String(report.updated), String(report.unchanged)]
        return pages.strings.text(report.dryRun ? "import_dry_summary" : "import_summary", context.language, counts)
    }

    /// A problem in the page's language.
    static func localized(
        _ code: String, _ arguments: [String], english: String, _ pages: PageRenderer, _ context: AppRequestContext
    ) -> String {
        let key = "import_error.\(code)"
        return pages.strings.has(key) ? pages.strings.text(key, context.language, arguments) : english
    }

    static func row(_ row: UserImport.Row, pages: PageRenderer, context: AppRequestContext) -> [String: Any] {
        [
            "line": row.line, "username": row.username, "fullName": row.fullName, "commune": row.commune,
            "outcome": pages.text("import_outcome_\(row.outcome.rawValue)", context), "isError": row.outcome == .error,
            "message": row.problem.map { localized($0.code, $0.arguments, english: $0.english, pages, context) } ?? "",
            "enrolledIn": row.enrolledIn ?? "",
        ]
    }
}
