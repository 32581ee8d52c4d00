import Foundation
import Hummingbird

/// For trainers and admins: the courses served, the ones refused with their problems, and a reload button.
struct CourseAdminController {
    let catalog: CourseCatalog
    let pages: PageRenderer
    let audit: AuditLog

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer))
        routes.get(RouterPath(SitePath.courseProblems), use: overview)
        routes.post(RouterPath(SitePath.courseReload), use: reload)
        return routes
    }

    /// Every course folder: loaded (with its content version) or refused (with each problem).
    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        return render(catalog.snapshot, request, context, reloaded: request.uri.queryParameters.get("reloaded") != nil)
    }

    func render(_ snapshot: CourseCatalog.Snapshot, _ request: Request, _ context: AppRequestContext, reloaded: Bool)
        -> Response
    {
        let page = ProblemsPage(snapshot, reloaded: reloaded, strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// Reads every course folder again and swaps the new set in at once.
    @Sendable func reload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let catalog = self.catalog
        let snapshot = try await Blocking.run { catalog.reload() }
        context.logger.notice("courses reloaded by user \(user.id)")
        try await audit.record(.coursesReloaded, detail: AuditLog.describe(snapshot), context: context)
        return .redirect(to: SitePath.courseProblems + "?reloaded=1", type: .normal)
    }
}
